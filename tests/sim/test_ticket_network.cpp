// Tests of the ticket network (sim/ticket_network.hpp): conservation of tickets, the
// manual-dispatch path for failing rules, determinism and common random numbers, with a
// Policy stub in place of the Lua rule engine.
#include <catch2/catch.hpp>

#include <numeric>
#include <tuple>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/org_graph.hpp"
#include "sim/call_centre.hpp"
#include "sim/experiment.hpp"
#include "sim/ticket_network.hpp"

using namespace hotline;
using namespace hotline::sim;

namespace {

const char* const kOrg =
    "id,name,kind,level,parent,utility,vertical,synthetic,note\n"
    "city,Platform,city,0,,0,0,1,test\n"
    "north,North County,district,1,city,0,0,1,test\n"
    "south,South County,district,1,city,0,0,1,test\n"
    "water,Water Company,utility,1,city,1,0,1,test\n";

// Dispatch by category: "water" to the water company, "local" to the ticket's county,
// "fail" is a failing rule (manual), "faq" is answered directly, "dup" is merged.
class StubPolicy final : public Policy {
 public:
  StubPolicy(const OrgGraph& org, const WorkCalendar& cal, int reply_days, bool accept_returns)
      : org_(org), cal_(cal), reply_days_(reply_days), accept_returns_(accept_returns) {}
  TicketDecision decide(const Ticket& t) override {
    seen.emplace_back(t.id, t.created, t.category, t.district, t.caller_key);
    TicketDecision d;
    if (t.category == "fail") {
      d.manual = true;
      d.error = "stub.lua:1: attempt to index a nil value";
      failed.push_back(t.id);
      return d;
    }
    if (t.category == "faq") { d.route = IntakeRoute::DirectAnswer; return d; }
    if (t.category == "dup") { d.route = IntakeRoute::Merged; d.merged_into = "T0"; return d; }
    d.lead = t.category == "water" ? org_.find_id("water") : org_.find_id(t.district);
    d.accept_by = cal_.add_working_hours(t.created, 2);
    d.return_by = cal_.add_working_hours(t.created, 4);
    d.reply_by = cal_.add_working_days(t.created, reply_days_);
    d.max_extensions = 2;
    return d;
  }
  DiversionOffer divert(const QueueState&) override { return DiversionOffer::KeepWaiting; }
  ReturnReview review_return(const ReturnRequest&) override {
    ++reviews;
    return {accept_returns_, {}};
  }
  EscalationResult escalate(const TicketStatus& s) override {
    statuses.emplace_back(s.dispatched, s.now, s.closed);
    full.push_back(s);
    EscalationResult r;
    r.escalate = s.satisfaction == Satisfaction::Unsatisfied;
    return r;
  }

  std::vector<std::tuple<std::string, Time, std::string, std::string, std::string>> seen;
  std::vector<std::string> failed;
  std::vector<std::tuple<Time, Time, bool>> statuses;
  std::vector<TicketStatus> full;
  int reviews = 0;

 private:
  const OrgGraph& org_;
  const WorkCalendar& cal_;
  int reply_days_;
  bool accept_returns_;
};

ScenarioConfig scenario() {
  ScenarioConfig sc;
  sc.name = "tickets";
  sc.start = make_time({2025, 3, 3});  // a Monday
  sc.days = 14;
  for (auto& p : sc.profile) p.assign(48, 6);
  sc.skills[0].share = 1;
  sc.skills[0].talk = {DurationSpec::Kind::Exponential, 180, 0, 1, {}};
  for (auto& a : sc.skills[0].agents) a.assign(48, 6);
  sc.patience = {DurationSpec::Kind::Exponential, 120, 0, 1, {}};
  sc.direct_answer_share = 0.5;
  TicketSpec& t = sc.tickets;
  t.enabled = true;
  t.online_per_day = 40;
  t.caller_population = 1000;
  t.categories = {{"water", 0.3}, {"local", 0.45}, {"fail", 0.1}, {"faq", 0.05}, {"dup", 0.1}};
  t.districts = {{"north", 0.6}, {"south", 0.4}};
  t.handlers_district = 4;  // tight: some tickets are still open at the end
  t.handlers_department = 2;
  t.wrong_dispatch = 0.2;
  return sc;
}

struct Fixture {
  OrgGraph org = OrgGraph::load_csv_text(kOrg, "test-org.csv");
  WorkCalendar cal = WorkCalendar::national();
  ScenarioConfig sc = scenario();
};

TicketNetworkResult run(const Fixture& f, StubPolicy& policy, std::uint64_t seed) {
  TicketNetwork net(f.sc, policy, f.org, f.cal, seed);
  RunOptions ro;
  ro.seed = seed;
  ro.policy = &policy;
  ro.sink = &net;
  run_call_centre(f.sc, ro);
  return net.finish();
}

int sum(const TicketNetworkResult& r, int UnitPeriodCounts::*field) {
  int s = 0;
  for (const TicketPeriod& p : r.periods)
    for (const UnitPeriodCounts& c : p.units) s += c.*field;
  return s;
}

}  // namespace

