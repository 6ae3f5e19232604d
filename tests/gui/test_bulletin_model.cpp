// Tests of the bulletin window's view model: ticket runs of a results database, the bulletin
// (the same table as `hotline bulletin`), sorting within groups, rank changes, export; and
// the organisation view's colouring from the same figures.
#include <catch2/catch.hpp>

#include "tests/support/run_command.hpp"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "gui/bulletin_model.hpp"
#include "gui/org_model.hpp"
#include "gui/rules_model.hpp"
#include "sim/report.hpp"

using namespace hotline;
using namespace hotline::gui;

namespace {
// Both sides of `hotline compare --out` (baseline shangluo-2024 as run 1, revised xian-2023
// as run 2) of two replications, made once per process.
const std::string& compare_db() {
  static const std::string db = [] {
    const std::string f = std::string(HOTLINE_TEST_TMP) + "/gui-bulletin-" + std::to_string(getpid()) + ".sqlite";
    std::filesystem::remove(f);
    const auto r = hotline::test::run_hotline(
        "compare shangluo-2025-01 --baseline shangluo-2024 --revised xian-2023 -r 2 --out '" + f + "'", " 2>/dev/null");
    REQUIRE(r.status == 0);
    return f;
  }();
  return db;
}

std::string slurp(const std::filesystem::path& f) {
  std::ifstream in(f);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A table of two groups with a rate, a count and a text column, as load_bulletin builds it.
BulletinTable small_table() {
  BulletinTable t;
  t.run_id = 7;
  t.period = "2025-01";
  t.headers = {"联动单位", "承办件数", "按期办结率", "群众满意度"};
  t.unit_column = 0;
  t.groups = {"县区", "部门"};
  t.rows = {BulletinRow{0, 1, 2, {"甲区", "10", "100%", "95%"}}, BulletinRow{0, 2, 1, {"乙县", "30", "90.5%", "/"}},
            BulletinRow{0, 3, std::nullopt, {"丙县", "20", "80%", "99%"}}, BulletinRow{1, 1, 1, {"水务", "5", "100%", "/"}},
            BulletinRow{1, 2, 2, {"交通", "8", "60%", "70%"}}};
  return t;
}

std::vector<std::string> units_in_order(const BulletinTable& t) {
  std::vector<std::string> v;
  for (const BulletinRow& r : t.rows) v.push_back(r.cells[0]);
  return v;
}
}  // namespace

TEST_CASE("the ticket runs of a compare database are listed newest first with their roles and periods",
          "[gui][bulletin]") {
  const auto runs = list_ticket_runs(compare_db());
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].run_id > runs[1].run_id);
  CHECK(runs[0].role == "revised");
  CHECK(runs[1].role == "baseline");
  CHECK(runs[0].replications == 2);
  CHECK(std::filesystem::path(runs[0].ruleset).filename() == "xian-2023");
  REQUIRE_FALSE(runs[0].periods.empty());
  CHECK(runs[0].periods.front() == "2025-01");
  CHECK(std::is_sorted(runs[0].periods.begin(), runs[0].periods.end()));
  CHECK(runs[0].label(Lang::En).find("(revised)") != std::string::npos);
  const auto [run, cmp] = default_runs(runs);
  CHECK(run == runs[0].run_id);
  CHECK(cmp == runs[1].run_id);
  // a single run is shown alone
  CHECK(default_runs({runs[1]}) == std::pair<std::int64_t, std::int64_t>{runs[1].run_id, 0});
}

TEST_CASE("a results file without ticket results lists no runs; a missing file is an error naming it",
          "[gui][bulletin]") {
  const std::string empty = std::string(HOTLINE_TEST_TMP) + "/gui-no-tickets-" + std::to_string(getpid()) + ".sqlite";
  std::filesystem::remove(empty);
  std::ofstream(empty).flush();  // an empty file is an empty SQLite database
  CHECK(list_ticket_runs(empty).empty());
  std::filesystem::remove(empty);
  CHECK_THROWS_WITH(list_ticket_runs("/nonexistent/results.sqlite"), Catch::Contains("/nonexistent/results.sqlite"));
}

