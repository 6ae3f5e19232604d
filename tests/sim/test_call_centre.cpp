// Validation of the call-centre model: simulated M/M/n against Erlang C and M/M/n+M against
// Erlang A, conservation of calls, determinism, and the model's features one by one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/call_centre.hpp"
#include "sim/erlang.hpp"
#include "sim/experiment.hpp"

using namespace hotline;
using namespace hotline::sim;

namespace {

// One day of constant traffic: `calls` per half hour, `agents` general agents all day.
ScenarioConfig stationary(double calls_per_interval, int agents, double aht_s, double patience_s) {
  ScenarioConfig sc;
  sc.name = "stationary";
  sc.start = make_time({2025, 1, 6});  // a Monday
  sc.days = 1;
  for (auto& p : sc.profile) p.assign(48, calls_per_interval);
  sc.skills[0].share = 1;
  sc.skills[0].talk = {DurationSpec::Kind::Exponential, aht_s, 0, 1, {}};
  for (auto& a : sc.skills[0].agents) a.assign(48, agents);
  sc.patience = {DurationSpec::Kind::Exponential, patience_s, 0, 1, {}};
  sc.direct_answer_share = 0.5;
  sc.sl_threshold_s = 20;
  return sc;
}

// Steady-state counters of one run: every interval but the first (warm-up from empty).
KpiCounters steady(const RunResult& r) {
  KpiCounters k;
  for (int i = 1; i < r.intervals; ++i) k.add(r.interval_total(i));
  return k;
}

struct Check {
  const char* what;
  double exact;
  Estimate sim;
};

void validate(const std::vector<Check>& checks) {
  for (const Check& c : checks) {
    INFO(c.what << ": exact " << c.exact << ", simulated " << c.sim.mean << " +- " << c.sim.half_width
                << " (n=" << c.sim.n << ")");
    CHECK(std::abs(c.sim.mean - c.exact) <= c.sim.half_width);      // the 95% CI covers it
    CHECK(std::abs(c.sim.mean - c.exact) < 0.02 * c.exact);          // relative error < 2%
    CHECK(c.sim.half_width < 0.02 * c.exact);                        // and the CI is that tight
  }
}

std::vector<Check> compare(const ScenarioConfig& sc, const ErlangResult& exact, int reps, std::uint64_t seed) {
  ExperimentOptions opt;
  opt.replications = reps;
  opt.seed = seed;
  opt.threads = 2;
  const std::vector<RunResult> runs = run_replications(sc, opt);
  std::vector<double> pw, pab, w, sl;
  for (const RunResult& r : runs) {
    const KpiCounters k = steady(r);
    pw.push_back(metric_value(k, nullptr, Metric::WaitProbability));
    pab.push_back(metric_value(k, nullptr, Metric::AbandonRate));
    w.push_back(metric_value(k, nullptr, Metric::MeanWait));
    sl.push_back(metric_value(k, nullptr, Metric::ServiceLevel));
  }
  std::vector<Check> out{{"P(wait)", exact.p_wait, estimate(pw)},
                         {"mean wait", exact.mean_wait_s, estimate(w)},
                         {"service level", exact.service_level, estimate(sl)}};
  if (exact.p_abandon > 0) out.push_back({"P(abandon)", exact.p_abandon, estimate(pab)});
  return out;
}

}  // namespace

// Tolerances. Each test runs independent one-day replications (the first half hour dropped
// as warm-up) and asks three things of P(wait), P(abandon), mean wait and SL: the 95%
// Student-t CI covers the exact value, the relative error is under 2%, and the CI
// half-width itself is under 2% (so the first two checks can fail when the model is off).
// Waiting times are strongly autocorrelated; measured half-widths at these sizes are about
// 1.1% (Erlang C, mean wait) and 0.9% (Erlang A), the other measures well under 1%. The
// M/M/n queue is scale-free, so Erlang C runs with 2 s calls (1 call/s, rho = 2/3) to get
// many calls per relaxation time at a modest cost (about 3.4 million calls in total).
TEST_CASE("Simulated M/M/n matches Erlang C", "[sim][validation]") {
  const double calls = 1800, aht = 2;  // lambda = 1/s, A = 2 Erlangs on 3 agents
  const int agents = 3;
  ScenarioConfig sc = stationary(calls, agents, aht, 0);
  sc.patience.mean = 0;  // infinitely patient
  sc.sl_threshold_s = 1;
  const ErlangResult exact = erlang({calls / 1800, aht, agents, 1, 0});
  validate(compare(sc, exact, 40, 2025));
}

