// End-to-end tests of `hotline calibrate` and of the calibrated Shangluo scenario: with the seed
// and replications its calibration file records, the simulated January 2025 bulletin matches the
// published one (bulletin-2025-01.csv) within 3 points of on-time rate and satisfaction for every
// unit with at least 20 tickets, and the 5,168 dispatched tickets within 2% [issue 5; SL24 bulletin].
#include <catch2/catch.hpp>

#include "core/csv.hpp"
#include "tests/support/run_command.hpp"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {
namespace fs = std::filesystem;
using hotline::test::Run;

const fs::path kScenario = fs::path(HOTLINE_TEST_DIR) / "../scenarios/shangluo-2025-01";
constexpr double kDispatched = 5168;  // the bulletin's summary [SL24 bulletin]

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Rows of a CSV text by the value of `key_column`: column name -> cell.
using Table = std::map<std::string, std::map<std::string, std::string>>;
Table read_csv(std::string text, const std::string& name, const std::string& key_column) {
  hotline::CsvReader csv(std::move(text), name);
  std::vector<std::string_view> f;
  Table t;
  REQUIRE(csv.next(f));
  const std::vector<std::string> header(f.begin(), f.end());
  while (csv.next(f)) {
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < f.size() && i < header.size(); ++i) row[header[i]] = std::string(f[i]);
    t[row[key_column]] = row;
  }
  return t;
}
double percent(const std::string& s) { return std::atof(s.c_str()) / 100; }

// The seed and replications the shipped calibration was fitted with.
std::pair<std::string, std::string> calibration_seed() {
  const std::string lua = slurp(kScenario / "calibration.lua");
  std::smatch m;
  REQUIRE(std::regex_search(lua, m, std::regex(R"(seed = (\d+), replications = (\d+))")));
  return {m[1], m[2]};
}

fs::path copy_scenario(const std::string& name) {
  const fs::path dir = fs::path(HOTLINE_TEST_TMP) / (name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* f : {"scenario.lua", "bulletin-2025-01.csv", "calibration.lua"}) fs::copy_file(kScenario / f, dir / f);
  return dir;
}

}  // namespace

TEST_CASE("The calibrated Shangluo scenario reproduces the published January 2025 bulletin",
          "[cli][calibrate][shangluo]") {
  const Table published = read_csv(slurp(kScenario / "bulletin-2025-01.csv"), "bulletin-2025-01.csv", "unit");
  REQUIRE(published.size() == 45);
  const auto [seed, reps] = calibration_seed();

  // The fit as `hotline calibrate` evaluates it: the rule set's rates of the mean counts.
  const Run fit = hotline::test::run_hotline("calibrate shangluo-2025-01 --bulletin bulletin-2025-01.csv --iterations 0 -r " +
                                                 reps + " --seed " + seed + " --format csv",
                                             " 2>/dev/null");
  REQUIRE(fit.status == 0);
  const Table sim = read_csv(fit.out, "calibrate.csv", "unit");
  int units = 0;
  for (const auto& [unit, p] : published) {
    if (std::stoi(p.at("handled")) < 20) continue;
    INFO(unit);
    REQUIRE(sim.count(unit));
    const auto& s = sim.at(unit);
    REQUIRE(!s.at("on_time_rate").empty());
    CHECK(std::abs(std::stod(s.at("on_time_rate")) - percent(p.at("on_time_rate"))) <= 0.03);
    if (!p.at("satisfaction").empty()) {
      REQUIRE(!s.at("satisfaction").empty());
      CHECK(std::abs(std::stod(s.at("satisfaction")) - percent(p.at("satisfaction"))) <= 0.03);
    }
    ++units;
  }
  CHECK(units == 15);  // 8 county governments and 7 city bodies have at least 20 tickets
  REQUIRE(sim.count("total"));
  CHECK(std::abs(std::stod(sim.at("total").at("handled")) - kDispatched) <= 0.02 * kDispatched);

  // The bulletin as `hotline bulletin` prints it (mean counts rounded to whole tickets).
  const std::string db = std::string(HOTLINE_TEST_TMP) + "/calibrated-" + std::to_string(getpid()) + ".sqlite";
  fs::remove(db);
  REQUIRE(hotline::test::run_hotline("simulate shangluo-2025-01 -r " + reps + " --seed " + seed + " --out '" + db + "'",
                                     " >/dev/null 2>&1")
              .status == 0);
  const Run b = hotline::test::run_hotline("bulletin --db '" + db + "' --period 2025-01 --format csv --lang en", " 2>/dev/null");
  REQUIRE(b.status == 0);
  const Table shown = read_csv(b.out, "bulletin.csv", "Unit");
  double total = 0;
  for (const auto& [unit, row] : shown) total += std::stod(row.at("Handled"));
  CHECK(std::abs(total - kDispatched) <= 0.02 * kDispatched);
  for (const auto& [unit, p] : published) {
    if (std::stoi(p.at("handled")) < 20) continue;
    INFO(unit);
    REQUIRE(shown.count(unit));
    CHECK(std::abs(percent(shown.at(unit).at("On-time rate")) - percent(p.at("on_time_rate"))) <= 0.03);
    if (!p.at("satisfaction").empty())
      CHECK(std::abs(percent(shown.at(unit).at("Satisfaction")) - percent(p.at("satisfaction"))) <= 0.03);
  }
  fs::remove(db);
}

