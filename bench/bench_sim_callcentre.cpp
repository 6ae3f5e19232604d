// Call-centre model benchmarks: a stationary 50-agent M/M/n+M (target >= 2M simulated
// calls/s on one core) and one simulated year of scenarios/metro-2023 (target < 30 s, memory
// bounded by the calls in the system). Run from the build tree; see docs/simulator.md.
#include <benchmark/benchmark.h>

#include "core/paths.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/call_centre.hpp"

using namespace hotline;
using namespace hotline::sim;

namespace {
// 50 agents, AHT 180 s, patience Exp(120 s), 48 Erlangs offered (rho = 0.96): the same model
// as bench/peers/mmnm_simpy.py.
ScenarioConfig mmnm(int days) {
  ScenarioConfig sc;
  sc.name = "mmnm-50";
  sc.start = make_time({2025, 1, 6});
  sc.days = days;
  const double calls_per_half_hour = 48.0 / 180 * 1800;
  for (auto& p : sc.profile) p.assign(48, calls_per_half_hour);
  sc.skills[0].share = 1;
  sc.skills[0].talk = {DurationSpec::Kind::Exponential, 180, 0, 1, {}};
  for (auto& a : sc.skills[0].agents) a.assign(48, 50);
  sc.patience = {DurationSpec::Kind::Exponential, 120, 0, 1, {}};
  return sc;
}
}  // namespace

static void BM_MMnM50(benchmark::State& state) {
  const ScenarioConfig sc = mmnm(int(state.range(0)));
  std::int64_t calls = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    RunOptions ro;
    ro.seed = seed++;
    const RunResult r = run_call_centre(sc, ro);
    calls += r.total().offered;
  }
  state.counters["calls/s"] = benchmark::Counter(double(calls), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MMnM50)->Arg(30)->Unit(benchmark::kMillisecond);

static void BM_Metro2023Year(benchmark::State& state) {
  const ScenarioConfig sc = load_scenario(data_dir() / "metro-2023");
  std::int64_t calls = 0;
  std::size_t peak = 0;
  for (auto _ : state) {
    RunOptions ro;
    const RunResult r = run_call_centre(sc, ro);
    calls += r.total().offered;
    peak = std::max(peak, r.peak_calls);
  }
  state.counters["calls/s"] = benchmark::Counter(double(calls), benchmark::Counter::kIsRate);
  state.counters["calls_per_run"] = double(calls) / double(state.iterations());
  state.counters["peak_calls_held"] = double(peak);
}
BENCHMARK(BM_Metro2023Year)->Iterations(1)->Unit(benchmark::kSecond);

BENCHMARK_MAIN();
