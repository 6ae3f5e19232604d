// Decisions must not see each other: once the rule files have run, every table a rule can
// reach (through its upvalues, the module tables, require()'s cache) is replaced by a
// read-only proxy, and every upvalue of every reachable Lua function is recorded. After each
// protected call the recorded upvalues are compared and put back, so that `_ENV = {}` or
// `counter = counter + 1` on a file-level local fails that decision and no later one sees it.
#include <set>
#include <string>
#include <vector>

#include "rules/lua_api.hpp"
#include "rules/sandbox_internal.hpp"

namespace hotline::rules {
namespace {

const char* const kMemoKey = "hotline.frozen";      // raw table -> its proxy; metatables walked
const char* const kSeenKey = "hotline.walked";      // Lua functions walked
const char* const kSnapKey = "hotline.upvalues";    // { f, i, value, f, i, value, ... }
constexpr int kMaxDepth = 200;

struct Walk {
  lua_State* L = nullptr;
  int memo = 0, seen = 0, snap = 0;
  lua_Integer n = 0;
  std::set<const void*> ids;  // upvalue ids recorded (closures of one chunk share _ENV)
  std::vector<std::string>* problems = nullptr;
  int depth = 0;
};

bool is_reference(int t) { return t == LUA_TTABLE || t == LUA_TFUNCTION; }
void push_frozen(Walk& w, int idx);

// Replaces the table and function members (keys too) of the table at `t` by frozen ones.
void freeze_contents(Walk& w, int t) {
  lua_State* L = w.L;
  t = lua_absindex(L, t);
  lua_newtable(L);  // the entries to replace, collected first: no writes while traversing
  const int list = lua_gettop(L);
  lua_Integer k = 0;
  lua_pushnil(L);
  while (lua_next(L, t)) {
    if (is_reference(lua_type(L, -1)) || is_reference(lua_type(L, -2))) {
      lua_pushvalue(L, -2);
      lua_rawseti(L, list, ++k);
      lua_rawseti(L, list, ++k);
    } else {
      lua_pop(L, 1);
    }
  }
  for (lua_Integer i = 1; i <= k; i += 2) {
    lua_rawgeti(L, list, i);      // key
    lua_rawgeti(L, list, i + 1);  // value
    push_frozen(w, -2);
    push_frozen(w, -2);
    if (!lua_rawequal(L, -4, -2)) {  // a table key: the entry moves to the proxy key
      lua_pushvalue(L, -4);
      lua_pushnil(L);
      lua_rawset(L, t);
    }
    lua_rawset(L, t);
    lua_pop(L, 2);
  }
  lua_pop(L, 1);
  if (lua_getmetatable(L, t)) {  // the script's own metatable: its members too, once
    lua_pushvalue(L, -1);
    if (lua_rawget(L, w.seen) == LUA_TNIL) {
      lua_pushvalue(L, -2);
      lua_pushboolean(L, 1);
      lua_rawset(L, w.seen);
      freeze_contents(w, -2);
    }
    lua_pop(L, 2);
  }
}

void walk_function(Walk& w, int f) {
  lua_State* L = w.L;
  f = lua_absindex(L, f);
  lua_pushvalue(L, f);
  if (lua_rawget(L, w.seen) != LUA_TNIL) return lua_pop(L, 1);
  lua_pop(L, 1);
  lua_pushvalue(L, f);
  lua_pushboolean(L, 1);
  lua_rawset(L, w.seen);
  const bool lua_function = !lua_iscfunction(L, f);
  for (int i = 1;; ++i) {
    const char* name = lua_getupvalue(L, f, i);
    if (!name) break;
    if (lua_type(L, -1) == LUA_TUSERDATA) {
      lua_Debug ar;
      lua_pushvalue(L, f);
      lua_getinfo(L, ">S", &ar);
      w.problems->push_back(std::string(ar.short_src) + ": a function kept across decisions holds hidden state "
                            "(such as a string.gmatch iterator); create it inside the rule function");
    }
    push_frozen(w, -1);
    if (!lua_rawequal(L, -1, -2)) {
      lua_pushvalue(L, -1);
      lua_setupvalue(L, f, i);
    }
    if (lua_function && w.ids.insert(lua_upvalueid(L, f, i)).second) {
      lua_pushvalue(L, f);
      lua_rawseti(L, w.snap, ++w.n);
      lua_pushinteger(L, i);
      lua_rawseti(L, w.snap, ++w.n);
      lua_pushvalue(L, -1);
      lua_rawseti(L, w.snap, ++w.n);
    }
    lua_pop(L, 2);
  }
}

// Pushes the frozen stand-in of the value at idx: a table's proxy (made once per table),
// otherwise the value itself (functions are walked).
void push_frozen(Walk& w, int idx) {
  lua_State* L = w.L;
  idx = lua_absindex(L, idx);
  luaL_checkstack(L, 8, "freezing the rule set");
  if (lua_type(L, idx) == LUA_TFUNCTION) {
    if (++w.depth <= kMaxDepth) walk_function(w, idx);
    --w.depth;
    lua_pushvalue(L, idx);
    return;
  }
  if (lua_type(L, idx) != LUA_TTABLE || is_read_only_proxy(L, idx)) return lua_pushvalue(L, idx);
  lua_pushvalue(L, idx);
  if (lua_rawget(L, w.memo) != LUA_TNIL) return;
  lua_pop(L, 1);
  push_read_only(L, idx);
  lua_pushvalue(L, idx);
  lua_pushvalue(L, -2);
  lua_rawset(L, w.memo);
  if (++w.depth > kMaxDepth) {
    if (w.problems->empty() || w.problems->back().find("nested") == std::string::npos)
      w.problems->push_back("tables or functions nested deeper than " + std::to_string(kMaxDepth) + " levels cannot be frozen");
  } else {
    freeze_contents(w, idx);
  }
  --w.depth;
}

}  // namespace

std::vector<std::string> freeze_reachable(lua_State* L, const std::vector<int>& function_refs, const char* modules_key) {
  std::vector<std::string> problems;
  Walk w;
  w.L = L;
  w.problems = &problems;
  for (const char* key : {kMemoKey, kSeenKey, kSnapKey}) {
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, key);
  }
  w.memo = lua_absindex(L, -3);
  w.seen = lua_absindex(L, -2);
  w.snap = lua_absindex(L, -1);
  for (int ref : function_refs) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    push_frozen(w, -1);
    lua_pop(L, 2);
  }
  lua_getfield(L, LUA_REGISTRYINDEX, modules_key);
  freeze_contents(w, -1);
  lua_pop(L, 4);
  lua_pushnil(L);  // the memo and the walked set were only for the walk
  lua_setfield(L, LUA_REGISTRYINDEX, kMemoKey);
  lua_pushnil(L);
  lua_setfield(L, LUA_REGISTRYINDEX, kSeenKey);
  return problems;
}

