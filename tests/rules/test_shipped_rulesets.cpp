// The shipped rule sets load, validate and pass every one of their own tests.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "core/paths.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/rule_tests.hpp"

using namespace hotline;
using namespace hotline::rules;

TEST_CASE("the shipped rule sets pass check and all their rule tests", "[rules][shipped]") {
  for (const char* name : {"shangluo-2024", "xian-2023"}) {
    INFO(name);
    LoadOptions opt;
    opt.run_tests = false;
    std::shared_ptr<const RuleSet> rs;
    try {
      rs = load_rule_set(data_dir() / "rulesets" / name, opt);
    } catch (const InputError& e) {
      FAIL(e.what());
    }
    RuleEngine engine(rs);
    auto results = run_rule_tests(engine);
    CHECK(results.size() >= 20);
    for (const auto& r : results) {
      INFO(r.file << ":" << r.line << ": " << r.name << ": " << r.message);
      CHECK(r.passed);
    }
    CHECK(engine.manual_count() == 0);
    CHECK(rs->revision().size() == 16);
  }
}

TEST_CASE("a rule set is found by path, by data-folder path and by shipped name", "[rules][shipped]") {
  namespace fs = std::filesystem;
  const fs::path shipped = fs::weakly_canonical(data_dir() / "rulesets" / "xian-2023");
  CHECK(fs::weakly_canonical(find_ruleset(shipped.string())) == shipped);
  CHECK(fs::weakly_canonical(find_ruleset("rulesets/xian-2023")) == shipped);  // as scenarios store it
  CHECK(fs::weakly_canonical(find_ruleset("xian-2023")) == shipped);
  CHECK_THROWS_WITH(find_ruleset("no-such-set"), Catch::Contains("no-such-set") && Catch::Contains("no such rule set folder"));
}
