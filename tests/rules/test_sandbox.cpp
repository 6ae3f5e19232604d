// Attacks on the Lua sandbox: the allow list, known escapes, runaway loops, memory bombs,
// error objects and pcall trying to swallow the budget (Redis' scripting tests as model).
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "core/calendar.hpp"
#include "core/org_graph.hpp"
#include "core/paths.hpp"
#include "rules/bindings.hpp"
#include "rules/sandbox.hpp"

using hotline::rules::Sandbox;
using hotline::rules::SandboxLimits;

namespace {
SandboxLimits small_limits() {
  SandboxLimits l;
  l.memory_bytes = std::size_t(8) << 20;
  l.instructions = 2'000'000;
  // These tests assert which limit stops a script (the instruction budget, the memory cap);
  // the CPU-time safety net is put far off, so that a slow sanitizer build on a busy machine
  // still reaches the budget first (CI once saw 3.3 s of pcall(error) under ASan).
  l.cpu_ms = 120'000;
  return l;
}
std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, ',');) out.push_back(part);
  return out;
}
}  // namespace

TEST_CASE("every reachable global is on the allow list and every allowed name is reachable", "[rules][sandbox]") {
  Sandbox sb(small_limits());
  auto r = sb.eval(R"(
    local seen, out = {}, {}
    local function walk(t, prefix)
      if seen[t] then return end
      seen[t] = true
      for k, v in pairs(t) do
        local name = prefix .. tostring(k)
        out[#out + 1] = name
        if type(v) == "table" and k ~= "_G" then walk(v, name .. ".") end
      end
    end
    walk(_G, "")
    table.sort(out)
    return table.concat(out, ",")
  )", "walk");
  REQUIRE(r.error == "");
  auto reachable = split(r.value);
  auto allowed = hotline::rules::sandbox_allow_list();
  std::sort(allowed.begin(), allowed.end());
  // The calendar and org tables are present (as empty tables) only once bound; the plain
  // sandbox must reach nothing outside the list.
  for (const auto& name : reachable) {
    INFO("reachable: " << name);
    CHECK(std::binary_search(allowed.begin(), allowed.end(), name));
  }
  for (const char* must : {"string.format", "table.concat", "math.floor", "utf8.char", "hotline.log", "pcall"})
    CHECK(std::find(reachable.begin(), reachable.end(), must) != reachable.end());
}

TEST_CASE("with the hotline bindings the reachable names are exactly the allow list", "[rules][sandbox]") {
  auto cal = hotline::WorkCalendar::national();
  auto org = hotline::OrgGraph::load_csv(hotline::data_dir() / "orgs" / "shangluo.csv");
  Sandbox sb(small_limits());
  hotline::rules::bind_hotline(sb, &cal, &org);
  auto r = sb.eval(R"(
    local seen, out = {}, {}
    local function walk(t, prefix)
      if seen[t] then return end
      seen[t] = true
      for k, v in pairs(t) do
        out[#out + 1] = prefix .. tostring(k)
        if type(v) == "table" and k ~= "_G" then walk(v, prefix .. tostring(k) .. ".") end
      end
    end
    walk(_G, "")
    table.sort(out)
    return table.concat(out, ",")
  )", "walk");
  REQUIRE(r.error == "");
  auto reachable = split(r.value);
  auto allowed = hotline::rules::sandbox_allow_list();
  std::sort(allowed.begin(), allowed.end());
  CHECK(reachable == allowed);
  // The bindings work and check their arguments like Lua's own functions.
  CHECK(sb.eval("return hotline.format_time(hotline.calendar.add_working_days(hotline.time('2025-01-24 10:00'), 2))").value ==
        "2025-01-28T00:00:00+08:00");
  CHECK(sb.eval("return hotline.org.district_of('sz-chengguan')").value == "shangzhou");
  CHECK(sb.eval("return tostring(hotline.org.find('no-such-unit'))").value == "nil");
  auto bad = sb.eval("return hotline.calendar.add_working_days(0, -1)", "args.lua");
  CHECK(bad.error == "args.lua:1: bad argument #2 to 'add_working_days' (n must be between 0 and 9999)");
  bad = sb.eval("return hotline.calendar.add_working_days(hotline.time('2040-01-01'), 1)", "range.lua");
  CHECK(bad.error.rfind("range.lua:1: ", 0) == 0);
  CHECK(bad.error.find("2040") != std::string::npos);
  bad = sb.eval("return hotline.org.kind('nowhere')", "org.lua");
  CHECK(bad.error == "org.lua:1: bad argument #1 to 'kind' (unknown unit 'nowhere')");
}

TEST_CASE("dangerous libraries and functions are absent", "[rules][sandbox]") {
  Sandbox sb(small_limits());
  for (const char* name : {"io", "os", "debug", "package", "dofile", "loadfile", "collectgarbage", "print",
                           "rawset", "coroutine", "string.dump", "math.random", "math.randomseed"}) {
    INFO(name);
    std::string code = std::string("local ok, v = pcall(function() return ") + name + " end) return tostring(ok and v == nil)";
    auto r = sb.eval(code);
    CHECK(r.error == "");
    CHECK(r.value == "true");
  }
  auto r = sb.eval("os.execute('touch /tmp/hotline-escape')", "attack");
  CHECK_FALSE(r.ok);
  CHECK(r.error == "attack:1: attempt to index a nil value (global 'os')");
}

TEST_CASE("load refuses bytecode and never hands out the real globals", "[rules][sandbox]") {
  Sandbox sb(small_limits());
  auto r = sb.eval(R"(local f, err = load("\27LuaT\0\25\147\r\n\26\n") return tostring(f) .. "|" .. err)");
  REQUIRE(r.ok);
  CHECK(r.value.find("nil|") == 0);
  CHECK(r.value.find("binary chunk") != std::string::npos);
  r = sb.eval(R"(return load("return 1", "x", "b"))", "attack");
  CHECK(r.error == "attack:1: load: only text chunks (mode \"t\") are allowed");
  r = sb.eval(R"(return tostring(load("return io or os or debug")()))");
  CHECK(r.value == "nil");
  r = sb.eval(R"(load("x = 1", "=inner")())", "attack");
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("read-only") != std::string::npos);
}

TEST_CASE("globals and library tables are read-only", "[rules][sandbox]") {
  Sandbox sb(small_limits());
  for (const char* code : {"x = 1", "string.upper = nil", "_G.string = {}", "hotline.log = nil",
                           "setmetatable(_G, {})", "setmetatable(string, {})", "getmetatable('').__index.upper = nil",
                           "table.insert = function() end"}) {
    INFO(code);
    auto r = sb.eval(code, "attack");
    CHECK_FALSE(r.ok);
    CHECK(r.error.rfind("attack:1: ", 0) == 0);
  }
  CHECK(sb.eval("return getmetatable('')").value == "read-only");
  CHECK(sb.eval("return ('abc'):upper()").value == "ABC");
  CHECK(sb.eval("local t = {} t.x = 1 return t.x").value == "1");  // locals are fine
}

TEST_CASE("require loads only plain module names from the rule set folder", "[rules][sandbox]") {
  Sandbox sb(small_limits(), HOTLINE_TEST_DIR "/rules/fixtures/modules", "mods");
  CHECK(sb.eval("return require('common').answer").value == "42");
  CHECK(sb.eval("return require('common') == require('common')").value == "true");
  for (const char* bad : {"../../../etc/passwd", "os", "a.b", "/etc/passwd", "Common"}) {
    INFO(bad);
    auto r = sb.eval(std::string("return require('") + bad + "')", "attack");
    CHECK_FALSE(r.ok);
    CHECK(r.error.rfind("attack:1: require: ", 0) == 0);
  }
}

TEST_CASE("an infinite loop exhausts the instruction budget with file and line", "[rules][sandbox]") {
  Sandbox sb(small_limits());
  auto r = sb.eval("local n = 0\nwhile true do\n  n = n + 1\nend", "loop.lua");
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("instruction budget of 2000000 exceeded") != std::string::npos);
  CHECK(r.error.rfind("loop.lua:", 0) == 0);
  CHECK(sb.eval("return 1 + 1").value == "2");  // the state goes on
}

