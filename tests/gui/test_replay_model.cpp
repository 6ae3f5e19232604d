// Tests of the live engine's replay: the scenario's tickets through the running rule set on
// a worker thread, counted as the ticket network counts them; stopping; the rate window.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "gui/replay_model.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/ticket_network.hpp"

using namespace hotline;
using namespace hotline::gui;

namespace {
std::shared_ptr<const rules::RuleSet> shangluo() {
  static const auto rs = rules::load_rule_set(rules::find_ruleset("shangluo-2024"));
  return rs;
}
}  // namespace

TEST_CASE("one replay pass decides every ticket the scenario's network creates", "[gui][replay]") {
  Replay r;
  REQUIRE(r.start("shangluo-2025-01", shangluo(), 1));
  CHECK_FALSE(r.start("shangluo-2025-01", shangluo(), 1));  // one at a time
  r.wait();
  const ReplayStats s = r.stats();
  CHECK_FALSE(s.running);
  CHECK(s.failure.empty());
  CHECK(s.passes == 1);
  CHECK(s.revision == shangluo()->revision());
  // the same tickets as replication 0 of `hotline simulate` (seed 1) with this rule set
  sim::ExperimentOptions o;
  o.replications = 1;
  o.policy_factory = rules::engine_factory(shangluo());
  const auto runs = sim::run_ticket_replications(load_scenario("shangluo-2025-01"), o, shangluo()->org(), shangluo()->calendar());
  REQUIRE(runs.size() == 1);
  CHECK(s.decisions == runs[0].tickets.created);
  CHECK(s.manual == runs[0].tickets.manual);
  CHECK(s.decisions > 1000);
  CHECK(s.errors <= s.manual);
  CHECK(s.seconds > 0);
}

TEST_CASE("a replay without a pass limit runs until stopped", "[gui][replay]") {
  Replay r;
  REQUIRE(r.start("shangluo-2025-01", shangluo(), 0));
  for (int i = 0; i < 20000 && r.stats().decisions < 100; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  CHECK(r.running());
  r.stop();
  r.wait();
  const ReplayStats s = r.stats();
  CHECK_FALSE(s.running);
  CHECK(s.failure.empty());
  CHECK(s.decisions >= 100);
  CHECK(s.passes == 0);  // stopped inside the first pass
}

TEST_CASE("a scenario without tickets stops the replay with the reason", "[gui][replay]") {
  // A call-centre-only scenario (the shipped ones all have a tickets section).
  const std::filesystem::path dir = std::filesystem::path(HOTLINE_TEST_TMP) / "replay-no-tickets";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "scenario.lua") << "local p = {}\nfor i = 1, 48 do p[i] = 10 end\n"
                                         "return { start = \"2025-01-06\", traffic = { source = \"profile\", profile = { all = p } },\n"
                                         "  skills = { general = { share = 1, agents = { all = p } } } }\n";
  Replay r;
  REQUIRE(r.start((dir / "scenario.lua").string(), shangluo(), 1));
  r.wait();
  CHECK_THAT(r.stats().failure, Catch::Contains("tickets"));
  CHECK(r.stats().decisions == 0);
}

TEST_CASE("the decision rate is measured over windows of the given length", "[gui][replay]") {
  Replay r;
  REQUIRE(r.start("shangluo-2025-01", shangluo(), 1));
  const auto t0 = std::chrono::steady_clock::now();
  CHECK(r.rate(t0) == 0);  // the first sample opens the window
  r.wait();
  const auto n = r.stats().decisions;
  // half a second later: the decisions since the first sample over 0.5 s (at most all of them)
  const double rate = r.rate(t0 + std::chrono::milliseconds(500));
  CHECK(rate > 0);
  CHECK(rate <= 2.0 * double(n));
  CHECK(r.rate(t0 + std::chrono::milliseconds(600)) == rate);  // within the next window: unchanged
  CHECK(r.rate(t0 + std::chrono::milliseconds(1000)) == 0);     // nothing decided since
}