std::string restore_upvalues(lua_State* L) {
  std::string changed;
  if (lua_getfield(L, LUA_REGISTRYINDEX, kSnapKey) != LUA_TTABLE) {
    lua_pop(L, 1);
    return changed;
  }
  const int snap = lua_gettop(L);
  const lua_Integer n = lua_Integer(lua_rawlen(L, snap));
  for (lua_Integer k = 1; k + 2 <= n; k += 3) {
    lua_rawgeti(L, snap, k);
    const int f = lua_gettop(L);
    const int i = int((lua_rawgeti(L, snap, k + 1), lua_tointeger(L, -1)));
    lua_pop(L, 1);
    const char* name = lua_getupvalue(L, f, i);
    lua_rawgeti(L, snap, k + 2);
    if (!lua_rawequal(L, -1, -2)) {
      if (changed.empty()) {
        lua_Debug ar;
        lua_pushvalue(L, f);
        lua_getinfo(L, ">S", &ar);
        changed = std::string(ar.short_src) + ":" + std::to_string(ar.linedefined) + ": a rule tried to keep state in '" +
                  (name && *name ? name : "?") +
                  "' (a file-level local or _ENV): rule sets are frozen once loaded, so that no decision sees another";
      }
      lua_setupvalue(L, f, i);
    } else {
      lua_pop(L, 1);
    }
    lua_pop(L, 2);
  }
  lua_pop(L, 1);
  return changed;
}

}  // namespace hotline::rules