TEST_CASE("Simulated M/M/n+M matches Erlang A", "[sim][validation]") {
  const double calls = 1800, aht = 60, patience = 60;  // A = 60 Erlangs on 50 agents
  const int agents = 50;
  const ScenarioConfig sc = stationary(calls, agents, aht, patience);
  const ErlangResult exact = erlang({calls / 1800, aht, agents, 20, patience});
  REQUIRE(exact.p_abandon > 0.02);
  validate(compare(sc, exact, 24, 12345));
}

TEST_CASE("Calls are conserved: offered = answered + abandoned + diverted + in system", "[sim][call_centre]") {
  ScenarioConfig sc = stationary(400, 6, 180, 90);  // overloaded: long queues at the end
  sc.skills[0].share = 0.7;
  sc.skills[1].share = 0.2;
  sc.skills[2].share = 0.1;
  for (int s = 1; s < 3; ++s) {
    sc.skills[std::size_t(s)].talk = {DurationSpec::Kind::Lognormal, 200, 120, 1, {}};
    for (auto& a : sc.skills[std::size_t(s)].agents) a.assign(48, 1);
  }
  sc.divert_offer = DiversionOffer::VoiceMessage;
  sc.divert_queue_at_least = 5;
  sc.divert_accept_share = 0.3;
  sc.redial_probability = 0.4;
  sc.callbacks = true;
  sc.self_service_share = 0.1;
  sc.ivr_hangup_share = 0.05;
  sc.ivr_time = {DurationSpec::Kind::Fixed, 40, 0, 1, {}};
  sc.wrap = {DurationSpec::Kind::Exponential, 30, 0, 1, {}};
  RunOptions ro;
  ro.seed = 3;
  const RunResult r = run_call_centre(sc, ro);
  const KpiCounters k = r.total();
  CHECK(k.offered > 0);
  CHECK(k.diverted > 0);
  CHECK(k.redials > 0);
  CHECK(k.ivr_self_served > 0);
  CHECK(r.in_system_end > 0);
  CHECK(k.offered == k.answered + k.abandoned + k.diverted + r.in_system_end);
  CHECK(k.answered == k.tickets + k.direct_answers);
  CHECK(k.answered_in_sl <= k.answered);
  CHECK(k.short_abandoned <= k.abandoned);
}

TEST_CASE("Draining after the horizon leaves nobody in the queue and keeps conservation", "[sim][call_centre]") {
  ScenarioConfig sc = stationary(400, 6, 180, 600);  // overloaded, patient callers
  RunOptions ro;
  ro.seed = 8;
  const RunResult open = run_call_centre(sc, ro);
  ro.drain = true;
  const RunResult drained = run_call_centre(sc, ro);
  REQUIRE(open.in_system_end > 0);
  CHECK(drained.in_system_end == 0);
  const KpiCounters a = open.total(), b = drained.total();
  CHECK(a.offered == b.offered);  // the same calls (common random numbers)
  CHECK(b.offered == b.answered + b.abandoned + b.diverted);
  CHECK(b.answered + b.abandoned == a.answered + a.abandoned + open.in_system_end);
  // Agent time after the horizon is not recorded.
  CHECK(b.staffed_agent_s == Approx(a.staffed_agent_s));
}

TEST_CASE("Tickets are handed to the sink at the end of the talk", "[sim][call_centre]") {
  struct Counter : TicketSink {
    std::int64_t n = 0;
    std::array<std::int64_t, std::size_t(RequestType::Count)> by_type{};
    void ticket(const TicketRequest& t) override {
      ++n;
      CHECK(t.time >= 0);
      by_type[std::size_t(t.type)]++;
    }
  } sink;
  ScenarioConfig sc = stationary(100, 5, 180, 120);
  sc.days = 3;
  // Consultations are always answered on the phone, complaints never.
  sc.request_share[std::size_t(RequestType::Consultation)] = 0.5;
  sc.request_share[std::size_t(RequestType::Complaint)] = 0.5;
  sc.request_direct_share[std::size_t(RequestType::Consultation)] = 1.0;
  RunOptions ro;
  ro.sink = &sink;
  std::vector<double> progress;
  ro.progress = [&](double f) { progress.push_back(f); };
  const KpiCounters k = run_call_centre(sc, ro).total();
  CHECK(sink.n == k.tickets);
  CHECK(sink.by_type[std::size_t(RequestType::Consultation)] == 0);
  CHECK(sink.by_type[std::size_t(RequestType::Complaint)] == sink.n);
  // Half the calls are complaints: 5 standard deviations of a binomial share.
  CHECK(std::abs(double(k.tickets) / double(k.answered) - 0.5) < 5 * std::sqrt(0.25 / double(k.answered)));
  CHECK(progress == std::vector<double>{0.0, 1.0 / 3, 2.0 / 3});  // once per day
}

