// Tests of the rule-set comparison library (sim/compare.hpp): common random numbers, tickets
// decided differently with both traces, determinism, progress and cancellation, and the
// comparison's round trip through the results database. Policy stubs stand in for Lua.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <set>
#include <stop_token>

#include "tests/support/sqlite_scalar.hpp"
#include "tests/support/stub_policy.hpp"
#include "core/calendar.hpp"
#include "core/org_graph.hpp"
#include "sim/compare.hpp"
#include "sim/results_db.hpp"

#include <sqlite3.h>

using namespace hotline;
using namespace hotline::sim;

namespace {

// "water" to the water company (or, with water_to_county, to the ticket's county), "local"
// to the county, "faq" answered directly; reply within `reply_days` working days. Indicators:
// on-time rate, satisfaction rate and a composite of the two.
class StubPolicy final : public hotline::test::StubPolicyBase {
 public:
  StubPolicy(const OrgGraph& org, const WorkCalendar& cal, int reply_days, bool water_to_county)
      : StubPolicyBase(org, cal), reply_days_(reply_days), water_to_county_(water_to_county) {}
  TicketDecision decide(const Ticket& t) override {
    TicketDecision d;
    if (t.category == "faq") {
      d.route = IntakeRoute::DirectAnswer;
      d.trace.push_back({"intake.faq", "", "[TEST 1]", "answered directly"});
      return d;
    }
    const bool water = t.category == "water" && !water_to_county_;
    dispatch(d, t, org_.find_id(water ? "water" : t.district), {2, 4, reply_days_, 1});
    d.trace.push_back({water ? "dispatch.water" : "dispatch.county", t.category, "[TEST 2]", org_.unit(d.lead).name});
    d.trace.push_back({"deadline.reply", "", "[TEST 3]", std::to_string(reply_days_) + " working days"});
    return d;
  }
  std::vector<UnitIndicators> indicators(const std::vector<UnitPeriodCounts>& counts) override {
    return rates(counts, OnTimeOf::Handled);
  }

 private:
  int reply_days_;
  bool water_to_county_;
};

ScenarioConfig scenario() {
  ScenarioConfig sc = hotline::test::ticket_scenario("compare", 4);
  TicketSpec& t = sc.tickets;
  t.online_per_day = 30;
  t.categories = {{"water", 0.3}, {"local", 0.6}, {"faq", 0.1}};
  t.districts = {{"north", 0.6}, {"south", 0.4}};
  t.handlers_district = 4;
  t.handlers_department = 2;
  t.wrong_dispatch = 0;
  return sc;
}

struct Fixture {
  OrgGraph org = hotline::test::test_org();
  WorkCalendar cal = WorkCalendar::national();
  ScenarioConfig sc = scenario();
  CompareSide side(const std::string& id, int reply_days, bool water_to_county) const {
    return {id, "rev-" + id, "rulesets/" + id,
            [this, reply_days, water_to_county] {
              return std::make_unique<StubPolicy>(org, cal, reply_days, water_to_county);
            },
            &org, &cal};
  }
};

CompareOptions options(std::uint64_t seed, int reps = 3) {
  CompareOptions o;
  o.replications = reps;
  o.seed = seed;
  o.diff_sample = 12;
  return o;
}

// Every number of the result, for determinism checks.
std::vector<double> numbers(const CompareResult& r) {
  std::vector<double> v;
  auto add = [&](const PairedEstimate& p) {
    for (const Estimate* e : {&p.base, &p.revised, &p.delta}) v.push_back(e->mean), v.push_back(e->half_width);
  };
  for (const UnitDelta& u : r.units) {
    add(u.handled), add(u.on_time_rate), add(u.satisfaction_rate), add(u.composite);
    v.push_back(u.rank_base), v.push_back(u.rank_revised), v.push_back(u.county);
  }
  for (const PairedEstimate* p : {&r.overall.created, &r.overall.closed, &r.overall.late, &r.overall.on_time_rate,
                                  &r.overall.manual})
    add(*p);
  for (std::uint64_t n : {r.compared_count, r.differing_count, r.unmatched_count, r.route_changed, r.unit_changed,
                          r.deadline_changed})
    v.push_back(double(n));
  return v;
}

std::vector<std::string> ticket_ids(const CompareResult& r) {
  std::vector<std::string> ids;
  for (const DecidedDifferently& d : r.differing) ids.push_back(d.ticket_id);
  return ids;
}

std::string temp_db(const char* name) {
  const std::string p = std::string(HOTLINE_TEST_TMP) + "/" + name + "-" + std::to_string(getpid()) + ".sqlite";
  std::filesystem::remove(p);
  return p;
}

}  // namespace

