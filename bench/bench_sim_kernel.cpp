// Kernel benchmark: the classic hold model on the event queue (pop the earliest event,
// schedule one at now + Exp(1)), at several queue sizes. Target: >= 20M events/s, one core.
#include <benchmark/benchmark.h>

#include "sim/event_queue.hpp"
#include "sim/random.hpp"

using namespace hotline::sim;

static void BM_HoldModel(benchmark::State& state) {
  const auto n = std::size_t(state.range(0));
  EventQueue q(n + 16);
  Stream s(1, "hold");
  for (std::size_t i = 0; i < n; ++i) q.schedule(s.exponential(1.0), 0, std::uint32_t(i));
  Event e;
  for (auto _ : state) {
    q.pop(&e);
    q.schedule(e.time() + s.exponential(1.0), e.kind, e.target);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["events/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HoldModel)->Arg(64)->Arg(1024)->Arg(16384);

// Hold model with Uniform(0, 2) increments (mean 1, as in Vaucher & Duval's hold-model
// studies), which takes the log() of the exponential out of the measurement.
static void BM_HoldModelUniform(benchmark::State& state) {
  const auto n = std::size_t(state.range(0));
  EventQueue q(n + 16);
  Stream s(1, "hold");
  for (std::size_t i = 0; i < n; ++i) q.schedule(2 * s.uniform(), 0, std::uint32_t(i));
  Event e;
  for (auto _ : state) {
    q.pop(&e);
    q.schedule(e.time() + 2 * s.uniform(), e.kind, e.target);
  }
  state.counters["events/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HoldModelUniform)->Arg(64)->Arg(1024)->Arg(16384);

// The same with every event cancellable (slot bookkeeping on each event).
static void BM_HoldModelCancellable(benchmark::State& state) {
  const auto n = std::size_t(state.range(0));
  EventQueue q(n + 16);
  Stream s(1, "hold");
  for (std::size_t i = 0; i < n; ++i) q.schedule_cancellable(s.exponential(1.0), 0, std::uint32_t(i));
  Event e;
  for (auto _ : state) {
    q.pop(&e);
    q.schedule_cancellable(e.time() + s.exponential(1.0), e.kind, e.target);
  }
  state.counters["events/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HoldModelCancellable)->Arg(1024);

// The cost of one exponential draw alone, to separate sampling from the queue in the above.
static void BM_ExponentialDraw(benchmark::State& state) {
  Stream s(1, "hold");
  double sum = 0;
  for (auto _ : state) sum += s.exponential(1.0);
  benchmark::DoNotOptimize(sum);
  state.counters["draws/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ExponentialDraw);

BENCHMARK_MAIN();
