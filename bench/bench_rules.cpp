// Rule engine throughput: full decisions (intake + dispatch + deadlines) per second on one
// thread with the shipped Shangluo set and a synthetic ticket mix with the January 2025
// shares [SL24 bulletin] (docs/sources.md), with the per-stage split. Target: >= 1,000,000 decisions/s.
#include <benchmark/benchmark.h>

#include "core/paths.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/ticket_io.hpp"

namespace {
using namespace hotline;
using namespace hotline::rules;

struct Fixture {
  std::shared_ptr<const RuleSet> rs;
  std::unique_ptr<RuleEngine> engine;
  std::vector<Ticket> tickets;
  Fixture(const char* name) {
    LoadOptions opt;
    opt.run_tests = false;
    rs = load_rule_set(data_dir() / "rulesets" / name, opt);
    engine = std::make_unique<RuleEngine>(rs);
    engine->set_log_sink([](std::string_view, std::string_view) {});
    tickets = synthetic_tickets(*rs, 100000, 20250101);
  }
};

Fixture& shangluo() {
  static Fixture f("shangluo-2024");
  return f;
}
Fixture& xian() {
  static Fixture f("xian-2023");
  return f;
}

void run(benchmark::State& state, Fixture& f, unsigned stages) {
  TicketDecision d;
  std::size_t i = 0;
  for (auto _ : state) {
    f.engine->decide_stages(f.tickets[i], d, stages);
    benchmark::DoNotOptimize(d.reply_by);
    if (++i == f.tickets.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["manual"] = double(f.engine->manual_count());
}

void BM_Shangluo_Full(benchmark::State& s) { run(s, shangluo(), RuleEngine::kAll); }
void BM_Shangluo_IntakeOnly(benchmark::State& s) { run(s, shangluo(), RuleEngine::kIntake); }
void BM_Shangluo_IntakeDispatch(benchmark::State& s) { run(s, shangluo(), RuleEngine::kIntake | RuleEngine::kDispatch); }
void BM_Xian_Full(benchmark::State& s) { run(s, xian(), RuleEngine::kAll); }

// Decisions through the virtual Policy::decide (a fresh TicketDecision each time), as a
// caller that does not reuse buffers sees them.
void BM_Shangluo_DecideByValue(benchmark::State& state) {
  Fixture& f = shangluo();
  Policy& p = *f.engine;
  std::size_t i = 0;
  for (auto _ : state) {
    TicketDecision d = p.decide(f.tickets[i]);
    benchmark::DoNotOptimize(d.reply_by);
    if (++i == f.tickets.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Shangluo_Full);
BENCHMARK(BM_Shangluo_IntakeOnly);
BENCHMARK(BM_Shangluo_IntakeDispatch);
BENCHMARK(BM_Shangluo_DecideByValue);
BENCHMARK(BM_Xian_Full);
}  // namespace

BENCHMARK_MAIN();
