// The dashboard frame (gui/dashboard.hpp): the windows made and driven in View order, the
// menu bar, status bar and "open results" prompt, and the results-loading job.
#include "gui/dashboard.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "core/error.hpp"
#include "gui/window.hpp"
#include "gui/window_bulletin.hpp"
#include "gui/window_engine.hpp"
#include "gui/window_org.hpp"
#include "gui/window_rules.hpp"
#include "gui/window_staffing.hpp"

namespace hotline::gui {

Dashboard::Dashboard(AppState& state, DashboardOptions options)
    : state_(state), options_(std::move(options)) {
  if (!options_.scenario.empty()) {
    state_.settings.scenario = options_.scenario;
    state_.settings.remember(options_.scenario);
  }
#define HOTLINE_MAKE_WINDOW(name) windows_.push_back(make_##name##_window(*this));
  HOTLINE_WINDOWS(HOTLINE_MAKE_WINDOW)
#undef HOTLINE_MAKE_WINDOW
  for (std::size_t i = 0; i < windows_.size(); ++i)
    if (windows_[i]->view() != View(i)) throw std::logic_error("HOTLINE_WINDOWS is not in View order");
  if (windows_.size() != std::size_t(View::Count)) throw std::logic_error("HOTLINE_WINDOWS lacks a view");
  if (!options_.results.empty()) open_results(options_.results);
  for (const auto& w : windows_) w->start();
}

Dashboard::~Dashboard() {
  jobs_.cancel();
  jobs_.wait();
}

StaffingWindow& Dashboard::staffing_window() const { return static_cast<StaffingWindow&>(window(View::Staffing)); }
RuleLabWindow& Dashboard::rule_lab() const { return static_cast<RuleLabWindow&>(window(View::Rules)); }
BulletinWindow& Dashboard::bulletin_window() const { return static_cast<BulletinWindow&>(window(View::Bulletin)); }
EngineWindow& Dashboard::engine_window() const { return static_cast<EngineWindow&>(window(View::Engine)); }
OrgWindow& Dashboard::org_window() const { return static_cast<OrgWindow&>(window(View::Org)); }

const std::string& Dashboard::scenario() const {
  return options_.scenario.empty() ? state_.settings.scenario : options_.scenario;
}

bool Dashboard::busy() const {
  if (jobs_.busy() || pending_results_ != nullptr || pending_apply_ != nullptr) return true;
  for (const auto& w : windows_)
    if (w->busy()) return true;
  return false;
}

std::string Dashboard::data_text() const {
  // rank changes, and the bulletin's title and run labels (made in gui/bulletin_model.cpp)
  std::string s = "→▲▼模拟通报运行规则集次重复均值名次变化对比基线修订（），；：";
  auto add = [&](auto names) {
    for (const auto& n : names) s += n.zh;
  };
  add(EnumNames<RequestType>::names);
  add(EnumNames<Urgency>::names);
  add(EnumNames<UnitKind>::names);
  add(EnumNames<Channel>::names);
  add(EnumNames<SkillQueue>::names);
  for (const auto& w : windows_) w->add_data_text(s);
  return s;
}

std::string Dashboard::label(Text id, const char* imgui_id) const {
  return std::string(t(id)) + "###" + imgui_id;
}

namespace {
void load_into(LoadedResults& out, const std::string& path, Lang lang) {
  out.file = open_results(path);
  out.lang = lang;
  if (out.file.has_table("runs") && out.file.has_table("call_interval_kpis")) {
    try {
      out.staffing = load_staffing(path);
    } catch (const InputError& e) {
      out.staffing_error = e.what();
    }
  }
  try {
    out.comparison = stored_comparison(path);
  } catch (const std::exception& e) {
    out.comparison_error = e.what();
  }
  // the bulletin of the newest ticket run, compared with its baseline if it is a compare pair
  try {
    out.ticket_runs = list_ticket_runs(path);
    const auto [run, compare] = default_runs(out.ticket_runs);
    if (run && !out.ticket_runs.front().periods.empty())
      out.bulletin = load_bulletin(path, run, out.ticket_runs.front().periods.front(), compare, lang);
  } catch (const std::exception& e) {
    out.bulletin_error = e.what();
  }
}
}  // namespace

bool Dashboard::start_results_job(std::string name, std::function<std::string(JobContext&)> produce) {
  auto slot = std::make_shared<LoadedResults>();
  const bool started = jobs_.start(std::move(name), [slot, produce = std::move(produce), lang = state_.lang()](JobContext& ctx) {
    const std::string path = produce(ctx);
    if (!path.empty()) load_into(*slot, path, lang);
  });
  if (!started) return false;
  pending_results_ = slot;
  results_error_.clear();
  return true;
}

void Dashboard::open_results(const std::string& path) {
  const bool started = start_results_job(std::string(t(Text::OpenResults)), [path](JobContext& ctx) {
    ctx.progress(-1, path);
    return path;
  });
  if (!started) return;  // the menu item is disabled while a job runs
  state_.settings.results = path;
  state_.settings.remember(path);
}

bool Dashboard::start_job(std::string name, JobRunner::Work work, std::function<void()> apply,
                          std::function<void(const std::string&)> failed) {
  if (!jobs_.start(std::move(name), std::move(work))) return false;
  pending_apply_ = std::move(apply);
  pending_failed_ = std::move(failed);
  results_error_.clear();
  return true;
}

std::string Dashboard::no_data_message() const {
  if (!results_)
    return std::string(t(Text::NoResults)) + (state_.lang() == Lang::Zh ? " — " : " - ") + t(Text::NoResultsHint);
  std::string s = t(Text::ResultsLackTables);
  for (std::size_t i = 0; i < results_->tables.size(); ++i) s += (i ? ", " : "") + results_->tables[i];
  if (results_->tables.empty()) s += "-";
  return s;
}

bool Dashboard::begin_view(View v, Text title) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImVec2 pos(vp->WorkPos.x, vp->WorkPos.y);
  ImVec2 size(vp->WorkSize.x, vp->WorkSize.y - status_height_);
  ImGuiCond cond = options_.only_view ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  ImGui::SetNextWindowPos(pos, cond);
  ImGui::SetNextWindowSize(size, cond);
  bool open = true;
  std::string name = label(title, std::string(view_key(v)).c_str());
  bool visible = ImGui::Begin(name.c_str(), options_.only_view ? nullptr : &open,
                              options_.only_view ? ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                                       ImGuiWindowFlags_NoCollapse
                                                 : 0);
  if (!open) state_.set_open(v, false);
  return visible;
}

