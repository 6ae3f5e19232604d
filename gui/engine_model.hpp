// View model of the live engine window (no ImGui): the production rule set, reloaded when
// a file changes, validated and tested before it replaces the running one; on failure the
// old set keeps running and the problems are kept as file:line diagnostics. Decides one
// ticket from the form with the full trace [SL24 §12 dispatch and time limits]. The rule
// set runs in the public hotline::api::Engine, the type production systems embed
// (docs/embedding.md), so the dashboard shows what they would decide.
#pragma once

#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/enums.hpp"
#include "core/time.hpp"
#include "hotline/hotline.hpp"

namespace hotline::gui {

// The ticket form's fields.
struct TicketForm {
  RequestType type = RequestType::Help;
  std::string category;  // dispatch-catalog category, e.g. "供水"
  std::string district;  // district/county name or id
  std::string street;    // street/town name or id, may be empty
  bool enterprise = false;
  Urgency urgency = Urgency::Normal;
  Time created = 0;      // 0: now
};

// One loaded, tested rule set in its engine.
struct LoadedRules {
  std::shared_ptr<const api::Engine> engine;
  api::RuleSetInfo info;  // id, name, version, revision, folder
  std::chrono::system_clock::time_point loaded_at;
  std::vector<api::RuleTestCase> tests;
};

class LiveEngine {
 public:
  // Remembers the folder (a path or a shipped set's name); nothing is loaded until
  // reload_now() or poll().
  explicit LiveEngine(std::string path_or_name);

  // Loads the folder now, on this thread. True if the new set replaced the running one;
  // false if it failed validation or its tests (the old set keeps running; see
  // diagnostics()).
  bool reload_now();
  // Called every frame: if a file's mtime or size changed since the last attempt, starts a
  // reload in the background (std::async); collects a finished one. Returns true when the
  // running set or the diagnostics changed.
  bool poll();
  // Blocks until a background reload has finished and is collected (tests, screenshots).
  void wait();
  bool loading() const { return pending_.valid(); }
  // How often poll() looks at the files (tests set 0).
  std::chrono::milliseconds poll_interval{500};

  const std::filesystem::path& folder() const { return folder_; }
  const LoadedRules* current() const { return current_.get(); }
  // The problems of the last failed reload, one "file:line: field: reason" each; empty
  // after a successful one.
  const std::vector<std::string>& diagnostics() const { return diagnostics_; }
  std::chrono::system_clock::time_point failed_at() const { return failed_at_; }
  int reloads() const { return reloads_; }
  int failures() const { return failures_; }

  // Decides a ticket with the running set. Throws std::logic_error when none is loaded,
  // api::Error for a form the engine refuses.
  api::Decision decide(const TicketForm& form) const;

 private:
  using Stamp = std::map<std::filesystem::path, std::pair<std::filesystem::file_time_type, std::uintmax_t>>;
  struct Attempt {
    std::shared_ptr<LoadedRules> loaded;
    std::vector<std::string> problems;
  };
  Stamp stamp() const;
  Attempt load() const;
  bool apply(Attempt a);

  std::string name_;
  std::filesystem::path folder_;
  Stamp stamp_;
  std::future<Attempt> pending_;
  std::shared_ptr<LoadedRules> current_;
  std::vector<std::string> diagnostics_;
  std::chrono::system_clock::time_point failed_at_{};
  std::chrono::steady_clock::time_point last_poll_{};
  int reloads_ = 0, failures_ = 0;
};

}  // namespace hotline::gui
