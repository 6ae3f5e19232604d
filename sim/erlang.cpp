// Erlang B, C and A (M/M/n+M). Erlang A is solved exactly on the birth–death chain of the
// number in system (Palm; Mandelbaum & Zeltyn 2007); the service level within t uses the
// tagged caller's absorbing chain, solved by uniformization. Truncation error < 1e-12.
#include "sim/erlang.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace hotline::sim {

double erlang_b(double load, int agents) {
  double b = 1.0;
  for (int k = 1; k <= agents; ++k) b = load * b / (k + load * b);
  return b;
}

double erlang_c(double load, int agents) {
  if (load >= agents) return 1.0;
  const double b = erlang_b(load, agents);
  return agents * b / (agents - load * (1.0 - b));
}

namespace {

void check(const ErlangInput& in) {
  if (!(in.arrival_rate > 0)) throw std::invalid_argument("arrival rate must be > 0");
  if (!(in.aht_s > 0)) throw std::invalid_argument("handling time must be > 0");
  if (in.agents < 1) throw std::invalid_argument("agents must be >= 1");
  if (in.threshold_s < 0) throw std::invalid_argument("threshold must be >= 0");
  if (in.patience_s < 0) throw std::invalid_argument("patience must be >= 0");
}

ErlangResult erlang_c_result(const ErlangInput& in) {
  ErlangResult r;
  const double mu = 1.0 / in.aht_s;
  const int n = in.agents;
  r.offered_load = in.arrival_rate * in.aht_s;
  if (r.offered_load >= n) {
    r.stable = false;
    r.p_wait = 1;
    r.answer_rate = 1;
    r.mean_wait_s = r.asa_s = r.mean_wait_answered_s = r.mean_queue = INFINITY;
    r.occupancy = 1;
    return r;
  }
  r.p_wait = erlang_c(r.offered_load, n);
  const double drain = n * mu - in.arrival_rate;
  r.answer_rate = 1;
  r.mean_wait_s = r.asa_s = r.mean_wait_answered_s = r.p_wait / drain;
  r.mean_queue = in.arrival_rate * r.mean_wait_s;
  r.service_level = 1.0 - r.p_wait * std::exp(-drain * in.threshold_s);
  r.occupancy = r.offered_load / n;
  return r;
}

// P(served within t) for a tagged caller who finds j callers ahead, summed over the
// arrival distribution p[j]. In state i (callers ahead) the queue moves on at rate r_i
// (r_0 = n mu: the next service completion; r_i = n mu + i theta) and the caller abandons
// at theta. Uniformization with rate L = r_J + theta.
double served_within(std::vector<double> p, double n_mu, double theta, double t) {
  const std::size_t J = p.size() - 1;
  const double L = n_mu + double(J) * theta + theta;
  const double lt = L * t;
  if (lt <= 0) return 0;
  const std::size_t m_max = std::size_t(lt + 12 * std::sqrt(lt) + 30);
  double served = 0, result = 0, cumulative = 0;
  for (std::size_t m = 0; m <= m_max; ++m) {
    const double w = std::exp(-lt + double(m) * std::log(lt) - std::lgamma(double(m) + 1));
    result += w * served;
    cumulative += w;
    if (cumulative > 1 - 1e-15 && double(m) > lt) break;
    served += p[0] * n_mu / L;
    for (std::size_t i = 0; i <= J; ++i) {
      const double r = n_mu + double(i) * theta;
      const double up = i < J ? p[i + 1] * (n_mu + double(i + 1) * theta) / L : 0.0;
      p[i] = p[i] * (1 - (r + theta) / L) + up;
    }
  }
  // Mass beyond the truncated Poisson tail would add at most served * (1 - cumulative).
  return result + served * std::max(0.0, 1 - cumulative);
}

ErlangResult erlang_a_result(const ErlangInput& in) {
  ErlangResult r;
  const double lambda = in.arrival_rate, mu = 1.0 / in.aht_s, theta = 1.0 / in.patience_s;
  const int n = in.agents;
  const double n_mu = n * mu;
  r.offered_load = lambda * in.aht_s;
  // Relative weights: states below n sum to 1/B - 1 times pi_n; q_j = pi_{n+j} / pi_n.
  const double below = 1.0 / erlang_b(r.offered_load, n) - 1.0;
  std::vector<double> q{1.0};
  double q_sum = 1.0;
  for (int j = 1;; ++j) {
    const double next = q.back() * lambda / (n_mu + j * theta);
    q.push_back(next);
    q_sum += next;
    if (next < 1e-18 * q_sum && j * theta > lambda) break;
  }
  const double z = below + q_sum;
  double eq = 0, served = 0, served_wait = 0, s = 0;
  for (std::size_t j = 0; j < q.size(); ++j) {
    q[j] /= z;
    eq += double(j) * q[j];
  }
  double h = 1;  // P(served | j ahead) = prod_{k<=j} r_k / (r_k + theta)
  for (std::size_t j = 0; j < q.size(); ++j) {
    const double rj = n_mu + double(j) * theta;
    h *= rj / (rj + theta);
    s += 1.0 / (rj + theta);  // expected time to leave states j..0, if served
    served += q[j] * h;
    served_wait += q[j] * h * s;
  }
  r.p_wait = q_sum / z;
  r.mean_queue = eq;
  r.p_abandon = theta * eq / lambda;
  r.answer_rate = 1 - r.p_abandon;
  r.mean_wait_s = r.asa_s = eq / lambda;
  r.mean_wait_answered_s = r.answer_rate > 0 ? served_wait / r.answer_rate : 0;
  r.service_level = (1 - r.p_wait) + served_within(q, n_mu, theta, in.threshold_s);
  r.occupancy = lambda * r.answer_rate * in.aht_s / n;
  // Consistency: (1 - p_wait) + served == answer_rate (checked in tests through SL(t->inf)).
  (void)served;
  return r;
}

}  // namespace

ErlangResult erlang(const ErlangInput& in) {
  check(in);
  return in.patience_s > 0 ? erlang_a_result(in) : erlang_c_result(in);
}

int min_agents(ErlangInput in, const ErlangTarget& target, int max_agents) {
  const double load = in.arrival_rate * in.aht_s;
  // Below these agent counts no target can hold: with n agents at most n/A of the calls
  // are answered, and Erlang C is unstable for n <= A.
  double floor_share = std::min(target.answer_rate.value_or(1), target.service_level.value_or(1));
  int n = std::max(1, int(std::floor(load * floor_share)));
  if (in.patience_s == 0) n = std::max(n, int(std::floor(load)) + 1);
  for (; n <= max_agents; ++n) {
    in.agents = n;
    const ErlangResult r = erlang(in);
    if (!r.stable) continue;
    if (target.answer_rate && r.answer_rate < *target.answer_rate) continue;
    if (target.service_level && r.service_level < *target.service_level) continue;
    return n;
  }
  return 0;
}

}  // namespace hotline::sim
