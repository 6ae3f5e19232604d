// Tests of the exact queueing formulas: published Erlang C vectors and Erlang A identities.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/erlang.hpp"

using namespace hotline::sim;

TEST_CASE("Erlang C matches the published pyworkforce / CRAN ErlangC test vector", "[sim][erlang]") {
  // 100 calls per 30 minutes, AHT 180 s, 14 agents, threshold 20 s.
  ErlangInput in{100.0 / 1800, 180, 14, 20, 0};
  const ErlangResult r = erlang(in);
  CHECK(r.offered_load == Approx(10.0));
  CHECK(r.p_wait == Approx(0.1741319).epsilon(1e-6));
  CHECK(r.service_level == Approx(0.88835).epsilon(1e-5));
  CHECK(r.asa_s == Approx(7.836).epsilon(1e-4));
  CHECK(r.occupancy == Approx(10.0 / 14));
  CHECK(r.answer_rate == 1.0);
}

TEST_CASE("Erlang B satisfies its recursion and known values", "[sim][erlang]") {
  CHECK(erlang_b(1.0, 1) == Approx(0.5));
  CHECK(erlang_b(2.0, 2) == Approx(0.4));  // (2^2/2)/(1+2+2)
  for (int n = 1; n < 30; ++n) {
    const double a = 7.3, prev = erlang_b(a, n - 1), b = erlang_b(a, n);
    CHECK(b == Approx(a * prev / (n + a * prev)));
  }
}

TEST_CASE("Erlang C is unstable when the load reaches the agents", "[sim][erlang]") {
  const ErlangResult r = erlang({10.0 / 180, 180, 10, 20, 0});
  CHECK_FALSE(r.stable);
  CHECK(std::isinf(r.mean_wait_s));
}

TEST_CASE("Erlang A tends to Erlang C when patience grows", "[sim][erlang]") {
  const ErlangResult c = erlang({100.0 / 1800, 180, 14, 20, 0});
  const ErlangResult a = erlang({100.0 / 1800, 180, 14, 20, 1e7});
  CHECK(a.p_wait == Approx(c.p_wait).epsilon(1e-4));
  CHECK(a.mean_wait_s == Approx(c.mean_wait_s).epsilon(1e-3));
  CHECK(a.service_level == Approx(c.service_level).epsilon(1e-4));
  CHECK(a.p_abandon < 1e-5);
}

TEST_CASE("Erlang A identities hold: SL at a long threshold equals the answer rate", "[sim][erlang]") {
  ErlangInput in{100.0 / 1800, 180, 10, 5000, 120};  // overloaded: n = A, stable with abandons
  const ErlangResult r = erlang(in);
  CHECK(r.stable);
  CHECK(r.p_abandon > 0.02);
  CHECK(r.service_level == Approx(r.answer_rate).epsilon(1e-6));
  // Little's law on the queue: E[Q] = lambda E[W]; abandonment flow theta E[Q] = lambda P(ab).
  CHECK(r.mean_queue == Approx(in.arrival_rate * r.mean_wait_s));
  CHECK(r.p_abandon == Approx(r.mean_queue / 120 / in.arrival_rate));
  // Occupancy is the answered load over the agents.
  CHECK(r.occupancy == Approx(in.arrival_rate * r.answer_rate * 180 / 10));
  // SL grows with the threshold and starts at P(no wait).
  in.threshold_s = 0;
  CHECK(erlang(in).service_level == Approx(1 - r.p_wait));
}

TEST_CASE("Erlang A with exponential patience equal to service behaves as M/M/infinity", "[sim][erlang]") {
  // theta == mu: the number in system is Poisson(A) whatever n is, so P(wait) = P(N >= n).
  const double a = 6.0;
  const ErlangResult r = erlang({a / 100, 100, 4, 10, 100});
  double below = 0, term = std::exp(-a);
  for (int k = 0; k < 4; ++k) {
    below += term;
    term *= a / (k + 1);
  }
  CHECK(r.p_wait == Approx(1 - below).epsilon(1e-9));
}

TEST_CASE("Minimum agents meet the target and one fewer does not", "[sim][erlang]") {
  ErlangInput in{100.0 / 1800, 180, 0, 20, 0};
  const int n = min_agents(in, ErlangTarget{std::nullopt, 0.8});
  REQUIRE(n > 0);
  in.agents = n;
  CHECK(erlang(in).service_level >= 0.8);
  in.agents = n - 1;
  CHECK((!erlang(in).stable || erlang(in).service_level < 0.8));
  ErlangInput a{100.0 / 1800, 180, 0, 20, 120};
  const int m = min_agents(a, ErlangTarget{0.95, std::nullopt});
  a.agents = m;
  CHECK(erlang(a).answer_rate >= 0.95);
  a.agents = m - 1;
  CHECK(erlang(a).answer_rate < 0.95);
}

TEST_CASE("Erlang rejects non-positive inputs", "[sim][erlang]") {
  CHECK_THROWS_WITH(erlang({0, 180, 14, 20, 0}), "arrival rate must be > 0");
  CHECK_THROWS_WITH(erlang({1, 180, 0, 20, 0}), "agents must be >= 1");
}
