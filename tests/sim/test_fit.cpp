// Distribution fitting and Kaplan-Meier (sim/fit.hpp), and the Weibull and mixture
// distributions of sim/random.hpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/time.hpp"
#include "sim/call_centre.hpp"
#include "sim/fit.hpp"
#include "sim/random.hpp"

using namespace hotline;
using namespace hotline::sim;
using Kind = DurationSpec::Kind;

namespace {

std::vector<double> draw(const Distribution& d, int n, std::uint64_t seed) {
  Stream s(seed, "fit-test");
  std::vector<double> x;
  for (int i = 0; i < n; ++i) x.push_back(d.sample(s));
  return x;
}

}  // namespace

TEST_CASE("Kaplan-Meier on a small censored sample worked by hand", "[fit]") {
  // Times 3, 5+, 5, 8, 8, 10+, 12 (+ = censored). At risk 7 at t=3: S = 6/7.
  // t=5: one event, 6 at risk (the censoring at 5 counts as at risk): S = 6/7 * 5/6 = 5/7.
  // t=8: two events, 4 at risk: S = 5/7 * 2/4 = 5/14. t=12: one event, 1 at risk: S = 0.
  const std::vector<double> t = {8, 5, 3, 10, 12, 5, 8};
  const std::vector<bool> e = {true, false, true, false, true, true, true};
  const auto km = kaplan_meier(t, e);
  REQUIRE(km.size() == 4);
  CHECK(km[0].t == 3);
  CHECK(km[0].survival == Approx(6.0 / 7));
  CHECK(km[1].t == 5);
  CHECK(km[1].at_risk == 6);
  CHECK(km[1].survival == Approx(5.0 / 7));
  CHECK(km[2].t == 8);
  CHECK(km[2].events == 2);
  CHECK(km[2].survival == Approx(5.0 / 14));
  CHECK(km[3].at_risk == 1);
  CHECK(km[3].survival == Approx(0).margin(1e-15));
  // Without censoring KM is the empirical survival function.
  const auto plain = kaplan_meier({1, 2, 3, 4}, {true, true, true, true});
  CHECK(plain[1].survival == Approx(0.5));
  // The censored exponential MLE: total time / events.
  CHECK(censored_exponential_mean(t, e) == Approx(51.0 / 5));
}

TEST_CASE("Kaplan-Meier recovers an exponential patience under heavy censoring", "[fit]") {
  Stream s(7, "km");
  std::vector<double> times;
  std::vector<bool> events;
  for (int i = 0; i < 20000; ++i) {
    const double patience = s.exponential(100), wait = s.exponential(60);  // served after `wait`
    times.push_back(std::min(patience, wait));
    events.push_back(patience < wait);
  }
  const auto km = kaplan_meier(times, events);
  auto survival_at = [&](double x) {
    double v = 1;
    for (const auto& k : km) if (k.t <= x) v = k.survival;
    return v;
  };
  for (double x : {30.0, 60.0, 120.0}) CHECK(survival_at(x) == Approx(std::exp(-x / 100)).margin(0.02));
  CHECK(censored_exponential_mean(times, events) == Approx(100).epsilon(0.05));
  const auto d = Distribution(km_distribution(km, censored_exponential_mean(times, events)));
  CHECK(d.expected() == Approx(100).epsilon(0.08));
}

TEST_CASE("MLE fits recover the parameters of their own family", "[fit]") {
  struct Case {
    Distribution truth;
    FitResult (*fit)(const std::vector<double>&);
  };
  Distribution w = Distribution::weibull(200, 1.6);
  const Case cases[] = {{Distribution::exponential(150), fit_exponential},
                        {Distribution::lognormal(180, 240), fit_lognormal},
                        {Distribution::gamma(120, 60), fit_gamma},
                        {Distribution::gamma(90, 150), fit_gamma},
                        {w, fit_weibull},
                        {Distribution::weibull(60, 0.7), fit_weibull}};
  int seed = 1;
  for (const Case& c : cases) {
    const auto x = draw(c.truth, 20000, std::uint64_t(seed++));
    const FitResult r = c.fit(x);
    INFO(r.name() << " mean " << r.spec.mean << " sd " << r.spec.sd << " shape " << r.spec.shape);
    CHECK(r.spec.kind == c.truth.kind);
    CHECK(r.spec.mean == Approx(c.truth.mean).epsilon(0.03));
    if (c.truth.kind == Kind::Lognormal || c.truth.kind == Kind::Gamma) CHECK(r.spec.sd == Approx(c.truth.sd).epsilon(0.06));
    if (c.truth.kind == Kind::Weibull) CHECK(r.spec.shape == Approx(c.truth.shape).epsilon(0.03));
    CHECK(r.ks < 0.015);
  }
}