TEST_CASE("A rule set compared with itself decides every ticket the same way", "[sim][compare]") {
  Fixture f;
  const CompareResult r = compare_rulesets(f.sc, f.side("a", 3, false), f.side("a", 3, false), options(4));
  REQUIRE(r.runs[0].size() == 3);
  REQUIRE(r.runs[1].size() == 3);
  CHECK(r.compared_count == r.runs[0][0].tickets.created);
  CHECK(r.compared_count > 100);
  CHECK(r.differing_count == 0);
  CHECK(r.unmatched_count == 0);
  CHECK(r.differing.empty());
  REQUIRE(!r.units.empty());
  for (const UnitDelta& u : r.units) {
    CHECK(u.handled.delta.mean == 0);
    CHECK(u.on_time_rate.delta.mean == 0);
    CHECK(u.composite.delta.half_width == 0);
    CHECK(u.rank_base == u.rank_revised);
  }
  CHECK(r.overall.late.delta.mean == 0);
}

TEST_CASE("Tickets decided differently come with both units, deadlines and traces", "[sim][compare]") {
  Fixture f;
  // The revised set sends water tickets to the county and gives 10 working days instead of 2.
  const CompareResult r = compare_rulesets(f.sc, f.side("strict", 2, false), f.side("lenient", 10, true), options(8));
  // Common random numbers: the same tickets under both sets.
  CHECK(r.unmatched_count == 0);
  CHECK(r.overall.created.delta.mean == 0);
  CHECK(r.overall.created.delta.half_width == 0);
  REQUIRE(r.compared_count == r.runs[0][0].tickets.created);
  // Every dispatched ticket's deadline changed; direct answers did not.
  CHECK(r.differing_count == r.runs[0][0].tickets.closed + r.runs[0][0].tickets.open_end);
  CHECK(r.differing_count < r.compared_count);
  CHECK(r.route_changed == 0);
  CHECK(r.unit_changed > 12);
  CHECK(r.deadline_changed > 0);
  CHECK(r.route_changed + r.unit_changed + r.deadline_changed == r.differing_count);
  REQUIRE(r.differing.size() == 12);
  std::set<std::string> ids;
  bool unit_changed = false;
  for (const DecidedDifferently& d : r.differing) {
    ids.insert(d.ticket_id);
    CHECK(!d.category.empty());
    CHECK(!d.district.empty());
    CHECK(d.base.route == "ticket");
    CHECK(d.revised.route == "ticket");
    CHECK(!d.base.unit.empty());
    CHECK(!d.revised.unit_name.empty());
    CHECK(d.base.reply_by < d.revised.reply_by);
    CHECK(d.base.reply_by > d.created);
    REQUIRE(d.base.trace.size() == 2);
    REQUIRE(d.revised.trace.size() == 2);
    CHECK(d.base.trace[1].detail == "2 working days");
    CHECK(d.revised.trace[1].detail == "10 working days");
    // Unit changes are sampled first: all water tickets, moved to their county.
    CHECK(d.change == "unit");
    CHECK(d.category == "water");
    CHECK(d.base.unit == "water");
    CHECK(d.revised.unit == d.district);
    unit_changed = true;
  }
  CHECK(ids.size() == r.differing.size());
  CHECK(unit_changed);
  // The lenient deadlines make fewer tickets late; the water company loses its tickets.
  CHECK(r.overall.late.delta.mean < 0);
  bool water_seen = false;
  for (const UnitDelta& u : r.units)
    if (u.id == "water") {
      water_seen = true;
      CHECK(u.handled.base.mean > 0);
      CHECK(u.handled.revised.mean == 0);
      CHECK(u.rank_revised == 0);
      CHECK(!u.county);
    } else {
      CHECK(u.county);
    }
  CHECK(water_seen);
}

