// The Lua sandbox: allow-listed globals, read-only environment, instruction budget that
// pcall cannot swallow, allocator memory cap, and the one protected-call runner (modelled on
// Redis' script_lua.c: allow list, read-only tables, count hook).
#include "rules/sandbox.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <sstream>
#include <ctime>

#include "rules/lua_api.hpp"
#include "rules/sandbox_internal.hpp"

namespace hotline::rules {
namespace {

constexpr int kHookStep = 1000;  // instructions between budget checks
constexpr std::size_t kChargedAllocation = 256;  // allocations from this size are charged,
constexpr std::size_t kBytesPerInstruction = 64; // one instruction per this many bytes

std::int64_t cpu_now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}
const char* const kEnvKey = "hotline.env";        // registry: the read-only environment
const char* const kModulesKey = "hotline.modules"; // registry: require() cache
const char* const kLibKey = "hotline.lib";        // registry: the hotline table before sealing

}  // namespace

const std::vector<std::string>& sandbox_allow_list() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v = {
        "_G", "_VERSION", "assert", "error", "getmetatable", "ipairs", "load", "next", "pairs",
        "pcall", "rawequal", "rawget", "rawlen", "require", "select", "setmetatable",
        "tonumber", "tostring", "type", "xpcall", "string", "table", "math", "utf8", "hotline"};
    for (const char* f : {"byte", "char", "find", "format", "gmatch", "gsub", "len", "lower",
                          "match", "pack", "packsize", "rep", "reverse", "sub", "unpack", "upper"})
      v.push_back(std::string("string.") + f);
    for (const char* f : {"concat", "insert", "move", "pack", "remove", "sort", "unpack"})
      v.push_back(std::string("table.") + f);
    for (const char* f : {"abs", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge", "log",
                          "max", "maxinteger", "min", "mininteger", "modf", "pi", "rad", "sin",
                          "sqrt", "tan", "tointeger", "type", "ult", "acos", "asin", "atan"})
      v.push_back(std::string("math.") + f);
    for (const char* f : {"char", "charpattern", "codepoint", "codes", "len", "offset"})
      v.push_back(std::string("utf8.") + f);
    for (const char* f : {"log", "time", "format_time", "calendar", "org"})
      v.push_back(std::string("hotline.") + f);
    for (const char* f : {"add_hours", "add_working_hours", "add_working_days",
                          "working_days_between", "is_working_day"})
      v.push_back(std::string("hotline.calendar.") + f);
    for (const char* f : {"find", "name", "kind", "level", "parent", "district_of",
                          "is_utility", "is_vertical", "children"})
      v.push_back(std::string("hotline.org.") + f);
    return v;
  }();
  return names;
}

// The C callbacks; a struct so that they may touch Sandbox's private state.
struct Sandbox::Hooks {
  // Count hook: charges kHookStep instructions, remembers where the script is, and once the
  // budget is gone raises an error at every instruction so that no pcall can keep running.
  static void hook(lua_State* L, lua_Debug* ar) {
    Sandbox* s = sandbox_of(L);
    if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
      std::snprintf(s->last_where_, sizeof s->last_where_, "%s:%d", ar->short_src, ar->currentline);
    s->count_ += s->budget_blown_ ? 1 : kHookStep;
    if (!s->budget_blown_ && s->count_ <= s->limits_.instructions) {
      if (s->started_ns_ == 0) s->started_ns_ = cpu_now_ns();
      else if (s->limits_.cpu_ms > 0 && cpu_now_ns() - s->started_ns_ > s->limits_.cpu_ms * 1'000'000)
        blow(L, "time limit", s->limits_.cpu_ms, " ms");
      return;
    }
    blow(L, "instruction budget", s->limits_.instructions, "");
  }
  // Raises the budget error, and again at every instruction so that no pcall can keep running.
  [[noreturn]] static void blow(lua_State* L, const char* what, std::int64_t limit, const char* unit,
                                const char* where = nullptr, const char* detail = "") {
    Sandbox* s = sandbox_of(L);
    if (!s->budget_blown_) {
      s->budget_blown_ = true;
      lua_sethook(L, hook, LUA_MASKCOUNT, 1);
    }
    lua_pushfstring(L, "%s: %s of %I%s exceeded%s", where ? where : s->where(), what, (LUAI_UACINT)limit, unit, detail);
    lua_error(L);
    std::abort();  // not reached: lua_error does not return
  }