TEST_CASE("the KS statistic picks the family the sample came from", "[fit]") {
  const Distribution truths[] = {Distribution::exponential(100), Distribution::lognormal(100, 150),
                                 Distribution::gamma(100, 40), Distribution::weibull(100, 3)};
  int seed = 11;
  for (const Distribution& t : truths) {
    const auto fits = fit_all(draw(t, 5000, std::uint64_t(seed++)));
    INFO("truth " << Distribution::kind_name(t.kind) << ", best " << fits[0].name());
    // Exponential is gamma and Weibull with shape 1: a tie the data cannot break.
    if (t.kind == Kind::Exponential) CHECK(fits.back().spec.kind == Kind::Lognormal);
    else CHECK(fits[0].spec.kind == t.kind);
    for (std::size_t i = 1; i < fits.size(); ++i) CHECK(fits[i - 1].ks <= fits[i].ks);
  }
  CHECK_THROWS_AS(fit_gamma({5}), std::invalid_argument);
  CHECK_THROWS_AS(fit_lognormal({0, 3, 4}), std::invalid_argument);
  CHECK_THROWS_AS(fit_weibull({4, 4, 4}), std::invalid_argument);
}

TEST_CASE("Weibull and mixture distributions sample their moments", "[fit]") {
  Stream s(3, "dist");
  const Distribution w = Distribution::weibull(100, 2);
  double sum = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) sum += w.sample(s);
  CHECK(sum / n == Approx(100).epsilon(0.01));
  const Distribution m = Distribution::mixture({Distribution::fixed(10), Distribution::exponential(100)}, {3, 1});
  CHECK(m.expected() == Approx(0.75 * 10 + 0.25 * 100));
  int tens = 0;
  sum = 0;
  for (int i = 0; i < n; ++i) {
    const double v = m.sample(s);
    tens += v == 10;
    sum += v;
  }
  CHECK(double(tens) / n == Approx(0.75).margin(0.005));
  CHECK(sum / n == Approx(32.5).epsilon(0.02));
  CHECK_THROWS_AS(Distribution::mixture({}, {}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::mixture({Distribution::fixed(1)}, {0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::weibull(10, 0), std::invalid_argument);
}

TEST_CASE("the call centre runs on Weibull patience and a mixture talk time", "[fit]") {
  ScenarioConfig sc;
  sc.start = make_time({2025, 1, 6});
  for (auto& p : sc.profile) p.assign(48, 200);
  sc.skills[0].share = 1;
  sc.skills[0].talk = Distribution::mixture({Distribution::exponential(60), Distribution::lognormal(300, 200)}, {1, 1});
  for (auto& a : sc.skills[0].agents) a.assign(48, 20);
  sc.patience = Distribution::weibull(60, 0.7);
  RunOptions o;
  const RunResult r = run_call_centre(sc, o);
  const KpiCounters t = r.total();
  CHECK(t.offered > 9000);
  CHECK(t.answered + t.abandoned + r.in_system_end == t.offered);
  // 200 calls per half hour x 180 s = 20 Erlangs on 20 agents: heavily loaded, many abandon.
  CHECK(t.abandoned > t.offered / 20);
  // The answered calls' mean talk is the mixture's mean (180 s) within noise: busy time / answered.
  CHECK(t.busy_agent_s / double(t.answered) == Approx(180).epsilon(0.05));
}
