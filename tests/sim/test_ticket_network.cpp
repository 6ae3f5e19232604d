// Tests of the ticket network (sim/ticket_network.hpp): conservation of tickets, the
// manual-dispatch path for failing rules, determinism and common random numbers, bulletin
// semantics (dispatch month, follow-up cut-off), replay of a tickets table, urging and its
// effect, reopening, rework, anomaly reports, off-hours duty and A/B posts, co-handling units
// and their counts in the results database, with a Policy stub in place of the Lua rule engine.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <numeric>
#include <set>
#include <unistd.h>
#include <tuple>

#include "tests/support/sqlite_scalar.hpp"
#include "tests/support/stub_policy.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/import.hpp"
#include "core/paths.hpp"
#include "core/store.hpp"
#include "core/org_graph.hpp"
#include "sim/call_centre.hpp"
#include "sim/experiment.hpp"
#include "sim/results_db.hpp"
#include "sim/ticket_network.hpp"

#include <sqlite3.h>

using namespace hotline;
using namespace hotline::sim;

namespace {

// Dispatch by category: "water" to the water company, "local" to the ticket's county,
// "fail" is a failing rule (manual), "faq" is answered directly, "dup" is merged.
class StubPolicy final : public hotline::test::StubPolicyBase {
 public:
  StubPolicy(const OrgGraph& org, const WorkCalendar& cal, int reply_days, bool accept_returns)
      : StubPolicyBase(org, cal), reply_days_(reply_days), accept_returns_(accept_returns) {}
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
    UnitIndex lead = lead_for(t);
    if (lead == kNoUnit) lead = org_.find_id("water");  // replayed places outside the test org
    dispatch(d, t, lead, {2, 4, reply_days_, 2});
    for (const std::string& id : co)
      if (const UnitIndex u = org_.find_id(id); u != d.lead) d.co_units.push_back(u);
    return d;
  }
  std::vector<std::string> co;  // co-handling units (协办) named for every dispatched ticket
  // Extensions: refused without the citizen's consent or when asked after the limit.
  ExtensionReview review_extension(const ExtensionRequest& r) override {
    ++extension_requests;
    if (r.requested > r.reply_by) ++late_requests;
    return {r.citizen_consent && r.requested <= r.reply_by, {}};
  }
  int extension_requests = 0, late_requests = 0;
  ReturnReview review_return(const ReturnRequest&) override {
    ++reviews;
    return {accept_returns_, {}};
  }
  EscalationResult escalate(const TicketStatus& s) override {
    statuses.emplace_back(s.dispatched, s.now, s.closed);
    full.push_back(s);
    EscalationResult r;
    if (!table) {
      r.escalate = s.satisfaction == Satisfaction::Unsatisfied;
      return r;
    }
    // Like a rule set's escalation table [XA23 二(四)], in this order.
    const double overdue_days =
        !s.closed && s.reply_by != kNoTime && s.now > s.reply_by ? double(s.now - s.reply_by) / kSecondsPerDay : 0;
    auto rule = [&](bool fires, const char* id) {
      if (fires && !rules_off) r.reasons.push_back({id, "", "[stub]", ""});
    };
    rule(s.satisfaction == Satisfaction::Unsatisfied, "unsatisfied");
    rule(s.returns >= 2, "returned_twice");
    rule(s.urges >= 3, "urged");
    rule(overdue_days >= 3, "overdue");
    r.escalate = !r.reasons.empty();
    return r;
  }

  std::vector<std::tuple<std::string, Time, std::string, std::string, std::string>> seen;
  std::vector<std::string> failed;
  std::vector<std::tuple<Time, Time, bool>> statuses;
  std::vector<TicketStatus> full;
  int reviews = 0;
  bool table = false;      // escalate by a rule table instead of "unsatisfied, no rule named"
  bool rules_off = false;  // the table's rules never fire

 private:
  int reply_days_;
  bool accept_returns_;
};

ScenarioConfig scenario() {
  ScenarioConfig sc = hotline::test::ticket_scenario("tickets", 6);
  TicketSpec& t = sc.tickets;
  t.online_per_day = 40;
  t.caller_population = 1000;
  t.categories = {{"water", 0.3}, {"local", 0.45}, {"fail", 0.1}, {"faq", 0.05}, {"dup", 0.1}};
  t.districts = {{"north", 0.6}, {"south", 0.4}};
  t.handlers_district = 4;  // tight: some tickets are still open at the end
  t.handlers_department = 2;
  t.wrong_dispatch = 0.2;
  t.reopen = 0;  // one evaluation per closed ticket (the reopening tests set it)
  return sc;
}