TEST_CASE("pcall and xpcall inside a script cannot swallow the budget", "[rules][sandbox]") {
  Sandbox sb(small_limits());
  for (const char* code : {
           "for i = 1, 100 do pcall(function() while true do end end) end return 'escaped'",
           "while true do pcall(pcall, function() while true do end end) end",
           "local ok = xpcall(function() while true do end end, function(m) return m end) return 'escaped'",
           "local ok = xpcall(function() while true do end end, function(m) while true do end end) return 'escaped'",
           "while true do local ok = pcall(error, 'x') end",
           "local t = setmetatable({}, {__index = function(t, k) while true do end end}) while true do pcall(function() return t.x end) end",
           "while true do pcall(function() local x <close> = setmetatable({}, {__close = function() while true do end end}) while true do end end) end"}) {
    INFO(code);
    auto r = sb.eval(code, "swallow");
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("instruction budget") != std::string::npos);
  }
  CHECK(sb.eval("return select('#', pcall(error, 'ordinary'))").value == "2");  // ordinary errors still caught
}

TEST_CASE("memory bombs hit the allocator cap and the state recovers", "[rules][sandbox]") {
  Sandbox sb(small_limits());
  for (const char* code : {"local t = {} for i = 1, 1e8 do t[i] = i end",
                           // within the budget (string.rep charges its count), beyond the cap
                           "local k = string.rep('x', 1000) return string.rep(k, 10000)",
                           "local k = string.rep('x', 1000) local ok, s = pcall(string.rep, k, 10000) return 'escaped'",
                           "local s = 'x' while true do s = s .. s end",
                           "local t = {} while true do t[#t + 1] = {} end"}) {
    INFO(code);
    auto r = sb.eval(code, "bomb");
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("memory cap of 8192 KiB exceeded") != std::string::npos);
    CHECK(r.error.rfind("bomb", 0) == 0);
    CHECK(sb.memory_used() <= sb.limits().memory_bytes);
  }
  CHECK(sb.eval("return #string.rep('y', 1000)").value == "1000");
}

