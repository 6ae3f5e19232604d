// The rule lab window (规则实验): its state (the two rule sets and replications, the
// comparison and its differing tickets, the rules diff) and what the dashboard's buttons
// and tests call. Drawn in gui/window_rules.cpp.
#pragma once

#include <optional>
#include <string>

#include "gui/window.hpp"

namespace hotline::gui {

class RuleLabWindow final : public Window {
 public:
  explicit RuleLabWindow(Dashboard& dash);  // the fields from the settings and options
  void start() override;   // --baseline/--revised: compare at once, or once --results is open
  void poll() override;
  void draw() override;
  bool busy() const override { return want_comparison_; }
  void take_results(LoadedResults& r) override;  // a stored comparison, and its rule sets

  void diff_rules();
  void run_comparison();
  const std::optional<RuleLabRun>& comparison() const { return lab_; }
  std::string baseline() const { return base_rules_; }
  std::string revised() const { return revised_rules_; }
  int replications() const { return lab_reps_; }
  const std::string& error() const { return lab_error_; }
  void select_differing(int i) { lab_selected_ = i; }
  const std::optional<RuleDiffTable>& rules_diff() const { return rules_diff_; }

 private:
  void draw_fields();
  void draw_kpis(const sim::CompareResult* r);
  void draw_differing();
  void draw_traces(const sim::DecidedDifferently& d);
  void draw_rules_diff();

  char base_rules_[256] = "shangluo-2024";
  char revised_rules_[256] = "xian-2023";
  std::optional<RuleDiffTable> rules_diff_;
  std::string rules_diff_error_;
  std::string rules_diff_for_;  // "baseline\nrevised" the diff was made for
  bool want_diff_ = false;
  std::optional<RuleLabRun> lab_;
  std::string lab_error_;
  int lab_reps_ = 5;
  int lab_selected_ = 0;   // index into the differing tickets
  bool lab_running_ = false;
  bool want_comparison_ = false;  // --baseline/--revised given while another job ran
  bool show_unchanged_ = false;
};

}  // namespace hotline::gui