TEST_CASE("The same seed gives the same run; replications do not depend on the thread count", "[sim][call_centre]") {
  const ScenarioConfig sc = stationary(300, 10, 180, 120);
  ExperimentOptions one, two;
  one.replications = two.replications = 4;
  one.seed = two.seed = 77;
  one.threads = 1;
  two.threads = 2;
  const auto a = run_replications(sc, one), b = run_replications(sc, two);
  for (std::size_t r = 0; r < a.size(); ++r) {
    const KpiCounters x = a[r].total(), y = b[r].total();
    CHECK(x.offered == y.offered);
    CHECK(x.answered == y.answered);
    CHECK(x.wait_answered_s == y.wait_answered_s);
    CHECK(a[r].events == b[r].events);
  }
  CHECK(a[0].total().offered != a[1].total().offered);
}

TEST_CASE("More agents with common random numbers never lower the answer rate here", "[sim][call_centre]") {
  ScenarioConfig sc = stationary(300, 9, 180, 120);
  RunOptions ro;
  ro.seed = 5;
  const KpiCounters few = run_call_centre(sc, ro).total();
  for (auto& a : sc.skills[0].agents) a.assign(48, 12);
  const KpiCounters many = run_call_centre(sc, ro).total();
  // Same arrivals (common random numbers): offered differs only through redials (none here).
  CHECK(few.offered == many.offered);
  CHECK(many.answered > few.answered);
  CHECK(many.wait_answered_s / many.answered < few.wait_answered_s / few.answered);
}

TEST_CASE("An agent finishes the current call at shift end and no call starts after it", "[sim][call_centre]") {
  ScenarioConfig sc = stationary(200, 0, 600, 0);
  sc.patience.mean = 0;
  sc.shifts.push_back({SkillQueue::General, 8 * 3600, 4 * 3600, 5, true, true});
  RunOptions ro;
  const RunResult r = run_call_centre(sc, ro);
  double after = 0;
  for (int i = 0; i < r.intervals; ++i) {
    const KpiCounters k = r.interval_total(i);
    INFO("interval " << i);
    if (i < 16) CHECK(k.staffed_agent_s == 0);  // before 08:00 nobody works
    if (i >= 16 && i < 24) {
      CHECK(k.staffed_agent_s == Approx(5 * 1800.0));
      CHECK(k.busy_agent_s == Approx(5 * 1800.0));  // overloaded: never idle
    }
    // After 12:00 agents only finish the call they are on: on duty means busy.
    if (i >= 24) CHECK(k.staffed_agent_s == Approx(k.busy_agent_s));
    if (i >= 24) after += k.staffed_agent_s;
  }
  CHECK(after > 0);                // the calls running at 12:00 were not cut
  CHECK(after < 5 * 600.0 * 12);   // and nobody stayed for long (AHT 600 s)
}

TEST_CASE("Specialised calls overflow to general agents after the set time", "[sim][call_centre]") {
  ScenarioConfig sc = stationary(200, 20, 180, 0);
  sc.patience.mean = 0;
  sc.skills[0].share = 0.5;
  sc.skills[2].share = 0.5;  // dialect calls, but no dialect agents
  sc.skills[2].talk = sc.skills[0].talk;
  sc.overflow_after_s = 30;
  RunOptions ro;
  const RunResult r = run_call_centre(sc, ro);
  const KpiCounters d = r.skill_total(2);
  CHECK(d.answered > 0);
  CHECK(d.overflowed == d.answered);
  CHECK(d.answered_in_sl == 0);  // each waited at least the 30 s overflow time (> SL 20 s)
  CHECK(d.wait_answered_s / d.answered >= 30);
  sc.overflow_after_s = -1;  // never: nobody answers them
  CHECK(run_call_centre(sc, ro).skill_total(2).answered == 0);
}

