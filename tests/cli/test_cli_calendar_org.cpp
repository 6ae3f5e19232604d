// End-to-end tests of `hotline calendar` and `hotline org`: runs the built binary as a child.
#include <catch2/catch.hpp>

#include "tests/support/run_command.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace {
using hotline::test::Run;

Run run(const std::string& args) { return hotline::test::run_hotline(args); }

std::string write_tmp(const std::string& name, const std::string& text) {
  std::string path = std::string(HOTLINE_TEST_TMP) + "/" + name;
  std::ofstream(path) << text;
  return path;
}
}  // namespace

TEST_CASE("calendar add-working-days prints the Spring Festival deadline", "[cli][calendar]") {
  Run r = run("calendar add-working-days 2025-01-24T10:00 5");
  CHECK(r.status == 0);
  CHECK(r.out.rfind("2025-02-08T00:00:00+08:00\n", 0) == 0);
  CHECK_THAT(r.out, Catch::Contains("2025年2月7日（星期五） 24:00"));
  CHECK_THAT(r.out, Catch::Contains("01-26（调休上班）、01-27、02-05、02-06、02-07"));
  Run en = run("calendar add-working-days 2025-01-24T10:00 5 --lang en");
  CHECK_THAT(en.out, Catch::Contains("the end (24:00) of Friday 2025-02-07"));
}

TEST_CASE("calendar show prints the month grid with 休 and 班", "[cli][calendar]") {
  Run r = run("calendar show 2025-02");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("  一    二    三    四    五    六    日\n"));
  CHECK_THAT(r.out, Catch::Contains("\n                                1休   2休\n"));
  CHECK_THAT(r.out, Catch::Contains("\n  3休   4休   5     6     7     8班   9-\n"));
  CHECK_THAT(r.out, Catch::Contains("本月工作日 19 天（含调休上班 1 天），休息日 9 天"));
  CHECK_THAT(r.out, Catch::Contains("2月1日至2月4日 春节 放假"));
  Run en = run("calendar show 2024-10 --lang en");
  CHECK_THAT(en.out, Catch::Contains("2024-10-01 to 2024-10-07 国庆节 holiday"));
  CHECK_THAT(en.out, Catch::Contains("2024-10-12 国庆节 make-up working day"));
}

TEST_CASE("calendar verbs take extra calendar files and working hours", "[cli][calendar]") {
  std::string local = write_tmp("cli-local.csv", "year,2025,local rule (test)\n2025-02-10,off,本地假日\n");
  Run r = run("calendar show 2025-02 --calendar '" + local + "'");
  CHECK_THAT(r.out, Catch::Contains("\n 10休  11 "));
  CHECK_THAT(r.out, Catch::Contains("本月工作日 18 天"));
  Run d = run("calendar is-working-day 2025-02-10 --calendar '" + local + "'");
  CHECK_THAT(d.out, Catch::Contains("2025-02-10 星期一：休息日（法定节假日：本地假日）"));
  Run h = run("calendar add-working-hours 2025-01-27T16:00 2 --hours 09:00-17:00");
  CHECK(h.out.rfind("2025-02-05T10:00:00+08:00\n", 0) == 0);
}

TEST_CASE("calendar errors name the missing year or the bad input", "[cli][calendar]") {
  Run r = run("calendar add-working-days 2026-12-25T10:00 10");
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("hotline: calendar: no data for year 2027"));
  std::string file = write_tmp("cli-bad.csv", "year,2025,x\n2025-01-01,maybe,x\n");
  Run bad = run("calendar show 2025-01 --calendar '" + file + "'");
  CHECK(bad.status == 1);
  CHECK_THAT(bad.out, Catch::Contains("cli-bad.csv:2: kind: 'maybe' is not off or work"));
  CHECK(run("calendar show 2025-13").status == 1);
  CHECK_THAT(run("calendar add-working-days 2025-01-24 1 --hours 9-17").out,
             Catch::Contains("is not HH:MM-HH:MM"));
}

TEST_CASE("calendar sub-verbs have help text", "[cli][calendar]") {
  for (const char* v : {"add-working-days", "add-working-hours", "is-working-day", "show"}) {
    Run r = run(std::string("calendar ") + v + " --help");
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("--calendar"));
  }
}