  // pcall that cannot swallow a blown budget or an exhausted memory cap [-(n), +?, e]
  static int pcall(lua_State* L) {
    luaL_checkany(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    if (status != LUA_OK && (sandbox_of(L)->budget_blown_ || status == LUA_ERRMEM)) return lua_error(L);
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
  }
  // xpcall(f, msgh, ...): the script's handler runs only for ordinary errors. A budget error
  // is raised from the hook, where Lua runs handlers with hooks off, so it bypasses them.
  static int xpcall_handler(lua_State* L) {
    if (sandbox_of(L)->budget_blown_) return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
  }
  static int xpcall(lua_State* L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_handler, 1);
    lua_replace(L, 2);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2);  // f, handler, true, f, args...
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 2);
    if (status != LUA_OK && (sandbox_of(L)->budget_blown_ || status == LUA_ERRMEM)) return lua_error(L);
    if (status != LUA_OK) {
      lua_pushboolean(L, 0);
      lua_pushvalue(L, -2);
      return 2;
    }
    return lua_gettop(L) - 2;
  }
  // setmetatable without finalizers: Lua runs __gc with hooks off, so a looping finalizer
  // could never be stopped. (__gc added after setmetatable is ignored by Lua 5.4.)
  static int setmetatable(lua_State* L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
      lua_pushliteral(L, "__gc");
      bool has_gc = lua_rawget(L, 2) != LUA_TNIL;
      lua_pop(L, 1);
      if (has_gc) return luaL_error(L, "setmetatable: __gc finalizers are not allowed in rules");
      lua_pushliteral(L, "__mode");
      bool weak = lua_rawget(L, 2) != LUA_TNIL;
      lua_pop(L, 1);
      if (weak) return luaL_error(L, "setmetatable: weak tables (__mode) are not allowed in rules (what they hold depends on when the collector runs)");
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
  }

  // load(chunk [, chunkname [, mode [, env]]]): text only, never bytecode; the default
  // environment is the sandbox's, never the real globals.
  static int load(lua_State* L) {
    std::size_t n = 0;
    const char* code = luaL_checklstring(L, 1, &n);
    const char* name = luaL_optstring(L, 2, "=(load)");
    const char* mode = luaL_optstring(L, 3, "t");
    if (std::strcmp(mode, "t") != 0) return luaL_error(L, "load: only text chunks (mode \"t\") are allowed");
    sandbox_of(L)->charge(L, double(n) / 4, "load");
    int status = luaL_loadbufferx(L, code, n, name, "t");
    if (status != LUA_OK) {
      if (status == LUA_ERRMEM) return lua_error(L);
      lua_pushnil(L);
      lua_insert(L, -2);
      return 2;
    }
    if (lua_gettop(L) >= 5 && !lua_isnone(L, 4)) lua_pushvalue(L, 4);
    else lua_getfield(L, LUA_REGISTRYINDEX, kEnvKey);
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    return 1;
  }

  // require(name): name.lua from the rule set folder only; cached per state.
  static int require(lua_State* L) {
    std::size_t n = 0;
    const char* name = luaL_checklstring(L, 1, &n);
    bool ok = n > 0 && n < 64 && !std::isdigit(static_cast<unsigned char>(name[0]));
    for (std::size_t i = 0; ok && i < n; ++i) {
      unsigned char c = static_cast<unsigned char>(name[i]);
      ok = std::islower(c) || std::isdigit(c) || c == '_';
    }
    if (!ok) return luaL_error(L, "require: '%s' is not a module of the rule set folder (use a plain name like 'common')", name);
    Sandbox* s = sandbox_of(L);
    lua_getfield(L, LUA_REGISTRYINDEX, kModulesKey);
    if (lua_getfield(L, -1, name) != LUA_TNIL) return 1;
    lua_pop(L, 1);
    std::string text;
    std::string file = std::string(name) + ".lua";
    if (s->module_files_) {
      auto it = std::find_if(s->module_files_->begin(), s->module_files_->end(),
                             [&](const auto& f) { return f.first == file; });
      if (it == s->module_files_->end()) return luaL_error(L, "require: no module '%s' in the rule set folder", name);
      text = it->second;
    } else {
      if (s->folder_.empty()) return luaL_error(L, "require: no rule set folder");
      std::ifstream in(s->folder_ / (std::string(name) + ".lua"), std::ios::binary);
      if (!in) return luaL_error(L, "require: no module '%s' in the rule set folder", name);
      std::ostringstream buf;
      buf << in.rdbuf();
      text = buf.str();
    }
    s->load_text(text, s->chunk_name(file));
    lua_call(L, 0, 1);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 1);
      lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, name);
    return 1;
  }

  // hotline.log(...): one line to the log sink, prefixed by where it was called [-n, +0, e]
  static int log(lua_State* L) {
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; ++i) {
      if (i > 1) luaL_addchar(&b, ' ');
      luaL_tolstring(L, i, nullptr);
      luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    luaL_where(L, 1);
    Sandbox* s = sandbox_of(L);
    std::string where(to_view(L, -1));
    while (!where.empty() && (where.back() == ' ' || where.back() == ':')) where.pop_back();
    if (s->log_) s->log_(where, to_view(L, -2));
    else std::fprintf(stderr, "rules: %s: %s\n", where.c_str(), std::string(to_view(L, -2)).c_str());
    return 0;
  }

  static int read_only(lua_State* L) {
    const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
    return luaL_error(L, "attempt to write '%s' in a read-only table (the rule set's tables are frozen once loaded, "
                      "so that no decision sees another: use a local variable)", key);
  }
  static int ro_pairs(lua_State* L) {
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "__index");
    lua_pushcfunction(L, [](lua_State* L2) -> int {
      lua_settop(L2, 2);
      return lua_next(L2, 1) ? 2 : (lua_pushnil(L2), 1);
    });
    lua_insert(L, -2);
    lua_pushnil(L);
    return 3;
  }

  // next, rawget and rawlen see through the read-only proxies to the tables they stand for.
  static int next(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    if (is_read_only_proxy(L, 1, true)) lua_replace(L, 1);
    lua_settop(L, 2);
    if (lua_next(L, 1)) return 2;
    lua_pushnil(L);
    return 1;
  }
  static int raw_through(lua_State* L) {
    if (lua_type(L, 1) == LUA_TTABLE && is_read_only_proxy(L, 1, true)) lua_replace(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
  }

  // Message handler: keeps `file:line: message`, adds the location where a message has none,
  // and never runs script code (no __tostring) for error objects that are not strings.
  static int message(lua_State* L) {
    std::string where;
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); ++level) {
      if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
        where = std::string(ar.short_src) + ":" + std::to_string(ar.currentline);
        break;
      }
    }
    if (where.empty()) where = sandbox_of(L)->label_.empty() ? "?" : sandbox_of(L)->label_;
    std::string msg;
    int t = lua_type(L, 1);
    if (t == LUA_TSTRING || t == LUA_TNUMBER) {
      msg = std::string(to_view(L, 1));
    } else {
      msg = std::string("error object is a ") + luaL_typename(L, 1) + " value";
      if (t == LUA_TTABLE) {
        for (const char* f : {"message", "msg"}) {
          lua_pushstring(L, f);
          if (lua_rawget(L, 1) == LUA_TSTRING) msg += std::string(" (") + f + " = " + std::string(to_view(L, -1)) + ")";
          lua_pop(L, 1);
        }
      }
    }
    if (!has_location(msg)) msg = where + ": " + msg;
    push(L, msg);
    return 1;
  }
  // "chunk:123: ..." at the start of a message.
  static bool has_location(std::string_view m) {
    std::size_t colon = m.find(':');
    if (colon == 0 || colon == std::string_view::npos || m.substr(0, colon).find(' ') != std::string_view::npos) return false;
    std::size_t i = colon + 1, digits = 0;
    while (i < m.size() && std::isdigit(static_cast<unsigned char>(m[i]))) ++i, ++digits;
    return digits > 0 && i < m.size() && m[i] == ':';
  }

  static int trampoline(lua_State* L);
};

