// Tests of the rule lab's view model: the rule diff table (`hotline rules diff` as data).
#include <catch2/catch.hpp>

#include "tests/support/run_command.hpp"

#include "gui/rules_model.hpp"

using namespace hotline;
using namespace hotline::gui;
using Change = rules::ParameterDiff::Change;

TEST_CASE("the rule diff table lists every parameter of both sets with the CLI's counts", "[gui][rules]") {
  const RuleDiffTable t = diff_rulesets("shangluo-2024", "xian-2023");
  CHECK(t.baseline.rfind("shangluo-2024@", 0) == 0);
  CHECK(t.revised.rfind("xian-2023@", 0) == 0);
  REQUIRE(t.rows.size() == std::size_t(t.changed + t.added + t.removed + t.same));
  CHECK(t.changed > 0);
  CHECK(std::is_sorted(t.rows.begin(), t.rows.end(), [](const auto& a, const auto& b) { return a.name < b.name; }));
  for (const auto& r : t.rows) {
    INFO(r.name);
    if (r.change == Change::Added) CHECK(r.before.empty());
    if (r.change == Change::Removed) CHECK(r.after.empty());
    if (r.change == Change::Same) CHECK(r.before == r.after);
    if (r.change == Change::Changed) CHECK(r.before != r.after);
  }
  // the same totals as `hotline rules diff`
  const auto cli = hotline::test::run_hotline("rules diff shangluo-2024 xian-2023 --lang en", " 2>/dev/null");
  REQUIRE(cli.status == 0);
  CHECK_THAT(cli.out, Catch::Contains("Total: " + std::to_string(t.changed) + " changed, " + std::to_string(t.added) +
                                      " added, " + std::to_string(t.removed) + " removed, " + std::to_string(t.same) +
                                      " unchanged"));
}

TEST_CASE("a rule set diffed with itself has no changes; a missing set is an error naming it", "[gui][rules]") {
  const RuleDiffTable t = diff_rulesets("shangluo-2024", "shangluo-2024");
  CHECK(t.changed + t.added + t.removed == 0);
  CHECK(t.same > 10);
  CHECK_THROWS_WITH(diff_rulesets("shangluo-2024", "no-such-rules"), Catch::Contains("no-such-rules"));
}
