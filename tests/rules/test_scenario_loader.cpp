// Tests of the scenario.lua loader: the shipped scenarios load, errors name file:line:
// field, and the script runs in a sandbox without io/os/load and with budgets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "core/error.hpp"
#include "core/paths.hpp"
#include "rules/loader.hpp"
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

// Calls reaching the IVR on one day of a type, and over the horizon (by the calendar).
double day_calls(const ScenarioConfig& sc, DayType t) {
  const std::vector<double>& p = sc.profile_for(t);
  return std::accumulate(p.begin(), p.end(), 0.0);
}
double horizon_calls(const ScenarioConfig& sc) {
  double sum = 0;
  for (DayType t : sc.day_types(WorkCalendar::national_shared())) sum += day_calls(sc, t);
  return sum;
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
  // The day counts of the scenario's header arithmetic are the calendar's: 19 weekdays (with
  // the make-up Sunday 26 Jan), 7 weekend days, 5 holidays (1 Jan, 28-31 Jan).
  const std::vector<DayType> types = sc.day_types(WorkCalendar::national_shared());
  CHECK(std::count(types.begin(), types.end(), DayType::Weekday) == 19);
  CHECK(std::count(types.begin(), types.end(), DayType::Weekend) == 7);
  CHECK(std::count(types.begin(), types.end(), DayType::Holiday) == 5);
  // Offered to agents over the month = 10,186 phone contacts [SL24 bulletin].
  CHECK(horizon_calls(sc) * (1 - sc.self_service_share - sc.ivr_hangup_share) == Approx(10186).epsilon(1e-9));
  const double wd = day_calls(sc, DayType::Weekday), we = day_calls(sc, DayType::Weekend), ho = day_calls(sc, DayType::Holiday);
  CHECK(we == Approx(0.75 * wd));
  CHECK(ho == Approx(0.6 * wd));
  CHECK(sc.direct_answer_share == Approx(0.5485));
  // Holidays have their own day shift; the weekend day shift then stays off holidays.
  REQUIRE(sc.shifts.size() == 7);
  int holiday_general = 0, weekend_general = 0;
  for (const ShiftSpec& sh : sc.shifts)
    if (sh.skill == SkillQueue::General && sh.start_s >= 8 * 3600 && sh.start_s <= 9 * 3600) {
      if (sh.works(DayType::Holiday)) holiday_general += sh.agents;
      if (sh.works(DayType::Weekend)) weekend_general += sh.agents;
    }
  CHECK(holiday_general == 3);
  CHECK(weekend_general == 4);
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
  const std::vector<DayType> types = sc.day_types(WorkCalendar::national_shared());
  CHECK(std::count(types.begin(), types.end(), DayType::Weekday) == 249);
  CHECK(std::count(types.begin(), types.end(), DayType::Weekend) == 90);
  CHECK(std::count(types.begin(), types.end(), DayType::Holiday) == 26);
  CHECK(horizon_calls(sc) * (1 - sc.self_service_share - sc.ivr_hangup_share) == Approx(21.43e6));
  CHECK(day_calls(sc, DayType::Holiday) == Approx(0.7 * day_calls(sc, DayType::Weekday)));
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
  CHECK(sc.profile[2] == sc.profile[0]);  // `all` covers holidays
  CHECK(sc.skills[0].agents[1][0] == 10);
  CHECK(sc.skills[0].agents[2][0] == 10);
  CHECK(sc.sl_threshold_s == 15);
  CHECK(sc.patience.mean == 120);
}