namespace {
struct ProtectContext {
  const std::function<void(lua_State*)>* body;
  std::exception_ptr error;
};
}  // namespace

int Sandbox::Hooks::trampoline(lua_State* L) {
  auto* ctx = static_cast<ProtectContext*>(lua_touserdata(L, 1));
  lua_settop(L, 0);
  try {
    (*ctx->body)(L);
  } catch (const std::exception&) {  // Lua's own errors are not std::exception: they pass
    ctx->error = std::current_exception();
  }
  return 0;
}

void* Sandbox::alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
  auto* s = static_cast<Sandbox*>(ud);
  std::size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    std::free(ptr);
    s->used_ -= old;
    return nullptr;
  }
  if (nsize > old && s->used_ - old + nsize > s->limits_.memory_bytes) return nullptr;
  if (nsize >= kChargedAllocation && nsize > old && s->in_call_) {
    // Work that allocates (concatenation, gsub, table growth) is charged by the bytes it makes;
    // past the budget the hook fires at the next instruction. Short strings (interned, so
    // allocated or not depending on earlier decisions) stay below the threshold.
    s->count_ += std::int64_t((nsize - old) / kBytesPerInstruction);
    if (s->count_ > s->limits_.instructions && !s->budget_blown_ && !s->trap_) {
      s->trap_ = true;
      lua_sethook(s->L_, Hooks::hook, LUA_MASKCOUNT, 1);
    }
  }
  void* p = std::realloc(ptr, nsize);
  if (p) s->used_ = s->used_ - old + nsize;
  return p;
}