TEST_CASE("Every ticket is closed, open, merged, routed or manual", "[sim][tickets]") {
  Fixture f;
  StubPolicy policy(f.org, f.cal, 3, true);
  const TicketNetworkResult r = run(f, policy, 7);
  REQUIRE(r.created > 500);
  CHECK(r.created == r.from_calls + r.online);
  CHECK(r.online > 0);
  CHECK(r.created == policy.seen.size());
  CHECK(r.created == r.closed + r.open_end + r.merged + r.routed + r.manual);
  CHECK(r.closed > 0);
  CHECK(r.open_end > 0);
  CHECK(r.merged > 0);
  CHECK(r.routed > 0);
  // Each dispatched ticket is handled by exactly one unit; each closed one is on time or late.
  CHECK(std::uint64_t(sum(r, &UnitPeriodCounts::handled)) == r.closed + r.open_end);
  CHECK(std::uint64_t(sum(r, &UnitPeriodCounts::on_time) + sum(r, &UnitPeriodCounts::late)) == r.closed);
  CHECK(std::uint64_t(sum(r, &UnitPeriodCounts::satisfied) + sum(r, &UnitPeriodCounts::basically_satisfied) +
                      sum(r, &UnitPeriodCounts::unsatisfied)) == r.closed);
  // Returns were reviewed and accepted; every ticket saw the escalation rules once.
  CHECK(policy.reviews > 0);
  CHECK(r.returns == std::uint64_t(policy.reviews));
  CHECK(policy.statuses.size() == r.closed + r.open_end);
  CHECK(r.periods.size() == 1);  // 3-16 March: one month
}

TEST_CASE("A ticket whose rule fails goes to the manual-dispatch queue and is counted", "[sim][tickets]") {
  Fixture f;
  StubPolicy policy(f.org, f.cal, 3, true);
  const TicketNetworkResult r = run(f, policy, 11);
  REQUIRE(!policy.failed.empty());
  CHECK(r.manual == policy.failed.size());
  CHECK(r.manual_queue == policy.failed);  // the same tickets, in arrival order
  // None of them reached a unit.
  CHECK(std::uint64_t(sum(r, &UnitPeriodCounts::handled)) + r.manual + r.merged + r.routed == r.created);
}

TEST_CASE("The same seed gives the same ticket network; another seed differs", "[sim][tickets]") {
  Fixture f;
  StubPolicy a(f.org, f.cal, 3, true), b(f.org, f.cal, 3, true), c(f.org, f.cal, 3, true);
  const TicketNetworkResult ra = run(f, a, 5), rb = run(f, b, 5), rc = run(f, c, 6);
  CHECK(a.seen == b.seen);
  CHECK(a.statuses == b.statuses);
  CHECK(ra.closed == rb.closed);
  CHECK(ra.returns == rb.returns);
  CHECK(ra.extensions == rb.extensions);
  for (std::size_t p = 0; p < ra.periods.size(); ++p)
    for (std::size_t u = 0; u < ra.periods[p].units.size(); ++u) {
      const UnitPeriodCounts &x = ra.periods[p].units[u], &y = rb.periods[p].units[u];
      CHECK(std::tie(x.handled, x.on_time, x.late, x.overdue_open, x.satisfied, x.unsatisfied) ==
            std::tie(y.handled, y.on_time, y.late, y.overdue_open, y.satisfied, y.unsatisfied));
    }
  CHECK(a.seen != c.seen);
}

