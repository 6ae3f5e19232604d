// The loader rejects a whole rule set for any problem, naming file and line: syntax errors,
// unknown units, units missing from the org graph, gaps and overlaps under the unique hit
// policy, missing clauses, failing rule tests; and the revision is a content hash.
#include <catch2/catch.hpp>

#include <fstream>

#include "core/error.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "ruleset_fixture.hpp"

using namespace hotline;
using namespace hotline::rules;
using hotline::test::edit;
using hotline::test::line_of;
using hotline::test::scratch_ruleset;

namespace {
std::string load_error(const std::filesystem::path& folder, LoadOptions opt = {}) {
  try {
    load_rule_set(folder, opt);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
std::string at(const std::filesystem::path& folder, const char* file, int line) {
  return (std::filesystem::weakly_canonical(folder) / file).string() + ":" + std::to_string(line) + ": ";
}
}  // namespace

TEST_CASE("a syntax error rejects the set naming file and line", "[rules][loader]") {
  auto dir = scratch_ruleset("shangluo-2024", "syntax");
  edit(dir / "deadlines.lua", "hours = 24, clause", "hours = = 24, clause");
  std::string err = load_error(dir);
  INFO(err);
  CHECK(err.rfind(at(dir, "deadlines.lua", line_of(dir / "deadlines.lua", "hours = = 24")), 0) == 0);
  CHECK(err.find("unexpected symbol near '='") != std::string::npos);
}

TEST_CASE("a runtime error while loading rejects the set with its line", "[rules][loader]") {
  auto dir = scratch_ruleset("shangluo-2024", "runtime");
  edit(dir / "dispatch.lua", "local locality =", "local x = nil .. 'a'\nlocal locality =");
  std::string err = load_error(dir);
  CHECK(err.rfind(at(dir, "dispatch.lua", line_of(dir / "dispatch.lua", "local x = nil")), 0) == 0);
  CHECK(err.find("attempt to concatenate a nil value") != std::string::npos);
}

TEST_CASE("an unknown unit in the catalog is rejected with its row line", "[rules][loader]") {
  auto dir = scratch_ruleset("shangluo-2024", "unknown-unit");
  edit(dir / "dispatch.lua", "unit = \"zlsgs\"", "unit = \"no-such-water\"");
  std::string err = load_error(dir);
  INFO(err);
  CHECK(err.rfind(at(dir, "dispatch.lua", line_of(dir / "dispatch.lua", "id = \"water\"")), 0) == 0);
  CHECK(err.find("dispatch.water.unit: unknown unit 'no-such-water'") != std::string::npos);
}

TEST_CASE("a catalog unit missing from the org graph is rejected", "[rules][loader]") {
  auto dir = scratch_ruleset("shangluo-2024", "org-missing");
  // A tiny org graph without the water company.
  std::vector<Unit> units(2);
  units[0].id = "shangluo";
  units[0].name = "商洛市12345热线";
  units[0].kind = UnitKind::City;
  units[1].id = "shangzhou";
  units[1].name = "商州区";
  units[1].kind = UnitKind::District;
  units[1].level = 1;
  units[1].parent_id = "shangluo";
  LoadOptions opt;
  opt.org = std::make_shared<const OrgGraph>(OrgGraph::from_units(units, "test"));
  std::string err = load_error(dir, opt);
  CHECK(err.find("dispatch.water.unit: unknown unit 'zlsgs' (not in the org graph") != std::string::npos);
  CHECK(err.find("dispatch.post.unit: unknown unit 'yzglj'") != std::string::npos);  // every problem listed
}

TEST_CASE("a utility row must name a utility and a vertical row a city-level vertical body", "[rules][loader]") {
  auto dir = scratch_ruleset("shangluo-2024", "kinds");
  edit(dir / "dispatch.lua", "to = \"utility\",  unit = \"zlsgs\"", "to = \"utility\",  unit = \"cgj\"");
  edit(dir / "dispatch.lua", "to = \"vertical\", unit = \"yzglj\"", "to = \"vertical\", unit = \"jtj\"");
  std::string err = load_error(dir);
  CHECK(err.find("'cgj' is not a utility") != std::string::npos);
  CHECK(err.find("'jtj' is not a city-level vertically managed body") != std::string::npos);
}

TEST_CASE("a gap in a unique deadline table is rejected", "[rules][loader]") {
  auto dir = scratch_ruleset("shangluo-2024", "gap");
  edit(dir / "deadlines.lua", "types = { \"help\", \"complaint\", \"report\", \"suggestion\" }, urgency = { \"normal\", \"urgent\" }",
       "types = { \"help\", \"complaint\", \"report\" }, urgency = { \"normal\", \"urgent\" }");
  std::string err = load_error(dir);
  INFO(err);
  CHECK(err.find("deadlines.lua:") != std::string::npos);
  CHECK(err.find("deadlines.reply: gap: no row covers type/urgency/class suggestion/normal/general") != std::string::npos);
}

TEST_CASE("an overlap in a unique deadline table is rejected naming both rows", "[rules][loader]") {
  auto dir = scratch_ruleset("shangluo-2024", "overlap");
  edit(dir / "deadlines.lua", "types = \"consultation\", urgency = { \"normal\", \"urgent\" }", "types = \"consultation\"");
  std::string err = load_error(dir);
  INFO(err);
  CHECK(err.rfind(at(dir, "deadlines.lua", line_of(dir / "deadlines.lua", "id = \"major\"")), 0) == 0);
  CHECK(err.find("deadlines.reply.major: overlaps deadlines.reply.consultation (line " +
                 std::to_string(line_of(dir / "deadlines.lua", "id = \"consultation\"")) + ") under hit policy unique") != std::string::npos);
}

TEST_CASE("a category twice in a unique catalog is rejected", "[rules][loader]") {
  auto dir = scratch_ruleset("shangluo-2024", "dup-category");
  edit(dir / "dispatch.lua", "category = \"供暖\"", "category = \"供水\"");
  std::string err = load_error(dir);
  CHECK(err.find("dispatch.heating: category '供水' is also in dispatch.water (line") != std::string::npos);
}

TEST_CASE("a rule without a clause is rejected", "[rules][loader]") {
  auto dir = scratch_ruleset("shangluo-2024", "no-clause");
  edit(dir / "deadlines.lua", "{ id = \"accept\",       hours = 24, clause = \"[SL24 §12]\" }", "{ id = \"accept\", hours = 24 }");
  std::string err = load_error(dir);
  CHECK(err.rfind(at(dir, "deadlines.lua", line_of(dir / "deadlines.lua", "id = \"accept\"")), 0) == 0);
  CHECK(err.find("every rule cites its clause") != std::string::npos);
}

TEST_CASE("a failing rule test rejects the set naming the case", "[rules][loader]") {
  auto dir = scratch_ruleset("shangluo-2024", "failing-test");
  edit(dir / "deadlines.lua", "working_days = 2, clause", "working_days = 3, clause");
  std::string err = load_error(dir);
  INFO(err);
  CHECK(err.rfind(at(dir, "tests/deadlines.lua", line_of(dir / "tests/deadlines.lua", "name = \"a consultation closes")), 0) == 0);
  CHECK(err.find("reply_by: expected 2025-01-28 00:00, got 2025-02-06T00:00:00+08:00") != std::string::npos);
  LoadOptions opt;
  opt.run_tests = false;
  CHECK_NOTHROW(load_rule_set(dir, opt));  // `rules check --no-tests` still sees the set
}

TEST_CASE("the revision is a content hash of the folder", "[rules][loader]") {
  LoadOptions opt;
  opt.run_tests = false;
  auto a = load_rule_set(scratch_ruleset("shangluo-2024", "rev-a"), opt);
  auto b = load_rule_set(scratch_ruleset("shangluo-2024", "rev-b"), opt);
  CHECK(a->revision() == b->revision());  // same content, other folder
  auto dir = scratch_ruleset("shangluo-2024", "rev-c");
  edit(dir / "tests/intake.lua", "-- Rule tests", "-- Edited rule tests");
  CHECK(load_rule_set(dir, opt)->revision() != a->revision());
}

TEST_CASE("the memoised working-day lookup equals the calendar primitive", "[rules][loader]") {
  LoadOptions opt;
  opt.run_tests = false;
  auto rs = load_rule_set(data_dir() / "rulesets" / "shangluo-2024", opt);
  const WorkCalendar& cal = rs->calendar();
  DayNumber first = day_number({cal.first_year(), 1, 1});
  DayNumber last = day_number({cal.last_year(), 12, 1});
  int checked = 0;
  for (DayNumber d = first; d <= last; d += 3)
    for (int n : {0, 1, 2, 3, 5, 7}) {
      Time t = cst_midnight(d) + 9 * 3600 + 17;
      REQUIRE(rs->add_working_days(t, n) == cal.add_working_days(t, n));
      ++checked;
    }
  CHECK(checked > 1000);
  CHECK_THROWS_AS(rs->add_working_days(make_time({cal.last_year() + 1, 6, 1}), 1), CalendarRangeError);
}

TEST_CASE("a helper module is served from the validated files and counts in the revision", "[rules][loader]") {
  auto dir = scratch_ruleset("shangluo-2024", "module");
  {
    std::ofstream(dir / "common.lua") << "-- shared clause tags\nreturn { locality = \"[SL24 §11(二)] 属地管理优先\" }\n";
  }
  edit(dir / "dispatch.lua", "local locality = \"[SL24 §11(二)] 属地管理优先\"", "local locality = require(\"common\").locality");
  LoadOptions opt;
  auto rs = load_rule_set(dir, opt);  // its tests pass with the module
  RuleEngine engine(rs);
  std::filesystem::remove(dir / "common.lua");  // the engine does not read the disk again
  RuleEngine again(rs);
  Ticket t;
  t.id = "M1";
  t.category = "物业管理";
  t.district = "luonan";
  t.created = make_time({2025, 3, 3}, 10);
  CHECK(again.decide(t).trace.at(1).clause == "[SL24 §11(二)] 属地管理优先");
  std::ofstream(dir / "common.lua") << "return { locality = \"[SL24 §11(二)] changed\" }\n";
  opt.run_tests = false;
  CHECK(load_rule_set(dir, opt)->revision() != rs->revision());
}