Sandbox::Sandbox(SandboxLimits limits, std::filesystem::path folder, std::string label)
    : limits_(limits), folder_(std::move(folder)), label_(std::move(label)) {
  L_ = lua_newstate(&Sandbox::alloc, this);
  if (!L_) throw std::bad_alloc();
  lua_atpanic(L_, [](lua_State* L) -> int {
    std::fprintf(stderr, "hotline: unprotected Lua error: %s\n", lua_tostring(L, -1));
    std::abort();
  });
  open_libraries();
}

Sandbox::~Sandbox() {
  if (L_) lua_close(L_);
}

const char* Sandbox::where() const { return last_where_[0] ? last_where_ : (label_.empty() ? "?" : label_.c_str()); }

std::string Sandbox::chunk_name(std::string_view file) const {
  return label_.empty() ? std::string(file) : label_ + "/" + std::string(file);
}

void Sandbox::open_libraries() {
  lua_State* L = L_;
  luaL_requiref(L, "_G", luaopen_base, 1);
  lua_pop(L, 1);
  const luaL_Reg libs[] = {{LUA_STRLIBNAME, luaopen_string}, {LUA_TABLIBNAME, luaopen_table},
                           {LUA_MATHLIBNAME, luaopen_math}, {LUA_UTF8LIBNAME, luaopen_utf8}};
  for (const luaL_Reg& lib : libs) {
    luaL_requiref(L, lib.name, lib.func, 1);
    lua_pop(L, 1);
  }
  lua_pushglobaltable(L);
  // Not allowed: files, the collector, output, raw writes (they bypass read-only tables).
  for (const char* f : {"dofile", "loadfile", "collectgarbage", "print", "rawset", "warn"}) {
    lua_pushnil(L);
    lua_setfield(L, -2, f);
  }
  const luaL_Reg base[] = {{"pcall", Hooks::pcall}, {"xpcall", Hooks::xpcall}, {"load", Hooks::load},
                           {"require", Hooks::require}, {nullptr, nullptr}};
  luaL_setfuncs(L, base, 0);
  lua_getfield(L, -1, "setmetatable");
  lua_pushcclosure(L, Hooks::setmetatable, 1);
  lua_setfield(L, -2, "setmetatable");
  // Library members not on the allow list (compatibility functions, dump, random) go.
  const auto& allowed = sandbox_allow_list();
  for (const char* lib : {"string", "table", "math", "utf8"}) {
    lua_getfield(L, -1, lib);
    std::vector<std::string> drop;
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      std::string name = std::string(lib) + "." + std::string(to_view(L, -2));
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) drop.push_back(std::string(to_view(L, -2)));
      lua_pop(L, 1);
    }
    for (const std::string& f : drop) {
      lua_pushnil(L);
      lua_setfield(L, -2, f.c_str());
    }
    lua_pop(L, 1);
  }
  install_guards(L);
  lua_pushcfunction(L, Hooks::next);
  lua_setfield(L, -2, "next");
  for (const char* f : {"rawget", "rawlen"}) {
    lua_getfield(L, -1, f);
    lua_pushcclosure(L, Hooks::raw_through, 1);
    lua_setfield(L, -2, f);
  }
  lua_newtable(L);  // hotline
  lua_pushcfunction(L, Hooks::log);
  lua_setfield(L, -2, "log");
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, kLibKey);
  lua_setfield(L, -2, "hotline");
  lua_pop(L, 1);
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, kModulesKey);
  // Strings keep their methods, but their metatable cannot be reached or changed.
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_pushliteral(L, "read-only");
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);
  lua_sethook(L, Hooks::hook, LUA_MASKCOUNT, kHookStep);
}

