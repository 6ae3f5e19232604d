// The live engine window (规则引擎): its state (the production rule set being watched, the
// ticket form and its decision, the replay of the scenario's tickets) and what the
// dashboard's callers use. Drawn in gui/window_engine.cpp.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "gui/window.hpp"

namespace hotline::gui {

class EngineWindow final : public Window {
 public:
  // The rule set: --rules, else the scenario's, else the shipped Shangluo set.
  explicit EngineWindow(Dashboard& dash);
  void start() override;  // starts the first load in the background
  // Starts --replay once the set is loaded; on a reload decides the form again and says
  // on stderr what was loaded or why not.
  void poll() override;
  void draw() override;
  bool busy() const override;

  Replay& replay() { return replay_; }
  LiveEngine* engine() { return engine_.get(); }

 private:
  void decide_form();
  void draw_rule_set(const LoadedRules* cur);
  void draw_form(const LoadedRules* cur);
  void draw_decision();
  void draw_tests(const LoadedRules* cur);
  void draw_replay();

  std::unique_ptr<LiveEngine> engine_;
  Replay replay_;              // its own worker thread: replaying does not hold up other jobs
  bool replay_started_ = false;  // --replay has been acted on
  std::string engine_error_;
  int form_type_ = 0, form_urgency_ = 0;
  bool form_enterprise_ = false;
  char form_category_[128] = "供水";
  char form_district_[128] = "shangzhou";
  char form_street_[128] = "";
  std::optional<api::Decision> decision_;
  std::string decided_revision_;
};

}  // namespace hotline::gui