TEST_CASE("Missed calls are called back by idle agents within the limit", "[sim][call_centre]") {
  ScenarioConfig sc = stationary(0, 0, 180, 30);
  // A burst at 08:00 with one agent from 09:00: everybody abandons, then is called back.
  for (auto& p : sc.profile) p[16] = 40;
  for (auto& a : sc.skills[0].agents) {
    a.assign(48, 0);
    for (int i = 18; i < 48; ++i) a[std::size_t(i)] = 1;
  }
  sc.callbacks = true;
  sc.callback_within_s = 2 * 3600;
  sc.callback_reach_share = 1.0;
  sc.callback_talk = {DurationSpec::Kind::Fixed, 300, 0, 1, {}};
  RunOptions ro;
  const KpiCounters k = run_call_centre(sc, ro).total();
  CHECK(k.abandoned == k.offered);
  // From 09:00 one agent calls back a missed call every 300 s. The first deadline is after
  // 10:00 (abandoned after 08:00, 2-hour limit), so at least 12 are made; the last is before
  // 11:00 or so (abandoned before 09:00 in practice), so at most 25.
  REQUIRE(k.abandoned >= 12);
  CHECK(k.callbacks_made >= 12);
  CHECK(k.callbacks_made <= 25);
  CHECK(k.callbacks_made + k.callbacks_expired == k.abandoned);
}

TEST_CASE("The wrap-up multiplier (智能填单) raises capacity", "[sim][call_centre]") {
  ScenarioConfig sc = stationary(300, 11, 150, 120);
  sc.wrap = {DurationSpec::Kind::Exponential, 60, 0, 1, {}};
  RunOptions ro;
  const KpiCounters slow = run_call_centre(sc, ro).total();
  sc.wrap_multiplier = 0.5;
  const KpiCounters fast = run_call_centre(sc, ro).total();
  CHECK(fast.answered > slow.answered);
  CHECK(fast.busy_agent_s / fast.answered < slow.busy_agent_s / slow.answered);
}

TEST_CASE("Bad model parameters are rejected with the reason", "[sim][call_centre]") {
  ScenarioConfig sc = stationary(100, 5, 180, 120);
  sc.interval_s = 7 * 60;  // does not divide a day
  CHECK_THROWS_WITH(run_call_centre(sc, RunOptions{}), "interval must divide a day");
  sc = stationary(100, 5, 180, 120);
  sc.skills[0].talk = {DurationSpec::Kind::Lognormal, 100, 0, 1, {}};
  CHECK_THROWS_WITH(run_call_centre(sc, RunOptions{}), "lognormal and gamma need mean > 0 and sd > 0");
}

TEST_CASE("Student-t quantiles and confidence intervals", "[sim][experiment]") {
  CHECK(t_quantile_975(1) == Approx(12.7062));
  CHECK(t_quantile_975(30) == Approx(2.0423));
  CHECK(t_quantile_975(60) == Approx(2.0003).epsilon(1e-4));
  CHECK(t_quantile_975(120) == Approx(1.9799).epsilon(1e-4));
  const Estimate e = estimate({1, 2, 3, 4});
  CHECK(e.mean == Approx(2.5));
  CHECK(e.half_width == Approx(3.1824 * std::sqrt(1.6666667 / 4)));
  CHECK(estimate({5}).half_width == 0);
}

TEST_CASE("Every ticket handed to the sink carries its own call's sequence number", "[sim][callcentre][tickets]") {
  // Busy queue: calls are answered out of arrival order and many are in the system at once,
  // so a key taken from the arrival counter at answer time would repeat.
  ScenarioConfig sc = stationary(120, 10, 240, 300);
  struct Keys final : TicketSink {
    std::vector<std::uint64_t> keys;
    void ticket(const TicketRequest& r) override { keys.push_back(r.call); }
  } sink;
  RunOptions ro;
  ro.seed = 11;
  ro.sink = &sink;
  const RunResult r = run_call_centre(sc, ro);
  REQUIRE(sink.keys.size() > 500);
  std::vector<std::uint64_t> sorted = sink.keys;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  std::uint64_t tickets = 0;
  for (int i = 0; i < r.intervals; ++i) tickets += std::uint64_t(r.interval_total(i).tickets);
  CHECK(sink.keys.size() == tickets);
}
