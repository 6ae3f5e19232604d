// hotline.org.*: the organisation graph for rule scripts, by unit id or name. Units are
// named by their stable id in and out; unknown units are nil (find) or errors.
#include "core/org_graph.hpp"
#include "rules/bindings.hpp"
#include "rules/lua_api.hpp"
#include "rules/sandbox.hpp"

namespace hotline::rules {
namespace {

const OrgGraph& org(lua_State* L) {
  auto* g = static_cast<const OrgGraph*>(lua_touserdata(L, lua_upvalueindex(1)));
  if (!g) luaL_error(L, "no organisation graph is loaded");
  return *g;
}
UnitIndex check_unit(lua_State* L, int arg) {
  const char* name = luaL_checkstring(L, arg);
  UnitIndex u = org(L).find(name);
  if (u == kNoUnit) luaL_argerror(L, arg, (std::string("unknown unit '") + name + "'").c_str());
  return u;
}
void push_unit(lua_State* L, UnitIndex u) {
  if (u == kNoUnit) lua_pushnil(L);
  else push(L, org(L).unit(u).id);
}

// find(id_or_name) -> id | nil [-1, +1, e]
int find(lua_State* L) {
  push_unit(L, org(L).find(luaL_checkstring(L, 1)));
  return 1;
}
int name(lua_State* L) { push(L, org(L).unit(check_unit(L, 1)).name); return 1; }
int kind(lua_State* L) { push(L, enum_key(org(L).unit(check_unit(L, 1)).kind)); return 1; }
int level(lua_State* L) { lua_pushinteger(L, org(L).unit(check_unit(L, 1)).level); return 1; }
int parent(lua_State* L) { push_unit(L, org(L).parent(check_unit(L, 1))); return 1; }
int district_of(lua_State* L) { push_unit(L, org(L).district_of(check_unit(L, 1))); return 1; }
int is_utility(lua_State* L) { lua_pushboolean(L, org(L).unit(check_unit(L, 1)).utility); return 1; }
int is_vertical(lua_State* L) { lua_pushboolean(L, org(L).unit(check_unit(L, 1)).vertical); return 1; }
// children(id [, kind]) -> { id, ... } [-1|2, +1, m]
int children(lua_State* L) {
  UnitIndex u = check_unit(L, 1);
  const char* k = luaL_optstring(L, 2, nullptr);
  std::vector<UnitIndex> list;
  if (k) {
    auto kind_value = enum_from<UnitKind>(k);
    if (!kind_value) return luaL_argerror(L, 2, ("unknown unit kind; one of " + enum_keys<UnitKind>()).c_str());
    list = org(L).children_of_kind(u, *kind_value);
  } else {
    list = org(L).children(u);
  }
  lua_createtable(L, int(list.size()), 0);
  for (std::size_t i = 0; i < list.size(); ++i) {
    push_unit(L, list[i]);
    lua_rawseti(L, -2, lua_Integer(i + 1));
  }
  return 1;
}

}  // namespace

void bind_org(Sandbox& sandbox, const OrgGraph* graph) {
  const luaL_Reg fns[] = {{"find", find}, {"name", name}, {"kind", kind}, {"level", level},
                          {"parent", parent}, {"district_of", district_of}, {"is_utility", is_utility},
                          {"is_vertical", is_vertical}, {"children", children}, {nullptr, nullptr}};
  sandbox.add_library("org", fns, graph);
}

}  // namespace hotline::rules