TEST_CASE("A comparison is deterministic for a seed and differs for another", "[sim][compare]") {
  Fixture f;
  const CompareSide a = f.side("strict", 2, false), b = f.side("lenient", 10, true);
  const CompareResult r1 = compare_rulesets(f.sc, a, b, options(21)), r2 = compare_rulesets(f.sc, a, b, options(21));
  const CompareResult r3 = compare_rulesets(f.sc, a, b, options(22));
  CHECK(numbers(r1) == numbers(r2));
  CHECK(ticket_ids(r1) == ticket_ids(r2));
  REQUIRE(r1.differing.size() == r2.differing.size());
  for (std::size_t i = 0; i < r1.differing.size(); ++i) {
    CHECK(r1.differing[i].base.reply_by == r2.differing[i].base.reply_by);
    CHECK(r1.differing[i].revised.trace[0].detail == r2.differing[i].revised.trace[0].detail);
  }
  CHECK(numbers(r1) != numbers(r3));
  CHECK(ticket_ids(r1) != ticket_ids(r3));
}

TEST_CASE("Comparison progress rises to 1 and a stop request cancels the run", "[sim][compare]") {
  Fixture f;
  const CompareSide a = f.side("strict", 2, false), b = f.side("lenient", 10, true);
  CompareOptions o = options(3, 2);
  std::vector<double> seen;
  o.progress = [&](double x) { seen.push_back(x); };
  compare_rulesets(f.sc, a, b, o);
  REQUIRE(seen.size() > 10);
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(seen.front() >= 0);
  CHECK(seen.back() == 1.0);

  std::stop_source stop;
  CompareOptions c = options(3, 4);
  c.stop = stop.get_token();
  double last = 0;
  c.progress = [&](double x) {
    last = x;
    if (x > 0.3) stop.request_stop();
  };
  CHECK_THROWS_AS(compare_rulesets(f.sc, a, b, c), Cancelled);
  CHECK(last > 0.3);
  CHECK(last < 0.5);  // stopped within the replication that saw the request
}