TEST_CASE("Two rule sets see the same tickets, handling needs and citizens (common random numbers)",
          "[sim][tickets]") {
  Fixture f;
  f.sc.tickets.wrong_dispatch = 0;  // returns would move tickets between units
  StubPolicy strict(f.org, f.cal, 1, true), lenient(f.org, f.cal, 10, false);
  const TicketNetworkResult rs = run(f, strict, 9), rl = run(f, lenient, 9);
  CHECK(strict.seen == lenient.seen);          // arrivals and attributes
  CHECK(strict.statuses == lenient.statuses);  // the same reply times: the same handling
  CHECK(rs.closed == rl.closed);
  // Only the deadlines differ: the lenient set has fewer late tickets.
  CHECK(sum(rl, &UnitPeriodCounts::late) < sum(rs, &UnitPeriodCounts::late));
  CHECK(sum(rs, &UnitPeriodCounts::late) > 0);
}

TEST_CASE("A refused return keeps the ticket with the first unit", "[sim][tickets]") {
  Fixture f;
  StubPolicy keep(f.org, f.cal, 3, false);
  const TicketNetworkResult r = run(f, keep, 3);
  REQUIRE(keep.reviews > 0);
  CHECK(r.returns == 0);
  int refused = 0;
  for (const TicketPeriod& p : r.periods)
    for (const UnitExtraCounts& x : p.extra) refused += x.returns_refused;
  CHECK(refused == keep.reviews);
}

TEST_CASE("Per-unit tuning changes only the tuned unit's handling and citizens", "[sim][tickets]") {
  Fixture f;
  StubPolicy a(f.org, f.cal, 3, true), b(f.org, f.cal, 3, true);
  const TicketNetworkResult base = run(f, a, 5);
  // The water company works 50 times slower and its citizens are never satisfied.
  f.sc.tickets.units = {{"water", 0, 50.0, 0.0, 0.0}};
  const TicketNetworkResult tuned = run(f, b, 5);
  const UnitIndex water = f.org.find_id("water"), north = f.org.find_id("north");
  auto total = [](const TicketNetworkResult& r, UnitIndex u, int UnitPeriodCounts::*field) {
    int s = 0;
    for (const TicketPeriod& p : r.periods) s += p.units[u].*field;
    return s;
  };
  REQUIRE(total(base, water, &UnitPeriodCounts::satisfied) > 0);
  CHECK(total(tuned, water, &UnitPeriodCounts::satisfied) == 0);
  CHECK(total(tuned, water, &UnitPeriodCounts::basically_satisfied) == 0);
  CHECK(total(tuned, water, &UnitPeriodCounts::closed) < total(base, water, &UnitPeriodCounts::closed));
  // Same tickets reach the water company (common random numbers); other units are untouched.
  CHECK(total(tuned, water, &UnitPeriodCounts::handled) == total(base, water, &UnitPeriodCounts::handled));
  CHECK(total(tuned, north, &UnitPeriodCounts::on_time) == total(base, north, &UnitPeriodCounts::on_time));
  CHECK(total(tuned, north, &UnitPeriodCounts::satisfied) == total(base, north, &UnitPeriodCounts::satisfied));
}

TEST_CASE("Tuning a unit the org graph does not have names the scenario field", "[sim][tickets]") {
  Fixture f;
  StubPolicy p(f.org, f.cal, 3, true);
  f.sc.file = "scn.lua";
  f.sc.tickets.units = {{"gas", 12, 2.0, -1, -1}};
  try {
    TicketNetwork net(f.sc, p, f.org, f.cal, 1);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("scn.lua:12") && Catch::Contains("tickets.units.1.unit") &&
                             Catch::Contains("gas"));
  }
}

