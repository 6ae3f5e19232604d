// The organisation graph: CSV validation messages, the dispatch queries and the shipped
// Shangluo unit list against the January 2025 bulletin [SL24 §11, SL24 bulletin].
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "core/org_graph.hpp"
#include "core/paths.hpp"

using namespace hotline;

namespace {
const std::string kHeader = "id,name,kind,level,parent,utility,vertical,synthetic,note\n";

std::string load_error(const std::string& text) {
  try {
    OrgGraph::load_csv_text(text, "t.csv");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

OrgGraph small() {
  return OrgGraph::load_csv_text(kHeader +
                                     "city,商洛市12345热线,city,0,,0,0,0,root\n"
                                     "sz,商州区,district,1,city,0,0,0,\n"
                                     "ln,洛南县,district,1,city,0,0,0,\n"
                                     "sz-cg,城关街道,street,2,sz,0,0,0,\n"
                                     "sz-shz,沙河子镇,town,2,sz,0,0,0,\n"
                                     "sz-zjj,商州区住建局,district_department,2,sz,0,0,1,\n"
                                     "ln-cg,城关街道,street,2,ln,0,0,0,\n"
                                     "gaj,市公安局,department,1,city,0,0,0,\n"
                                     "jjzd,市公安局交警支队,department,2,gaj,0,0,0,\n"
                                     "water,市自来水公司,utility,1,city,1,0,0,\n",
                                 "small.csv");
}
}  // namespace

TEST_CASE("Units are found by id, by name and by qualified name", "[core][org]") {
  OrgGraph g = small();
  REQUIRE(g.size() == 10);
  CHECK(g.unit(g.root()).id == "city");
  CHECK(g.unit(g.root()).kind == UnitKind::City);
  UnitIndex sz = g.find_id("sz");
  REQUIRE(sz != kNoUnit);
  CHECK(g.unit(sz).name == "商州区");
  CHECK(g.find_name("商州区") == sz);
  CHECK(g.find("sz") == sz);
  CHECK(g.find("商州区") == sz);
  CHECK(g.find_id("nope") == kNoUnit);
  CHECK(g.find_name("不存在") == kNoUnit);
  CHECK(g.unit(g.find_name("商州区/城关街道")).id == "sz-cg");
  CHECK(g.unit(g.find_name("商洛市12345热线/洛南县/城关街道")).id == "ln-cg");
  CHECK(g.find_name("洛南县/沙河子镇") == kNoUnit);
  CHECK(g.find_all_names("城关街道").size() == 2);
  CHECK(g.unit(g.find_id("water")).utility);
  CHECK(g.unit(g.find_id("sz-zjj")).synthetic);
}

TEST_CASE("An ambiguous name is an error listing every candidate's path", "[core][org]") {
  OrgGraph g = small();
  try {
    g.find_name("城关街道");
    FAIL("no error");
  } catch (const AmbiguousUnitError& e) {
    CHECK(e.candidates().size() == 2);
    CHECK(std::string(e.what()) ==
          "unit name '城关街道' is ambiguous; 2 units have it (qualify it as DISTRICT/NAME or "
          "use the id):\n"
          "  商洛市12345热线 / 商州区 / 城关街道 (sz-cg)\n"
          "  商洛市12345热线 / 洛南县 / 城关街道 (ln-cg)");
  }
  CHECK_THROWS_AS(g.find("城关街道"), AmbiguousUnitError);
}

TEST_CASE("The dispatch queries walk the tree", "[core][org]") {
  OrgGraph g = small();
  auto id = [&](UnitIndex u) { return u == kNoUnit ? std::string("-") : g.unit(u).id; };
  auto ids = [&](const std::vector<UnitIndex>& v) {
    std::string s;
    for (UnitIndex u : v) s += (s.empty() ? "" : ",") + id(u);
    return s;
  };
  UnitIndex cg = g.find_id("sz-cg"), jjzd = g.find_id("jjzd");
  CHECK(id(g.district_of(cg)) == "sz");
  CHECK(id(g.district_of(g.find_id("sz"))) == "sz");
  CHECK(id(g.district_of(jjzd)) == "-");
  CHECK(id(g.district_of(g.root())) == "-");
  CHECK(id(g.parent(cg)) == "sz");
  CHECK(id(g.parent(g.root())) == "-");
  CHECK(ids(g.ancestors(cg)) == "sz,city");
  CHECK(ids(g.ancestors(jjzd)) == "gaj,city");
  CHECK(g.ancestors(g.root()).empty());
  CHECK(ids(g.children(g.find_id("sz"))) == "sz-cg,sz-shz,sz-zjj");
  CHECK(ids(g.children_of_kind(g.find_id("sz"), UnitKind::Town)) == "sz-shz");
  CHECK(ids(g.children_of_kind(g.root(), UnitKind::District)) == "sz,ln");
  CHECK(ids(g.children_of_kind(g.root(), UnitKind::Utility)) == "water");
  CHECK(ids(g.path(cg, g.find_id("ln-cg"))) == "sz-cg,sz,city,ln,ln-cg");
  CHECK(ids(g.path(cg, jjzd)) == "sz-cg,sz,city,gaj,jjzd");
  CHECK(ids(g.path(g.root(), cg)) == "city,sz,sz-cg");
  CHECK(ids(g.path(cg, g.find_id("sz"))) == "sz-cg,sz");
  CHECK(ids(g.path(g.find_id("sz-shz"), cg)) == "sz-shz,sz,sz-cg");
  CHECK(ids(g.path(cg, cg)) == "sz-cg");
  CHECK(g.path_text(cg) == "商洛市12345热线 / 商州区 / 城关街道");
  CHECK(g.path_text(g.root(), " → ") == "商洛市12345热线");
}

TEST_CASE("Every problem in a unit CSV is reported with its line and field", "[core][org]") {
  std::string text = kHeader +                               // line 1
                     "city,商洛,city,0,,0,0,0,root\n"          // 2
                     "d1,区一,district,1,city,0,0,0,\n"        // 3
                     "d1,区一重复,district,1,city,0,0,0,\n"    // 4 duplicate id
                     "s1,街道,street,2,nowhere,0,0,0,\n"       // 5 unknown parent
                     "x2,孤儿,district,1,,0,0,0,\n"            // 6 orphan
                     "a,甲,street,3,b,0,0,0,\n"                // 7 cycle
                     "b,乙,street,4,a,0,0,0,\n"                // 8 cycle
                     "c,丙,street,4,a,0,0,0,\n"                // 9 below the cycle
                     "k,坏类,county,1,city,0,0,0,\n"           // 10 bad kind
                     "l,坏级,district,x,city,0,0,0,\n"         // 11 bad level
                     "m,,district,1,city,0,0,0,\n"             // 12 missing name
                     "n,标记,utility,1,city,2,0,0,\n"          // 13 bad flag
                     ",无编号,district,1,city,0,0,0,\n"        // 14 missing id
                     "o,少列,district,1,city\n"                // 15 missing fields
                     "p,区一,district,1,city,0,0,0,\n"         // 16 duplicate name
                     "q,层级,street,3,d1,0,0,0,\n"             // 17 wrong level
                     "r s,空格,district,1,city,0,0,0,\n"       // 18 bad id
                     "t,自环,street,2,t,0,0,0,\n";             // 19 self-parent
  CHECK(load_error(text) ==
        "t.csv:4: id: 'd1' already defined at line 3\n"
        "t.csv:5: parent: no unit with id 'nowhere'\n"
        "t.csv:6: parent: missing; only the root ('city' at line 2) may have no parent\n"
        "t.csv:7: level: 3 but parent 'b' has level 4 (expected 5)\n"
        "t.csv:7: parent: cycle: a -> b -> a\n"
        "t.csv:8: parent: cycle: b -> a -> b\n"
        "t.csv:9: parent: not connected to the root: ancestor 'a' is in a cycle\n"
        "t.csv:10: kind: 'county' is not one of "
        "city|district|zone|street|town|department|district_department|vertical|utility|other\n"
        "t.csv:11: level: 'x' is not a level 0-9\n"
        "t.csv:12: name: missing\n"
        "t.csv:13: utility: '2' is not 0 or 1\n"
        "t.csv:14: id: missing\n"
        "t.csv:15: row: 5 fields, expected 9 "
        "(id,name,kind,level,parent,utility,vertical,synthetic,note)\n"
        "t.csv:16: name: '区一' already used under 'city' at line 3\n"
        "t.csv:17: level: 3 but parent 'd1' has level 1 (expected 2)\n"
        "t.csv:18: id: 'r s' may hold only letters, digits, '_', '-' and '.'\n"
        "t.csv:19: parent: cycle: t -> t");
}

TEST_CASE("Header, root and empty-file problems are reported", "[core][org]") {
  CHECK(load_error("id,name,kind\n") ==
        "t.csv:1: header: expected id,name,kind,level,parent,utility,vertical,synthetic,note");
  CHECK(load_error("") ==
        "t.csv: header: empty file; expected "
        "id,name,kind,level,parent,utility,vertical,synthetic,note");
  CHECK(load_error(kHeader) == "t.csv: no units");
  CHECK(load_error(kHeader + "a,甲,city,0,b,0,0,0,\nb,乙,city,0,a,0,0,0,\n") ==
        "t.csv: parent: no root unit (a unit with an empty parent)\n"
        "t.csv:2: level: 0 but parent 'b' has level 0 (expected 1)\n"
        "t.csv:2: parent: cycle: a -> b -> a\n"
        "t.csv:3: level: 0 but parent 'a' has level 0 (expected 1)\n"
        "t.csv:3: parent: cycle: b -> a -> b");
  CHECK(load_error(kHeader + "a,甲,city,1,,0,0,0,\n") == "t.csv:2: level: 1 but the root must have level 0");
  // Comment lines before the header keep the line numbers.
  CHECK(load_error("# units\n# more\n" + kHeader + "a,甲,city,0,,0,0,0,\nb,乙,town,1,zz,0,0,0,\n") ==
        "t.csv:5: parent: no unit with id 'zz'");
  CHECK_THROWS_WITH(OrgGraph::load_csv("/nonexistent/units.csv"),
                    "/nonexistent/units.csv: cannot open unit file");
}

TEST_CASE("Units from memory are checked the same way", "[core][org]") {
  std::vector<Unit> units(3);
  units[0] = Unit{"city", "市", UnitKind::City, 0, "", false, false, false, ""};
  units[1] = Unit{"d", "区", UnitKind::District, 1, "city", false, false, false, ""};
  units[2] = Unit{"s", "街道", UnitKind::Street, 2, "d", false, false, false, ""};
  OrgGraph g = OrgGraph::from_units(units, "units.lua");
  CHECK(g.size() == 3);
  CHECK(g.unit(g.district_of(g.find_id("s"))).name == "区");
  units[2].id = "d";
  CHECK_THROWS_WITH(OrgGraph::from_units(units, "units.lua"),
                    "units.lua:3: id: 'd' already defined at line 2");
}

TEST_CASE("The shipped Shangluo units hold every unit of the January 2025 bulletin",
          "[core][org]") {
  OrgGraph g = OrgGraph::load_csv(data_dir() / "orgs" / "shangluo.csv");
  // The bulletin's table: county/district governments, then city departments and companies.
  const char* districts[] = {"商州区", "洛南县", "丹凤县", "商南县", "山阳县", "镇安县", "柞水县",
                             "商洛高新（商丹园区）"};
  const char* city_units[] = {
      "市发改委", "市教育局", "市公安局", "市财政局", "市城管局", "市交通局", "市水利局",
      "市农业农村局", "市商务局", "市退役军人局", "市应急局", "市审计局", "市市场监管局",
      "市体育局", "市事务局", "市公安局交警支队", "市疾控中心", "市房管局", "市不动产登记中心",
      "市交投公司", "市自来水公司", "国网商洛供电公司", "市邮政管理局", "省联社商洛审计中心",
      "市保险行业协会", "市电信公司", "市医保局", "市天然气公司", "市人社局", "市住建局",
      "市广电网络公司", "市移动公司", "市卫健委", "市联通公司", "市金融办", "市司法局",
      "市文旅局"};
  for (const char* name : districts) {
    INFO(name);
    UnitIndex u = g.find_name(name);
    REQUIRE(u != kNoUnit);
    CHECK(g.parent(u) == g.root());
    CHECK(g.district_of(u) == u);
    CHECK_FALSE(g.unit(u).synthetic);
  }
  for (const char* name : city_units) {
    INFO(name);
    UnitIndex u = g.find_name(name);
    REQUIRE(u != kNoUnit);
    CHECK(g.district_of(u) == kNoUnit);  // city level, beside the districts
    CHECK_FALSE(g.unit(u).synthetic);
  }
  for (const char* name : {"市自来水公司", "国网商洛供电公司", "市天然气公司", "市电信公司",
                           "市移动公司", "市联通公司", "市广电网络公司"})
    CHECK(g.unit(g.find_name(name)).utility);
  for (const char* name : {"市邮政管理局", "省联社商洛审计中心", "国网商洛供电公司"})
    CHECK(g.unit(g.find_name(name)).vertical);
  CHECK(g.unit(g.root()).kind == UnitKind::City);
  // Every county has streets or towns; the demo's 城关街道 is in four of them.
  for (UnitIndex d : g.children_of_kind(g.root(), UnitKind::District)) {
    INFO(g.unit(d).name);
    CHECK(g.children_of_kind(d, UnitKind::Street).size() + g.children_of_kind(d, UnitKind::Town).size() > 0);
  }
  CHECK(g.find_all_names("城关街道").size() == 4);
  CHECK(g.unit(g.district_of(g.find_name("商州区/城关街道"))).name == "商州区");
  // Synthetic units say so in their note.
  for (UnitIndex u = 0; u < g.size(); ++u)
    if (g.unit(u).synthetic) CHECK(g.unit(u).note.rfind("synthetic", 0) == 0);
}
