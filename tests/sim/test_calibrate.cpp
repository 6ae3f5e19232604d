// Tests of the calibration (sim/calibrate.hpp): the published-bulletin parser's errors, and the
// fit recovering known volumes, handling scales and satisfaction on a small synthetic line with
// a Policy stub in place of the Lua rule engine.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "tests/support/stub_policy.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/org_graph.hpp"
#include "sim/calibrate.hpp"

using namespace hotline;
using namespace hotline::sim;
namespace fs = std::filesystem;

namespace {

// The test org with a second utility.
OrgGraph org_with_gas() { return hotline::test::test_org("gas,Gas Company,utility,1,city,1,0,1,test\n"); }

// "water"/"gas" go to their company, "local" to the county of the place; 3 working days to
// reply. Indicators as the shipped Shangluo set computes them.
class StubPolicy final : public hotline::test::StubPolicyBase {
 public:
  using StubPolicyBase::StubPolicyBase;
  TicketDecision decide(const Ticket& t) override {
    TicketDecision d;
    dispatch(d, t, lead_for(t), {24, 8, 3, 2});
    return d;
  }
  std::vector<UnitIndicators> indicators(const std::vector<UnitPeriodCounts>& counts) override {
    return rates(counts, OnTimeOf::Due);
  }
};

struct Fixture {
  OrgGraph org = org_with_gas();
  WorkCalendar cal = WorkCalendar::national();
  ScenarioConfig sc;
  CalibrationOptions opt;
  Fixture() {
    sc.name = "calibration";
    sc.start = make_time({2025, 3, 1});
    sc.days = 31;
    for (auto& p : sc.profile) p.assign(48, 1);  // about 1,500 calls a month
    sc.skills[0].share = 1;
    sc.skills[0].talk = {DurationSpec::Kind::Exponential, 180, 0, 1, {}};
    for (auto& a : sc.skills[0].agents) a.assign(48, 3);
    sc.direct_answer_share = 0.5;
    TicketSpec& t = sc.tickets;
    t.enabled = true;
    t.online_per_day = 40;
    t.categories = {{"water", 0.2}, {"gas", 0.1}, {"local", 0.7}};
    t.districts = {{"north", 0.65}, {"south", 0.35}};
    t.handlers_district = 300;
    t.handlers_department = 300;
    t.wrong_dispatch = 0;
    t.extension_request = 0;  // the on-time rate follows the handling time closely
    t.units = {{"water", 0, 2.0, 0.6, 0.1}, {"north", 0, 1.4, 0.85, 0.1}, {"gas", 0, 0.5, -1, -1}};
    opt.replications = 8;
    opt.seed = 101;
    opt.iterations = 10;
    opt.policy_factory = [this] { return std::make_unique<StubPolicy>(org, cal); };
  }
};

// The "published" bulletin: the truth's simulated means, rounded like a real table.
PublishedBulletin publish(const Fixture& f, const Evaluation& ev) {
  PublishedBulletin b;
  b.file = "synthetic.csv";
  for (const char* id : {"north", "south", "water", "gas"}) {
    const UnitIndex u = f.org.find_id(id);
    const UnitFigures& x = ev.units[u];
    PublishedRow r;
    r.unit = u;
    r.name = f.org.unit(u).name;
    r.handled = int(std::lround(x.handled.mean));
    r.on_time_rate = std::round(x.on_time_rate * 10000) / 10000;
    r.satisfaction = std::round(x.satisfaction * 10000) / 10000;
    b.rows.push_back(r);
  }
  return b;
}

const TicketSpec::UnitTuning& tuning(const TicketSpec& t, const char* id) {
  for (const TicketSpec::UnitTuning& u : t.units)
    if (u.unit == id) return u;
  FAIL("no tuning for " << id);
  throw 0;
}

std::string parse_error(const std::string& text, const OrgGraph& org) {
  try {
    parse_published_bulletin(text, "pub.csv", org);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("The fit recovers known volumes, handling scales and satisfaction", "[sim][calibrate]") {
  Fixture f;
  const Evaluation truth = evaluate_tickets(f.sc, f.org, f.cal, f.opt, "2025-03");
  const PublishedBulletin pub = publish(f, truth);
  REQUIRE(pub.rows[2].on_time_rate < 0.95);  // water is slow enough for its scale to matter
  REQUIRE(pub.rows[2].on_time_rate > 0.3);

  // Start far from the truth, fit with other random numbers.
  ScenarioConfig start = f.sc;
  start.tickets.online_per_day = 70;
  start.tickets.categories = {{"water", 1.0 / 3}, {"gas", 1.0 / 3}, {"local", 1.0 / 3}};
  start.tickets.districts = {{"north", 0.5}, {"south", 0.5}};
  start.tickets.units.clear();
  CalibrationOptions opt = f.opt;
  opt.seed = 202;
  const CalibrationResult r = calibrate(start, pub, f.org, f.cal, opt);

  CHECK(r.all_ok());
  CHECK(r.simulated_total.mean == Approx(pub.total_handled()).epsilon(0.02));
  CHECK(r.tickets.online_per_day == Approx(40).epsilon(0.12));
  for (std::size_t i = 0; i < 3; ++i) CHECK(std::abs(r.tickets.categories[i].share - f.sc.tickets.categories[i].share) < 0.02);
  CHECK(std::abs(r.tickets.districts[0].share - 0.65) < 0.03);
  // Handling scales: the slow units within 20% (log scale); satisfaction within 3 points.
  CHECK(std::abs(std::log(tuning(r.tickets, "water").handling_scale / 2.0)) < std::log(1.2));
  CHECK(std::abs(std::log(tuning(r.tickets, "north").handling_scale / 1.4)) < std::log(1.2));
  const TicketSpec::UnitTuning& w = tuning(r.tickets, "water");
  CHECK(std::abs(w.satisfied + w.basically_satisfied - 0.7) < 0.03);
  // The scenario's satisfied : basic ratio is kept.
  CHECK(w.satisfied / (w.satisfied + w.basically_satisfied) == Approx(0.85 / 0.95));
  for (const UnitFit& u : r.units) {
    INFO(u.published->name);
    CHECK(std::abs(u.simulated.on_time_rate - u.published->on_time_rate) < 0.03);
    CHECK(std::abs(u.simulated.satisfaction - *u.published->satisfaction) < 0.03);
    CHECK(std::abs(u.simulated.handled.mean - u.published->handled) < 0.05 * u.published->handled + 2);
  }
}

TEST_CASE("The fit is deterministic for a seed and flags what it cannot fit", "[sim][calibrate]") {
  Fixture f;
  f.opt.replications = 3;
  f.opt.iterations = 2;
  PublishedBulletin pub = publish(f, evaluate_tickets(f.sc, f.org, f.cal, f.opt, "2025-03"));
  // A unit no category is dispatched to, with enough tickets to count.
  PublishedRow city;
  city.unit = f.org.find_id("city");
  city.name = "Platform";
  city.handled = 50;
  city.on_time_rate = 1;
  pub.rows.push_back(city);
  const CalibrationResult a = calibrate(f.sc, pub, f.org, f.cal, f.opt);
  const CalibrationResult b = calibrate(f.sc, pub, f.org, f.cal, f.opt);
  CHECK(a.tickets.online_per_day == b.tickets.online_per_day);
  for (std::size_t i = 0; i < a.tickets.units.size(); ++i) {
    CHECK(a.tickets.units[i].handling_scale == b.tickets.units[i].handling_scale);
    CHECK(a.tickets.units[i].satisfied == b.tickets.units[i].satisfied);
  }
  const UnitFit& c = a.units.back();
  CHECK_FALSE(c.fed);
  CHECK_FALSE(c.on_time_ok);
  CHECK(c.note == "no category of the scenario is dispatched here");
  CHECK_FALSE(a.all_ok());
  // The calibration file names its origin and holds the fitted values.
  const std::string lua = calibration_lua(a, f.org, "synthetic.csv", f.opt, "2025-02-19");
  CHECK_THAT(lua, Catch::StartsWith("-- Generated by `hotline calibrate` on 2025-02-19 from synthetic.csv (month 2025-03), seed 101, 3 replications"));
  CHECK_THAT(lua, Catch::Contains("online_per_day = "));
  CHECK_THAT(lua, Catch::Contains("{ unit = \"water\", handling_scale = "));
  CHECK_THAT(lua, Catch::Contains("-- Water Company"));
}

TEST_CASE("A month outside the horizon and bad scale bounds are refused", "[sim][calibrate]") {
  Fixture f;
  f.opt.replications = 1;
  f.opt.iterations = 0;
  PublishedBulletin pub = publish(f, evaluate_tickets(f.sc, f.org, f.cal, f.opt, "2025-03"));
  f.opt.period = "2025-05";
  CHECK_THROWS_WITH(calibrate(f.sc, pub, f.org, f.cal, f.opt), Catch::Contains("2025-05 is not in the scenario's horizon"));
  f.opt.period = "";
  f.opt.min_scale = 2;
  CHECK_THROWS_AS(calibrate(f.sc, pub, f.org, f.cal, f.opt), std::invalid_argument);
}

TEST_CASE("The published bulletin CSV is parsed and its errors name file, line and field", "[sim][calibrate]") {
  const OrgGraph org = org_with_gas();
  const std::string header = "group,unit,handled,on_time,late,on_time_rate,overdue_open,satisfaction\n";
  const PublishedBulletin b = parse_published_bulletin(
      header + "county,North County,100,90,5,90%,5,95.5%\ncity,water,9,3,1,33.33%,5,\n", "pub.csv", org);
  REQUIRE(b.rows.size() == 2);
  CHECK(b.rows[0].unit == org.find_id("north"));
  CHECK(b.rows[0].on_time_rate == Approx(0.9));
  CHECK(*b.rows[0].satisfaction == Approx(0.955));
  CHECK(b.rows[1].unit == org.find_id("water"));  // by id too
  CHECK_FALSE(b.rows[1].satisfaction.has_value());
  CHECK(b.rows[1].line == 3);
  CHECK(b.total_handled() == 109);

  CHECK(parse_error(header + "county,Nowhere,1,1,0,100%,0,\n", org) ==
        "pub.csv:2: unit: 'Nowhere' is not a unit of the rule set's org graph");
  CHECK(parse_error(header + "county,north,1,1,0,100%,0,\ncounty,North County,1,1,0,100%,0,\n", org) ==
        "pub.csv:3: unit: 'North County' is listed twice (first on line 2)");
  CHECK(parse_error(header + "county,north,ten,1,0,100%,0,\n", org) ==
        "pub.csv:2: handled: expected a whole number of tickets, got 'ten'");
  CHECK(parse_error(header + "county,north,10,1,0,100%,0,\ncounty,south,10,1.5,0,10%,0,\n", org) ==
        "pub.csv:3: on_time: expected a whole number of tickets, got '1.5'");
  CHECK(parse_error(header + "county,north,10,10,0,101%,0,\n", org) ==
        "pub.csv:2: on_time_rate: expected a percentage 0-100 (e.g. 95.57%), got '101%'");
  CHECK(parse_error(header + "county,north,10,10,0,100%,0,n/a\n", org) ==
        "pub.csv:2: satisfaction: expected a percentage 0-100 (e.g. 95.57%), got 'n/a'");
  CHECK(parse_error(header + "county,north,10,10,1,100%,0,\n", org) ==
        "pub.csv:2: handled: on time + late + overdue open (11) exceed the tickets handled (10)");
  CHECK(parse_error(header + "county,north,10,10,0\n", org) == "pub.csv:2: overdue_open: missing (the row has 5 fields)");
  CHECK(parse_error("group,unit,handled,on_time,late,on_time_rate,satisfaction\n", org) ==
        "pub.csv:1: overdue_open: missing column (expected: group, unit, handled, on_time, late, on_time_rate, "
        "overdue_open, satisfaction)");
  CHECK(parse_error(header, org) == "pub.csv: no units (expected one row per unit after the header)");
}

TEST_CASE("The calibration file is written atomically", "[sim][calibrate]") {
  const fs::path dir = fs::path(HOTLINE_TEST_TMP) / "calibrate-write";
  fs::create_directories(dir);
  const fs::path file = dir / "calibration.lua";
  write_file_atomically(file, "return { a = 1 }\n");
  write_file_atomically(file, "return { a = 2 }\n");
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "return { a = 2 }\n");
  CHECK_FALSE(fs::exists(dir / "calibration.lua.tmp"));
  CHECK_THROWS(write_file_atomically(dir / "no-such-folder" / "x.lua", "x"));
}
