// The dashboard: one object owning the view-model state, drawn one window per file
// (window_<name>.cpp, after Tracy's TracyView_<Window>.cpp). Only this layer uses ImGui.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/calendar.hpp"
#include "gui/agent_grid.hpp"
#include "gui/app_state.hpp"
#include "gui/bulletin_model.hpp"
#include "gui/engine_model.hpp"
#include "gui/i18n.hpp"
#include "gui/job_runner.hpp"
#include "gui/org_model.hpp"
#include "gui/replay_model.hpp"
#include "gui/results_model.hpp"
#include "gui/rules_model.hpp"
#include "gui/staffing_model.hpp"

namespace hotline::gui {

struct DashboardOptions {
  std::string scenario;            // SCENARIO argument, may be empty
  std::string results;             // --results, may be empty
  std::optional<View> only_view;   // headless screenshot: this view fills the viewport
  std::string org_file;            // empty: scenarios/orgs/shangluo.csv
  std::string select_unit;         // organisation view: select this unit (id or name)
  std::string rules;               // live engine: rule set folder or shipped name; empty: the scenario's
  std::string baseline, revised;   // rule lab: compare these on the scenario at start (both or neither)
  int compare_replications = 0;    // rule lab: replications; 0: 5
  bool replay = false;             // live engine: switch the replay on once the rule set is loaded
                                   // (headless: one pass, and the screenshot waits for it)
};

// What the results job hands back to the UI thread.
struct LoadedResults {
  ResultsFile file;
  std::optional<StaffingModel> staffing;
  std::string staffing_error;  // the staffing tables exist but cannot be read
  std::vector<TicketRunInfo> ticket_runs;
  std::optional<BulletinTable> bulletin;  // the default run's first period
  std::string bulletin_error;
  Lang lang = Lang::Zh;                   // of the bulletin's headers
  std::optional<RuleLabRun> comparison;   // the newest stored comparison, for the rule lab
  std::string comparison_error;
};

class Dashboard {
 public:
  Dashboard(AppState& state, DashboardOptions options);
  ~Dashboard();
  // Draws one frame's windows. Call between ImGui::NewFrame() and ImGui::Render().
  void draw();
  // The text whose characters the font must hold beyond the UI strings (data names).
  std::string data_text() const;
  // Replaces the staffing window's data after checking it (throws std::invalid_argument).
  // The results loader calls this once the simulator's result tables exist.
  void set_staffing(StaffingModel model);
  const StaffingModel& staffing() const { return staffing_; }
  // A job is running or its result is not collected yet (headless mode waits for it).
  bool busy() const {
    return jobs_.busy() || pending_results_ != nullptr || pending_apply_ != nullptr || want_comparison_ ||
           (options_.only_view && options_.replay && (!replay_started_ || replay_.running())) ||
           (engine_ && engine_->loading());
  }
  const std::optional<BulletinTable>& bulletin() const { return bulletin_; }
  const std::vector<TicketRunInfo>& ticket_runs() const { return ticket_runs_; }
  // Loads the bulletin of run `run` (period `period`, rank changes against `compare_run`,
  // 0 none) on the job runner; does nothing while a job runs.
  void load_bulletin(std::int64_t run, const std::string& period, std::int64_t compare_run);
  // Exports the shown bulletin ("csv" or "md") next to the results file; returns the path.
  std::filesystem::path export_shown_bulletin(const std::string& format);
  OrgTreeModel* org() { return org_ ? &*org_ : nullptr; }
  // Diffs the rule lab's two rule sets on the job runner (the rules diff table).
  void diff_rules();
  // Compares the rule lab's two rule sets on the scenario on the job runner, with progress
  // and cancel. Does nothing without a scenario or while a job runs.
  void run_comparison();
  const std::optional<RuleLabRun>& comparison() const { return lab_; }
  // The rule lab's fields as the window shows them (restored from the settings).
  std::string lab_baseline() const { return base_rules_; }
  std::string lab_revised() const { return revised_rules_; }
  int lab_replications() const { return lab_reps_; }
  const std::string& comparison_error() const { return lab_error_; }
  void select_differing(int i) { lab_selected_ = i; }
  void cancel_job() { jobs_.cancel(); }  // the status bar's cancel button
  Replay& replay() { return replay_; }
  const std::optional<RuleDiffTable>& rules_diff() const { return rules_diff_; }
  LiveEngine* engine() { return engine_.get(); }
  // Runs the scenario on the job runner (5 replications) and, with `plan`, the staffing
  // planner for the window's targets; writes both to a temporary results file and opens it
  // (the staffing window's buttons). With `staffing`, the scenario runs with those agents
  // per interval instead of its own. Does nothing without a scenario or while a job runs.
  void simulate_scenario(bool plan, std::optional<AgentGrid> staffing = std::nullopt);
  // The staffing editor's grid (the scenario's staffing until edited); null without a
  // scenario or when it cannot be loaded.
  AgentGrid* staffing_grid();
  // The staffing plan of the opened results as a grid the editor can adopt (the scenario's
  // staffing for a day type the plan lacks); none without a plan or scenario.
  const std::optional<AgentGrid>& plan_grid() const { return plan_grid_; }
  // The day type the staffing editor shows and edits (its combo: weekday, weekend, holiday).
  DayType edit_day() const { return DayType(edit_day_); }
  void set_edit_day(DayType d) { edit_day_ = int(d); }