TEST_CASE("org show prints the tree with kinds and flags", "[cli][org]") {
  std::string csv = std::string(HOTLINE_TEST_DIR) + "/../scenarios/orgs/shangluo.csv";
  Run r = run("org show '" + csv + "'");
  CHECK(r.status == 0);
  CHECK(r.out.rfind("商洛市12345热线（市级平台）  shangluo\n", 0) == 0);
  CHECK_THAT(r.out, Catch::Contains("\n├─ 商州区（区县政府）  shangzhou\n│  ├─ 城关街道（街道）  sz-chengguan\n"));
  CHECK_THAT(r.out, Catch::Contains("├─ 国网商洛供电公司（公共事业单位，公共事业，垂直管理）  gwgd\n"));
  CHECK_THAT(r.out, Catch::Contains("│  └─ 市公安局交警支队（市级部门）  gaj-jjzd\n"));
  Run en = run("org show '" + csv + "' --depth 1 --lang en");
  CHECK_THAT(en.out, Catch::Contains("├─ 市移动公司 (Public utility, utility)  ydgs\n"));
  CHECK_THAT(en.out, Catch::Contains("└─ 省联社商洛审计中心 (Vertically managed body, vertical)  slsjzx"));
  CHECK(en.out.find("城关街道") == std::string::npos);  // depth 1 stops above the streets
}

TEST_CASE("org show --unit prints the path from the city, every match for a shared name",
          "[cli][org]") {
  std::string csv = std::string(HOTLINE_TEST_DIR) + "/../scenarios/orgs/shangluo.csv";
  Run r = run("org show '" + csv + "' --unit 城关街道");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("“城关街道”对应 4 个单位"));
  CHECK_THAT(r.out, Catch::Contains("商洛市12345热线 → 商州区 → 城关街道\n  编号：sz-chengguan\n"));
  CHECK_THAT(r.out, Catch::Contains("商洛市12345热线 → 山阳县 → 城关街道\n"));
  Run one = run("org show '" + csv + "' --unit 柞水县/乾佑街道");
  CHECK(one.out.rfind("商洛市12345热线 → 柞水县 → 乾佑街道\n", 0) == 0);
  CHECK_THAT(one.out, Catch::Contains("所属区县：柞水县"));
  Run none = run("org show '" + csv + "' --unit 不存在街道");
  CHECK(none.status == 1);
  CHECK_THAT(none.out, Catch::Contains("hotline: org show: no unit with id or name '不存在街道'"));
  Run path = run("org path '" + csv + "' 商州区/城关街道 市移动公司");
  CHECK(path.out == "城关街道 → 商州区 → 商洛市12345热线 → 市移动公司\n");
  Run amb = run("org path '" + csv + "' 城关街道 市移动公司");
  CHECK(amb.status == 1);
  CHECK_THAT(amb.out, Catch::Contains("商洛市12345热线 / 洛南县 / 城关街道 (ln-chengguan)"));
}

TEST_CASE("org check counts units by kind and reports every bad row", "[cli][org]") {
  std::string csv = std::string(HOTLINE_TEST_DIR) + "/../scenarios/orgs/shangluo.csv";
  Run r = run("org check '" + csv + "'");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("校验通过"));
  CHECK_THAT(r.out, Catch::Contains("区县政府                 7\n"));
  std::string bad = write_tmp("cli-bad-units.csv",
                              "id,name,kind,level,parent,utility,vertical,synthetic,note\n"
                              "c,市,city,0,,0,0,0,\n"
                              "c,重复,district,1,c,0,0,0,\n"
                              "x,未知,street,2,zz,0,0,0,\n");
  Run b = run("org check '" + bad + "'");
  CHECK(b.status == 1);
  CHECK_THAT(b.out, Catch::Contains("cli-bad-units.csv:3: id: 'c' already defined at line 2\n"));
  CHECK_THAT(b.out, Catch::Contains("cli-bad-units.csv:4: parent: no unit with id 'zz'"));
  for (const char* v : {"show", "check", "path"})
    CHECK(run(std::string("org ") + v + " --help").status == 0);
}