void Dashboard::draw_menu() {
  if (!ImGui::BeginMainMenuBar()) return;
  menu_height_ = ImGui::GetWindowSize().y;
  if (ImGui::BeginMenu(label(Text::MenuFile, "file").c_str())) {
    if (ImGui::MenuItem(label(Text::OpenResults, "open").c_str(), nullptr, false, !jobs_.busy()))
      want_open_dialog_ = true;
    if (ImGui::BeginMenu(label(Text::RecentFiles, "recent").c_str(), !state_.settings.recent.empty())) {
      for (const std::string& r : state_.settings.recent)
        if (ImGui::MenuItem(r.c_str(), nullptr, false, !jobs_.busy())) {
          if (r.ends_with(".sqlite")) open_results(r);
          else state_.settings.scenario = r;  // a scenario: shown; running it needs the simulator
        }
      ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem(label(Text::Quit, "quit").c_str())) state_.quit_requested = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(label(Text::MenuView, "view").c_str())) {
    for (const auto& w : windows_) {
      bool open = state_.is_open(w->view());
      if (ImGui::MenuItem(t(w->title()), nullptr, &open)) state_.set_open(w->view(), open);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(label(Text::MenuLanguage, "lang").c_str())) {
    // Chinese needs the CJK font; without it the switch stays on English.
    if (ImGui::MenuItem("中文", nullptr, state_.lang() == Lang::Zh, state_.font_error.empty()))
      state_.set_language(Lang::Zh);
    if (ImGui::MenuItem("English", nullptr, state_.lang() == Lang::En)) state_.set_language(Lang::En);
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

void Dashboard::draw_open_dialog() {
  const char* id = "open-results";
  if (want_open_dialog_) {
    ImGui::OpenPopup(id);
    want_open_dialog_ = false;
  }
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36, 0));
  if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoTitleBar)) return;
  ImGui::TextUnformatted(t(Text::ResultsPath));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  bool enter = ImGui::InputText("##path", open_path_, sizeof open_path_, ImGuiInputTextFlags_EnterReturnsTrue);
  if ((ImGui::Button(t(Text::Open)) || enter) && open_path_[0]) {
    open_results(open_path_);
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button(t(Text::Cancel))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void Dashboard::draw_status_bar() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  float h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y;
  status_height_ = h;
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - h));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, h));
  ImGui::Begin("##status", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::Text("%s: %s", t(Text::Scenario),
              state_.settings.scenario.empty() ? t(Text::NoneLoaded) : state_.settings.scenario.c_str());
  ImGui::SameLine(0, 30);
  ImGui::Text("%s: %s", t(Text::ResultsFile),
              results_ ? results_->path.c_str() : t(Text::NoneLoaded));
  JobStatus js = jobs_.status();
  if (js.state == JobState::Running) {
    ImGui::SameLine(0, 30);
    ImGui::Text("%s %s", t(Text::Running), js.name.c_str());
    ImGui::SameLine();
    if (js.fraction >= 0)
      ImGui::ProgressBar(float(js.fraction), ImVec2(200, 0));
    else
      ImGui::ProgressBar(float(std::fmod(ImGui::GetTime(), 1.0)), ImVec2(200, 0), "...");
    ImGui::SameLine();
    if (ImGui::SmallButton(t(Text::Cancel))) jobs_.cancel();
  } else if (!results_error_.empty()) {
    ImGui::SameLine(0, 30);
    ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s: %s", t(Text::JobFailed), results_error_.c_str());
  }
  if (!state_.font_error.empty()) {
    ImGui::SameLine(0, 30);
    ImGui::TextColored(ImVec4(1, 0.75f, 0.3f, 1), "%s%s", tr(Text::FontMissing, Lang::En).data(),
                       state_.font_error.c_str());
  }
  ImGui::End();
}