TEST_CASE("A stored comparison reads back with its runs, estimates and differing tickets", "[sim][compare][db]") {
  Fixture f;
  const CompareSide a = f.side("strict", 2, false), b = f.side("lenient", 10, true);
  const CompareResult r = compare_rulesets(f.sc, a, b, options(5));
  const std::string db = temp_db("compare-roundtrip");
  const StoredComparison c = write_comparison(db, f.sc, a, b, r);
  CHECK(c.id == 1);
  CHECK(c.base_run == 1);
  CHECK(c.revised_run == 2);
  const StoredComparison c2 = write_comparison(db, f.sc, b, a, r);
  CHECK(c2.id == 2);
  CHECK(c2.base_run == 3);

  const std::vector<StoredComparison> all = read_comparisons(db);
  REQUIRE(all.size() == 2);
  CHECK(all[0].id == 2);  // newest first
  const StoredComparison& s = all[1];
  CHECK(s.scenario == "compare");
  CHECK(s.base_ruleset == "strict");
  CHECK(s.base_revision == "rev-strict");
  CHECK(s.revised_ruleset == "lenient");
  CHECK(s.replications == 3);
  CHECK(s.seed == 5);
  CHECK(s.compared == r.compared_count);
  CHECK(s.differing == r.differing_count);
  CHECK(s.created_unix > 0);

  const ComparisonRecord back = read_comparison(db, 1);
  CHECK(back.info.base_run == 1);
  CHECK(back.info.revised_run == 2);
  CHECK(back.result.runs[0].empty());
  CHECK(numbers(back.result) == numbers(r));
  CHECK(back.result.unit_changed == r.unit_changed);
  CHECK(back.result.deadline_changed == r.deadline_changed);
  REQUIRE(back.result.units.size() == r.units.size());
  for (std::size_t i = 0; i < r.units.size(); ++i) {
    CHECK(back.result.units[i].id == r.units[i].id);
    CHECK(back.result.units[i].name == r.units[i].name);
    CHECK(back.result.units[i].county == r.units[i].county);
    CHECK(back.result.units[i].handled.delta.n == 3);
  }
  REQUIRE(back.result.differing.size() == r.differing.size());
  for (std::size_t i = 0; i < r.differing.size(); ++i) {
    const DecidedDifferently &x = back.result.differing[i], &y = r.differing[i];
    CHECK(x.ticket_id == y.ticket_id);
    CHECK(x.created == y.created);
    CHECK(x.category == y.category);
    CHECK(x.base.unit == y.base.unit);
    CHECK(x.revised.unit_name == y.revised.unit_name);
    CHECK(x.base.reply_by == y.base.reply_by);
    CHECK(x.revised.reply_by == y.revised.reply_by);
    REQUIRE(x.base.trace.size() == y.base.trace.size());
    for (std::size_t k = 0; k < x.base.trace.size(); ++k) {
      CHECK(x.base.trace[k].rule == y.base.trace[k].rule);
      CHECK(x.base.trace[k].row == y.base.trace[k].row);
      CHECK(x.base.trace[k].clause == y.base.trace[k].clause);
      CHECK(x.base.trace[k].detail == y.base.trace[k].detail);
    }
    CHECK(x.revised.trace.size() == y.revised.trace.size());
  }
  // Both sides are ordinary runs: their ticket counts read back per unit.
  const std::vector<UnitPeriodCounts> counts = read_unit_counts(db, 2, "2025-03", f.org, 0);
  int handled = 0;
  for (const UnitPeriodCounts& u : counts) handled += u.handled;
  CHECK(std::uint64_t(handled) == r.runs[1][0].tickets.closed + r.runs[1][0].tickets.open_end);
  CHECK_THROWS_WITH(read_comparison(db, 3), Catch::Contains("no comparison 3"));
}

TEST_CASE("A cancelled comparison writes nothing to the results database", "[sim][compare][db]") {
  Fixture f;
  const CompareSide a = f.side("strict", 2, false), b = f.side("lenient", 10, true);
  const std::string db = temp_db("compare-cancel");
  write_comparison(db, f.sc, a, b, compare_rulesets(f.sc, a, b, options(6, 2)));  // one stored before
  std::stop_source stop;
  CompareOptions o = options(6, 3);
  o.stop = stop.get_token();
  o.progress = [&](double x) {
    if (x > 0.6) stop.request_stop();
  };
  bool cancelled = false;
  try {
    write_comparison(db, f.sc, a, b, compare_rulesets(f.sc, a, b, o));  // the dashboard's pattern
  } catch (const Cancelled&) {
    cancelled = true;
  }
  CHECK(cancelled);
  CHECK(read_comparisons(db).size() == 1);
  CHECK(read_ticket_run(db, 0).run_id == 2);  // no third run
}