TEST_CASE("calibrate --write replaces the calibration file atomically, with a header naming its origin",
          "[cli][calibrate]") {
  const fs::path dir = copy_scenario("calibrate-write");
  const Run r = hotline::test::run_hotline("calibrate '" + dir.string() +
                                           "' --bulletin bulletin-2025-01.csv -r 2 --iterations 1 --seed 5 --write --lang en");
  INFO(r.out);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("Calibration of shangluo-2025-01") != std::string::npos);
  CHECK(r.out.find("calibrate: iteration 1/1") != std::string::npos);  // progress (stderr)
  const std::string lua = slurp(dir / "calibration.lua");
  CHECK(lua.rfind("-- Generated by `hotline calibrate` on ", 0) == 0);
  CHECK(lua.find("from bulletin-2025-01.csv (month 2025-01), seed 5, 2 replications, 1 iterations") != std::string::npos);
  CHECK(lua != slurp(kScenario / "calibration.lua"));
  CHECK_FALSE(fs::exists(dir / "calibration.lua.tmp"));
  // The scenario loads the new file.
  const Run check = hotline::test::run_hotline("calibrate '" + dir.string() +
                                               "' --bulletin bulletin-2025-01.csv -r 1 --iterations 0 --format csv");
  CHECK(check.status == 0);

  // A scenario that names no calibration file gets calibration.lua and a hint.
  std::string text = slurp(dir / "scenario.lua");
  text = std::regex_replace(text, std::regex("\n  calibration = \"calibration.lua\",\n"), "\n");
  std::ofstream(dir / "scenario.lua") << text;
  fs::remove(dir / "calibration.lua");
  const Run hint = hotline::test::run_hotline("calibrate '" + dir.string() +
                                              "' --bulletin bulletin-2025-01.csv -r 1 --iterations 1 --write");
  CHECK(hint.status == 0);
  CHECK(fs::exists(dir / "calibration.lua"));
  CHECK(hint.out.find("add `calibration = \"calibration.lua\"`") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("calibrate reports a bad bulletin as file:line: field: reason", "[cli][calibrate]") {
  const fs::path dir = fs::path(HOTLINE_TEST_TMP) / ("calibrate-bad-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string header = "group,unit,handled,on_time,late,on_time_rate,overdue_open,satisfaction\n";
  const fs::path unknown = dir / "unknown.csv", number = dir / "number.csv", column = dir / "column.csv";
  std::ofstream(unknown) << header << "county,商州区,10,10,0,100%,0,95%\ncounty,火星区,1,1,0,100%,0,\n";
  std::ofstream(number) << header << "county,商州区,十,10,0,100%,0,95%\n";
  std::ofstream(column) << "group,unit,handled,on_time,late,overdue_open,satisfaction\n";
  const Run a = hotline::test::run_hotline("calibrate shangluo-2025-01 --bulletin '" + unknown.string() + "' -r 1 --iterations 0");
  CHECK(a.status == 1);
  CHECK(a.out.find(unknown.string() + ":3: unit: '火星区' is not a unit of the rule set's org graph") != std::string::npos);
  const Run b = hotline::test::run_hotline("calibrate shangluo-2025-01 --bulletin '" + number.string() + "' -r 1 --iterations 0");
  CHECK(b.status == 1);
  CHECK(b.out.find(number.string() + ":2: handled: expected a whole number of tickets, got '十'") != std::string::npos);
  const Run c = hotline::test::run_hotline("calibrate shangluo-2025-01 --bulletin '" + column.string() + "' -r 1 --iterations 0");
  CHECK(c.status == 1);
  CHECK(c.out.find(column.string() + ":1: on_time_rate: missing column") != std::string::npos);
  const Run d = hotline::test::run_hotline("calibrate shangluo-2025-01 --bulletin '" + (dir / "none.csv").string() + "'");
  CHECK(d.status == 1);
  CHECK(d.out.find("--bulletin: no such file") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("calibrate --help explains the verb", "[cli][calibrate]") {
  const Run h = hotline::test::run_hotline("calibrate --help");
  CHECK(h.status == 0);
  for (const char* s : {"--bulletin", "--write", "--iterations", "--replications", "--seed", "--lang", "published monthly bulletin"})
    CHECK(h.out.find(s) != std::string::npos);
}
