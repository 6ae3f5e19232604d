// Trace fit and replay validation at a month's size (issue 15's target: 30,000-50,000 calls
// replayed and validated in under 2 s): the shipped bank day repeated over 20 days
// (about 47,000 calls). Run from the build tree; see docs/validation.md.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/call_trace.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/trace_fit.hpp"
#include "sim/validate.hpp"

using namespace hotline;

namespace {

const std::string kData = HOTLINE_SCENARIOS_DIR;

CallTrace month() {
  const CallTrace day = read_call_trace(kData + "/traces/bank-1999-one-day/calls_one_day.csv",
                                        load_trace_profile(kData + "/profiles/bank-1999.toml"));
  CallTrace t = day;
  t.calls.clear();
  t.days = 20;
  for (int d = 0; d < t.days; ++d)
    for (TraceCall c : day.calls) {
      c.vru_entry += d * 86400.0;
      c.vru_exit += d * 86400.0;
      c.arrival += d * 86400.0;
      c.service_start += d * 86400.0;
      t.calls.push_back(c);
    }
  return t;
}

void BM_ReadTrace(benchmark::State& state) {
  const auto profile = load_trace_profile(kData + "/profiles/bank-1999.toml");
  for (auto _ : state)
    benchmark::DoNotOptimize(read_call_trace(kData + "/traces/bank-1999-one-day/calls_one_day.csv", profile));
}
BENCHMARK(BM_ReadTrace)->Unit(benchmark::kMillisecond);

void BM_FitMonth(benchmark::State& state) {
  const CallTrace t = month();
  for (auto _ : state) benchmark::DoNotOptimize(sim::fit_trace(t));
  state.counters["calls"] = double(t.calls.size());
}
BENCHMARK(BM_FitMonth)->Unit(benchmark::kMillisecond);

// Fit, write and load the scenario once; then replay + validate the month (1 replication).
void BM_ValidateMonth(benchmark::State& state) {
  const CallTrace t = month();
  const std::string lua = sim::fitted_scenario_lua(sim::fit_trace(t), {"bench", "2025-01-06", "bench", 20});
  const std::filesystem::path file = std::filesystem::temp_directory_path() / "hotline-bench-validate.lua";
  { std::ofstream(file) << lua; }
  const ScenarioConfig sc = load_scenario(file);
  sim::ValidationOptions o;
  o.replications = int(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(sim::validate_trace(t, sc, o));
  state.counters["calls"] = double(t.calls.size());
  std::filesystem::remove(file);
}
BENCHMARK(BM_ValidateMonth)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
