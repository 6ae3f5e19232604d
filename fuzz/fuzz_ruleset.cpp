// libFuzzer harness: the rule-set loader (rules/ruleset.hpp) on a folder built from the fuzz
// bytes. The bytes are cut at lines "--@@" into the module files in load order
// (ruleset.lua, intake.lua, dispatch.lua, deadlines.lua, escalation.lua, indicators.lua,
// diversion.lua), then a helper module common.lua, then up to two rule tests
// (tests/a.lua, tests/b.lua); fuzz/make_seeds.py builds seeds from the shipped sets that
// way. The folder is rebuilt for every input in this process's scratch folder. The org
// list and calendar are loaded once (the shipped Shangluo units and the national calendar)
// and the sandbox limits are small, so that one input stays cheap.
#include <exception>
#include <memory>

#include "core/calendar.hpp"
#include "core/org_graph.hpp"
#include "core/paths.hpp"
#include "fuzz/fuzz_support.hpp"
#include "rules/loader.hpp"
#include "rules/ruleset.hpp"

namespace {

namespace fs = std::filesystem;

const hotline::rules::LoadOptions& load_options() {
  static const hotline::rules::LoadOptions options = [] {
    hotline::rules::LoadOptions o;
    o.org = std::make_shared<const hotline::OrgGraph>(
        hotline::OrgGraph::load_csv(hotline::data_dir() / "orgs" / "shangluo.csv"));
    o.calendar = std::make_shared<const hotline::WorkCalendar>(hotline::WorkCalendar::national());
    o.limits.instructions = 200'000;
    o.limits.memory_bytes = std::size_t(16) << 20;
    o.run_tests = true;
    return o;
  }();
  return options;
}

fs::path build_folder(std::string_view bytes) {
  const fs::path folder = hotline::fuzz::scratch_dir() / "ruleset";
  fs::remove_all(folder);
  fs::create_directories(folder / "tests");
  constexpr std::size_t kModules = hotline::rules::kRuleFiles.size();
  const auto parts = hotline::fuzz::split(bytes, "\n--@@\n", kModules + 3);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    fs::path name = i < kModules        ? fs::path(hotline::rules::kRuleFiles[i])
                    : i == kModules     ? fs::path("common.lua")
                    : i == kModules + 1 ? fs::path("tests") / "a.lua"
                                        : fs::path("tests") / "b.lua";
    hotline::fuzz::write_file(folder / name, parts[i]);
  }
  return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const hotline::rules::LoadOptions& options = load_options();
  const fs::path folder = build_folder(hotline::fuzz::as_text(data, size));
  try {
    auto rs = hotline::rules::load_rule_set(folder, options);
    hotline::fuzz::require(rs != nullptr, "a loaded rule set");
    hotline::fuzz::require(!rs->revision().empty(), "a loaded rule set has a revision");
  } catch (const std::exception&) {
  }
  return 0;
}
