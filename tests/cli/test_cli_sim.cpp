// End-to-end tests of `hotline erlang`, `hotline simulate` and `hotline staff`: run the
// built binary and check its output, exit codes and the results database.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/sqlite_scalar.hpp"

namespace fs = std::filesystem;

namespace {

struct Output {
  int code = 0;
  std::string out;
};

// Runs `hotline ARGS` with stderr folded into stdout when `with_stderr`.
Output run(const std::string& args, bool with_stderr = false) {
  const std::string cmd = std::string("\"") + HOTLINE_BIN + "\" " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  Output o;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) o.out.append(buf.data(), n);
  const int status = pclose(p);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

long long count_rows(const fs::path& db, const std::string& table) {
  return hotline::test::sql_scalar(db, "SELECT count(*) FROM " + table);
}

}  // namespace

TEST_CASE("hotline erlang prints the published Erlang C test vector", "[cli][erlang]") {
  const Output o = run("erlang --calls 100 --interval 30m --aht 180 --agents 14 --threshold 20 --lang en");
  REQUIRE(o.code == 0);
  CHECK_THAT(o.out, Catch::Contains("0.1741319"));
  CHECK_THAT(o.out, Catch::Contains("0.88835"));
  CHECK_THAT(o.out, Catch::Contains("7.836 s"));
  CHECK_THAT(o.out, Catch::Contains("service level = P(answered with wait <= 20 s)"));
  const Output zh = run("erlang --calls 100 --interval 30m --aht 180 --agents 14 --threshold 20");
  CHECK_THAT(zh.out, Catch::Contains("服务水平"));
}

TEST_CASE("hotline erlang finds the minimum agents for a target", "[cli][erlang]") {
  const Output o = run("erlang --calls 100 --aht 180 --threshold 20 --target-sl 0.8 --json");
  REQUIRE(o.code == 0);
  const auto j = nlohmann::json::parse(o.out);
  const int n = j["agents"];
  CHECK(j["service_level"].get<double>() >= 0.8);
  const Output fewer = run("erlang --calls 100 --aht 180 --threshold 20 --json --agents " + std::to_string(n - 1));
  CHECK(nlohmann::json::parse(fewer.out)["service_level"].get<double>() < 0.8);
  const Output bad = run("erlang --calls 100 --aht 180 --target-answer-rate 0.95", true);
  CHECK(bad.code == 1);
  CHECK_THAT(bad.out, Catch::Contains("needs --patience"));
  const Output none = run("erlang --calls 100 --aht 180", true);
  CHECK(none.code == 1);
  CHECK_THAT(none.out, Catch::Contains("--agents"));
}

TEST_CASE("hotline simulate prints KPIs with the SL definition and writes the results database", "[cli][simulate]") {
  const fs::path db = fs::path(HOTLINE_TEST_TMP) / "cli_sim_results.sqlite";
  fs::remove(db);
  const Output o = run("simulate shangluo-2025-01 -r 3 --seed 7 --threads 2 --lang en --out \"" + db.string() + "\"", true);
  REQUIRE(o.code == 0);
  CHECK_THAT(o.out, Catch::Contains("3/3 replications"));  // progress on stderr
  CHECK_THAT(o.out, Catch::Contains("service level = calls answered within 15 s / calls offered"));
  CHECK_THAT(o.out, Catch::Contains("Answer rate"));
  // January 2025 by the calendar: the make-up Sunday 26 Jan is a weekday, 1 and 28-31 Jan holidays.
  CHECK_THAT(o.out, Catch::Contains("Day types (national calendar): Weekday 19 d, Weekend 7 d, Holiday 5 d"));
  CHECK(count_rows(db, "runs") == 1);
  CHECK(count_rows(db, "run_replications") == 3);
  CHECK(count_rows(db, "call_interval_kpis") == 3 * 31 * 48 * 3);
  const Output zh = run("simulate shangluo-2025-01 -r 2 --seed 7");
  CHECK_THAT(zh.out, Catch::Contains("接通率"));
}

