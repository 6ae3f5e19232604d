// View model of the live engine's replay switch (no ImGui): the scenario's tickets (its call
// centre feeding the ticket network, as `hotline simulate`) decided by the running rule set
// on a worker thread of its own, pass after pass with the replication seeds, counting
// decisions, manual dispatches and rule errors live for the window [SL24 §11, §12].
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gui/job_runner.hpp"
#include "rules/ruleset.hpp"

namespace hotline::gui {

struct ReplayStats {
  bool running = false;
  std::uint64_t decisions = 0;  // tickets decided (every ticket the network created)
  std::uint64_t manual = 0;     // sent to manual dispatch (a rule failed)
  std::uint64_t errors = 0;     // decisions that came back with a rule error
  int passes = 0;               // finished passes through the scenario
  double seconds = 0;           // the worker's time so far (all of it once stopped)
  std::vector<std::string> recent_errors;  // the last distinct error messages, newest last (at most 5)
  std::string failure;          // why the replay stopped, if it failed (scenario, rule set)
  std::string revision;         // of the rule set deciding
};

class Replay {
 public:
  Replay() = default;
  ~Replay();  // stops and joins
  // Feeds `scenario`'s tickets through `rules` (a fresh engine per pass); `passes` 0 runs
  // until stop(). Pass p uses replication_seed(1, p). Returns false if one is running.
  bool start(const std::string& scenario, std::shared_ptr<const rules::RuleSet> rules, int passes = 0);
  // The same with the rule set in `ruleset_folder`, loaded on the worker (its own tests
  // not run again: the live engine ran them); a folder that does not load is the failure.
  bool start(const std::string& scenario, const std::string& ruleset_folder, int passes = 0);
  void stop();  // asks the worker to stop (within a few hundred tickets); returns at once
  void wait();  // blocks until it has stopped
  bool running() const;
  ReplayStats stats() const;
  // Decisions per second, over the window between samples at least `every` apart: call it
  // every frame; the value changes once a window has passed.
  double rate(std::chrono::steady_clock::time_point now, std::chrono::milliseconds every = std::chrono::milliseconds(500));

 private:
  using RulesSource = std::function<std::shared_ptr<const rules::RuleSet>()>;
  bool start_job(const std::string& scenario, RulesSource rules, const std::string& revision, int passes);
  struct Shared {
    std::atomic<std::uint64_t> decisions{0}, manual{0}, errors{0};
    std::atomic<int> passes{0};
    std::atomic<std::int64_t> elapsed_ns{0};
    std::mutex mutex;  // guards the strings
    std::vector<std::string> recent_errors;
    std::string revision;
  };
  std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
  JobRunner runner_;
  std::chrono::steady_clock::time_point window_start_{};
  std::uint64_t window_decisions_ = 0;
  double rate_ = 0;
};

}  // namespace hotline::gui