struct Fixture {
  OrgGraph org = hotline::test::test_org();
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

// The escalation calls at a reply (closed) or at the cut-off (still open): one per ticket
// when there is no reopening; the daily scan's calls in between are left out.
std::vector<std::tuple<Time, Time, bool>> finals(const StubPolicy& p, const TicketNetworkResult& r) {
  std::vector<std::tuple<Time, Time, bool>> v;
  for (const TicketStatus& s : p.full)
    if (s.closed || s.now == r.follow_up_end) v.emplace_back(s.dispatched, s.now, s.closed);
  return v;
}

int sum(const TicketNetworkResult& r, int UnitPeriodCounts::*field) {
  int s = 0;
  for (const TicketPeriod& p : r.periods)
    for (const UnitPeriodCounts& c : p.units) s += c.*field;
  return s;
}

}  // namespace

namespace {
// All dispatched tickets' lives, by ticket id.
std::map<std::string, TicketLife> lives_of(const Fixture& f, StubPolicy& policy, std::uint64_t seed,
                                           TicketNetworkResult* out = nullptr) {
  TicketNetwork net(f.sc, policy, f.org, f.cal, seed);
  std::map<std::string, TicketLife> lives;
  net.observe_lives([&](const TicketLife& l) { lives.emplace(l.ticket->id, l); });
  RunOptions ro;
  ro.seed = seed;
  ro.policy = &policy;
  ro.sink = &net;
  run_call_centre(f.sc, ro);
  TicketNetworkResult r = net.finish();
  if (out) *out = std::move(r);
  return lives;
}
template <class F>
int extra_sum(const TicketNetworkResult& r, F field) {
  int s = 0;
  for (const TicketPeriod& p : r.periods)
    for (const UnitExtraCounts& x : p.extra) s += field(x);
  return s;
}
bool in_working_time(const WorkCalendar& cal, Time t) {
  const DayNumber day = cst_day(t);
  const Time s = t - cst_midnight(day);
  if (!cal.is_working_day(day)) return false;
  for (const WorkingSpan& w : cal.working_hours())
    if (s >= w.start && s <= w.end) return true;
  return false;
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
  // Returns were reviewed and accepted; every ticket saw the escalation rules at its reply or
  // at the cut-off.
  CHECK(policy.reviews > 0);
  CHECK(r.returns == std::uint64_t(policy.reviews));
  const auto fin = finals(policy, r);
  CHECK(std::count_if(fin.begin(), fin.end(), [](auto& s) { return std::get<2>(s); }) == std::ptrdiff_t(r.closed));
  CHECK(std::count_if(fin.begin(), fin.end(), [](auto& s) { return !std::get<2>(s); }) == std::ptrdiff_t(r.open_end));
  // The stub escalates unsatisfied tickets without naming a rule: one report each.
  CHECK(r.escalations == std::uint64_t(sum(r, &UnitPeriodCounts::unsatisfied)));
  CHECK(r.anomalies_by_reason[std::size_t(AnomalyReason::Unsatisfied)] == r.escalations);
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
  f.sc.tickets.review_rework = 0.3;  // rework, absences and urgent duty draw their own numbers
  f.sc.tickets.a_away = 0.3;
  f.sc.tickets.urgent_share = 0.3;
  StubPolicy strict(f.org, f.cal, 1, true), lenient(f.org, f.cal, 10, false);
  TicketNetworkResult rs, rl;
  const auto ls = lives_of(f, strict, 9, &rs), ll = lives_of(f, lenient, 9, &rl);
  CHECK(strict.seen == lenient.seen);                        // arrivals and attributes
  CHECK(finals(strict, rs) == finals(lenient, rl));          // the same reply times: the same handling
  REQUIRE(ls.size() == ll.size());
  for (const auto& [id, l] : ls) {
    const TicketLife& m = ll.at(id);
    CHECK(std::tie(l.accepted, l.started, l.reply, l.away, l.reworked) == std::tie(m.accepted, m.started, m.reply, m.away, m.reworked));
  }
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
        if (!s.closed && s.now != r.follow_up_end) continue;  // the daily scan
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
TEST_CASE("Replayed tickets keep their recorded times, types, categories and places", "[sim][tickets][replay]") {
  const std::string db = std::string(HOTLINE_TEST_TMP) + "/ticket-replay-" + std::to_string(::getpid()) + ".sqlite";
  std::filesystem::remove(db);
  {
    Store store(db);
    ImportOptions o;
    o.kind = ImportKind::Tickets;
    o.key = "test pseudonym key";
    REQUIRE(import_csv(store, data_dir() / "samples" / "tickets.csv", o).rows == 4);
  }
  Fixture f;
  f.sc.start = make_time({2025, 1, 6});
  f.sc.days = 3;
  f.sc.tickets.source = TicketSpec::Source::Replay;
  f.sc.tickets.replay_db = db;
  f.sc.tickets.categories.clear();  // not needed for a replay
  StubPolicy a(f.org, f.cal, 3, true), b(f.org, f.cal, 10, true), c(f.org, f.cal, 3, true);
  TicketNetworkResult r;
  const auto la = lives_of(f, a, 4, &r);
  CHECK(r.created == 4);
  CHECK(r.replayed == 4);
  CHECK(r.from_calls + r.online == 0);  // the call centre's tickets are not used
  CHECK(r.created == r.closed + r.open_end + r.merged + r.routed + r.manual);
  REQUIRE(a.seen.size() == 4);
  CHECK(std::get<0>(a.seen[0]) == "SL20250106001");
  CHECK(std::get<1>(a.seen[0]) == make_time({2025, 1, 6}, 8, 36));
  CHECK(std::get<2>(a.seen[1]) == "物业");
  CHECK(std::get<3>(a.seen[2]) == "luonan");
  CHECK(std::get<0>(a.seen[3]) == "SL20250106004");
  CHECK(std::get<4>(a.seen[3]) != "13800000007");  // pseudonymised at import
  CHECK(la.size() == 4);
  // Keyed by ticket id: another rule set, the same handling; another seed, other needs.
  const auto lb = lives_of(f, b, 4), lc = lives_of(f, c, 5);
  for (const auto& [id, l] : la) {
    CHECK(lb.at(id).started == l.started);
    CHECK(lb.at(id).reply == l.reply);
  }
  CHECK(std::any_of(la.begin(), la.end(), [&](auto& e) { return lc.at(e.first).reply != e.second.reply; }));
}

TEST_CASE("Urges come at 80% of the limit and every two days after it while the ticket is open",
          "[sim][tickets][urging]") {
  Fixture f;
  f.sc.tickets.wrong_dispatch = 0;
  StubPolicy p(f.org, f.cal, 3, true);
  TicketNetworkResult r;
  const auto lives = lives_of(f, p, 13, &r);
  REQUIRE(!lives.empty());
  int urged3 = 0;
  std::uint64_t total = 0;
  for (const auto& [id, l] : lives) {
    total += std::uint64_t(l.urges);
    urged3 += l.urges >= 3;
    if (l.reopened || l.extensions) continue;
    const Time end = std::min(l.reply, r.follow_up_end);
    const Time first = l.dispatched + Time(0.8 * double(l.reply_by - l.dispatched));
    const int after = end - 1 > l.reply_by ? int((end - 1 - l.reply_by) / (2 * kSecondsPerDay)) : 0;
    CHECK(l.urges == int(end > first) + after);
  }
  CHECK(urged3 > 0);
  CHECK(total == r.urges);
  CHECK(extra_sum(r, [](const UnitExtraCounts& x) { return x.urges; }) == int(r.urges));
  f.sc.tickets.urge_at = 0;
  f.sc.tickets.urge_every_days = 0;
  StubPolicy q(f.org, f.cal, 3, true);
  CHECK(run(f, q, 13).urges == 0);
}

TEST_CASE("Unsatisfied tickets are reopened and evaluated again; the platform sends replies back for rework",
          "[sim][tickets][reopen]") {
  Fixture f;
  f.sc.tickets.satisfied = 0.5;
  f.sc.tickets.basically_satisfied = 0.2;
  f.sc.tickets.reopen = 0;
  f.sc.tickets.review_rework = 0;
  StubPolicy a(f.org, f.cal, 3, true), b(f.org, f.cal, 3, true), c(f.org, f.cal, 3, true);
  TicketNetworkResult none, reopened, reworked;
  const auto l0 = lives_of(f, a, 17, &none);
  f.sc.tickets.reopen = 1;
  const auto l1 = lives_of(f, b, 17, &reopened);
  f.sc.tickets.reopen = 0;
  f.sc.tickets.review_rework = 1;
  const auto l2 = lives_of(f, c, 17, &reworked);
  CHECK(none.reopens == 0);
  CHECK(none.reworks == 0);
  // Every unsatisfied first evaluation is reopened; nothing else changes in the first life.
  int unsatisfied_first = 0;
  for (const auto& [id, l] : l0) unsatisfied_first += l.reply <= none.follow_up_end && l.satisfaction == Satisfaction::Unsatisfied;
  REQUIRE(unsatisfied_first > 0);
  CHECK(reopened.reopens == std::uint64_t(unsatisfied_first));
  CHECK(extra_sum(reopened, [](const UnitExtraCounts& x) { return x.reopens; }) == unsatisfied_first);
  for (const auto& [id, l] : l1) {
    CHECK(l.reply == l0.at(id).reply);
    if (l.reopened) {
      CHECK(l0.at(id).satisfaction == Satisfaction::Unsatisfied);
      CHECK(l.reopen_reply > l.reply);
    }
  }
  // The second evaluation turns some citizens round.
  CHECK(sum(reopened, &UnitPeriodCounts::unsatisfied) < sum(none, &UnitPeriodCounts::unsatisfied));
  CHECK(sum(reopened, &UnitPeriodCounts::handled) == sum(none, &UnitPeriodCounts::handled));
  // Rework delays every reply (a handler is busy longer) and some of them a lot.
  REQUIRE(reworked.reworks > 0);
  int later = 0;
  for (const auto& [id, l] : l2) {
    CHECK(l.reply >= l0.at(id).reply);
    later += l.reply > l0.at(id).reply;
    if (l.reply <= reworked.follow_up_end) CHECK(l.reworked);  // every approved reply was sent back once
  }
  CHECK(later > 0);
  CHECK(reworked.reworks >= reworked.closed);
  CHECK(sum(reworked, &UnitPeriodCounts::on_time) < sum(none, &UnitPeriodCounts::on_time));
}

TEST_CASE("Anomaly reports name the rule that fired, once per rule and ticket, found by the daily scan",
          "[sim][tickets][escalation]") {
  Fixture f;
  f.sc.tickets.satisfied = 0.6;
  f.sc.tickets.reopen = 0.5;
  f.sc.tickets.review_rework = 0.5;
  f.sc.tickets.wrong_dispatch = 0.3;
  StubPolicy p(f.org, f.cal, 3, true);
  p.table = true;
  TicketNetworkResult r;
  const auto lives = lives_of(f, p, 19, &r);
  auto count = [&](AnomalyReason why) { return r.anomalies_by_reason[std::size_t(why)]; };
  CHECK(count(AnomalyReason::Unsatisfied) > 0);
  CHECK(count(AnomalyReason::ReturnedTwice) > 0);
  CHECK(count(AnomalyReason::SeriouslyOverdue) > 0);
  CHECK(count(AnomalyReason::UrgedRepeatedly) > 0);
  std::uint64_t total = 0;
  for (std::uint64_t n : r.anomalies_by_reason) total += n;
  CHECK(r.anomalies.size() == std::min<std::size_t>(total, TicketNetworkResult::kSampleCap));
  CHECK(extra_sum(r, [](const UnitExtraCounts& x) { return x.anomalies; }) == int(total));
  CHECK(r.escalations <= total);
  CHECK(r.escalations > 0);
  std::set<std::pair<std::string, std::string>> seen;
  const std::map<AnomalyReason, std::string> rule_of = {{AnomalyReason::Unsatisfied, "unsatisfied"},
                                                        {AnomalyReason::ReturnedTwice, "returned_twice"},
                                                        {AnomalyReason::UrgedRepeatedly, "urged"},
                                                        {AnomalyReason::SeriouslyOverdue, "overdue"}};
  for (const TicketAnomaly& a : r.anomalies) {
    INFO(a.ticket << " " << anomaly_reason_key(a.reason) << " " << a.rule);
    CHECK(seen.insert({a.ticket, a.rule}).second);  // once per rule and ticket
    REQUIRE(rule_of.count(a.reason));
    CHECK(a.rule == rule_of.at(a.reason));
    const TicketLife& l = lives.at(a.ticket);
    CHECK(a.unit == l.lead);
    if (a.rule == "overdue" && !l.reopened) {
      // Seen at the first checkpoint (end of a working day, urge or cut-off) 3 days past the limit.
      CHECK(a.at >= l.reply_by + 3 * kSecondsPerDay);
      CHECK(a.at < l.reply_by + 3 * kSecondsPerDay + 5 * kSecondsPerDay);
    }
  }
  // Without the rules that fire, no reports.
  StubPolicy q(f.org, f.cal, 3, true);
  q.table = true;
  q.rules_off = true;
  TicketNetworkResult quiet = run(f, q, 19);
  CHECK(quiet.anomalies.empty());
  CHECK(quiet.escalations == 0);
}

TEST_CASE("The duty post accepts urgent tickets at night; an absent A post without B slows acceptance",
          "[sim][tickets][posts]") {
  Fixture f;
  f.sc.tickets.urgent_share = 1;
  f.sc.tickets.a_away = 0;
  StubPolicy a(f.org, f.cal, 3, true), b(f.org, f.cal, 3, true);
  const auto duty = lives_of(f, a, 23);
  f.sc.tickets.duty_off_hours = false;
  const auto office = lives_of(f, b, 23);
  int night_duty = 0, night_office = 0, off_hours_created = 0;
  for (const auto& [id, l] : duty) {
    if (in_working_time(f.cal, l.dispatched)) continue;
    ++off_hours_created;
    night_duty += !in_working_time(f.cal, l.accepted);
    night_office += !in_working_time(f.cal, office.at(id).accepted);
  }
  REQUIRE(off_hours_created > 20);
  CHECK(night_duty > off_hours_created / 2);
  CHECK(night_office == 0);

  // A/B posts: everyone away; B covers in half an hour, or the ticket waits 8 working hours.
  f.sc.tickets.urgent_share = 0;
  f.sc.tickets.a_away = 1;
  StubPolicy c(f.org, f.cal, 3, true), d(f.org, f.cal, 3, true), e(f.org, f.cal, 3, true);
  TicketNetworkResult with_b, without_b, present;
  const auto lb = lives_of(f, c, 29, &with_b);
  f.sc.tickets.b_covers = false;
  const auto ln = lives_of(f, d, 29, &without_b);
  f.sc.tickets.a_away = 0;
  const auto lp = lives_of(f, e, 29, &present);
  double wait_b = 0, wait_none = 0, wait_present = 0;
  for (const auto& [id, l] : lb) {
    CHECK(l.away);
    wait_b += double(l.accepted - l.dispatched);
    wait_none += double(ln.at(id).accepted - ln.at(id).dispatched);
    wait_present += double(lp.at(id).accepted - lp.at(id).dispatched);
  }
  CHECK(wait_present < wait_b);
  CHECK(wait_b < wait_none);
  CHECK(sum(without_b, &UnitPeriodCounts::accepted_in_time) < sum(with_b, &UnitPeriodCounts::accepted_in_time));
}

TEST_CASE("Extension requests go to the rules: refusals keep the limit and are counted", "[sim][tickets][extension]") {
  Fixture f;
  f.sc.tickets.handlers_district = 1;  // overloaded: most tickets overrun and ask
  f.sc.tickets.handlers_department = 1;
  f.sc.tickets.extension_request = 1;
  StubPolicy granted(f.org, f.cal, 3, true);
  const TicketNetworkResult a = run(f, granted, 21);
  REQUIRE(granted.extension_requests > 0);
  CHECK(a.extensions > 0);
  CHECK(a.extensions_refused == 0);
  CHECK(granted.late_requests == 0);  // asked before the limit by default
  f.sc.tickets.extension_consent = 0;  // no citizen agrees: every first request is refused
  StubPolicy refused(f.org, f.cal, 3, true);
  const TicketNetworkResult b = run(f, refused, 21);
  CHECK(b.extensions == 0);
  CHECK(b.extensions_refused > 0);
  CHECK(b.extensions_refused == std::uint64_t(refused.extension_requests));
  CHECK(sum(b, &UnitPeriodCounts::late) + sum(b, &UnitPeriodCounts::overdue_open) >
        sum(a, &UnitPeriodCounts::late) + sum(a, &UnitPeriodCounts::overdue_open));
  f.sc.tickets.extension_consent = 1;
  f.sc.tickets.extension_late = 1;  // every unit asks only after the limit
  StubPolicy late(f.org, f.cal, 3, true);
  const TicketNetworkResult c = run(f, late, 21);
  CHECK(late.late_requests == late.extension_requests);
  CHECK(c.extensions == 0);
}

TEST_CASE("Acceptance time and wrong dispatch per unit, and handling time per category", "[sim][tickets]") {
  Fixture f;
  const ScenarioConfig plain = f.sc;
  auto run_with = [&](auto tune) {
    f.sc = plain;
    tune(f.sc.tickets);
    StubPolicy p(f.org, f.cal, 3, true);
    return run(f, p, 17);
  };
  const UnitIndex n = f.org.find_id("north"), s = f.org.find_id("south"), w = f.org.find_id("water");
  auto total = [](const TicketNetworkResult& r, UnitIndex u, auto field) {
    int x = 0;
    for (const TicketPeriod& p : r.periods) x += field(p, u);
    return x;
  };
  auto in_time = [](const TicketPeriod& p, UnitIndex u) { return p.units[u].accepted_in_time; };
  auto handled = [](const TicketPeriod& p, UnitIndex u) { return p.units[u].handled; };
  auto returns = [](const TicketPeriod& p, UnitIndex u) { return p.extra[u].returns + p.extra[u].returns_refused; };
  auto closed = [](const TicketPeriod& p, UnitIndex u) { return p.units[u].closed; };
  const TicketNetworkResult base = run_with([](TicketSpec&) {});

  // North accepts 30 times slower; South is untouched.
  const TicketNetworkResult slow = run_with([](TicketSpec& t) {
    TicketSpec::UnitTuning u;
    u.unit = "north";
    u.accept_scale = 30;
    t.units = {u};
  });
  CHECK(total(slow, n, in_time) < total(base, n, in_time) / 2);
  CHECK(total(slow, s, in_time) == total(base, s, in_time));

  // The water company never asks to return a ticket, so it keeps the ones it returned before.
  const TicketNetworkResult keep = run_with([](TicketSpec& t) {
    TicketSpec::UnitTuning u;
    u.unit = "water";
    u.wrong_dispatch = 0;
    t.units = {u};
  });
  REQUIRE(total(base, w, returns) > 0);
  CHECK(total(keep, w, returns) == 0);
  CHECK(total(keep, w, handled) > total(base, w, handled));
  CHECK(total(keep, n, returns) == total(base, n, returns));  // the others still return

  // Locality matters take 40 times longer: the counties close fewer; the water company's
  // tickets are not locality matters and close as before.
  const TicketNetworkResult local = run_with([](TicketSpec& t) {
    t.wrong_dispatch = 0;  // no re-dispatch between the water company and the counties
    for (TicketSpec::Share& c : t.categories)
      if (c.name == "local") c.handling_scale = 40;
  });
  const TicketNetworkResult local_base = run_with([](TicketSpec& t) { t.wrong_dispatch = 0; });
  CHECK(total(local, s, closed) < total(local_base, s, closed));
  CHECK(total(local, n, closed) < total(local_base, n, closed));
  CHECK(total(local, w, closed) == total(local_base, w, closed));
}

TEST_CASE("Co-handling units work their own part and the lead's reply waits for every part",
          "[sim][tickets][cohandling]") {
  Fixture f;
  f.sc.tickets.wrong_dispatch = 0;
  StubPolicy alone(f.org, f.cal, 3, true), joint(f.org, f.cal, 3, true);
  joint.co = {"south", "water"};
  TicketNetworkResult r0, r1;
  const auto l0 = lives_of(f, alone, 21, &r0), l1 = lives_of(f, joint, 21, &r1);
  CHECK(r0.co_handled == 0);
  CHECK(extra_sum(r0, [](const UnitExtraCounts& x) { return x.co_handled; }) == 0);
  REQUIRE(l0.size() == l1.size());
  int parts = 0, waited = 0;
  for (const auto& [id, l] : l1) {
    parts += l.co_parts;
    const TicketLife& a = l0.at(id);
    CHECK(l.co_parts == (l.lead == f.org.find_id("south") || l.lead == f.org.find_id("water") ? 1 : 2));  // not the lead itself
    CHECK(l.reply >= l.co_done);
    CHECK(l.reply >= l.lead_done);
    CHECK(l.reply >= a.reply);  // more work on the same handlers: no reply comes earlier
    CHECK(l.accepted == a.accepted);
    waited += l.co_done > l.lead_done && l.co_done <= r1.follow_up_end;
  }
  CHECK(waited > 0);  // some replies waited for a co-handler
  CHECK(r1.co_handled == std::uint64_t(parts));
  CHECK(extra_sum(r1, [](const UnitExtraCounts& x) { return x.co_handled; }) == parts);
  CHECK(extra_sum(r1, [](const UnitExtraCounts& x) { return x.co_late; }) == int(r1.co_late));
  CHECK(r1.co_late > 0);
  CHECK(r1.co_late < r1.co_handled);
  // Co-handling is not handling: the bulletin's handled counts are the leads' only.
  CHECK(sum(r1, &UnitPeriodCounts::handled) == sum(r0, &UnitPeriodCounts::handled));
  CHECK(sum(r1, &UnitPeriodCounts::on_time) < sum(r0, &UnitPeriodCounts::on_time));
  // A zero share: co-handlers do no work, as before co-handling was modelled.
  f.sc.tickets.co_share = 0;
  StubPolicy zero(f.org, f.cal, 3, true);
  zero.co = joint.co;
  TicketNetworkResult rz;
  const auto lz = lives_of(f, zero, 21, &rz);
  CHECK(rz.co_handled == 0);
  for (const auto& [id, l] : lz) CHECK(std::tie(l.started, l.reply) == std::tie(l0.at(id).started, l0.at(id).reply));
}

TEST_CASE("Policies naming different co-handlers see the same citizens and lead handling needs",
          "[sim][tickets][cohandling]") {
  Fixture f;
  f.sc.tickets.wrong_dispatch = 0;
  f.sc.tickets.handlers_district = f.sc.tickets.handlers_department = 100000;  // no queueing: the needs show
  f.sc.tickets.a_away = 0.3;
  f.sc.tickets.urgent_share = 0.3;
  StubPolicy none(f.org, f.cal, 3, true), one(f.org, f.cal, 3, true), two(f.org, f.cal, 3, true);
  one.co = {"water"};
  two.co = {"north", "south", "water"};
  TicketNetworkResult rn, r1, r2;
  const auto ln = lives_of(f, none, 23, &rn), l1 = lives_of(f, one, 23, &r1), l2 = lives_of(f, two, 23, &r2);
  CHECK(none.seen == one.seen);
  CHECK(none.seen == two.seen);
  REQUIRE(ln.size() == l2.size());
  int differ = 0;
  for (const auto& [id, l] : ln) {
    for (const auto* m : {&l1.at(id), &l2.at(id)})
      CHECK(std::tie(l.accepted, l.started, l.lead_done, l.away) == std::tie(m->accepted, m->started, m->lead_done, m->away));
    CHECK(l2.at(id).co_parts == 2);
    differ += l1.at(id).reply != l2.at(id).reply;
  }
  CHECK(differ > 0);
  CHECK(r1.co_handled < r2.co_handled);
}

TEST_CASE("Urging shortens the remaining work when urging.speedup is set; 0 leaves the work as it was",
          "[sim][tickets][urging]") {
  Fixture f;
  f.sc.tickets.wrong_dispatch = 0;
  f.sc.tickets.handlers_district = 2;  // queues: many tickets are urged before their reply
  f.sc.tickets.reopen = 0.5;
  f.sc.tickets.satisfied = 0.5;
  StubPolicy p0(f.org, f.cal, 3, true), pn(f.org, f.cal, 3, true), ps(f.org, f.cal, 3, true);
  p0.co = pn.co = ps.co = {"south"};
  TicketNetworkResult r0, rn, rs;
  const auto l0 = lives_of(f, p0, 29, &r0);  // speedup 0 (the default)
  REQUIRE(r0.urges > 0);
  f.sc.tickets.urge_at = 0;                   // no urging at all
  f.sc.tickets.urge_every_days = 0;
  const auto ln = lives_of(f, pn, 29, &rn);
  CHECK(rn.urges == 0);
  for (const auto& [id, l] : l0) {
    const TicketLife& m = ln.at(id);
    CHECK(std::tie(l.started, l.lead_done, l.co_done, l.reply, l.reopen_reply) ==
          std::tie(m.started, m.lead_done, m.co_done, m.reply, m.reopen_reply));
  }
  CHECK(sum(r0, &UnitPeriodCounts::on_time) == sum(rn, &UnitPeriodCounts::on_time));
  CHECK(sum(r0, &UnitPeriodCounts::late) == sum(rn, &UnitPeriodCounts::late));
  CHECK(sum(r0, &UnitPeriodCounts::overdue_open) == sum(rn, &UnitPeriodCounts::overdue_open));
  f.sc.tickets.urge_at = 0.8;
  f.sc.tickets.urge_every_days = 2;
  f.sc.tickets.urge_speedup = 0.5;
  const auto ls = lives_of(f, ps, 29, &rs);
  int earlier = 0;
  for (const auto& [id, l] : ls) {
    CHECK(l.reply <= l0.at(id).reply);  // less work, handlers free sooner: no reply comes later
    CHECK(l.reply >= std::max(l.lead_done, l.co_done));
    earlier += l.reply < l0.at(id).reply;
  }
  CHECK(earlier > 0);
  CHECK(sum(rs, &UnitPeriodCounts::on_time) > sum(r0, &UnitPeriodCounts::on_time));
  CHECK(sum(rs, &UnitPeriodCounts::overdue_open) + sum(rs, &UnitPeriodCounts::late) <
        sum(r0, &UnitPeriodCounts::overdue_open) + sum(r0, &UnitPeriodCounts::late));
  CHECK(rs.closed >= r0.closed);
}

TEST_CASE("The results database keeps co-handled parts per unit; a version 3 database is migrated",
          "[sim][tickets][cohandling][db]") {
  Fixture f;
  StubPolicy p(f.org, f.cal, 3, true);
  p.co = {"south", "water"};
  std::vector<TicketRun> runs(1);
  TicketNetwork net(f.sc, p, f.org, f.cal, 31);
  RunOptions ro;
  ro.seed = 31;
  ro.policy = &p;
  ro.sink = &net;
  runs[0].calls = run_call_centre(f.sc, ro);
  runs[0].tickets = net.finish();
  REQUIRE(runs[0].tickets.co_handled > 0);
  const TicketTables tt = ticket_tables(runs, p, f.org);
  const std::string db = std::string(HOTLINE_TEST_TMP) + "/cohandle-" + std::to_string(::getpid()) + ".sqlite";
  std::filesystem::remove(db);
  ExperimentOptions opt;
  opt.replications = 1;
  const std::vector<RunResult> calls{runs[0].calls};
  write_simulation(db, f.sc, opt, calls, "{}", &tt);
  sqlite3* d = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &d) == SQLITE_OK);
  auto scalar = [&](const std::string& sql) { return hotline::test::sql_scalar(d, sql); };
  CHECK(scalar("PRAGMA user_version") == 4);
  const TicketNetworkResult& t = runs[0].tickets;
  CHECK(scalar("SELECT co_handled FROM ticket_replications WHERE run_id = 1") == std::int64_t(t.co_handled));
  CHECK(scalar("SELECT co_late FROM ticket_replications WHERE run_id = 1") == std::int64_t(t.co_late));
  CHECK(scalar("SELECT sum(co_handled) FROM ticket_unit_counts WHERE run_id = 1") == std::int64_t(t.co_handled));
  CHECK(scalar("SELECT sum(co_late) FROM ticket_unit_counts WHERE run_id = 1") == std::int64_t(t.co_late));
  CHECK(scalar("SELECT co_handled FROM ticket_unit_counts WHERE run_id = 1 AND unit_id = 'water'") ==
        t.periods[0].extra[f.org.find_id("water")].co_handled);
  // A database of schema version 3 (before co-handling) opens and is migrated on write.
  REQUIRE(sqlite3_exec(d,
                       "ALTER TABLE ticket_replications DROP COLUMN co_handled; "
                       "ALTER TABLE ticket_replications DROP COLUMN co_late; "
                       "ALTER TABLE ticket_unit_counts DROP COLUMN co_handled; "
                       "ALTER TABLE ticket_unit_counts DROP COLUMN co_late; PRAGMA user_version = 3;",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  CHECK(read_ticket_run(db, 1).run_id == 1);
  CHECK(write_simulation(db, f.sc, opt, calls, "{}", &tt) == 2);
  CHECK(scalar("PRAGMA user_version") == 4);
  CHECK(scalar("SELECT count(*) FROM ticket_replications WHERE co_handled = 0") == 1);  // the older run's
  CHECK(scalar("SELECT co_handled FROM ticket_replications WHERE run_id = 2") == std::int64_t(t.co_handled));
  sqlite3_close(d);
  std::filesystem::remove(db);
}
