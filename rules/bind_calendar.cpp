// hotline.calendar.* and hotline.time: the working-calendar primitives for rule scripts
// [SL24 §12, XA23 三(四)]. Times are numbers (seconds since the epoch); errors are Lua
// errors ("bad argument #2 to 'add_working_days'").
#include <exception>

#include "core/calendar.hpp"
#include "rules/bindings.hpp"
#include "rules/lua_api.hpp"
#include "rules/sandbox.hpp"

namespace hotline::rules {
namespace {

const WorkCalendar& calendar(lua_State* L) {
  auto* cal = static_cast<const WorkCalendar*>(lua_touserdata(L, lua_upvalueindex(1)));
  if (!cal) luaL_error(L, "no working calendar is loaded");
  return *cal;
}

// Runs a calendar call, turning C++ exceptions into Lua errors.
template <class F>
int guarded(lua_State* L, F&& f) {
  std::string why;
  try {
    return f();
  } catch (const std::exception& e) {
    why = e.what();
  }
  return luaL_error(L, "%s", why.c_str());
}

Time check_time(lua_State* L, int arg) { return Time(luaL_checkinteger(L, arg)); }

// add_hours(t, h) -> t' [-2, +1, e]
int add_hours(lua_State* L) {
  return guarded(L, [&] { lua_pushinteger(L, calendar(L).add_hours(check_time(L, 1), luaL_checknumber(L, 2))); return 1; });
}
// add_working_hours(t, h) -> t' [-2, +1, e]
int add_working_hours(lua_State* L) {
  return guarded(L, [&] { lua_pushinteger(L, calendar(L).add_working_hours(check_time(L, 1), luaL_checknumber(L, 2))); return 1; });
}
// add_working_days(t, n) -> end of the n-th working day after the day of t [-2, +1, e]
int add_working_days(lua_State* L) {
  return guarded(L, [&] {
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_argcheck(L, n >= 0 && n < 10000, 2, "n must be between 0 and 9999");
    lua_pushinteger(L, calendar(L).add_working_days(check_time(L, 1), int(n)));
    return 1;
  });
}
// working_days_between(a, b) -> n [-2, +1, e]
int working_days_between(lua_State* L) {
  return guarded(L, [&] { lua_pushinteger(L, calendar(L).working_days_between(check_time(L, 1), check_time(L, 2))); return 1; });
}
// is_working_day(t) -> boolean [-1, +1, e]
int is_working_day(lua_State* L) {
  return guarded(L, [&] { lua_pushboolean(L, calendar(L).is_working_day(cst_day(check_time(L, 1)))); return 1; });
}
// hotline.time("2025-01-24 10:00") -> seconds [-1, +1, e]
int time(lua_State* L) {
  Time t = 0;
  std::string why;
  if (!try_parse_time(luaL_checkstring(L, 1), &t, &why)) return luaL_argerror(L, 1, why.c_str());
  lua_pushinteger(L, t);
  return 1;
}
// hotline.format_time(t) -> "2025-01-24T10:00:00+08:00" [-1, +1, m]
int format(lua_State* L) {
  push(L, format_time(check_time(L, 1)));
  return 1;
}

}  // namespace

void bind_org(Sandbox& sandbox, const OrgGraph* org);

void bind_hotline(Sandbox& sandbox, const WorkCalendar* cal, const OrgGraph* org) {
  const luaL_Reg calendar_fns[] = {{"add_hours", add_hours}, {"add_working_hours", add_working_hours},
                                   {"add_working_days", add_working_days},
                                   {"working_days_between", working_days_between},
                                   {"is_working_day", is_working_day}, {nullptr, nullptr}};
  sandbox.add_library("calendar", calendar_fns, cal);
  lua_State* L = sandbox.state();
  lua_getfield(L, LUA_REGISTRYINDEX, "hotline.lib");
  lua_pushcfunction(L, time);
  lua_setfield(L, -2, "time");
  lua_pushcfunction(L, format);
  lua_setfield(L, -2, "format_time");
  lua_pop(L, 1);
  bind_org(sandbox, org);
}

}  // namespace hotline::rules
