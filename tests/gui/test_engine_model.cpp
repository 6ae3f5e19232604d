// Tests of the live engine's view model: loading, deciding from the form, and the reload
// behaviour on a broken rule file (the old set keeps running, diagnostics name file:line).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/paths.hpp"
#include "core/time.hpp"
#include "gui/engine_model.hpp"
#include "rules/ruleset.hpp"

using namespace hotline;
using namespace hotline::gui;
namespace fs = std::filesystem;

namespace {
// A private copy of a shipped rule set.
fs::path copy_ruleset(const char* name) {
  fs::path dir = fs::path(HOTLINE_TEST_TMP) / name;
  fs::remove_all(dir);
  fs::copy(rules::find_ruleset("shangluo-2024"), dir, fs::copy_options::recursive);
  return dir;
}
std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
void write(const fs::path& p, const std::string& text) {
  const auto before = fs::exists(p) ? fs::last_write_time(p) : fs::file_time_type{};
  std::ofstream(p, std::ios::trunc) << text;
  // make sure the change is visible even on a coarse-grained clock
  if (fs::last_write_time(p) == before) fs::last_write_time(p, before + std::chrono::seconds(1));
}
// Replaces line `n` (1-based) of the text.
std::string with_line(const std::string& text, int n, const std::string& line) {
  std::istringstream in(text);
  std::string out, l;
  for (int i = 1; std::getline(in, l); ++i) out += (i == n ? line : l) + "\n";
  return out;
}
TicketForm water() {
  TicketForm f;
  f.type = RequestType::Help;
  f.category = "供水";
  f.district = "shangzhou";
  f.created = make_time(Date{2025, 3, 3}, 10, 0);
  return f;
}
}  // namespace

TEST_CASE("the live engine loads a rule set, runs its tests and decides a ticket from the form", "[gui][engine]") {
  LiveEngine e("shangluo-2024");
  REQUIRE(e.reload_now());
  REQUIRE(e.current());
  CHECK(e.current()->info.revision.size() >= 8);
  CHECK(e.diagnostics().empty());
  REQUIRE_FALSE(e.current()->tests.empty());
  for (const auto& t : e.current()->tests) CHECK(t.passed);
  const hotline::api::Decision d = e.decide(water());
  CHECK_FALSE(d.manual);
  REQUIRE(d.lead);
  CHECK(d.lead->id == "zlsgs");
  CHECK(d.revision == e.current()->info.revision);
  CHECK(d.reply_by > water().created);
  CHECK_FALSE(d.trace.empty());
}

TEST_CASE("a broken rule file keeps the old revision running and names file:line; the fix loads",
          "[gui][engine][reload]") {
  fs::path dir = copy_ruleset("gui-live-rules");
  LiveEngine e(dir.string());
  e.poll_interval = std::chrono::milliseconds(0);
  REQUIRE(e.reload_now());
  const std::string rev1 = e.current()->info.revision;
  CHECK_FALSE(e.poll());  // nothing changed: no reload starts
  CHECK_FALSE(e.loading());

  const fs::path file = dir / "deadlines.lua";
  const std::string good = read(file);
  write(file, with_line(good, 9, "  accept = = {"));  // a syntax error on line 9
  e.poll();
  REQUIRE(e.loading());
  e.wait();
  CHECK(e.failures() == 1);
  REQUIRE(e.current());
  CHECK(e.current()->info.revision == rev1);  // the old set keeps running
  REQUIRE_FALSE(e.diagnostics().empty());
  bool named = false;
  for (const std::string& d : e.diagnostics()) named |= d.find("deadlines.lua:9") != std::string::npos;
  CHECK(named);
  CHECK(e.decide(water()).lead.value().id == "zlsgs");  // still deciding

  // a rule change its own tests reject is refused the same way
  write(file, good);
  const fs::path tests = dir / "tests" / "dispatch.lua";
  const std::string tests_good = read(tests);
  std::string bad_tests = tests_good;
  const auto at = bad_tests.find("lead = \"zlsgs\"");
  REQUIRE(at != std::string::npos);
  bad_tests.replace(at, 14, "lead = \"luonan\"");
  write(tests, bad_tests);
  e.poll();
  e.wait();
  CHECK(e.failures() == 2);
  CHECK(e.current()->info.revision == rev1);
  named = false;
  for (const std::string& d : e.diagnostics()) named |= d.find("dispatch.lua:") != std::string::npos;
  CHECK(named);

  // the fix, with a changed comment so the content (and revision) differs, loads
  write(tests, tests_good);
  write(file, "-- edited while the dashboard was running\n" + good);
  e.poll();
  e.wait();
  CHECK(e.reloads() == 2);
  CHECK(e.diagnostics().empty());
  CHECK(e.current()->info.revision != rev1);
  CHECK_FALSE(e.decide(water()).manual);
  CHECK(e.current()->info.folder == fs::absolute(dir).string());
}

TEST_CASE("a rule folder that does not exist is a diagnostic, not a crash", "[gui][engine]") {
  LiveEngine e((fs::path(HOTLINE_TEST_TMP) / "gui-no-rules").string());
  CHECK_FALSE(e.reload_now());
  CHECK(e.current() == nullptr);
  CHECK_FALSE(e.diagnostics().empty());
  CHECK_THROWS_AS(e.decide(water()), std::logic_error);
}