 private:
  // window_*.cpp, one per window
  void draw_staffing();
  void draw_staffing_editor(AgentGrid* grid, bool can_run);
  void draw_rules();
  void draw_rules_diff();
  void draw_differing();
  void draw_bulletin();
  void draw_engine();
  void draw_replay();
  void draw_org();
  void draw_calendar();

  void draw_menu();
  void draw_open_dialog();  // the "open results" path prompt (ImGui has no file dialog)
  void draw_status_bar();
  // Begins a view window (placed to fill the viewport in screenshot mode). Always pair
  // with ImGui::End().
  bool begin_view(View v);
  const char* t(Text id) const { return tr(id, state_.lang()).data(); }
  std::string label(Text id, const char* imgui_id) const;  // "text###id": stable across languages
  void open_results(const std::string& path);
  // Starts a job whose result `apply` takes over on the UI thread once it is done.
  bool start_job(std::string name, JobRunner::Work work, std::function<void()> apply);
  void set_bulletin(BulletinTable table, Lang lang);
  void plan_from_results();
  void decide_form();
  // The honest empty state: "no results loaded yet, run hotline simulate" or, with a
  // results file open, which tables it has. Shown in place of the charts' data.
  std::string no_data_message() const;

  AppState& state_;
  DashboardOptions options_;
  JobRunner jobs_;
  float menu_height_ = 0;
  float status_height_ = 0;

  // results database: filled by a job on the worker thread
  std::shared_ptr<LoadedResults> pending_results_;
  std::function<void()> pending_apply_;  // a start_job() result to take over when done
  std::optional<ResultsFile> results_;
  std::string results_error_;
  bool want_open_dialog_ = false;
  char open_path_[1024] = "";

  // staffing window: filled from the results database
  StaffingModel staffing_;
  std::string staffing_error_;
  std::string simulated_file_;  // the results file written by simulate_scenario()
  float plan_sl_ = 0.8f, plan_sl_s_ = 15, plan_answer_ = 0.9f;  // planner targets
  std::string grid_scenario_;                 // the scenario the grids below belong to
  std::optional<AgentGrid> scenario_grid_;    // its own staffing
  std::optional<AgentGrid> grid_;             // the editor's
  std::optional<AgentGrid> plan_grid_;        // the last plan run here
  std::string grid_error_;
  int edit_day_ = 0;                          // DayType shown in the editor

  // bulletin window
  std::vector<TicketRunInfo> ticket_runs_;
  std::optional<BulletinTable> bulletin_;
  Lang bulletin_lang_ = Lang::Zh;
  std::string bulletin_error_;
  std::string export_message_;
  bool export_failed_ = false;

  // organisation window
  std::optional<OrgTreeModel> org_;
  std::string org_error_;
  char org_filter_[128] = "";
  bool org_metric_chosen_ = false;  // the user picked the colouring; figures do not change it

  // calendar panel
  std::optional<WorkCalendar> calendar_;
  std::string calendar_error_;
  int cal_year_ = 2025, cal_month_ = 1;

  // live engine and its ticket form
  std::unique_ptr<LiveEngine> engine_;
  Replay replay_;              // its own worker thread: replaying does not hold up other jobs
  bool replay_started_ = false;  // --replay has been acted on
  std::string engine_error_;
  int form_type_ = 0, form_urgency_ = 0;
  bool form_enterprise_ = false;
  char form_category_[128] = "供水";
  char form_district_[128] = "shangzhou";
  char form_street_[128] = "";
  std::optional<TicketDecision> decision_;
  std::string decided_revision_;
  // rule lab
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