TEST_CASE("the bulletin is the table `hotline bulletin` prints, ranked within its groups", "[gui][bulletin]") {
  const auto runs = list_ticket_runs(compare_db());
  const std::int64_t base = runs[1].run_id;
  const BulletinTable t = load_bulletin(compare_db(), base, "2025-01", 0, Lang::En);
  const auto cli = hotline::test::run_hotline(
      "bulletin --db '" + compare_db() + "' --run " + std::to_string(base) + " --period 2025-01 --format csv --lang en",
      " 2>/dev/null");
  REQUIRE(cli.status == 0);
  // the view's csv without its rank column is the CLI's
  std::string csv = sim::format_bulletin(t.shown(Lang::En), "csv", "", Lang::En);
  std::istringstream in(csv);
  std::string expected, line;
  for (bool first = true; std::getline(in, line); first = false) {
    const auto a = line.find(','), b = line.find(',', a + 1);
    expected += line.substr(0, a) + line.substr(b) + "\n";  // drop the rank column
    if (!first) CHECK(std::stoi(line.substr(a + 1, b - a - 1)) >= 1);
  }
  CHECK(expected == cli.out);
  CHECK(t.ruleset == "shangluo-2024");
  CHECK(t.compare_run_id == 0);
  REQUIRE(t.unit_column == 0);
  // ranks count 1, 2, ... within each group
  std::map<int, int> next;
  for (const BulletinRow& r : t.rows) CHECK(r.rank == ++next[r.group]);
  CHECK(next.size() == t.groups.size());
  // every unit of the table has its figures for the organisation view
  std::size_t handled = 0;
  for (const UnitFigures& f : t.units) handled += std::size_t(f.counts.handled);
  CHECK(t.units.size() == t.rows.size());
  CHECK(handled > 100);
}

TEST_CASE("rank changes against the comparison run are the units' places in its bulletin", "[gui][bulletin]") {
  const auto runs = list_ticket_runs(compare_db());
  const std::int64_t rev = runs[0].run_id, base = runs[1].run_id;
  const BulletinTable t = load_bulletin(compare_db(), rev, "2025-01", base, Lang::Zh);
  const BulletinTable b = load_bulletin(compare_db(), base, "2025-01", 0, Lang::Zh);
  CHECK(t.compare_run_id == base);
  std::map<std::string, int> base_rank;
  for (const BulletinRow& r : b.rows) base_rank[r.cells[std::size_t(b.unit_column)]] = r.rank;
  int compared = 0;
  for (const BulletinRow& r : t.rows) {
    auto it = base_rank.find(r.cells[std::size_t(t.unit_column)]);
    if (it == base_rank.end()) {
      CHECK_FALSE(r.compare_rank);
      continue;
    }
    ++compared;
    REQUIRE(r.compare_rank);
    CHECK(*r.compare_rank == it->second);
    CHECK(*r.rank_change() == it->second - r.rank);
  }
  CHECK(compared > 10);
  const Bulletin shown = t.shown(Lang::Zh);
  CHECK(shown.headers.back() == "名次变化");
  CHECK(t.title(Lang::Zh).find("对比运行 " + std::to_string(base)) != std::string::npos);
}

TEST_CASE("a bulletin of a period the run does not have is an error naming the period", "[gui][bulletin]") {
  const auto runs = list_ticket_runs(compare_db());
  CHECK_THROWS_WITH(load_bulletin(compare_db(), runs[0].run_id, "1999-01", 0, Lang::En), Catch::Contains("1999-01"));
}

TEST_CASE("sorting orders rows within their groups by number, text after numbers, ties in rank order",
          "[gui][bulletin]") {
  BulletinTable t = small_table();
  t.sort(2, false);  // handled, descending
  CHECK(units_in_order(t) == std::vector<std::string>{"乙县", "丙县", "甲区", "交通", "水务"});
  t.sort(3, true);  // on-time rate, ascending: 80% < 90.5% < 100%
  CHECK(units_in_order(t) == std::vector<std::string>{"丙县", "乙县", "甲区", "交通", "水务"});
  t.sort(4, false);  // satisfaction: "/" after the numbers whichever the direction
  CHECK(units_in_order(t) == std::vector<std::string>{"丙县", "甲区", "乙县", "交通", "水务"});
  t.sort(4, true);
  CHECK(units_in_order(t) == std::vector<std::string>{"甲区", "丙县", "乙县", "交通", "水务"});
  t.sort(5, false);  // rank change: 甲区 moved up 1, 乙县 down 1, 丙县 none (last)
  CHECK(units_in_order(t) == std::vector<std::string>{"甲区", "乙县", "丙县", "水务", "交通"});
  t.sort(0, true);  // back to the rule set's order
  CHECK(units_in_order(t) == std::vector<std::string>{"甲区", "乙县", "丙县", "水务", "交通"});
  t.sort(3, false);  // equal rates (100%) keep the rule set's order
  CHECK(units_in_order(t)[0] == "甲区");
  CHECK(units_in_order(t)[3] == "水务");
}

TEST_CASE("the shown table has the rank first and, when comparing, the rank change last", "[gui][bulletin]") {
  BulletinTable t = small_table();
  Bulletin plain = t.shown(Lang::En);
  CHECK(plain.headers == std::vector<std::string>{"Rank", "联动单位", "承办件数", "按期办结率", "群众满意度"});
  REQUIRE(plain.groups.size() == 2);
  CHECK(plain.groups[0].rows[1] == std::vector<std::string>{"2", "乙县", "30", "90.5%", "/"});
  t.compare_run_id = 3;
  Bulletin cmp = t.shown(Lang::En);
  CHECK(cmp.headers.back() == "Rank change");
  CHECK(cmp.groups[0].rows[0].back() == "+1 (2->1)");
  CHECK(cmp.groups[0].rows[1].back() == "-1 (1->2)");
  CHECK(cmp.groups[0].rows[2].back() == "-");
}

