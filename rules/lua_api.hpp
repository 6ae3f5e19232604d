// Internal to rules/: the Lua C API (Debian's C++ build, so Lua errors unwind through C++
// destructors) and small helpers shared by the sandbox, the bindings and the loader.
#pragma once

#include <lua.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace hotline::rules {

class Sandbox;

// The Sandbox that owns a state (its allocator's user data).
inline Sandbox* sandbox_of(lua_State* L) {
  void* ud = nullptr;
  lua_getallocf(L, &ud);
  return static_cast<Sandbox*>(ud);
}

inline std::string_view to_view(lua_State* L, int idx) {
  std::size_t n = 0;
  const char* s = lua_tolstring(L, idx, &n);
  return s ? std::string_view(s, n) : std::string_view();
}

inline void push(lua_State* L, std::string_view s) { lua_pushlstring(L, s.data(), s.size()); }

// A Lua value held by C++: a move-only handle over luaL_ref/luaL_unref in the registry.
class LuaRef {
 public:
  LuaRef() = default;
  // Pops the value on top of the stack and references it.
  explicit LuaRef(lua_State* L) : L_(L), ref_(luaL_ref(L, LUA_REGISTRYINDEX)) {}
  // Adopts a reference made with luaL_ref.
  LuaRef(lua_State* L, int ref) : L_(L), ref_(ref) {}
  LuaRef(LuaRef&& o) noexcept : L_(std::exchange(o.L_, nullptr)), ref_(std::exchange(o.ref_, LUA_NOREF)) {}
  LuaRef& operator=(LuaRef&& o) noexcept {
    if (this != &o) {
      reset();
      L_ = std::exchange(o.L_, nullptr);
      ref_ = std::exchange(o.ref_, LUA_NOREF);
    }
    return *this;
  }
  LuaRef(const LuaRef&) = delete;
  LuaRef& operator=(const LuaRef&) = delete;
  ~LuaRef() { reset(); }

  explicit operator bool() const { return L_ && ref_ != LUA_NOREF && ref_ != LUA_REFNIL; }
  void push() const { lua_rawgeti(L_, LUA_REGISTRYINDEX, ref_); }
  void reset() {
    if (L_ && ref_ != LUA_NOREF) luaL_unref(L_, LUA_REGISTRYINDEX, ref_);
    L_ = nullptr;
    ref_ = LUA_NOREF;
  }

 private:
  lua_State* L_ = nullptr;
  int ref_ = LUA_NOREF;
};

}  // namespace hotline::rules