TEST_CASE("Scenario errors name the file, the line and the field", "[rules][scenario]") {
  const fs::path f = write_scenario("typo", minimal("  patiense = { mean = 60 },\n"));
  CHECK(error_of(f) == f.string() + ":7: patiense: unknown field (expected one of: calibration, callbacks, days, description, "
                                    "direct_answer_share, diversion, interval_minutes, ivr, kpi, name, overflow_after_s, "
                                    "patience, redial, request_types, ruleset, shifts, skills, sources, start, tickets, traffic, wrap, "
                                    "wrap_multiplier)");
  const fs::path g = write_scenario("dist", minimal("  patience = {\n    dist = \"weibul\", mean = 60 },\n"));
  CHECK(error_of(g) == g.string() + ":8: patience.dist: unknown distribution 'weibul' "
                                    "(fixed|exponential|lognormal|gamma|erlang|empirical|weibull|mixture)");
  const fs::path h = write_scenario("range", minimal("  redial = { probability = 1.5 },\n"));
  CHECK(error_of(h) == h.string() + ":7: redial.probability: must be between 0 and 1");
  const fs::path i = write_scenario("short", "return { start = \"2025-01-06\", traffic = { profile = { all = {1, 2} } } }\n");
  // Problems in different tables come together (this file has no skills either).
  CHECK(error_of(i) == i.string() + ":1: traffic.profile.all: expected 48 values (one per interval), got 2\n" + i.string() +
                           ":1: skills: at least one skill needs share > 0");
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

TEST_CASE("Problems in different tables of a scenario are reported together in the order the tables are read", "[rules][scenario]") {
  const fs::path f = write_scenario("several", minimal("  ivr = { self_service = 2 },\n"
                                                       "  redial = { probability = -1 },\n"
                                                       "  kpi = { sl_threshold_s = \"fast\" },\n"
                                                       "  tickets = { online_per_day = 10, categories = { { name = \"a\", share = 0.5 } },\n"
                                                       "    districts = { { name = \"d\", share = 1 } } },\n"));
  CHECK(error_of(f) == f.string() + ":7: ivr.self_service: must be between 0 and 1\n" +
                           f.string() + ":8: redial.probability: must be between 0 and 1\n" +
                           f.string() + ":10: tickets.categories: expected a non-empty list whose shares add up to 1\n" +
                           f.string() + ":9: kpi.sl_threshold_s: expected a number");
  // A wrong horizon stops there: the tables depend on it.
  const fs::path g = write_scenario("horizon", minimal("  interval_minutes = 7,\n  redial = { probability = -1 },\n"));
  CHECK(error_of(g) == g.string() + ":7: interval_minutes: must divide a day (e.g. 15, 30, 60)");
  // The reader is back where it was after a problem deep in a table: the next table reads right.
  const fs::path h = write_scenario("deep", "local p = {}\nfor i = 1, 48 do p[i] = 10 end\nreturn {\n"
                                            "  start = \"2025-01-06\",\n"
                                            "  traffic = { source = \"profile\", profile = { all = p } },\n"
                                            "  skills = { general = { share = 1, agents = { all = p },\n"
                                            "    talk = { dist = \"mixture\", parts = { { weight = 1, dist = \"nope\" } } } } },\n"
                                            "  redial = { probability = 3 },\n}\n");
  const std::string e = error_of(h);
  CHECK(e.find("skills.general.talk.parts.1.dist: unknown distribution 'nope'") != std::string::npos);
  CHECK(e.find(":8: redial.probability: must be between 0 and 1") != std::string::npos);
  CHECK(std::count(e.begin(), e.end(), '\n') == 1);  // two problems, nothing else
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

TEST_CASE("Holiday profiles, agents and shifts, and the weekend fallback", "[rules][scenario][daytype]") {
  const std::string lists =
      "local p, q, r = {}, {}, {}\n"
      "for i = 1, 48 do p[i] = 10; q[i] = 4; r[i] = 2 end\n";
  // Without holiday data, holidays use the weekend's profile and agents.
  const ScenarioConfig a = load_scenario(write_scenario(
      "hol-fallback", lists + "return { start = \"2025-01-01\", traffic = { profile = { weekday = p, weekend = q } },\n"
                              "  skills = { general = { share = 1, agents = { weekday = p, weekend = q } } } }\n"));
  CHECK(a.profile[2].empty());
  CHECK(a.profile_for(DayType::Holiday) == a.profile[1]);
  CHECK(a.skills[0].agents_for(DayType::Holiday) == a.skills[0].agents[1]);
  // With holiday entries they are the holiday's own.
  const ScenarioConfig b = load_scenario(write_scenario(
      "hol-own", lists + "return { start = \"2025-01-01\", traffic = { profile = { all = p, holiday = r } },\n"
                         "  skills = { general = { share = 1, agents = { all = p, holiday = r } } } }\n"));
  CHECK(b.profile_for(DayType::Holiday)[0] == 2);
  CHECK(b.profile_for(DayType::Weekend)[0] == 10);
  CHECK(b.skills[0].agents_for(DayType::Holiday)[0] == 2);
  // Shifts: "weekend" shifts work holidays unless the skill has a "holiday" shift.
  const std::string shifts =
      "  shifts = { { skill = \"general\", start = \"08:00\", agents = 4, days = \"weekend\" },\n"
      "    { skill = \"general\", start = \"08:00\", agents = 6, days = \"weekday\" },\n"
      "    { skill = \"general\", start = \"20:00\", agents = 1 },\n"
      "    { skill = \"dialect\", start = \"08:00\", agents = 1, days = \"weekend\" },\n";
  const ScenarioConfig c = load_scenario(write_scenario("hol-shifts1", minimal(shifts + "  },\n")));
  CHECK(c.shifts[0].works(DayType::Holiday));
  CHECK_FALSE(c.shifts[1].works(DayType::Holiday));
  CHECK(c.shifts[2].works(DayType::Holiday));
  CHECK(c.shifts[3].works(DayType::Holiday));
  const ScenarioConfig d = load_scenario(write_scenario(
      "hol-shifts2", minimal(shifts + "    { skill = \"general\", start = \"09:00\", agents = 2, days = \"holiday\" } },\n")));
  CHECK_FALSE(d.shifts[0].works(DayType::Holiday));  // general has a holiday shift now
  CHECK(d.shifts[0].works(DayType::Weekend));
  CHECK(d.shifts[2].works(DayType::Holiday));        // "all"
  CHECK(d.shifts[3].works(DayType::Holiday));        // dialect has no holiday shift
  CHECK(d.shifts[4].works(DayType::Holiday));
  CHECK_FALSE(d.shifts[4].works(DayType::Weekend));
  CHECK_FALSE(d.shifts[4].works(DayType::Weekday));
}

TEST_CASE("Bad holiday entries name the file, the line and the field", "[rules][scenario][daytype]") {
  const fs::path g = write_scenario(
      "hol-len", "local p = {}\nfor i = 1, 48 do p[i] = 1 end\nreturn { start = \"2025-01-06\",\n"
                 "  traffic = { profile = { all = p,\n    holiday = {1, 2, 3} } } }\n");
  CHECK(error_of(g) == g.string() + ":5: traffic.profile.holiday: expected 48 values (one per interval), got 3\n" + g.string() +
                           ":1: skills: at least one skill needs share > 0");  // and no skills: both at once
  const fs::path h = write_scenario(
      "hol-key", "local p = {}\nfor i = 1, 48 do p[i] = 1 end\nreturn { start = \"2025-01-06\",\n"
                 "  traffic = { profile = { all = p } },\n"
                 "  skills = { general = { share = 1, agents = { all = p,\n    festival = p } } } }\n");
  CHECK_THAT(error_of(h), Catch::StartsWith(h.string() + ":6: skills.general.agents.festival: unknown field"));
  CHECK_THAT(error_of(h), Catch::Contains("holiday"));
  const fs::path i = write_scenario(
      "hol-days", minimal("  shifts = { { start = \"08:00\",\n    days = \"holidays\" } },\n"));
  CHECK(error_of(i) == i.string() + ":8: shifts.1.days: expected \"all\", \"weekday\", \"weekend\" or \"holiday\", got 'holidays'");
}
