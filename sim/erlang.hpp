// Exact queueing formulas for call-centre planning: Erlang B (M/M/n/n), Erlang C (M/M/n) and
// Erlang A (M/M/n+M, Palm; Mandelbaum & Zeltyn 2007) via the birth–death chain.
#pragma once

#include <optional>

namespace hotline::sim {

// One stationary queue: arrival rate, service and patience in seconds.
struct ErlangInput {
  double arrival_rate = 0;  // calls per second (> 0)
  double aht_s = 0;         // mean handling time, seconds (> 0)
  int agents = 0;           // n >= 1
  double threshold_s = 20;  // service-level threshold t
  double patience_s = 0;    // mean patience; 0 = infinitely patient (Erlang C)
};

struct ErlangResult {
  double offered_load = 0;  // A = lambda * AHT, Erlangs
  double p_wait = 0;        // P(an arrival waits) (PASTA)
  double p_abandon = 0;     // P(an arrival abandons); 0 for Erlang C
  double answer_rate = 0;   // 1 - p_abandon
  double mean_wait_s = 0;   // mean wait over all arrivals (answered and abandoned): E[Q]/lambda
  double asa_s = 0;         // mean wait over all arrivals, as quoted for Erlang C (= mean_wait_s)
  double mean_wait_answered_s = 0;  // mean wait of the answered calls only
  double service_level = 0; // P(answered within t) over all arrivals [answered<=t / offered]
  double occupancy = 0;     // busy agents / agents
  double mean_queue = 0;    // E[Q]
  bool stable = true;       // false for Erlang C with A >= n (everything infinite)
};

// Erlang B blocking probability for load A (Erlangs) and n servers (stable recursion).
double erlang_b(double load, int agents);
// Erlang C probability of waiting; 1 when load >= agents.
double erlang_c(double load, int agents);
// Erlang C (patience_s == 0) or Erlang A (patience_s > 0). Throws std::invalid_argument on
// non-positive rates or agents < 1.
ErlangResult erlang(const ErlangInput& in);

// What a staffing target asks for; unset parts are not checked.
struct ErlangTarget {
  std::optional<double> answer_rate;    // minimum 1 - P(abandon)
  std::optional<double> service_level;  // minimum P(answered within threshold)
};
// The fewest agents meeting every set target (searching upward from 1); 0 if none up to
// max_agents. `in.agents` is ignored.
int min_agents(ErlangInput in, const ErlangTarget& target, int max_agents = 100000);

}  // namespace hotline::sim