TEST_CASE("The decision observer sees every ticket once, with the policy's decision", "[sim][tickets]") {
  Fixture f;
  StubPolicy p(f.org, f.cal, 3, true);
  TicketNetwork net(f.sc, p, f.org, f.cal, 9);
  std::vector<std::pair<std::string, UnitIndex>> seen;
  net.observe_decisions([&](const Ticket& t, const TicketDecision& d) { seen.emplace_back(t.id, d.lead); });
  RunOptions ro;
  ro.seed = 9;
  ro.policy = &p;
  ro.sink = &net;
  run_call_centre(f.sc, ro);
  const TicketNetworkResult r = net.finish();
  REQUIRE(seen.size() == r.created);
  REQUIRE(p.seen.size() == r.created);
  for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i].first == std::get<0>(p.seen[i]));
  const auto water = std::count_if(seen.begin(), seen.end(), [&](auto& s) { return s.second == f.org.find_id("water"); });
  CHECK(water > 0);
}

TEST_CASE("A ticket counts in the month it was dispatched, with its outcome at the follow-up cut-off",
          "[sim][tickets][bulletin]") {
  Fixture f;
  f.sc.start = make_time({2025, 3, 24});  // two periods: 24-31 March and 1-6 April
  f.sc.tickets.wrong_dispatch = 0;        // dispatched = created
  auto count = [](const TicketNetworkResult& r, std::size_t p, int UnitPeriodCounts::*field) {
    int s = 0;
    for (const UnitPeriodCounts& c : r.periods[p].units) s += c.*field;
    return s;
  };
  std::vector<TicketNetworkResult> runs;
  for (int days : {0, 40}) {
    INFO("follow_up_days = " << days);
    f.sc.tickets.follow_up_days = days;
    StubPolicy p(f.org, f.cal, 3, true);
    TicketNetworkResult r = run(f, p, 21);
    REQUIRE(r.periods.size() == 2);
    CHECK(r.follow_up_end == f.sc.start + Time(14 + days) * kSecondsPerDay);
    CHECK(r.created == r.closed + r.open_end + r.merged + r.routed + r.manual);
    int crossing = 0;
    for (std::size_t i = 0; i < 2; ++i) {
      // The escalation rules saw each ticket at its reply or at the cut-off: count, by the
      // dispatch month, the closed ones and the open ones past their limit.
      int closed = 0, overdue = 0, open_not_due = 0;
      for (const TicketStatus& s : p.full) {
        if (s.dispatched < r.periods[i].start || s.dispatched >= r.periods[i].end) continue;
        CHECK(s.now <= r.follow_up_end);
        if (s.closed) {
          ++closed;
          crossing += s.now >= r.periods[i].end;
        } else {
          CHECK(s.now == r.follow_up_end);
          ++(s.reply_by < r.follow_up_end ? overdue : open_not_due);
        }
      }
      CHECK(count(r, i, &UnitPeriodCounts::on_time) + count(r, i, &UnitPeriodCounts::late) == closed);
      CHECK(count(r, i, &UnitPeriodCounts::overdue_open) == overdue);
      CHECK(count(r, i, &UnitPeriodCounts::handled) == closed + overdue + open_not_due);
    }
    CHECK(crossing > 0);  // replied after their month's end, still counted in it
    CHECK(std::uint64_t(sum(r, &UnitPeriodCounts::overdue_open)) == r.overdue_open);
    if (days == 0) {
      CHECK(r.overdue_open > 0);
      CHECK(r.overdue_open < r.open_end);  // some are open but not yet due
    }
    runs.push_back(std::move(r));
  }
  // A longer follow-up closes more of the same tickets; the handled counts do not move.
  CHECK(runs[1].closed > runs[0].closed);
  for (std::size_t i = 0; i < 2; ++i) CHECK(count(runs[0], i, &UnitPeriodCounts::handled) == count(runs[1], i, &UnitPeriodCounts::handled));
}

TEST_CASE("A follow-up past the loaded calendar years is a scenario error", "[sim][tickets]") {
  Fixture f;
  StubPolicy p(f.org, f.cal, 3, true);
  f.sc.file = "scn.lua";
  f.sc.tickets.follow_up_days = 366 * (f.cal.last_year() - 2025 + 1);
  CHECK_THROWS_WITH(TicketNetwork(f.sc, p, f.org, f.cal, 1),
                    Catch::Contains("tickets.follow_up_days") && Catch::Contains(std::to_string(f.cal.last_year() + 1)));
}
