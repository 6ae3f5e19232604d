// Tests of the scenario.lua loader: the shipped scenarios load, errors name file:line:
// field, and the script runs in a sandbox without io/os/load and with budgets.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <numeric>

#include "core/error.hpp"
#include "core/paths.hpp"
#include "rules/scenario_loader.hpp"

using namespace hotline;
namespace fs = std::filesystem;

namespace {

fs::path write_scenario(const std::string& name, const std::string& text) {
  const fs::path dir = fs::path(HOTLINE_TEST_TMP) / "scenarios" / name;
  fs::create_directories(dir);
  std::ofstream(dir / "scenario.lua") << text;
  return dir / "scenario.lua";
}

// A minimal valid scenario body; `extra` goes inside the returned table.
std::string minimal(const std::string& extra = "") {
  return "local p = {}\n"
         "for i = 1, 48 do p[i] = 10 end\n"
         "return {\n"
         "  start = \"2025-01-06\",\n"
         "  traffic = { source = \"profile\", profile = { all = p } },\n"
         "  skills = { general = { share = 1, agents = { all = p } } },\n" +
         extra + "}\n";
}

std::string error_of(const fs::path& file) {
  try {
    load_scenario(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("The shipped Shangluo scenario loads with the bulletin's volumes", "[rules][scenario]") {
  const ScenarioConfig sc = load_scenario("shangluo-2025-01");
  CHECK(sc.name == "shangluo-2025-01");
  CHECK(sc.days == 31);
  CHECK(sc.ruleset == "rulesets/shangluo-2024");
  CHECK(format_time(sc.start) == "2025-01-01T00:00:00+08:00");
  const double wd = std::accumulate(sc.profile[0].begin(), sc.profile[0].end(), 0.0);
  const double we = std::accumulate(sc.profile[1].begin(), sc.profile[1].end(), 0.0);
  // 23 weekdays and 8 weekend days: offered to agents = 10,186 phone contacts [SL24 bulletin].
  const double offered = (23 * wd + 8 * we) * (1 - sc.self_service_share - sc.ivr_hangup_share);
  CHECK(offered == Approx(10186).epsilon(1e-9));
  CHECK(sc.direct_answer_share == Approx(0.5485));
  CHECK(sc.shifts.size() == 6);
  CHECK(sc.skills[1].priority_credit_s == 30);
  CHECK(sc.divert_offer == DiversionOffer::VoiceMessage);
  // Request-type mix [SL24 bulletin] with direct-answer shares adding up to 54.85%.
  CHECK(sc.request_share[std::size_t(RequestType::Help)] == Approx(0.7574));
  double direct = 0, share = 0;
  for (std::size_t t = 0; t < sc.request_share.size(); ++t) {
    direct += sc.request_share[t] * sc.request_direct_share[t];
    share += sc.request_share[t];
  }
  CHECK(direct / share == Approx(0.5485));
}

TEST_CASE("The shipped metro scenario loads: 21.43 million contacts over 2023", "[rules][scenario]") {
  const ScenarioConfig sc = load_scenario(data_dir() / "metro-2023");
  CHECK(sc.days == 365);
  const double wd = std::accumulate(sc.profile[0].begin(), sc.profile[0].end(), 0.0);
  const double we = std::accumulate(sc.profile[1].begin(), sc.profile[1].end(), 0.0);
  CHECK((260 * wd + 105 * we) * (1 - sc.self_service_share - sc.ivr_hangup_share) == Approx(21.43e6));
  CHECK(sc.skills[0].talk.mean == 150);
  CHECK(sc.patience.kind == DurationSpec::Kind::Lognormal);
}

TEST_CASE("A minimal scenario gets the documented defaults", "[rules][scenario]") {
  const ScenarioConfig sc = load_scenario(write_scenario("minimal", minimal()));
  CHECK(sc.name == "minimal");
  CHECK(sc.days == 1);
  CHECK(sc.interval_s == 1800);
  CHECK(sc.profile[0].size() == 48);
  CHECK(sc.profile[1] == sc.profile[0]);
  CHECK(sc.skills[0].agents[1][0] == 10);
  CHECK(sc.sl_threshold_s == 15);
  CHECK(sc.patience.mean == 120);
}

TEST_CASE("Scenario errors name the file, the line and the field", "[rules][scenario]") {
  const fs::path f = write_scenario("typo", minimal("  patiense = { mean = 60 },\n"));
  CHECK(error_of(f) == f.string() + ":7: patiense: unknown field (expected one of: calibration, callbacks, days, description, "
                                    "direct_answer_share, diversion, interval_minutes, ivr, kpi, name, overflow_after_s, "
                                    "patience, redial, request_types, ruleset, shifts, skills, sources, start, tickets, traffic, wrap, "
                                    "wrap_multiplier)");
  const fs::path g = write_scenario("dist", minimal("  patience = {\n    dist = \"weibull\", mean = 60 },\n"));
  CHECK(error_of(g) == g.string() + ":8: patience.dist: unknown distribution 'weibull' "
                                    "(fixed|exponential|lognormal|gamma|erlang|empirical)");
  const fs::path h = write_scenario("range", minimal("  redial = { probability = 1.5 },\n"));
  CHECK(error_of(h) == h.string() + ":7: redial.probability: must be between 0 and 1");
  const fs::path i = write_scenario("short", "return { start = \"2025-01-06\", traffic = { profile = { all = {1, 2} } } }\n");
  CHECK(error_of(i) == i.string() + ":1: traffic.profile.all: expected 48 values (one per interval), got 2");
  const fs::path j = write_scenario("syntax", "return {\n  days = ,\n}\n");
  CHECK(error_of(j).rfind(j.string() + ":2: ", 0) == 0);
  const fs::path k = write_scenario("notable", "return 42\n");
  CHECK(error_of(k) == k.string() + ": the script must return the scenario table");
  CHECK_THROWS_WITH(load_scenario("no-such-scenario-anywhere"), Catch::Contains("no scenario here"));
}

TEST_CASE("The scenario sandbox has no io, os or code loading, and budgets stop runaway scripts", "[rules][scenario][sandbox]") {
  for (const char* attack : {"io.open('/etc/passwd')", "os.execute('true')", "load('return 1')()",
                             "dofile('/etc/passwd')", "require('os')", "loadfile('/etc/passwd')", "debug.getinfo(1)"}) {
    INFO(attack);
    const fs::path f = write_scenario("attack", std::string("local x = ") + attack + "\n" + minimal());
    const std::string e = error_of(f);
    CHECK(e.rfind(f.string() + ":1: ", 0) == 0);
    CHECK_THAT(e, Catch::Contains("nil value"));
  }
  const fs::path loop = write_scenario("loop", "while true do end\n");
  CHECK_THAT(error_of(loop), Catch::Contains("instruction budget exceeded"));
  const fs::path mem = write_scenario("mem", "local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 1000) .. i end\n");
  CHECK_THAT(error_of(mem), Catch::Contains("not enough memory") || Catch::Contains("instruction budget exceeded"));
  // Only the allowed globals exist.
  const fs::path g = write_scenario("globals",
                                    "local allowed = { string = 1, table = 1, math = 1, utf8 = 1, _G = 1, _VERSION = 1,\n"
                                    "  assert = 1, error = 1, ipairs = 1, next = 1, pairs = 1, pcall = 1, print = 1,\n"
                                    "  rawequal = 1, rawget = 1, rawlen = 1, rawset = 1, select = 1, getmetatable = 1,\n"
                                    "  setmetatable = 1, tonumber = 1, tostring = 1, type = 1, xpcall = 1, warn = 1 }\n"
                                    "for k in pairs(_G) do if not allowed[k] then error('unexpected global ' .. k) end end\n" +
                                        minimal());
  CHECK_NOTHROW(load_scenario(g));
}

TEST_CASE("A replay scenario resolves its database next to the scenario file", "[rules][scenario]") {
  const fs::path f = write_scenario("replay",
                                    "return { start = \"2025-01-06\", traffic = { source = \"replay\", db = \"traffic.sqlite\","
                                    " talk_times = \"recorded\" },\n  skills = { general = { share = 1 } },\n"
                                    "  shifts = { { start = \"08:00\", hours = 8, agents = 3 } } }\n");
  const ScenarioConfig sc = load_scenario(f);
  CHECK(sc.traffic == ScenarioConfig::Traffic::Replay);
  CHECK(sc.replay_db == (f.parent_path() / "traffic.sqlite").string());
  CHECK(sc.replay_talk_times);
  CHECK(sc.shifts.at(0).start_s == 8 * 3600);
}

TEST_CASE("Per-unit ticket tuning loads and is range-checked", "[rules][scenario]") {
  const std::string tickets =
      "  tickets = { categories = { { name = \"water\", share = 1 } }, districts = { { name = \"n\", share = 1 } },\n"
      "    units = {\n"
      "      { unit = \"市城管局\", handling_scale = 0.5, satisfied = 0.9, basic = 0.05 },\n"
      "      { unit = \"shangzhou\" } } },\n";
  const ScenarioConfig sc = load_scenario(write_scenario("tuned", minimal(tickets)));
  REQUIRE(sc.tickets.units.size() == 2);
  CHECK(sc.tickets.units[0].unit == "市城管局");
  CHECK(sc.tickets.units[0].handling_scale == 0.5);
  CHECK(sc.tickets.units[0].satisfied == 0.9);
  CHECK(sc.tickets.units[0].basically_satisfied == 0.05);
  CHECK(sc.tickets.units[1].handling_scale == 1);
  CHECK(sc.tickets.units[1].satisfied < 0);  // the scenario-wide value
  const fs::path bad = write_scenario(
      "tuned-bad", minimal("  tickets = { categories = { { name = \"w\", share = 1 } }, districts = { { name = \"n\", share = 1 } },\n"
                           "    units = { { unit = \"x\", satisfied = 0.9, basic = 0.3 } } },\n"));
  CHECK_THAT(error_of(bad), Catch::Contains("tickets.units.1.basic: satisfied + basic must not exceed 1"));
}

TEST_CASE("The ticket follow-up cut-off defaults to 10 days and is range-checked", "[rules][scenario]") {
  const std::string mixes = "categories = { { name = \"w\", share = 1 } }, districts = { { name = \"n\", share = 1 } }";
  CHECK(load_scenario(write_scenario("follow-default", minimal("  tickets = { " + mixes + " },\n"))).tickets.follow_up_days == 10);
  CHECK(load_scenario(write_scenario("follow-18", minimal("  tickets = { " + mixes + ", follow_up_days = 18 },\n")))
            .tickets.follow_up_days == 18);
  const fs::path bad = write_scenario("follow-bad", minimal("  tickets = { " + mixes + ",\n    follow_up_days = 2.5 },\n"));
  CHECK(error_of(bad) == bad.string() + ":8: tickets.follow_up_days: expected a whole number");
  const fs::path neg = write_scenario("follow-neg", minimal("  tickets = { " + mixes + ",\n    follow_up_days = -1 },\n"));
  CHECK_THAT(error_of(neg), Catch::Contains(":8: tickets.follow_up_days: must be between 0 and 366"));
}

TEST_CASE("A scenario's calibration file replaces its fitted ticket values, and its errors name that file",
          "[rules][scenario][calibration]") {
  const std::string tickets =
      "  tickets = { online_per_day = 40, categories = { { name = \"w\", share = 0.5 }, { name = \"v\", share = 0.5 } },\n"
      "    districts = { { name = \"n\", share = 1 } }, units = { { unit = \"old\", handling_scale = 2 } } },\n"
      "  calibration = \"calibration.lua\",\n";
  const fs::path file = write_scenario("calibrated", minimal(tickets));
  std::ofstream(file.parent_path() / "calibration.lua")
      << "-- generated\n"
         "return {\n"
         "  generated = { by = \"hotline calibrate\", seed = 1 },\n"
         "  tickets = {\n"
         "    online_per_day = 27.5,\n"
         "    categories = { { name = \"w\", share = 0.25 }, { name = \"v\", share = 0.75 } },\n"
         "    units = { { unit = \"shangzhou\", handling_scale = 0.2, satisfied = 0.9, basic = 0.06 } },\n"
         "  },\n"
         "}\n";
  fs::path where;
  ScenarioLoadOptions with;
  with.calibration_file = &where;
  const ScenarioConfig sc = load_scenario(file, with);
  CHECK(where == file.parent_path() / "calibration.lua");
  CHECK(sc.tickets.online_per_day == 27.5);
  REQUIRE(sc.tickets.categories.size() == 2);
  CHECK(sc.tickets.categories[0].share == 0.25);
  CHECK(sc.tickets.districts.size() == 1);  // not in the file: the scenario's
  REQUIRE(sc.tickets.units.size() == 1);    // replaced, not appended
  CHECK(sc.tickets.units[0].unit == "shangzhou");
  CHECK(sc.tickets.units[0].handling_scale == 0.2);

  // As written, without the calibration.
  ScenarioLoadOptions without;
  without.apply_calibration = false;
  const ScenarioConfig raw = load_scenario(file, without);
  CHECK(raw.tickets.online_per_day == 40);
  CHECK(raw.tickets.categories[0].share == 0.5);
  REQUIRE(raw.tickets.units.size() == 1);
  CHECK(raw.tickets.units[0].unit == "old");

  // A bad value in the calibration file: its own file, line and field.
  std::ofstream(file.parent_path() / "calibration.lua")
      << "return {\n  tickets = {\n    categories = { { name = \"w\", share = 0.25 } },\n  },\n}\n";
  CHECK(error_of(file) == (file.parent_path() / "calibration.lua").string() +
                              ":3: tickets.categories: expected a non-empty list whose shares add up to 1");
  std::ofstream(file.parent_path() / "calibration.lua") << "return {\n  tickets = { handlers = 3 },\n}\n";
  CHECK_THAT(error_of(file), Catch::Contains("calibration.lua:2: tickets.handlers: unknown field"));

  // The named file is missing: the scenario's line and field.
  fs::remove(file.parent_path() / "calibration.lua");
  CHECK_THAT(error_of(file), Catch::Contains(file.string() + ":9: calibration: no such file"));
  CHECK(load_scenario(file, without).tickets.online_per_day == 40);  // still loads as written
}

TEST_CASE("The shipped Shangluo scenario loads its calibration file", "[rules][scenario][calibration]") {
  fs::path where;
  ScenarioLoadOptions o;
  o.calibration_file = &where;
  const ScenarioConfig sc = load_scenario("shangluo-2025-01", o);
  CHECK(where.filename() == "calibration.lua");
  // Fitted: fewer online tickets than the 1,260 contacts by other channels, a tuning per unit.
  CHECK(sc.tickets.online_per_day < 1260.0 / 31);
  CHECK(sc.tickets.units.size() >= 20);
}

TEST_CASE("Ticket replay, review, urging, reopening, duty and A/B posts load with defaults and checks",
          "[rules][scenario]") {
  const std::string mixes = "categories = { { name = \"w\", share = 1 } }, districts = { { name = \"n\", share = 1 } }";
  const ScenarioConfig d = load_scenario(write_scenario("life-default", minimal("  tickets = { " + mixes + " },\n")));
  CHECK(d.tickets.source == TicketSpec::Source::Synthetic);
  CHECK(d.tickets.review_rework == 0.05);
  CHECK(d.tickets.urge_at == 0.8);
  CHECK(d.tickets.reopen == 0.3);
  CHECK(d.tickets.duty_off_hours);
  CHECK(d.tickets.a_away == 0.05);
  CHECK(d.tickets.b_covers);
  const fs::path f = write_scenario(
      "life", minimal("  tickets = { source = \"replay\", db = \"traffic.sqlite\",\n"
                      "    review = { rework = 0.1, rework_share = 0.5 }, urging = { at = 0.5, every_days = 1 },\n"
                      "    reopen = 0.2, duty = { off_hours = false },\n"
                      "    posts = { a_away = 0.2, b_covers = false, b_delay_hours = 1, away_hours = 16 } },\n"));
  const ScenarioConfig sc = load_scenario(f);
  CHECK(sc.tickets.source == TicketSpec::Source::Replay);
  CHECK(sc.tickets.replay_db == (f.parent_path() / "traffic.sqlite").string());
  CHECK(sc.tickets.categories.empty());  // a replay needs no mixes
  CHECK(sc.tickets.review_rework == 0.1);
  CHECK(sc.tickets.rework_share == 0.5);
  CHECK(sc.tickets.urge_at == 0.5);
  CHECK(sc.tickets.urge_every_days == 1);
  CHECK(sc.tickets.reopen == 0.2);
  CHECK_FALSE(sc.tickets.duty_off_hours);
  CHECK(sc.tickets.a_away == 0.2);
  CHECK_FALSE(sc.tickets.b_covers);
  CHECK(sc.tickets.away_h == 16);
  const fs::path nodb = write_scenario("life-nodb", minimal("  tickets = {\n    source = \"replay\" },\n"));
  CHECK_THAT(error_of(nodb), Catch::Contains(":7: tickets.db: required for source = \"replay\""));
  const fs::path src = write_scenario("life-src", minimal("  tickets = { " + mixes + ",\n    source = \"csv\" },\n"));
  CHECK_THAT(error_of(src), Catch::Contains(":8: tickets.source: expected \"synthetic\" or \"replay\", got 'csv'"));
  const fs::path urge = write_scenario("life-urge", minimal("  tickets = { " + mixes + ",\n    urging = { at = 1.5 } },\n"));
  CHECK_THAT(error_of(urge), Catch::Contains(":8: tickets.urging.at: must be between 0 and 1"));
  const fs::path mix = write_scenario("life-mix", minimal("  tickets = {\n    districts = { { name = \"n\", share = 1 } } },\n"));
  CHECK_THAT(error_of(mix), Catch::Contains("tickets.categories: expected a non-empty list"));
}

TEST_CASE("Per-unit acceptance and wrong-dispatch tuning and per-category handling scales load", "[rules][scenario]") {
  const std::string tickets =
      "  tickets = { categories = { { name = \"water\", share = 0.5, handling_scale = 3 }, { name = \"road\", share = 0.5 } },\n"
      "    districts = { { name = \"n\", share = 1 } },\n"
      "    units = { { unit = \"市城管局\", accept_scale = 2.5, wrong_dispatch = 0.1 } } },\n";
  const ScenarioConfig sc = load_scenario(write_scenario("tuned-accept", minimal(tickets)));
  REQUIRE(sc.tickets.categories.size() == 2);
  CHECK(sc.tickets.categories[0].handling_scale == 3);
  CHECK(sc.tickets.categories[1].handling_scale == 1);
  REQUIRE(sc.tickets.units.size() == 1);
  CHECK(sc.tickets.units[0].accept_scale == 2.5);
  CHECK(sc.tickets.units[0].wrong_dispatch == 0.1);
  const fs::path bad = write_scenario(
      "tuned-district-scale",
      minimal("  tickets = { categories = { { name = \"w\", share = 1 } },\n"
              "    districts = { { name = \"n\", share = 1, handling_scale = 2 } } },\n"));
  CHECK_THAT(error_of(bad), Catch::Contains("tickets.districts.1.handling_scale: unknown field"));
  const fs::path range = write_scenario(
      "tuned-wrong-range",
      minimal("  tickets = { categories = { { name = \"w\", share = 1 } }, districts = { { name = \"n\", share = 1 } },\n"
              "    units = { { unit = \"x\", wrong_dispatch = 2 } } },\n"));
  CHECK_THAT(error_of(range), Catch::Contains("tickets.units.1.wrong_dispatch: must be between -1 and 1"));
}