void Dashboard::collect_jobs() {
  if (pending_results_) {
    JobStatus js = jobs_.status();
    if (js.state == JobState::Done) {
      results_ = std::move(pending_results_->file);
      for (const auto& w : windows_) w->take_results(*pending_results_);
      pending_results_.reset();
    } else if (js.state == JobState::Failed || js.state == JobState::Cancelled) {
      results_error_ = js.state == JobState::Failed ? js.message : t(Text::JobCancelled);
      pending_results_.reset();
    }
  }
  if (pending_apply_) {
    JobStatus js = jobs_.status();
    if (js.state == JobState::Done) {
      auto apply = std::move(pending_apply_);
      pending_apply_ = nullptr;
      pending_failed_ = nullptr;
      apply();
    } else if (js.state == JobState::Failed || js.state == JobState::Cancelled) {
      results_error_ = js.state == JobState::Failed ? js.message : t(Text::JobCancelled);
      if (pending_failed_) pending_failed_(results_error_);
      pending_apply_ = nullptr;
      pending_failed_ = nullptr;
    }
  }
}

void Dashboard::draw() {
  collect_jobs();
  for (const auto& w : windows_) w->poll();
  draw_menu();
  draw_open_dialog();
  draw_status_bar();
  for (const auto& w : windows_)
    if (options_.only_view ? *options_.only_view == w->view() : state_.is_open(w->view())) w->draw();
}

// The windows' operations, for the menu, the buttons and the tests.
void Dashboard::set_staffing(StaffingModel model) { staffing_window().set_staffing(std::move(model)); }
const StaffingModel& Dashboard::staffing() const { return staffing_window().staffing(); }
void Dashboard::simulate_scenario(bool plan, std::optional<AgentGrid> staffing) {
  staffing_window().simulate(plan, std::move(staffing));
}
AgentGrid* Dashboard::staffing_grid() { return staffing_window().grid(); }
const std::optional<AgentGrid>& Dashboard::plan_grid() const { return staffing_window().plan_grid(); }
DayType Dashboard::edit_day() const { return staffing_window().edit_day(); }
void Dashboard::set_edit_day(DayType d) { staffing_window().set_edit_day(d); }
const std::optional<BulletinTable>& Dashboard::bulletin() const { return bulletin_window().bulletin(); }
const std::vector<TicketRunInfo>& Dashboard::ticket_runs() const { return bulletin_window().ticket_runs(); }
void Dashboard::load_bulletin(std::int64_t run, const std::string& period, std::int64_t compare_run) {
  bulletin_window().load(run, period, compare_run);
}
std::filesystem::path Dashboard::export_shown_bulletin(const std::string& format) {
  return bulletin_window().export_shown(format);
}
OrgTreeModel* Dashboard::org() { return org_window().model(); }
void Dashboard::diff_rules() { rule_lab().diff_rules(); }
void Dashboard::run_comparison() { rule_lab().run_comparison(); }
const std::optional<RuleLabRun>& Dashboard::comparison() const { return rule_lab().comparison(); }
std::string Dashboard::lab_baseline() const { return rule_lab().baseline(); }
std::string Dashboard::lab_revised() const { return rule_lab().revised(); }
int Dashboard::lab_replications() const { return rule_lab().replications(); }
const std::string& Dashboard::comparison_error() const { return rule_lab().error(); }
void Dashboard::select_differing(int i) { rule_lab().select_differing(i); }
const std::optional<RuleDiffTable>& Dashboard::rules_diff() const { return rule_lab().rules_diff(); }
Replay& Dashboard::replay() { return engine_window().replay(); }
LiveEngine* Dashboard::engine() { return engine_window().engine(); }

}  // namespace hotline::gui
