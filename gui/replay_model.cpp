// The live engine's replay: the scenario's ticket network with the running rule set as policy.
#include "gui/replay_model.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/ticket_network.hpp"

namespace hotline::gui {

namespace {
struct Stopped {};  // thrown out of the simulation when the switch is turned off
}  // namespace

Replay::~Replay() {
  stop();
  wait();
}

bool Replay::start(const std::string& scenario, std::shared_ptr<const rules::RuleSet> rs, int passes) {
  const std::string revision = rs->revision();
  return start_job(scenario, [rs] { return rs; }, revision, passes);
}

bool Replay::start(const std::string& scenario, const std::string& ruleset_folder, int passes) {
  auto load = [ruleset_folder] {
    rules::LoadOptions lo;
    lo.run_tests = false;
    return std::shared_ptr<const rules::RuleSet>(rules::load_rule_set(ruleset_folder, lo));
  };
  return start_job(scenario, load, "", passes);
}

bool Replay::start_job(const std::string& scenario, RulesSource source, const std::string& revision, int passes) {
  if (running()) return false;
  auto sh = std::make_shared<Shared>();
  sh->revision = revision;
  shared_ = sh;
  window_start_ = {};
  window_decisions_ = 0;
  rate_ = 0;
  return runner_.start("replay", [sh, scenario, source, passes](JobContext& ctx) {
    const std::shared_ptr<const rules::RuleSet> rs = source();
    {
      std::lock_guard lock(sh->mutex);
      sh->revision = rs->revision();
    }
    const ScenarioConfig sc = load_scenario(scenario);
    if (!sc.tickets.enabled) throw InputError(sc.file, 0, "tickets", "the scenario has no tickets section (docs/tickets.md)");
    const std::stop_token stop = ctx.token();
    const auto t0 = std::chrono::steady_clock::now();
    auto clock = [&] {
      sh->elapsed_ns.store(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
    };
    try {
      for (int p = 0; passes == 0 || p < passes; ++p) {
        rules::RuleEngine engine(rs);
        const std::uint64_t seed = sim::replication_seed(1, p);
        sim::TicketNetwork net(sc, engine, rs->org(), rs->calendar(), seed);
        net.observe_decisions([&](const Ticket&, const TicketDecision& d) {
          const std::uint64_t n = sh->decisions.fetch_add(1, std::memory_order_relaxed) + 1;
          if (d.manual) sh->manual.fetch_add(1, std::memory_order_relaxed);
          if (!d.error.empty()) {
            sh->errors.fetch_add(1, std::memory_order_relaxed);
            std::lock_guard lock(sh->mutex);
            auto& v = sh->recent_errors;
            v.erase(std::remove(v.begin(), v.end(), d.error), v.end());
            v.push_back(d.error);
            if (v.size() > 5) v.erase(v.begin());
          }
          if (n % 256 == 0) {
            clock();
            if (stop.stop_requested()) throw Stopped{};
          }
        });
        sim::RunOptions ro;
        ro.seed = seed;
        ro.policy = &engine;
        ro.sink = &net;
        ro.progress = [&](double) {
          if (stop.stop_requested()) throw Stopped{};
        };
        sim::run_call_centre(sc, ro);
        net.finish();
        sh->passes.fetch_add(1);
      }
    } catch (const Stopped&) {
      // the runner reports the job as cancelled
    }
    clock();
  });
}

void Replay::stop() { runner_.cancel(); }
void Replay::wait() { runner_.wait(); }
bool Replay::running() const { return runner_.busy(); }

ReplayStats Replay::stats() const {
  ReplayStats s;
  const JobStatus js = runner_.status();
  s.running = js.state == JobState::Running;
  if (js.state == JobState::Failed) s.failure = js.message;
  s.decisions = shared_->decisions.load();
  s.manual = shared_->manual.load();
  s.errors = shared_->errors.load();
  s.passes = shared_->passes.load();
  s.seconds = double(shared_->elapsed_ns.load()) * 1e-9;
  std::lock_guard lock(shared_->mutex);
  s.recent_errors = shared_->recent_errors;
  s.revision = shared_->revision;
  return s;
}

double Replay::rate(std::chrono::steady_clock::time_point now, std::chrono::milliseconds every) {
  const std::uint64_t n = shared_->decisions.load();
  if (window_start_ == std::chrono::steady_clock::time_point{}) {
    window_start_ = now;
    window_decisions_ = n;
    return rate_;
  }
  const double dt = std::chrono::duration<double>(now - window_start_).count();
  if (now - window_start_ >= every && dt > 0) {
    rate_ = double(n - window_decisions_) / dt;
    window_start_ = now;
    window_decisions_ = n;
  }
  return rate_;
}

}  // namespace hotline::gui
