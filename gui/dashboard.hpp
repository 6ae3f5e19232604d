// The dashboard: the frame around the windows (menu bar, status bar, the "open results"
// prompt, where each view window goes), the one job runner they share, the opened results
// database, and the windows themselves, each a type owning its state and draw() in its own
// file (gui/window_<name>.cpp, listed once in gui/window.hpp). Only this layer uses ImGui.
// See docs/architecture.md, "The dashboard's windows".
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

// What the results job hands back to the UI thread (each window takes its part).
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

class Window;
class StaffingWindow;
class RuleLabWindow;
class BulletinWindow;
class EngineWindow;
class OrgWindow;

class Dashboard {
 public:
  Dashboard(AppState& state, DashboardOptions options);
  ~Dashboard();
  // Draws one frame's windows. Call between ImGui::NewFrame() and ImGui::Render().
  void draw();
  // The text whose characters the font must hold beyond the UI strings (data names).
  std::string data_text() const;
  // A job is running or its result is not collected yet, or a window waits for work of its
  // own (headless mode waits for it).
  bool busy() const;
  void cancel_job() { jobs_.cancel(); }  // the status bar's cancel button

  // What the windows share.
  AppState& state() const { return state_; }
  const DashboardOptions& options() const { return options_; }
  const std::string& scenario() const;  // SCENARIO, else the settings' scenario (may be empty)
  JobRunner& jobs() { return jobs_; }
  const JobRunner& jobs() const { return jobs_; }
  bool idle() const { return !jobs_.busy() && !pending_results_ && !pending_apply_; }
  // Starts a job whose result `apply` takes over on the UI thread once it is done; when it
  // fails or is cancelled, the status bar says why and `failed` hears it too.
  bool start_job(std::string name, JobRunner::Work work, std::function<void()> apply,
                 std::function<void(const std::string&)> failed = nullptr);
  // Starts a job that writes or finds a results database and returns its path (empty: it
  // gave up), then loads it as open_results() does.
  bool start_results_job(std::string name, std::function<std::string(JobContext&)> produce);
  void open_results(const std::string& path);
  const std::optional<ResultsFile>& results() const { return results_; }
  // The honest empty state: "no results loaded yet, run hotline simulate" or, with a
  // results file open, which tables it has. Shown in place of the charts' data.
  std::string no_data_message() const;
  // Begins a view window (placed to fill the viewport in screenshot mode). Always pair
  // with ImGui::End().
  bool begin_view(View v, Text title);
  const char* t(Text id) const { return tr(id, state_.lang()).data(); }
  std::string label(Text id, const char* imgui_id) const;  // "text###id": stable across languages
  // The window of view v (the windows are kept in View order).
  Window& window(View v) const { return *windows_[std::size_t(v)]; }
  StaffingWindow& staffing_window() const;
  RuleLabWindow& rule_lab() const;
  BulletinWindow& bulletin_window() const;
  EngineWindow& engine_window() const;
  OrgWindow& org_window() const;

  // The windows' operations, as the menu, the buttons and the tests call them.
  // Replaces the staffing window's data after checking it (throws std::invalid_argument).
  // The results loader calls this once the simulator's result tables exist.
  void set_staffing(StaffingModel model);
  const StaffingModel& staffing() const;
  const std::optional<BulletinTable>& bulletin() const;
  const std::vector<TicketRunInfo>& ticket_runs() const;
  // Loads the bulletin of run `run` (period `period`, rank changes against `compare_run`,
  // 0 none) on the job runner; does nothing while a job runs.
  void load_bulletin(std::int64_t run, const std::string& period, std::int64_t compare_run);
  // Exports the shown bulletin ("csv" or "md") next to the results file; returns the path.
  std::filesystem::path export_shown_bulletin(const std::string& format);
  OrgTreeModel* org();
  // Diffs the rule lab's two rule sets on the job runner (the rules diff table).
  void diff_rules();
  // Compares the rule lab's two rule sets on the scenario on the job runner, with progress
  // and cancel. Does nothing without a scenario or while a job runs.
  void run_comparison();
  const std::optional<RuleLabRun>& comparison() const;
  // The rule lab's fields as the window shows them (restored from the settings).
  std::string lab_baseline() const;
  std::string lab_revised() const;
  int lab_replications() const;
  const std::string& comparison_error() const;
  void select_differing(int i);
  Replay& replay();
  const std::optional<RuleDiffTable>& rules_diff() const;
  LiveEngine* engine();
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
  const std::optional<AgentGrid>& plan_grid() const;
  // The day type the staffing editor shows and edits (its combo: weekday, weekend, holiday).
  DayType edit_day() const;
  void set_edit_day(DayType d);

 private:
  void collect_jobs();  // a finished job's result taken over on the UI thread
  void draw_menu();
  void draw_open_dialog();  // the "open results" path prompt (ImGui has no file dialog)
  void draw_status_bar();

  AppState& state_;
  DashboardOptions options_;
  JobRunner jobs_;
  float menu_height_ = 0;
  float status_height_ = 0;

  // results database: filled by a job on the worker thread
  std::shared_ptr<LoadedResults> pending_results_;
  std::function<void()> pending_apply_;  // a start_job() result to take over when done
  std::function<void(const std::string&)> pending_failed_;  // and whom to tell if it fails
  std::optional<ResultsFile> results_;
  std::string results_error_;
  bool want_open_dialog_ = false;
  char open_path_[1024] = "";

  std::vector<std::unique_ptr<Window>> windows_;  // by View (declared last: destroyed first)
};

}  // namespace hotline::gui