TEST_CASE("A results database from before comparisons were stored is migrated on write", "[sim][compare][db]") {
  Fixture f;
  const CompareSide a = f.side("strict", 2, false), b = f.side("lenient", 10, true);
  const std::string db = temp_db("compare-migrate");
  write_comparison(db, f.sc, a, b, compare_rulesets(f.sc, a, b, options(7, 2)));
  {  // Make it look like a database of the earlier, unversioned schema.
    sqlite3* d = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &d) == SQLITE_OK);
    REQUIRE(sqlite3_exec(d,
                         "DROP TABLE comparison_tickets; DROP TABLE comparison_metrics; DROP TABLE comparison_units; "
                         "DROP TABLE comparisons; DROP TABLE ticket_anomalies; "
                         "ALTER TABLE ticket_replications DROP COLUMN overdue_open; "
                         "ALTER TABLE ticket_replications DROP COLUMN extensions_refused; "
                         "ALTER TABLE ticket_replications DROP COLUMN reopens; "
                         "ALTER TABLE ticket_replications DROP COLUMN urges; "
                         "ALTER TABLE ticket_replications DROP COLUMN reworks; "
                         "ALTER TABLE ticket_replications DROP COLUMN anomalies; "
                         "ALTER TABLE ticket_unit_counts DROP COLUMN extensions_refused; "
                         "ALTER TABLE ticket_unit_counts DROP COLUMN reopens; "
                         "ALTER TABLE ticket_unit_counts DROP COLUMN urges; "
                         "ALTER TABLE ticket_unit_counts DROP COLUMN reworks; "
                         "ALTER TABLE ticket_unit_counts DROP COLUMN anomalies; "
                         "ALTER TABLE ticket_replications DROP COLUMN co_handled; "
                         "ALTER TABLE ticket_replications DROP COLUMN co_late; "
                         "ALTER TABLE ticket_unit_counts DROP COLUMN co_handled; "
                         "ALTER TABLE ticket_unit_counts DROP COLUMN co_late; PRAGMA user_version = 0;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(d);
  }
  CHECK(read_comparisons(db).empty());
  CHECK_THROWS_WITH(read_comparison(db, 1), Catch::Contains("no comparison 1"));
  const StoredComparison c = write_comparison(db, f.sc, a, b, compare_rulesets(f.sc, a, b, options(7, 2)));
  CHECK(c.id == 1);
  CHECK(c.base_run == 3);  // the earlier runs are kept
  CHECK(read_comparisons(db).size() == 1);
  CHECK(read_ticket_run(db, 1).run_id == 1);
}

TEST_CASE("The results database keeps the ticket model's further counts and the anomaly sample", "[sim][db][tickets]") {
  Fixture f;
  const CompareSide a = f.side("strict", 2, false), b = f.side("lenient", 10, true);
  const std::string db = temp_db("ticket-counts");
  const CompareResult r = compare_rulesets(f.sc, a, b, options(8, 2));
  write_comparison(db, f.sc, a, b, r);
  sqlite3* d = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &d) == SQLITE_OK);
  auto scalar = [&](const std::string& sql) { return hotline::test::sql_scalar(d, sql); };
  CHECK(scalar("PRAGMA user_version") == 4);
  for (int side = 0; side < 2; ++side) {
    const TicketNetworkResult& t = r.runs[std::size_t(side)][0].tickets;
    const std::string run = std::to_string(side + 1);
    const std::string where = " FROM ticket_replications WHERE run_id = " + run + " AND replication = 0";
    CHECK(scalar("SELECT urges" + where) == std::int64_t(t.urges));
    CHECK(scalar("SELECT overdue_open" + where) == std::int64_t(t.overdue_open));
    CHECK(scalar("SELECT extensions_refused" + where) == std::int64_t(t.extensions_refused));
    CHECK(scalar("SELECT count(*) FROM ticket_anomalies WHERE run_id = " + run + " AND replication = 0") ==
          std::int64_t(t.anomalies.size()));
    std::int64_t urges = 0;
    for (const TicketPeriod& p : t.periods)
      for (const UnitExtraCounts& x : p.extra) urges += x.urges;
    CHECK(scalar("SELECT sum(urges) FROM ticket_unit_counts WHERE run_id = " + run + " AND replication = 0") == urges);
  }
  CHECK(scalar("SELECT count(*) FROM ticket_anomalies WHERE rule = ''") == 0);
  CHECK(scalar("SELECT sum(urges) FROM ticket_replications") > 0);  // the fixture's tickets do get urged
  sqlite3_close(d);
}
