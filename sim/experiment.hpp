// Experiments: independent replications of a scenario on worker threads, with a Student-t
// 95% confidence interval per KPI. Replication r of every variant uses the same seed, so
// variants (staffing plans, rule sets) are compared with common random numbers.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/policy.hpp"
#include "core/scenario.hpp"
#include "sim/call_centre.hpp"

namespace hotline::sim {

// Two-sided 95% Student-t quantile t_{0.975, df} (df >= 1).
double t_quantile_975(int df);

struct Estimate {
  double mean = 0;
  double half_width = 0;  // 95% CI is mean +- half_width; 0 with a single replication
  int n = 0;
};
Estimate estimate(const std::vector<double>& values);

struct ExperimentOptions {
  int replications = 10;
  std::uint64_t seed = 1;
  int threads = 1;
  bool drain = false;  // see RunOptions::drain
  // Makes one Policy per worker thread (a Lua rule engine is not shared between threads);
  // null: the scenario's default policy.
  std::function<std::unique_ptr<Policy>()> policy_factory;
  std::function<void(int done, int total)> progress;  // called under a lock
  std::function<void(double)> first_run_progress;      // replication 0's share of the horizon done
};

// The seed of replication r: independent of the thread that runs it.
std::uint64_t replication_seed(std::uint64_t seed, int replication);

// Runs the replications; results are in replication order whatever the thread count.
std::vector<RunResult> run_replications(const ScenarioConfig& scenario, const ExperimentOptions& options);

using MetricEstimates = std::array<Estimate, std::size_t(Metric::Count)>;
struct KpiSummary {
  std::vector<MetricEstimates> intervals;  // all skills together, per interval
  std::vector<MetricEstimates> time_of_day;  // per interval of the day, summed over the days
  MetricEstimates total;                   // the whole horizon
  std::array<MetricEstimates, kSkills> skills;  // per skill queue, whole horizon
  Estimate in_system_end;
};
KpiSummary summarize(const std::vector<RunResult>& runs);

}  // namespace hotline::sim