TEST_CASE("export writes csv and markdown atomically next to the results", "[gui][bulletin]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(HOTLINE_TEST_TMP) / ("gui-export-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  BulletinTable t = small_table();
  const fs::path csv = export_path(dir / "results.sqlite", t, "csv");
  CHECK(csv == dir / "bulletin-run7-2025-01.csv");
  std::ofstream(csv) << "old content that must be replaced\n";
  export_bulletin(t, "csv", csv, Lang::Zh);
  CHECK(slurp(csv) == sim::format_bulletin(t.shown(Lang::Zh), "csv", t.title(Lang::Zh), Lang::Zh));
  CHECK(slurp(csv).rfind("分组,排名,联动单位", 0) == 0);
  const fs::path md = export_path(dir / "results.sqlite", t, "md");
  export_bulletin(t, "md", md, Lang::En);
  const std::string text = slurp(md);
  CHECK(text.rfind("# Simulated bulletin 2025-01", 0) == 0);
  CHECK(text.find("## 部门") != std::string::npos);
  CHECK(text.find("| 1 | 甲区 | 10 | 100% | 95% |") != std::string::npos);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  CHECK(files == 2);  // no temporary file left behind
  CHECK_THROWS_WITH(export_bulletin(t, "csv", dir / "no-such-dir" / "b.csv", Lang::Zh), Catch::Contains("no-such-dir"));
  fs::remove_all(dir);
}

TEST_CASE("the organisation is coloured by workload or on-time rate from the figures", "[gui][org][bulletin]") {
  OrgTreeModel m(OrgGraph::load_csv_text(
      "id,name,kind,level,parent,utility,vertical,synthetic,note\n"
      "city,市平台,city,0,,0,0,0,\n"
      "d1,甲区,district,1,city,0,0,0,\n"
      "d2,乙县,district,1,city,0,0,0,\n"
      "water,市自来水公司,utility,1,city,1,0,0,\n",
      "small.csv"));
  auto fig = [](std::string id, int handled, int on_time) {
    UnitFigures f;
    f.id = std::move(id);
    f.counts.handled = handled;
    f.counts.on_time = on_time;
    f.indicators.on_time_rate = handled ? double(on_time) / handled : 0;
    return f;
  };
  CHECK_FALSE(m.has_figures());
  CHECK(m.set_figures({fig("d1", 40, 40), fig("d2", 10, 5), fig("water", 0, 0), fig("elsewhere", 3, 3)}, "run 1, 2025-01") == 1);
  CHECK(m.has_figures());
  CHECK(m.figures_source() == "run 1, 2025-01");
  const UnitIndex d1 = m.graph().find_id("d1"), d2 = m.graph().find_id("d2"), water = m.graph().find_id("water");
  CHECK_FALSE(m.value(d1));  // no metric chosen: no colour
  m.set_metric(OrgMetric::Workload);
  CHECK(*m.value(d1) == 40);
  CHECK(m.value_range().lo == 10);
  CHECK(m.value_range().hi == 40);
  CHECK(*m.shade(d1) == Approx(1));
  CHECK(*m.shade(d2) == Approx(0));
  CHECK_FALSE(m.shade(water));               // handled nothing
  CHECK_FALSE(m.shade(m.graph().root()));    // no figures
  REQUIRE(m.figures(water) != nullptr);
  CHECK(m.figures(m.graph().root()) == nullptr);
  m.set_metric(OrgMetric::OnTimeRate);
  CHECK(*m.value(d2) == Approx(0.5));
  CHECK(*m.shade(d2) == Approx(0));
  CHECK(*m.shade(d1) == Approx(1));
  m.set_figures({}, "");
  CHECK_FALSE(m.has_figures());
  CHECK(m.value_range().empty());
}

TEST_CASE("the rule lab reads the comparison stored by `hotline compare --out`", "[gui][rules][bulletin]") {
  const auto stored = stored_comparison(compare_db());
  REQUIRE(stored);
  CHECK(stored->stored_id > 0);
  CHECK(stored->baseline_id == "shangluo-2024");
  CHECK(stored->revised_id == "xian-2023");
  CHECK(stored->result.replications == 2);
  CHECK_FALSE(stored->result.units.empty());
  CHECK_FALSE(stored->result.differing.empty());
  CHECK(kpi_rows(stored->result, Lang::Zh).size() == 5);
  // a database without comparisons has none
  const std::string plain = std::string(HOTLINE_TEST_TMP) + "/gui-no-compare-" + std::to_string(getpid()) + ".sqlite";
  std::filesystem::remove(plain);
  REQUIRE(hotline::test::run_hotline("simulate shangluo-2025-01 -r 1 --out '" + plain + "'", " >/dev/null 2>&1").status == 0);
  CHECK_FALSE(stored_comparison(plain));
  std::filesystem::remove(plain);
}