void Sandbox::add_library(const char* name, const luaL_Reg* functions, const void* upvalue) {
  if (sealed_) throw std::logic_error("Sandbox::add_library after seal()");
  lua_getfield(L_, LUA_REGISTRYINDEX, kLibKey);
  lua_newtable(L_);
  lua_pushlightuserdata(L_, const_cast<void*>(upvalue));
  luaL_setfuncs(L_, functions, 1);
  lua_setfield(L_, -2, name);
  lua_pop(L_, 1);
}

// A read-only proxy (pushed) standing for the table at `idx`: reads, length and pairs go to it.
void push_read_only(lua_State* L, int idx) {
  idx = lua_absindex(L, idx);
  lua_newtable(L);
  lua_createtable(L, 0, 5);
  lua_pushvalue(L, idx);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, Sandbox::Hooks::read_only);
  lua_setfield(L, -2, "__newindex");
  lua_pushcfunction(L, Sandbox::Hooks::ro_pairs);
  lua_setfield(L, -2, "__pairs");
  lua_pushcfunction(L, proxy_length);
  lua_setfield(L, -2, "__len");
  lua_pushliteral(L, "read-only");
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
}

bool is_read_only_proxy(lua_State* L, int idx, bool push_target) {
  if (!lua_getmetatable(L, idx)) return false;
  lua_pushliteral(L, "__newindex");
  bool ours = lua_rawget(L, -2) == LUA_TFUNCTION && lua_tocfunction(L, -1) == Sandbox::Hooks::read_only;
  lua_pop(L, 1);
  if (ours && push_target) {
    lua_pushliteral(L, "__index");
    lua_rawget(L, -2);
    lua_remove(L, -2);
    return true;
  }
  lua_pop(L, 1);
  return ours;
}

namespace {
// Makes every table member of the table at `idx` (recursively) a read-only proxy.
void freeze_members(lua_State* L, int idx) {
  idx = lua_absindex(L, idx);
  lua_pushnil(L);
  std::vector<std::string> keys;
  while (lua_next(L, idx)) {
    if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TTABLE) keys.emplace_back(to_view(L, -2));
    lua_pop(L, 1);
  }
  for (const std::string& k : keys) {
    lua_getfield(L, idx, k.c_str());
    freeze_members(L, -1);
    push_read_only(L, -1);
    lua_setfield(L, idx, k.c_str());
    lua_pop(L, 1);
  }
}
}  // namespace

