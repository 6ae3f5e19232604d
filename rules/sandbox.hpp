// The Lua sandbox: one Lua state with allow-listed globals, a read-only environment, an
// instruction budget per call and a memory cap, and the one protected-call runner that
// turns every failure into `file:line: message` [docs/architecture.md "The rule set"].
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct lua_State;
struct luaL_Reg;

namespace hotline::rules {

struct SandboxLimits {
  std::size_t memory_bytes = std::size_t(64) << 20;  // cap on everything the state allocates
  std::int64_t instructions = 20'000'000;            // VM instructions per protected call
  // CPU time per protected call, the safety net for single instructions that cost more than
  // one step (== on two long strings, a call passing a million arguments); the instruction
  // budget and the charges of the built-ins are what normally stops a script.
  std::int64_t cpu_ms = 3000;
};

// Called for hotline.log(...) lines: (chunk:line, message).
using LogSink = std::function<void(std::string_view where, std::string_view message)>;

// The names a rule script may reach: globals, and members of the library tables.
const std::vector<std::string>& sandbox_allow_list();

class Sandbox {
 public:
  // `folder` is where require() may load modules from (name.lua, no paths); `label` prefixes
  // chunk names in messages ("shangluo-2024/dispatch.lua:12: ...").
  explicit Sandbox(SandboxLimits limits = {}, std::filesystem::path folder = {},
                   std::string label = {});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  lua_State* state() const { return L_; }
  const SandboxLimits& limits() const { return limits_; }
  const std::filesystem::path& folder() const { return folder_; }
  const std::string& label() const { return label_; }
  void set_log_sink(LogSink sink) { log_ = std::move(sink); }
  // Serve require() from these (file name, text) pairs instead of the folder on disk, so a
  // state runs exactly the files that were validated and hashed. Must outlive the sandbox.
  void set_module_files(const std::vector<std::pair<std::string, std::string>>* files) { module_files_ = files; }

  // Adds hotline.<name> = { functions } before sealing; each function gets `upvalue` as its
  // one upvalue (a light userdata, e.g. the calendar it reads).
  void add_library(const char* name, const luaL_Reg* functions, const void* upvalue);
  // Wraps the library tables and the globals in read-only proxies. After this nothing a
  // script does can write a global or change a library. eval() and load_text() seal first.
  void seal();
  bool sealed() const { return sealed_; }

  // The result of running a snippet: ok and the first result through tostring, or the error.
  struct Eval {
    bool ok = false;
    std::string value;
    std::string error;
  };
  // Runs `code` as a text chunk named `chunk` in the sandbox environment (for tests and the
  // CLI; rule files are loaded by the loader).
  Eval eval(std::string_view code, std::string_view chunk = "eval");

  // The protected-call runner. Calls `body(L)` inside lua_pcall with the budget reset and the
  // message handler installed; `body` may call into Lua freely and must leave the stack
  // balanced on normal return. Returns "" on success, else `file:line: message`.
  // C++ exceptions thrown by `body` are caught and rethrown after the call unwinds.
  // `where_hint` (chunk:line of the function called) names memory errors raised before the
  // hook has seen a line.
  std::string protect(const std::function<void(lua_State*)>& body, std::string_view where_hint = {});

  // Loads a chunk as text with the sandbox environment and pushes it as a function.
  // Raises a Lua error on a syntax error (call inside protect()).
  void load_text(std::string_view code, std::string_view chunk);

  // Charges `cost` instructions of work a built-in is about to do in C (called by the
  // wrappers of string, table and utf8 functions); past the budget raises the budget error,
  // which no pcall can catch.
  void charge(lua_State* L, double cost, const char* what);

  // After the rule files ran: makes every table reachable from these functions (registry
  // references) and from require()'s cache read-only, and records every upvalue; from then
  // on each protected call puts back an upvalue that a rule changed and fails with its name.
  // Returns the problems (state that cannot be frozen), empty when all is well.
  std::vector<std::string> freeze(const std::vector<int>& function_refs);
  bool frozen() const { return frozen_; }

  std::size_t memory_used() const { return used_; }
  std::int64_t instructions_used() const { return count_; }
  std::uint64_t failures() const { return failures_; }

  // Internal state reached from the C callbacks.
  struct Hooks;
  friend struct Hooks;

 private:
  const char* where() const;
  std::string chunk_name(std::string_view file) const;
  static void* alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize);
  void open_libraries();

  SandboxLimits limits_;
  std::filesystem::path folder_;
  std::string label_;
  LogSink log_;
  const std::vector<std::pair<std::string, std::string>>* module_files_ = nullptr;
  lua_State* L_ = nullptr;
  std::size_t used_ = 0;
  std::int64_t count_ = 0;      // instructions used by the current protected call
  bool budget_blown_ = false;   // set by the hook; pcall inside scripts rethrows it
  bool in_call_ = false;
  bool sealed_ = false;
  bool frozen_ = false;
  bool trap_ = false;               // the allocator asked for the hook at the next instruction
  std::int64_t started_ns_ = 0;     // CPU clock at the first hook of the current call
  char last_where_[96] = {};  // last chunk:line seen by the hook, for memory errors
  std::uint64_t failures_ = 0;
};

}  // namespace hotline::rules
