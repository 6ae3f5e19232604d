// Replications on a pool of std::threads and Student-t confidence intervals.
#include "sim/experiment.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include "sim/random.hpp"

namespace hotline::sim {

double t_quantile_975(int df) {
  // Exact table for df 1..30; beyond, the Cornish-Fisher expansion around the normal
  // quantile (error < 1e-5 for df > 30).
  static const double table[] = {12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060,
                                 2.2622,  2.2281, 2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199,
                                 2.1098,  2.1009, 2.0930, 2.0860, 2.0796, 2.0739, 2.0687, 2.0639,
                                 2.0595,  2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
  if (df < 1) return INFINITY;
  if (df <= 30) return table[df - 1];
  const double z = 1.959963984540054, z2 = z * z, n = df;
  return z + (z2 + 1) * z / (4 * n) + ((5 * z2 + 16) * z2 + 3) * z / (96 * n * n) +
         (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / (384 * n * n * n);
}

Estimate estimate(const std::vector<double>& v) {
  Estimate e;
  e.n = int(v.size());
  if (v.empty()) return e;
  double sum = 0;
  for (double x : v) sum += x;
  e.mean = sum / e.n;
  if (e.n < 2) return e;
  double ss = 0;
  for (double x : v) ss += (x - e.mean) * (x - e.mean);
  e.half_width = t_quantile_975(e.n - 1) * std::sqrt(ss / (e.n - 1) / e.n);
  return e;
}

std::uint64_t replication_seed(std::uint64_t seed, int replication) {
  return mix64(seed * 0x9e3779b97f4a7c15ULL + std::uint64_t(replication));
}

std::vector<RunResult> run_replications(const ScenarioConfig& scenario, const ExperimentOptions& opt) {
  const int n = std::max(1, opt.replications);
  std::vector<RunResult> out(static_cast<std::size_t>(n));
  std::atomic<int> next{0};
  std::mutex mu;
  int done = 0;
  std::exception_ptr error;
  auto worker = [&] {
    std::unique_ptr<Policy> policy = opt.policy_factory ? opt.policy_factory() : nullptr;
    for (int r; (r = next++) < n;) {
      try {
        RunOptions ro;
        ro.seed = replication_seed(opt.seed, r);
        ro.policy = policy.get();
        ro.drain = opt.drain;
        if (r == 0) ro.progress = opt.first_run_progress;
        out[std::size_t(r)] = run_call_centre(scenario, ro);
      } catch (...) {
        std::lock_guard lock(mu);
        if (!error) error = std::current_exception();
        next = n;
      }
      std::lock_guard lock(mu);
      ++done;
      if (opt.progress) opt.progress(done, n);
    }
  };
  const int threads = std::clamp(opt.threads, 1, n);
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  return out;
}

namespace {
using MetricValues = std::array<double, std::size_t(Metric::Count)>;
MetricValues values_of(const KpiCounters& k, const std::uint32_t* hist) {
  MetricValues v;
  for (std::size_t m = 0; m < v.size(); ++m) v[m] = metric_value(k, hist, Metric(m));
  return v;
}
// Estimates of every metric over the runs; `of` gives one run's metric values.
MetricEstimates estimates_of(const std::vector<RunResult>& runs, const std::function<MetricValues(const RunResult&)>& of) {
  std::vector<MetricValues> per_run;
  per_run.reserve(runs.size());
  for (const RunResult& r : runs) per_run.push_back(of(r));
  MetricEstimates out;
  std::vector<double> xs(runs.size());
  for (std::size_t m = 0; m < out.size(); ++m) {
    for (std::size_t r = 0; r < runs.size(); ++r) xs[r] = per_run[r][m];
    out[m] = estimate(xs);
  }
  return out;
}
}  // namespace

KpiSummary summarize(const std::vector<RunResult>& runs) {
  KpiSummary s;
  if (runs.empty()) return s;
  const int n = runs.front().intervals;
  s.intervals.resize(std::size_t(n));
  for (int i = 0; i < n; ++i)
    s.intervals[std::size_t(i)] = estimates_of(runs, [i](const RunResult& r) { return values_of(r.interval_total(i), r.hist(i)); });
  const int ipd = int(86400 / std::max(1, runs.front().interval_s));
  s.time_of_day.resize(std::size_t(ipd));
  for (int j = 0; j < ipd; ++j)
    s.time_of_day[std::size_t(j)] = estimates_of(runs, [j, ipd](const RunResult& r) {
      KpiCounters k;
      std::vector<std::uint32_t> h(kWaitBins, 0);
      for (int i = j; i < r.intervals; i += ipd) {
        k.add(r.interval_total(i));
        for (int b = 0; b < kWaitBins; ++b) h[std::size_t(b)] += r.hist(i)[b];
      }
      return values_of(k, h.data());
    });
  s.total = estimates_of(runs, [](const RunResult& r) {
    std::vector<std::uint32_t> h;
    const KpiCounters k = r.total(&h);
    return values_of(k, h.data());
  });
  for (int sk = 0; sk < kSkills; ++sk)
    s.skills[std::size_t(sk)] = estimates_of(runs, [sk](const RunResult& r) { return values_of(r.skill_total(sk), nullptr); });
  std::vector<double> ends;
  for (const RunResult& r : runs) ends.push_back(double(r.in_system_end));
  s.in_system_end = estimate(ends);
  return s;
}

}  // namespace hotline::sim