TEST_CASE("hotline simulate --json is deterministic for a seed and conserves calls", "[cli][simulate]") {
  const Output a = run("simulate shangluo-2025-01 -r 2 --seed 11 --threads 1 --json");
  const Output b = run("simulate shangluo-2025-01 -r 2 --seed 11 --threads 2 --json");
  REQUIRE(a.code == 0);
  CHECK(a.out == b.out);
  const auto j = nlohmann::json::parse(a.out);
  const auto& t = j["total"];
  const double offered = t["offered"]["mean"], answered = t["answered"]["mean"], abandoned = t["abandoned"]["mean"],
               diverted = t["diverted"]["mean"], end = j["in_system_end"]["mean"];
  CHECK(offered == Approx(answered + abandoned + diverted + end));
  CHECK(j["service_level_definition"].get<std::string>().find("15 s") != std::string::npos);
  CHECK(j["day_types"] == nlohmann::json{{"weekday", 19}, {"weekend", 7}, {"holiday", 5}});
  const Output c = run("simulate shangluo-2025-01 -r 2 --seed 12 --json");
  CHECK(c.out != a.out);
}

TEST_CASE("The Shangluo scenario replays its approved fingerprint", "[cli][simulate][fingerprint]") {
  const Output o = run("simulate shangluo-2025-01 -r 2 --seed 1 --json");
  REQUIRE(o.code == 0);
  const auto t = nlohmann::json::parse(o.out)["total"];
  std::ifstream approved(fs::path(HOTLINE_TEST_DIR) / "cli/approved/shangluo-2025-01.txt");
  REQUIRE(approved);
  std::ostringstream now;
  int checked = 0;
  for (std::string line; std::getline(approved, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream in(line);
    std::string key;
    double value = 0;
    in >> key >> value;
    now << key << ' ' << t[key]["mean"].get<double>() << '\n';
    CHECK(t[key]["mean"].get<double>() == value);
    ++checked;
  }
  INFO("current values:\n" << now.str());
  CHECK(checked == 7);
}

TEST_CASE("hotline staff plans both shipped scenarios and meets the target everywhere", "[cli][staff]") {
  const fs::path db = fs::path(HOTLINE_TEST_TMP) / "cli_staff_results.sqlite";
  fs::remove(db);
  const Output o = run("staff shangluo-2025-01 --target-answer-rate 0.95 -r 4 --json --out \"" + db.string() + "\"");
  REQUIRE(o.code == 0);
  const auto j = nlohmann::json::parse(o.out);
  REQUIRE(j["days"].size() == 3);  // weekday, weekend and holiday (1 Jan, Spring Festival)
  CHECK(j["days"][0]["day_type"] == "weekday");
  CHECK(j["days"][1]["day_type"] == "weekend");
  CHECK(j["days"][2]["day_type"] == "holiday");
  for (const auto& d : j["days"]) {
    CHECK(d["met"] == true);
    REQUIRE(d["intervals"].size() == 48);
    for (const auto& row : d["intervals"]) CHECK(row["answer_rate"]["mean"].get<double>() >= 0.95);
  }
  CHECK(count_rows(db, "staffing_plan") == 3 * 48 * 3);
  const Output m = run("staff metro-2023 --target-answer-rate 0.95 --target-sl 0.8@20s -r 2 --rounds 60 --lang en");
  REQUIRE(m.code == 0);
  CHECK_THAT(m.out, Catch::Contains("Agent-hours"));
  CHECK_THAT(m.out, !Catch::Contains("NOT met"));
}

TEST_CASE("hotline simulate and staff reject bad input with a one-line reason", "[cli][simulate]") {
  const Output a = run("simulate /nonexistent/scenario", true);
  CHECK(a.code == 1);
  CHECK_THAT(a.out, Catch::StartsWith("hotline: /nonexistent/scenario: no scenario here"));
  const Output b = run("staff shangluo-2025-01", true);
  CHECK(b.code == 1);
  CHECK_THAT(b.out, Catch::Contains("give a target"));
  const Output c = run("staff shangluo-2025-01 --target-sl 0.8@abc", true);
  CHECK(c.code == 1);
  CHECK_THAT(c.out, Catch::Contains("--target-sl"));
  const Output h = run("simulate --help");
  CHECK_THAT(h.out, Catch::Contains("--replications"));
}
