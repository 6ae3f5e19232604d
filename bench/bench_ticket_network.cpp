// Ticket-network throughput: tickets per second on one thread through the whole ticket
// life (Policy decision with the shipped Shangluo Lua rule set, deadlines, handling on the
// working calendar, return review, evaluation, escalation), fed directly (no call centre).
// Issue 5 target: >= 300,000 tickets/s end to end. 6,000 tickets is the Shangluo month
// (handlers not saturated); at 100,000 most work starts after the horizon and is not timed.
#include <benchmark/benchmark.h>

#include "core/paths.hpp"
#include "rules/engine.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/ticket_network.hpp"

namespace {
using namespace hotline;

void BM_TicketNetwork(benchmark::State& state) {
  rules::LoadOptions opt;
  opt.run_tests = false;
  const auto rs = rules::RuleSet::load(data_dir() / "rulesets" / "shangluo-2024", opt);
  const ScenarioConfig sc = load_scenario("shangluo-2025-01");
  const double horizon = double(sc.days) * kSecondsPerDay;
  const int n = int(state.range(0));
  std::uint64_t tickets = 0;
  for (auto _ : state) {
    rules::RuleEngine engine(rs);
    engine.set_log_sink([](std::string_view, std::string_view) {});
    sim::TicketNetwork net(sc, engine, rs->org(), rs->calendar(), 1);
    sim::TicketRequest rq;
    for (int i = 0; i < n; ++i) {
      rq.time = horizon * (i + 0.5) / n;
      rq.call = std::uint64_t(i);
      net.ticket(rq);
    }
    const sim::TicketNetworkResult r = net.finish();
    tickets += r.created;
    benchmark::DoNotOptimize(r.closed);
  }
  state.counters["tickets/s"] = benchmark::Counter(double(tickets), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TicketNetwork)->Arg(6000)->Arg(100000)->Unit(benchmark::kMillisecond);
}  // namespace

BENCHMARK_MAIN();
