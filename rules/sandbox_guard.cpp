// Built-ins that loop in C, under the instruction budget: each library function whose work
// is not bounded by one VM instruction is wrapped by a C closure that charges its cost (the
// count it loops over, the bytes it reads, a pattern's worst case) against the budget before
// calling the original, so that `string.rep("", math.maxinteger)` or `table.move` over
// maxinteger slots fail the call like an endless loop does [docs/rules.md section 7].
#include "rules/sandbox_internal.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "rules/lua_api.hpp"
#include "rules/sandbox.hpp"

namespace hotline::rules {
namespace {

constexpr double kBytesPerStep = 16;  // bytes a built-in may read or copy per instruction charged

enum class Cost : int { Generic, Byte, Rep, Find, Match, Gmatch, Gsub, Format, Concat, Unpack, Move, Length, Sort, Count };

double string_bytes(lua_State* L) {
  double bytes = 0;
  for (int i = 1, n = lua_gettop(L); i <= n; ++i)
    if (lua_type(L, i) == LUA_TSTRING) bytes += double(lua_rawlen(L, i));
  return bytes;
}
double generic(lua_State* L) { return lua_gettop(L) + string_bytes(L) / kBytesPerStep; }
double length_of(lua_State* L, int i) { return lua_type(L, i) == LUA_TSTRING ? double(lua_rawlen(L, i)) : 0; }
double integer_or(lua_State* L, int i, double fallback) {
  int ok = 0;
  lua_Integer v = lua_tointegerx(L, i, &ok);
  return ok ? double(v) : fallback;
}

// End of the single-character class at p[i] (a char, %x, '.', or a [set]), as lstrlib's classEnd.
std::size_t class_end(const char* p, std::size_t m, std::size_t i) {
  if (p[i] == '%') return std::min(m, i + 2);
  if (p[i] != '[') return i + 1;
  std::size_t j = i + 1;
  if (j < m && p[j] == '^') ++j;
  do {
    if (j >= m) return m;
    if (p[j++] == '%' && j < m) ++j;
  } while (j >= m || p[j] != ']');
  return j + 1;
}

}  // namespace

// Worst-case matcher steps of Lua pattern `p` from one start position on a subject of `n`
// bytes: each single item costs its class length, `?` doubles the rest, `*`/`+`/`-` retry
// the rest at up to n+1 positions, %b and back references scan up to n bytes.
double pattern_steps(std::string_view pattern, double n) {
  const char* p = pattern.data();
  const std::size_t m = pattern.size();
  struct Item {
    double cls;
    char quant;  // 0, '?', '*', '+', '-', or 's' for a scan of the subject
  };
  std::vector<Item> items;
  for (std::size_t i = (m > 0 && p[0] == '^') ? 1 : 0; i < m;) {
    const char c = p[i];
    if (c == '(' || c == ')' || (c == '$' && i + 1 == m)) {
      items.push_back({1, 0});
      ++i;
    } else if (c == '%' && i + 1 < m && p[i + 1] == 'b') {
      items.push_back({1, 's'});
      i = std::min(m, i + 4);
    } else if (c == '%' && i + 1 < m && p[i + 1] == 'f') {
      std::size_t e = i + 2 < m ? class_end(p, m, i + 2) : m;
      items.push_back({double(e - i), 0});
      i = e;
    } else if (c == '%' && i + 1 < m && p[i + 1] >= '0' && p[i + 1] <= '9') {
      items.push_back({1, 's'});
      i += 2;
    } else {
      std::size_t e = class_end(p, m, i);
      char q = e < m && std::strchr("?*+-", p[e]) ? p[e] : 0;
      items.push_back({double(e - i), q});
      i = q ? e + 1 : e;
    }
  }
  double w = 1;  // the end of the pattern
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    switch (it->quant) {
      case 0: w = it->cls + w; break;
      case 's': w = n + w; break;
      case '?': w = it->cls + 2 * w; break;
      case '-': w = (n + 1) * (it->cls + w); break;
      default: w = n * it->cls + (n + 1) * w; break;  // '*', '+'
    }
    w = std::min(w, 1e30);
  }
  return w;
}

