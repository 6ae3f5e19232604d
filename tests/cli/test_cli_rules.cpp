// End-to-end tests of `hotline rules ...` and `hotline dispatch`, running the real binary.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>
#include <string>

#include <nlohmann/json.hpp>

#include "core/paths.hpp"
#include "tests/rules/ruleset_fixture.hpp"

namespace {
struct Run {
  int code = -1;
  std::string out, err;
};
// Runs `hotline <args>` with optional stdin text; captures stdout and stderr.
Run hotline_run(const std::string& args, const std::string& input = "") {
  // ctest runs each case as its own process, in parallel: the pid keeps their files apart.
  static int counter = 0;
  std::string base = std::string(HOTLINE_TEST_TMP) + "/cli-rules-" + std::to_string(getpid()) + "-" +
                     std::to_string(++counter);
  std::ofstream(base + ".in") << input;
  std::string cmd = std::string("'") + HOTLINE_BIN + "' " + args + " < '" + base + ".in' > '" + base + ".out' 2> '" + base + ".err'";
  int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = hotline::test::read_text(base + ".out");
  r.err = hotline::test::read_text(base + ".err");
  return r;
}
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("rules check validates a shipped set and prints what it holds", "[cli][rules]") {
  Run r = hotline_run("rules check shangluo-2024");
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(has(r.out, "规则集 shangluo-2024"));
  CHECK(has(r.out, "例全部通过"));
  Run en = hotline_run("rules check xian-2023 --lang en");
  CHECK(en.code == 0);
  CHECK(has(en.out, "Rule set xian-2023"));
  CHECK(has(en.out, "cases, all passed"));
}

TEST_CASE("rules check rejects a bad set naming file, line and field", "[cli][rules]") {
  auto dir = hotline::test::scratch_ruleset("shangluo-2024", "cli-bad-unit");
  hotline::test::edit(dir / "dispatch.lua", "unit = \"trqgs\"", "unit = \"no-gas\"");
  Run r = hotline_run("rules check '" + dir.string() + "'");
  CHECK(r.code == 1);
  int line = hotline::test::line_of(dir / "dispatch.lua", "id = \"gas\"");
  CHECK(has(r.err, "dispatch.lua:" + std::to_string(line) + ": dispatch.gas.unit: unknown unit 'no-gas'"));
  Run missing = hotline_run("rules check no-such-set");
  CHECK(missing.code == 1);
  CHECK(has(missing.err, "hotline: no-such-set: no such rule set folder"));
}

TEST_CASE("rules test prints a line per case and fails on a failing case", "[cli][rules]") {
  Run ok = hotline_run("rules test xian-2023");
  CHECK(ok.code == 0);
  CHECK(has(ok.out, "PASS tests/dispatch.lua:"));
  CHECK(has(ok.out, "xian-2023: "));
  CHECK(has(ok.out, " 0 失败"));
  CHECK_FALSE(has(ok.out, "FAIL "));
  auto dir = hotline::test::scratch_ruleset("xian-2023", "cli-failing");
  hotline::test::edit(dir / "deadlines.lua", "hours = 24,", "hours = 48,");
  Run bad = hotline_run("rules test '" + dir.string() + "' --lang en");
  CHECK(bad.code == 1);
  int line = hotline::test::line_of(dir / "tests/deadlines.lua", "name = \"water, power");
  CHECK(has(bad.out, "FAIL tests/deadlines.lua:" + std::to_string(line) + ": water, power, gas and heating get feedback within 24 hours: reply_by: expected 2025-03-04 10:00, got 2025-03-05T10:00:00+08:00"));
  CHECK(has(bad.out, " failed"));
}

TEST_CASE("rules explain prints the decision with its trace, as text or JSON", "[cli][rules]") {
  std::string file = std::string(HOTLINE_TEST_TMP) + "/explain-ticket.json";
  std::ofstream(file) << R"({"id": "T1", "type": "help", "category": "欠薪", "district": "商州区", "street": "城关街道", "dispatched": "2025-03-03 10:00"})";
  Run r = hotline_run("rules explain xian-2023 --ticket '" + file + "'");
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(has(r.out, "主办: 商州区人社局 (sz-rsj)"));
  CHECK(has(r.out, "协办: 城关街道 (sz-chengguan)"));
  CHECK(has(r.out, "dispatch.wages  [XA23 三(一)3, 三(二)2]"));
  // generated trace texts follow the report's language; the JSON keeps the English form
  CHECK(has(r.out, "其余诉求均转为工单"));
  CHECK(has(r.out, "  1 小时\n"));
  CHECK_FALSE(has(r.out, "hour"));
  Run en = hotline_run("rules explain xian-2023 --ticket '" + file + "' --lang en");
  CHECK(has(en.out, "everything else becomes a ticket"));
  CHECK(has(en.out, "  1 hour\n"));
  CHECK_FALSE(has(en.out, " 小时"));  // (the clauses quote the policy in Chinese)
  Run j = hotline_run("rules explain shangluo-2024 --ticket '" + file + "' --json");
  CHECK(j.code == 0);
  auto d = nlohmann::json::parse(j.out);
  CHECK(d["lead"]["id"] == "shangzhou");
  CHECK(d["reply_by"] == "2025-03-11T00:00:00+08:00");
  CHECK(d["trace"].size() == 6);
  CHECK(d["trace"][1]["clause"] == "[SL24 §11(二)] 属地管理优先");
}

TEST_CASE("rules diff shows changed limits, rows and weights as data", "[cli][rules]") {
  Run r = hotline_run("rules diff shangluo-2024 xian-2023");
  CHECK(r.code == 0);
  CHECK(has(r.out, "~ deadlines.accept.accept: 24 小时 -> 1 小时"));  // generated limit texts in the report's language
  CHECK(has(r.out, "~ dispatch.property: 物业管理 -> district (class general) -> 物业管理 -> street (class general)"));
  CHECK(has(r.out, "~ indicators.weights.response: 0.1 -> 0.333333"));
  CHECK(has(r.out, "+ dispatch.boundary: "));
  CHECK(has(r.out, "- returns.verify: refuse when needs_verification"));
  Run en = hotline_run("rules diff shangluo-2024 xian-2023 --lang en");
  CHECK(has(en.out, "~ deadlines.accept.accept: 24 hours -> 1 hour"));
  CHECK(has(en.out, "- returns.verify: refuse when needs_verification"));
  Run same = hotline_run("rules diff shangluo-2024 shangluo-2024 --lang en");
  CHECK(has(same.out, "Total: 0 changed, 0 added, 0 removed"));
}

TEST_CASE("hotline dispatch streams decisions and error records by line", "[cli][dispatch]") {
  std::string input =
      R"({"id": "A", "type": "help", "category": "供水", "district": "luonan", "dispatched": "2025-03-03 10:00"})" "\n"
      "{not json\n"
      "\n"
      R"({"id": "C", "type": "help", "district": "luonan", "dispatched": "2025-03-03 10:00"})" "\n"
      R"({"id": "D", "type": "sometimes", "category": "供水", "dispatched": "2025-03-03 10:00"})" "\n"
      R"({"id": "E", "type": "help", "category": "火灾", "created": "2025-03-03 10:00", "caller": "c-secret"})" "\n";
  Run r = hotline_run("dispatch --rules shangluo-2024", input);
  INFO(r.err);
  CHECK(r.code == 0);
  std::vector<nlohmann::json> lines;
  std::stringstream s(r.out);
  for (std::string line; std::getline(s, line);) lines.push_back(nlohmann::json::parse(line));
  REQUIRE(lines.size() == 5);
  CHECK(lines[0]["lead"]["id"] == "zlsgs");
  CHECK(lines[1]["line"] == 2);
  CHECK(has(lines[1]["error"].get<std::string>(), "stdin:2: "));
  CHECK(lines[2]["line"] == 4);
  CHECK(has(lines[2]["error"].get<std::string>(), "category: missing"));
  CHECK(lines[3]["line"] == 5);
  CHECK(has(lines[3]["error"].get<std::string>(), "type: unknown value 'sometimes'"));
  CHECK(lines[4]["route"] == "emergency");
  CHECK(lines[4]["target"] == "119");
  CHECK_FALSE(has(r.out, "c-secret"));  // caller keys are never printed
  CHECK(has(r.err, "2 decisions (0 manual), 3 bad lines"));
}

TEST_CASE("rules bench reports decisions per second with the stage split", "[cli][rules]") {
  Run r = hotline_run("rules bench shangluo-2024 --tickets 2000 --lang en");
  CHECK(r.code == 0);
  CHECK(has(r.out, "Full decisions: "));
  CHECK(has(r.out, "  intake: "));
  CHECK(has(r.out, "Manual dispatch: 0"));
}

TEST_CASE("every rules verb has help text", "[cli][rules]") {
  for (const char* v : {"rules --help", "rules check --help", "rules test --help", "rules explain --help", "rules diff --help",
                        "rules bench --help", "dispatch --help"}) {
    INFO(v);
    Run r = hotline_run(v);
    CHECK(r.code == 0);
    CHECK(has(r.out, "Usage"));
  }
}

TEST_CASE("an org file outside the rule set is refused unless --allow-folder names its folder", "[cli][rules][attack]") {
  auto dir = hotline::test::scratch_ruleset("shangluo-2024", "cli-outside-org");
  const std::filesystem::path outside = std::filesystem::path(HOTLINE_TEST_TMP) / ("cli-outside-org-" + std::to_string(getpid()));
  std::filesystem::create_directories(outside);
  std::filesystem::copy_file(hotline::data_dir() / "orgs" / "shangluo.csv", outside / "units.csv",
                             std::filesystem::copy_options::overwrite_existing);
  hotline::test::edit(dir / "ruleset.lua", "org = \"orgs/shangluo.csv\"", "org = \"" + (outside / "units.csv").string() + "\"");
  for (const char* verb : {"check", "test"}) {
    INFO(verb);
    Run refused = hotline_run(std::string("rules ") + verb + " '" + dir.string() + "'");
    CHECK(refused.code == 1);
    CHECK(has(refused.err + refused.out, "units.csv"));
    Run allowed = hotline_run(std::string("rules ") + verb + " '" + dir.string() + "' --allow-folder '" + outside.string() + "'");
    INFO(allowed.err);
    CHECK(allowed.code == 0);
  }
  Run other = hotline_run("rules check '" + dir.string() + "' --allow-folder /tmp/no-such-folder-here");
  CHECK(other.code == 1);
}
