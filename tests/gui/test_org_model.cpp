// Tests of the organisation window's view model: visible rows, expansion, filter, selection, detail.
#include <catch2/catch.hpp>

#include "core/paths.hpp"
#include "gui/org_model.hpp"

using namespace hotline;
using namespace hotline::gui;

namespace {
OrgGraph small_org() {
  return OrgGraph::load_csv_text(
      "id,name,kind,level,parent,utility,vertical,synthetic,note\n"
      "city,市平台,city,0,,0,0,0,\n"
      "d1,甲区,district,1,city,0,0,0,\n"
      "s1,城关街道,street,2,d1,0,0,1,synthetic\n"
      "t1,东镇,town,2,d1,0,0,1,synthetic\n"
      "d2,乙县,district,1,city,0,0,0,\n"
      "s2,城关镇,town,2,d2,0,0,1,synthetic\n"
      "water,市自来水公司,utility,1,city,1,0,0,\n",
      "small.csv");
}

std::vector<std::string> ids(OrgTreeModel& m) {
  std::vector<std::string> out;
  for (const OrgRow& r : m.rows()) out.push_back(m.graph().unit(r.unit).id);
  return out;
}
}  // namespace

TEST_CASE("the unit tree starts with the root open and its children visible", "[gui][org]") {
  OrgTreeModel m(small_org());
  CHECK(ids(m) == std::vector<std::string>{"city", "d1", "d2", "water"});
  const auto& rows = m.rows();
  CHECK(rows[0].depth == 0);
  CHECK(rows[0].expanded);
  CHECK(rows[1].depth == 1);
  CHECK(rows[1].has_children);
  CHECK_FALSE(rows[1].expanded);
  CHECK_FALSE(rows[3].has_children);
  CHECK(m.selected() == kNoUnit);
  CHECK(m.selected_row() == -1);
}

TEST_CASE("expanding a unit shows its children right below it", "[gui][org]") {
  OrgTreeModel m(small_org());
  m.set_expanded(m.graph().find_id("d1"), true);
  CHECK(ids(m) == std::vector<std::string>{"city", "d1", "s1", "t1", "d2", "water"});
  CHECK(m.rows()[2].depth == 2);
  m.expand_all();
  CHECK(m.rows().size() == 7);
  m.collapse_all();
  CHECK(ids(m) == std::vector<std::string>{"city", "d1", "d2", "water"});
}

TEST_CASE("selecting a unit opens its ancestors so its row is visible", "[gui][org]") {
  OrgTreeModel m(small_org());
  UnitIndex s2 = m.graph().find_id("s2");
  m.select(s2);
  CHECK(m.selected() == s2);
  CHECK(ids(m) == std::vector<std::string>{"city", "d1", "d2", "s2", "water"});
  CHECK(m.selected_row() == 3);
  m.select(kNoUnit);
  CHECK(m.selected_row() == -1);
}

TEST_CASE("the filter keeps matches and their ancestors, shown open", "[gui][org]") {
  OrgTreeModel m(small_org());
  m.set_filter("城关");
  CHECK(ids(m) == std::vector<std::string>{"city", "d1", "s1", "d2", "s2"});
  CHECK_FALSE(m.rows()[0].match);
  CHECK(m.rows()[2].match);
  m.set_filter("water");  // ids match too
  CHECK(ids(m) == std::vector<std::string>{"city", "water"});
  m.set_filter("no such unit");
  CHECK(m.rows().empty());
  m.set_filter("");
  CHECK(ids(m) == std::vector<std::string>{"city", "d1", "d2", "water"});
}

TEST_CASE("a unit's detail counts its children by kind and all units below", "[gui][org]") {
  OrgTreeModel m(small_org());
  const OrgGraph& g = m.graph();
  UnitDetail d = m.detail(g.find_id("d1"));
  CHECK(d.path == "市平台 / 甲区");
  CHECK(g.unit(d.parent).id == "city");
  CHECK(g.unit(d.district).id == "d1");
  CHECK(d.children == 2);
  CHECK(d.children_by_kind == std::vector<std::pair<UnitKind, std::size_t>>{{UnitKind::Street, 1}, {UnitKind::Town, 1}});
  UnitDetail root = m.detail(g.root());
  CHECK(root.descendants == 6);
  CHECK(root.parent == kNoUnit);
}

TEST_CASE("the shipped Shangluo org list loads into the tree", "[gui][org]") {
  OrgTreeModel m(OrgGraph::load_csv(data_dir() / "orgs" / "shangluo.csv"));
  const auto& rows = m.rows();
  REQUIRE(rows.size() > 1);
  CHECK(rows.size() == 1 + m.graph().children(m.graph().root()).size());
  m.expand_all();
  CHECK(m.rows().size() == m.graph().size());
  UnitDetail d = m.detail(m.graph().root());
  CHECK(d.descendants + 1 == m.graph().size());
}
