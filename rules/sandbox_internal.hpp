// The sandbox's internal header (not for use outside the sandbox's own files: sandbox.cpp,
// sandbox_guard.cpp, sandbox_freeze.cpp): the wrappers that put the built-ins looping in C
// under the instruction budget (sandbox_guard.cpp), and the pieces of the read-only proxies
// they must recognise.
#pragma once

#include <string>
#include <string_view>
#include <vector>

struct lua_State;

namespace hotline::rules {

// Replaces the string, table and utf8 functions (and tonumber, select, tostring) of the
// globals by wrappers that charge their cost first. Call once, before sealing.
void install_guards(lua_State* L);

// Worst-case matcher steps of a Lua pattern from one start position on `n` bytes of text.
double pattern_steps(std::string_view pattern, double n);

// tostring without addresses: __tostring if the value has one, else the type name for
// tables, functions and userdata ("table"), else the usual text. Pushes the string.
void push_address_free_string(lua_State* L, int idx);

// __len of the read-only proxies: the length of the table they stand for.
int proxy_length(lua_State* L);

}  // namespace hotline::rules

namespace hotline::rules {

// The read-only proxies (sandbox.cpp): pushes a proxy standing for the table at `idx`.
void push_read_only(lua_State* L, int idx);
// Whether the value at `idx` is such a proxy; if so and `push_target`, pushes its table.
bool is_read_only_proxy(lua_State* L, int idx, bool push_target = false);

// Freezing (sandbox_freeze.cpp): makes every table reachable from the functions (registry
// references) and from the require() cache (registry field `modules_key`) read-only and
// records every upvalue; returns what cannot be frozen, as messages.
std::vector<std::string> freeze_reachable(lua_State* L, const std::vector<int>& function_refs, const char* modules_key);
// Puts back every recorded upvalue a call changed; "" if none changed, else a message
// naming the first (chunk:line of its function, the variable).
std::string restore_upvalues(lua_State* L);

}  // namespace hotline::rules