void Sandbox::seal() {
  if (sealed_) return;
  lua_State* L = L_;
  lua_pushglobaltable(L);
  lua_pushnil(L);
  lua_setfield(L, -2, "_G");
  freeze_members(L, -1);
  push_read_only(L, -1);  // the environment every chunk runs in
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, "_G");
  lua_setfield(L, LUA_REGISTRYINDEX, kEnvKey);
  lua_pop(L, 1);
  sealed_ = true;
}

void Sandbox::load_text(std::string_view code, std::string_view chunk) {
  seal();
  std::string name = "@" + std::string(chunk);
  if (luaL_loadbufferx(L_, code.data(), code.size(), name.c_str(), "t") != LUA_OK) lua_error(L_);
  lua_getfield(L_, LUA_REGISTRYINDEX, kEnvKey);
  lua_setupvalue(L_, -2, 1);
}

std::string Sandbox::protect(const std::function<void(lua_State*)>& body, std::string_view where_hint) {
  seal();
  lua_State* L = L_;
  int base = lua_gettop(L);
  ProtectContext ctx{&body, nullptr};
  lua_pushcfunction(L, Hooks::message);
  lua_pushcfunction(L, Hooks::trampoline);
  lua_pushlightuserdata(L, &ctx);
  if (trap_) lua_sethook(L, Hooks::hook, LUA_MASKCOUNT, kHookStep);
  trap_ = false;
  count_ = 0;
  started_ns_ = 0;
  budget_blown_ = false;
  std::snprintf(last_where_, sizeof last_where_, "%.*s", int(where_hint.size()), where_hint.data());
  in_call_ = true;
  int status = lua_pcall(L, 1, 0, base + 1);
  in_call_ = false;
  if (budget_blown_ || trap_) lua_sethook(L, Hooks::hook, LUA_MASKCOUNT, kHookStep);
  budget_blown_ = trap_ = false;
  std::string error;
  if (status == LUA_ERRMEM) {
    error = std::string(where()) + ": memory cap of " + std::to_string(limits_.memory_bytes >> 10) + " KiB exceeded";
  } else if (status != LUA_OK) {
    error = lua_type(L, -1) == LUA_TSTRING ? std::string(to_view(L, -1)) : std::string("error in error handling");
  }
  lua_settop(L, base);
  if (frozen_) {  // whatever the call did to a file-level local or _ENV is undone
    std::string changed = restore_upvalues(L);
    if (status == LUA_OK && !changed.empty()) status = LUA_ERRRUN, error = std::move(changed);
  }
  if (status != LUA_OK) {
    ++failures_;
    if (status == LUA_ERRMEM) lua_gc(L, LUA_GCCOLLECT);
  }
  if (ctx.error) std::rethrow_exception(ctx.error);
  return error;
}

void Sandbox::charge(lua_State* L, double cost, const char* what) {
  if (!in_call_ || budget_blown_) return;
  const double left = double(limits_.instructions - count_);
  if (cost <= left) {
    count_ += std::int64_t(cost);
    return;
  }
  count_ = limits_.instructions + 1;
  luaL_where(L, 1);
  std::string where(to_view(L, -1));
  while (!where.empty() && (where.back() == ' ' || where.back() == ':')) where.pop_back();
  if (where.empty()) where = this->where();
  char detail[160];
  std::snprintf(detail, sizeof detail, " (%s would take about %.3g steps)", what, cost);
  Hooks::blow(L, "instruction budget", limits_.instructions, "", where.c_str(), detail);
}

std::vector<std::string> Sandbox::freeze(const std::vector<int>& function_refs) {
  seal();
  std::vector<std::string> problems = freeze_reachable(L_, function_refs, kModulesKey);
  frozen_ = true;
  return problems;
}

Sandbox::Eval Sandbox::eval(std::string_view code, std::string_view chunk) {
  Eval out;
  out.error = protect([&](lua_State* L) {
    load_text(code, chunk);
    lua_call(L, 0, 1);
    out.value = std::string(to_view(L, (luaL_tolstring(L, -1, nullptr), -1)));
    lua_pop(L, 2);
  }, chunk);
  out.ok = out.error.empty();
  if (!out.ok) out.value.clear();
  return out;
}

}  // namespace hotline::rules
