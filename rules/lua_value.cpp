// Reading Lua rule data into a C++ tree, and finding the line a row was written on.
#include "rules/lua_value.hpp"

#include <algorithm>
#include <cmath>

#include "rules/lua_api.hpp"

namespace hotline::rules {

Value::Value() = default;

const Value& Value::operator[](std::string_view key) const {
  static const Value nil;
  auto it = std::lower_bound(fields.begin(), fields.end(), key,
                             [](const auto& f, std::string_view k) { return f.first < k; });
  return it != fields.end() && it->first == key ? it->second : nil;
}

std::string_view Value::kind_name() const {
  switch (kind) {
    case Kind::Nil: return "nil";
    case Kind::Boolean: return "boolean";
    case Kind::Number: return "number";
    case Kind::String: return "string";
    case Kind::Table: return "table";
    case Kind::Function: return "function";
  }
  return "?";
}

namespace {
Value read(lua_State* L, int idx, std::vector<int>* functions, int depth) {
  idx = lua_absindex(L, idx);
  Value v;
  switch (lua_type(L, idx)) {
    case LUA_TNIL: break;
    case LUA_TBOOLEAN: v.kind = Value::Kind::Boolean; v.boolean = lua_toboolean(L, idx); break;
    case LUA_TNUMBER: v.kind = Value::Kind::Number; v.number = lua_tonumber(L, idx); break;
    case LUA_TSTRING: v.kind = Value::Kind::String; v.string = std::string(to_view(L, idx)); break;
    case LUA_TFUNCTION:
      v.kind = Value::Kind::Function;
      lua_pushvalue(L, idx);
      v.function_id = int(functions->size());
      functions->push_back(luaL_ref(L, LUA_REGISTRYINDEX));
      break;
    case LUA_TTABLE: {
      if (depth > 32) luaL_error(L, "rule data nested deeper than 32 tables");
      v.kind = Value::Kind::Table;
      lua_Integer n = lua_Integer(lua_rawlen(L, idx));
      for (lua_Integer i = 1; i <= n; ++i) {
        lua_rawgeti(L, idx, i);
        v.array.push_back(read(L, -1, functions, depth + 1));
        lua_pop(L, 1);
      }
      lua_pushnil(L);
      while (lua_next(L, idx)) {
        if (lua_type(L, -2) == LUA_TSTRING) {
          v.fields.emplace_back(std::string(to_view(L, -2)), read(L, -1, functions, depth + 1));
        } else if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 1 || lua_tointeger(L, -2) > n) {
          luaL_error(L, "rule tables take string keys or a list 1..n, not a %s key", luaL_typename(L, -2));
        }
        lua_pop(L, 1);
      }
      std::sort(v.fields.begin(), v.fields.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      break;
    }
    default:
      luaL_error(L, "rule data cannot hold a %s value", luaL_typename(L, idx));
  }
  return v;
}
}  // namespace

Value read_value(lua_State* L, int idx, std::vector<int>* functions) { return read(L, idx, functions, 0); }

int line_of_key(std::string_view src, std::string_view key, std::string_view value) {
  for (char q : {'"', '\''}) {
    std::string needle = std::string(1, q) + std::string(value) + q;
    for (std::size_t pos = src.find(needle); pos != std::string_view::npos; pos = src.find(needle, pos + 1)) {
      std::size_t i = pos;
      while (i > 0 && (src[i - 1] == ' ' || src[i - 1] == '\t')) --i;
      if (i == 0 || src[i - 1] != '=') continue;
      --i;
      while (i > 0 && (src[i - 1] == ' ' || src[i - 1] == '\t')) --i;
      if (i < key.size() || src.substr(i - key.size(), key.size()) != key) continue;
      std::size_t start = i - key.size();
      if (start > 0 && (std::isalnum(static_cast<unsigned char>(src[start - 1])) || src[start - 1] == '_')) continue;
      return 1 + int(std::count(src.begin(), src.begin() + std::ptrdiff_t(pos), '\n'));
    }
  }
  return 0;
}

}  // namespace hotline::rules