namespace {

bool has_specials(std::string_view p) { return p.find_first_of("^$*+?.([%-") != std::string_view::npos; }

// find/match/gmatch/gsub (s, pattern [, init | repl [, n | plain]]).
double pattern_cost(lua_State* L, Cost kind) {
  if (lua_type(L, 1) != LUA_TSTRING || lua_type(L, 2) != LUA_TSTRING) return generic(L);
  const double n = length_of(L, 1);
  const std::string_view pat = to_view(L, 2);
  const bool plain = kind == Cost::Find && (lua_toboolean(L, 4) || !has_specials(pat));
  if (plain) return generic(L) + (n + 1) * double(pat.size() + 1);
  const bool anchored = !pat.empty() && pat[0] == '^' && kind != Cost::Gmatch;
  return generic(L) + (anchored ? 1 : n + 1) * pattern_steps(pat, n);
}

// The length of a table argument as table functions will see it; a __len metamethod of the
// script's own is refused (it could answer differently when the original asks again).
double table_length(lua_State* L, int i, const char* fname) {
  if (lua_type(L, i) != LUA_TTABLE) return 0;
  if (luaL_getmetafield(L, i, "__len") != LUA_TNIL) {
    bool ours = lua_tocfunction(L, -1) == proxy_length;
    lua_pop(L, 1);
    if (!ours) luaL_error(L, "%s: tables with a __len metamethod are not allowed in rules (use a plain table)", fname);
    return double(luaL_len(L, i));
  }
  return double(lua_rawlen(L, i));
}

// concat(t, sep, i, j) and unpack(t, i, j): the range is made explicit so that the original
// does not ask for the length again.
double range_cost(lua_State* L, int first, const char* fname) {
  if (lua_type(L, 1) != LUA_TTABLE) return generic(L);
  double i = integer_or(L, first, 1);
  double j = lua_isnoneornil(L, first + 1) ? table_length(L, 1, fname) : integer_or(L, first + 1, 0);
  lua_settop(L, std::max(lua_gettop(L), first + 1));
  if (lua_isnil(L, first)) lua_pushinteger(L, 1), lua_replace(L, first);
  if (lua_isnil(L, first + 1)) lua_pushinteger(L, lua_Integer(j)), lua_replace(L, first + 1);
  return generic(L) + std::max(0.0, j - i + 1);
}

// string.format: no addresses (%p, or %s of a table without __tostring), so that a decision
// cannot depend on where the collector put an object.
void format_without_addresses(lua_State* L) {
  std::string_view f = to_view(L, 1);
  for (std::size_t i = 0; i + 1 < f.size(); ++i) {
    if (f[i] != '%') continue;
    std::size_t j = i + 1;
    while (j < f.size() && std::strchr("-+ #0123456789.", f[j])) ++j;
    if (j < f.size() && f[j] == 'p') luaL_error(L, "string.format: '%%p' is not allowed in rules (addresses differ from run to run)");
    i = j;
  }
  for (int a = 2, n = lua_gettop(L); a <= n; ++a) {
    int t = lua_type(L, a);
    if (t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TUSERDATA || t == LUA_TLIGHTUSERDATA) {
      push_address_free_string(L, a);
      lua_replace(L, a);
    }
  }
}

double cost_of(lua_State* L, Cost kind, const char* fname) {
  switch (kind) {
    case Cost::Generic: return generic(L);
    case Cost::Byte: return generic(L) + length_of(L, 1);
    case Cost::Rep: {
      double n = std::max(0.0, integer_or(L, 2, 0));
      return generic(L) + n + n * (length_of(L, 1) + length_of(L, 3)) / kBytesPerStep;
    }
    case Cost::Find:
    case Cost::Match:
    case Cost::Gmatch:
    case Cost::Gsub: return pattern_cost(L, kind);
    case Cost::Format: format_without_addresses(L); return generic(L);
    case Cost::Concat: return range_cost(L, 3, fname);
    case Cost::Unpack: return range_cost(L, 2, fname);
    case Cost::Move: return generic(L) + std::max(0.0, integer_or(L, 3, 0) - integer_or(L, 2, 1) + 1);
    case Cost::Length: return generic(L) + table_length(L, 1, fname) + 1;
    case Cost::Sort: {
      double n = table_length(L, 1, fname);
      return generic(L) + n * (std::log2(n + 1) + 2);
    }
    case Cost::Count: break;
  }
  return generic(L);
}

// The wrapper: upvalues (original function, cost kind, "lib.name").
int guarded(lua_State* L) {
  const auto kind = Cost(lua_tointeger(L, lua_upvalueindex(2)));
  const char* fname = lua_tostring(L, lua_upvalueindex(3));
  const double cost = cost_of(L, kind, fname);
  sandbox_of(L)->charge(L, cost, fname);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

struct Guard {
  const char* lib;  // nullptr: the global table
  const char* name;
  Cost cost;
};
constexpr Guard kGuards[] = {
    {"string", "byte", Cost::Byte},     {"string", "char", Cost::Generic},   {"string", "find", Cost::Find},
    {"string", "format", Cost::Format}, {"string", "gmatch", Cost::Gmatch},  {"string", "gsub", Cost::Gsub},
    {"string", "lower", Cost::Generic}, {"string", "match", Cost::Match},    {"string", "pack", Cost::Generic},
    {"string", "packsize", Cost::Generic}, {"string", "rep", Cost::Rep},     {"string", "reverse", Cost::Generic},
    {"string", "sub", Cost::Generic},   {"string", "unpack", Cost::Generic}, {"string", "upper", Cost::Generic},
    {"table", "concat", Cost::Concat},  {"table", "insert", Cost::Length},   {"table", "move", Cost::Move},
    {"table", "pack", Cost::Generic},   {"table", "remove", Cost::Length},   {"table", "sort", Cost::Sort},
    {"table", "unpack", Cost::Unpack},  {"utf8", "char", Cost::Generic},     {"utf8", "codepoint", Cost::Byte},
    {"utf8", "len", Cost::Generic},     {"utf8", "offset", Cost::Generic},   {nullptr, "tonumber", Cost::Generic},
    {nullptr, "select", Cost::Generic},
};

}  // namespace

void push_address_free_string(lua_State* L, int idx) {
  if (luaL_getmetafield(L, idx, "__tostring") != LUA_TNIL) {
    lua_pop(L, 1);
    luaL_tolstring(L, idx, nullptr);
    return;
  }
  int t = lua_type(L, idx);
  if (t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TUSERDATA || t == LUA_TLIGHTUSERDATA || t == LUA_TTHREAD)
    lua_pushstring(L, lua_typename(L, t));
  else
    luaL_tolstring(L, idx, nullptr);
}

int proxy_length(lua_State* L) {
  lua_getmetatable(L, 1);
  lua_getfield(L, -1, "__index");
  lua_pushinteger(L, lua_Integer(lua_rawlen(L, -1)));
  return 1;
}

namespace {
// Keeps a shallow copy of each library under its name in the registry's loaded table, so
// that the originals' argument errors still name themselves ("bad argument #2 to 'rep'").
void keep_originals(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  for (const char* lib : {"_G", "string", "table", "utf8"}) {
    if (std::strcmp(lib, "_G") == 0) lua_pushglobaltable(L);
    else lua_getglobal(L, lib);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, -3)) {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, -4);
    }
    lua_setfield(L, -3, lib);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}
}  // namespace

void install_guards(lua_State* L) {
  keep_originals(L);
  for (const Guard& g : kGuards) {
    if (g.lib) lua_getglobal(L, g.lib);
    else lua_pushglobaltable(L);
    std::string full = g.lib ? std::string(g.lib) + "." + g.name : std::string(g.name);
    if (lua_getfield(L, -1, g.name) == LUA_TFUNCTION) {
      lua_pushinteger(L, lua_Integer(g.cost));
      lua_pushstring(L, full.c_str());
      lua_pushcclosure(L, guarded, 3);
      lua_setfield(L, -2, g.name);
    } else {
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  // tostring without addresses.
  lua_pushcfunction(L, [](lua_State* L2) -> int {
    luaL_checkany(L2, 1);
    push_address_free_string(L2, 1);
    return 1;
  });
  lua_setglobal(L, "tostring");
}

}  // namespace hotline::rules
