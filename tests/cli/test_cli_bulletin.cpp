// End-to-end tests of `hotline bulletin`: simulate the Shangluo scenario with its rule set
// into a results database, then print the January bulletin as md, csv and html.
#include <catch2/catch.hpp>

#include "tests/support/run_command.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace {
using hotline::test::Run;

Run run(const std::string& args) { return hotline::test::run_hotline(args, " 2>/dev/null"); }

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> v;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) v.push_back(l);
  return v;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> v;
  std::string cur;
  for (char c : s) {
    if (c == sep) v.push_back(cur), cur.clear();
    else cur += c;
  }
  v.push_back(cur);
  return v;
}

// A results database with one simulated January (made once for all cases).
const std::string& results_db() {
  static const std::string db = [] {
    // One file per process: ctest runs the cases in parallel processes.
    const std::string path = std::string(HOTLINE_TEST_TMP) + "/bulletin-results-" + std::to_string(getpid()) + ".sqlite";
    std::filesystem::remove(path);
    const Run r = run("simulate shangluo-2025-01 --replications 2 --seed 3 --threads 1 --out '" + path + "'");
    REQUIRE(r.status == 0);
    return path;
  }();
  return db;
}
}  // namespace

TEST_CASE("bulletin prints a csv table: county governments first, each group sorted by on-time rate",
          "[cli][bulletin]") {
  const Run r = run("bulletin --db '" + results_db() + "' --period 2025-01 --format csv");
  REQUIRE(r.status == 0);
  const auto ls = lines(r.out);
  REQUIRE(ls.size() > 10);
  CHECK(ls[0] == "分组,联动单位,承办件数,按期办结数,逾期办结数,按期办结率,逾期未办数,群众满意度");
  std::string group;
  int groups = 0;
  double last_rate = 1e9;
  bool saw_county = false;
  for (std::size_t i = 1; i < ls.size(); ++i) {
    const auto cells = split(ls[i], ',');
    REQUIRE(cells.size() == 8);
    if (cells[0] != group) group = cells[0], ++groups, last_rate = 1e9;
    if (cells[1] == "商州区") {
      saw_county = true;
      CHECK(groups == 1);  // counties come first
    }
    const int handled = std::stoi(cells[2]), on_time = std::stoi(cells[3]), late = std::stoi(cells[4]);
    // Every ticket is counted in its dispatch month: on time + late <= handled in each
    // replication; the mean table rounds each column on its own (results_db), so allow 1.
    CHECK(on_time + late <= handled + 1);
    const double rate = std::atof(cells[5].c_str());
    CHECK(rate <= last_rate + 1e-9);
    last_rate = rate;
  }
  CHECK(groups == 2);
  CHECK(saw_county);
}

TEST_CASE("bulletin prints markdown and html with a heading per group", "[cli][bulletin]") {
  const Run md = run("bulletin --db '" + results_db() + "' --period 2025-01 --format md");
  REQUIRE(md.status == 0);
  CHECK(md.out.rfind("# 模拟通报 2025-01", 0) == 0);
  CHECK(md.out.find("| 联动单位 | 承办件数 |") != std::string::npos);
  const auto counties = md.out.find("## 各区县政府");
  const auto departments = md.out.find("## 市级部门");
  REQUIRE(counties != std::string::npos);
  REQUIRE(departments != std::string::npos);
  CHECK(counties < departments);
  CHECK(md.out.find("| 商州区 |", counties) < departments);

  const Run html = run("bulletin --db '" + results_db() + "' --period 2025-01 --format html --lang en");
  REQUIRE(html.status == 0);
  CHECK(html.out.find("<table>") != std::string::npos);
  CHECK(html.out.find("<th>Unit</th>") != std::string::npos);
  CHECK(html.out.find("<td>商州区</td>") != std::string::npos);
  CHECK(html.out.find("</html>") != std::string::npos);
}

TEST_CASE("bulletin of one replication differs from another and a missing period is an error", "[cli][bulletin]") {
  const Run r0 = run("bulletin --db '" + results_db() + "' --period 2025-01 --format csv --replication 1");
  const Run r1 = run("bulletin --db '" + results_db() + "' --period 2025-01 --format csv --replication 2");
  REQUIRE(r0.status == 0);
  REQUIRE(r1.status == 0);
  CHECK(r0.out != r1.out);
  CHECK(run("bulletin --db '" + results_db() + "' --period 2025-02").status == 1);
  CHECK(run("bulletin --db '" + std::string(HOTLINE_TEST_TMP) + "/no-such.sqlite' --period 2025-01").status == 1);
}

TEST_CASE("simulate stores the anomaly reports with the escalation rule that fired", "[cli][bulletin][tickets]") {
  const Run n = hotline::test::run_command("sqlite3 '" + results_db() +
                                           "' \"SELECT count(*), count(DISTINCT reason), min(rule LIKE 'escalation.%') "
                                           "FROM ticket_anomalies\"");
  REQUIRE(n.status == 0);
  const std::vector<std::string> f = split(lines(n.out).at(0), '|');
  REQUIRE(f.size() == 3);
  CHECK(std::stoi(f[0]) > 0);
  CHECK(std::stoi(f[1]) >= 1);
  CHECK(f[2] == "1");
  const Run sum = hotline::test::run_command("sqlite3 '" + results_db() +
                                             "' \"SELECT (SELECT sum(anomalies) FROM ticket_replications) >= "
                                             "(SELECT count(*) FROM ticket_anomalies)\"");
  CHECK(lines(sum.out).at(0) == "1");
}
