// The staffing window (排班): its state (the view model from the results, the planner's
// targets, the agents-per-interval editor) and what the dashboard's buttons and tests call.
// Drawn in gui/window_staffing.cpp.
#pragma once

#include <optional>
#include <string>

#include "gui/window.hpp"

namespace hotline::gui {

class StaffingWindow final : public Window {
 public:
  explicit StaffingWindow(Dashboard& dash) : Window(dash, View::Staffing, Text::ViewStaffing) {}
  ~StaffingWindow() override;  // removes the results file simulate() wrote
  void draw() override;
  void take_results(LoadedResults& r) override;

  // Replaces the data after checking it (throws std::invalid_argument).
  void set_staffing(StaffingModel model);
  const StaffingModel& staffing() const { return staffing_; }
  // Dashboard::simulate_scenario.
  void simulate(bool plan, std::optional<AgentGrid> staffing);
  // The editor's grid, loaded from the scenario when it changes; null without one.
  AgentGrid* grid();
  const std::optional<AgentGrid>& plan_grid() const { return plan_grid_; }
  DayType edit_day() const { return DayType(edit_day_); }
  void set_edit_day(DayType d) { edit_day_ = int(d); }

 private:
  void draw_buttons(bool can_run, const char* why);
  void draw_plan_table(bool have_series);
  void draw_charts(const std::string& empty);
  void draw_editor(AgentGrid* grid, bool can_run);
  void draw_editor_table(AgentGrid& grid, DayType d);
  void plan_from_results();

  StaffingModel staffing_;      // filled from the results database
  std::string staffing_error_;
  std::string simulated_file_;  // the results file written by simulate()
  float plan_sl_ = 0.8f, plan_sl_s_ = 15, plan_answer_ = 0.9f;  // planner targets
  std::string grid_scenario_;                 // the scenario the grids below belong to
  std::optional<AgentGrid> scenario_grid_;    // its own staffing
  std::optional<AgentGrid> grid_;             // the editor's
  std::optional<AgentGrid> plan_grid_;        // the last plan run here
  std::string grid_error_;
  int edit_day_ = 0;                          // DayType shown in the editor
};

}  // namespace hotline::gui
