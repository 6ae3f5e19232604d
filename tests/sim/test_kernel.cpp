// Tests of the event kernel and random streams: shadow-model stress test of the event queue
// against a sorted vector, golden stream values, determinism, distribution moments.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/event_queue.hpp"
#include "sim/random.hpp"

using namespace hotline::sim;

TEST_CASE("The event queue agrees with a sorted-vector shadow model under random schedule/cancel/pop", "[sim][queue]") {
  EventQueue q(16);
  struct Shadow {
    double time;
    std::uint64_t order;
    std::uint32_t id;
    EventHandle h;
    bool cancellable;
  };
  std::vector<Shadow> shadow;
  Stream rnd(7, "shadow");
  std::uint64_t seq = 0;
  std::uint32_t next_id = 0;
  for (int step = 0; step < 100000; ++step) {
    const double u = rnd.uniform();
    if (u < 0.5 || shadow.empty()) {
      // Coarse times make ties common, exercising the priority and sequence order.
      const double t = std::floor(rnd.uniform() * 50);
      const auto prio = std::uint8_t(rnd.next_u64() % 3);
      const bool cancellable = rnd.bernoulli(0.5);
      const std::uint32_t id = next_id++;
      EventHandle h;
      if (cancellable) h = q.schedule_cancellable(t, 1, id, prio);
      else q.schedule(t, 1, id, prio);
      shadow.push_back({t, (std::uint64_t(prio) << 56) | seq++, id, h, cancellable});
    } else if (u < 0.7) {
      const std::size_t i = rnd.next_u64() % shadow.size();
      if (shadow[i].cancellable) {
        REQUIRE(q.pending(shadow[i].h));
        q.cancel(shadow[i].h);
        q.cancel(shadow[i].h);  // twice is a no-op
        REQUIRE_FALSE(q.pending(shadow[i].h));
        shadow.erase(shadow.begin() + std::ptrdiff_t(i));
      }
    } else {
      auto it = std::min_element(shadow.begin(), shadow.end(), [](const Shadow& a, const Shadow& b) {
        return a.time < b.time || (a.time == b.time && a.order < b.order);
      });
      Event e;
      REQUIRE(q.pop(&e));
      REQUIRE(e.target == it->id);
      REQUIRE(e.time() == it->time);
      REQUIRE(e.order() == it->order);
      if (it->cancellable) {
        REQUIRE_FALSE(q.pending(it->h));
        q.cancel(it->h);  // cancelling a fired event does nothing
      }
      shadow.erase(it);
    }
    REQUIRE(q.size() == shadow.size());
  }
  Event e;
  while (!shadow.empty()) {
    REQUIRE(q.pop(&e));
    shadow.erase(std::find_if(shadow.begin(), shadow.end(), [&](const Shadow& s) { return s.id == e.target; }));
  }
  CHECK_FALSE(q.pop(&e));
}

TEST_CASE("Streams have golden values at fixed seeds", "[sim][random]") {
  Stream a(42, "arrivals");
  const std::uint64_t first = a.next_u64();
  const double u = a.uniform();
  // Golden values recorded from this implementation (pcg64 seeded via SplitMix64/FNV-1a).
  CHECK(first == 8395933920645079202ULL);
  CHECK(u == Approx(0.60151549964528384).epsilon(1e-15));
}

TEST_CASE("Same seed and name give the same stream; other names and seeds differ", "[sim][random]") {
  Stream a(1, "patience"), b(1, "patience"), c(1, "talk"), d(2, "patience");
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t x = a.next_u64();
    CHECK(x == b.next_u64());
    CHECK(x != c.next_u64());
    CHECK(x != d.next_u64());
  }
}

namespace {
void check_moments(const Distribution& d, double mean, double sd, const char* what) {
  Stream s(3, what);
  const int n = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(s);
    REQUIRE(x >= 0);
    sum += x;
    sum2 += x * x;
  }
  const double m = sum / n, v = sum2 / n - m * m;
  INFO(what);
  // 5 standard errors of the mean: fails by chance with probability < 1e-6.
  CHECK(std::abs(m - mean) < 5 * sd / std::sqrt(double(n)) + 1e-12);
  CHECK(std::sqrt(v) == Approx(sd).epsilon(0.03));
}
}  // namespace

TEST_CASE("Distributions have their declared mean and standard deviation", "[sim][random]") {
  check_moments(Distribution::exponential(180), 180, 180, "exponential");
  check_moments(Distribution::lognormal(150, 90), 150, 90, "lognormal");
  check_moments(Distribution::gamma(60, 30), 60, 30, "gamma");
  check_moments(Distribution::gamma(10, 20), 10, 20, "gamma-small-shape");
  check_moments(Distribution::erlang(120, 4), 120, 60, "erlang");
  check_moments(Distribution::fixed(5), 5, 0, "fixed");
  const Distribution e = Distribution::empirical({10, 20, 30, 40});
  Stream s(5, "empirical");
  for (int i = 0; i < 1000; ++i) {
    const double x = e.sample(s);
    REQUIRE(x >= 10);
    REQUIRE(x <= 40);
  }
  CHECK(e.expected() == Approx(25));
  CHECK_THROWS(Distribution::empirical({}));
}

TEST_CASE("The piecewise Poisson process has the profile's counts per interval", "[sim][random]") {
  const std::vector<double> rates{0.0, 0.1, 0.02, 0.0, 0.3};
  const PiecewisePoisson p(1000, 600, rates);
  Stream s(9, "arrivals");
  std::vector<double> counts(rates.size());
  const int reps = 400;
  for (int r = 0; r < reps; ++r) {
    double t = 0;
    while ((t = p.next(t, s)) < p.end()) {
      REQUIRE(t >= 1000);
      counts[std::size_t((t - 1000) / 600)] += 1;
    }
  }
  for (std::size_t i = 0; i < rates.size(); ++i) {
    const double expected = rates[i] * 600 * reps;
    CHECK(std::abs(counts[i] - expected) <= 5 * std::sqrt(expected) + 1e-9);
  }
  CHECK(counts[0] == 0);
  CHECK(counts[3] == 0);
}