TEST_CASE("error objects that are not strings become messages without running script code", "[rules][sandbox]") {
  Sandbox sb(small_limits());
  auto r = sb.eval("error({code = 7, message = 'bad row'})", "obj.lua");
  CHECK(r.error == "obj.lua:1: error object is a table value (message = bad row)");
  r = sb.eval("error(setmetatable({}, {__tostring = function() while true do end end}))", "obj.lua");
  CHECK(r.error == "obj.lua:1: error object is a table value");
  r = sb.eval("error()", "obj.lua");
  CHECK(r.error == "obj.lua:1: error object is a nil value");
  r = sb.eval("\nerror('no position', 0)", "obj.lua");
  CHECK(r.error == "obj.lua:2: no position");
  r = sb.eval("local x\nreturn x.y", "obj.lua");
  CHECK(r.error == "obj.lua:2: attempt to index a nil value (local 'x')");
  r = sb.eval("return (", "syntax.lua");
  CHECK(r.error.rfind("syntax.lua:1: ", 0) == 0);
}

TEST_CASE("a looping finalizer cannot hang the state or its destruction", "[rules][sandbox]") {
  auto sb = std::make_unique<Sandbox>(small_limits());
  auto r = sb->eval("setmetatable({}, {__gc = function() while true do end end}) return 'set'", "gc.lua");
  CHECK(r.error == "gc.lua:1: setmetatable: __gc finalizers are not allowed in rules");
  r = sb->eval("local mt = {} local t = setmetatable({}, mt) mt.__gc = function() while true do end end return 'set'");
  CHECK(r.value == "set");
  CHECK(sb->eval("local t = {} for i = 1, 1000 do t[i] = {} end return #t").value == "1000");
  sb.reset();  // lua_close runs the finalizer under the hook
  SUCCEED("destroyed");
}
