// The dashboard frame: menu bar, status bar, view windows, and the results-loading job.
#include "gui/dashboard.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "core/error.hpp"
#include "core/paths.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/experiment.hpp"
#include "sim/report.hpp"
#include "sim/results_db.hpp"
#include "sim/staffing.hpp"

namespace hotline::gui {
namespace {
Text view_title(View v) {
  static constexpr Text titles[] = {Text::ViewStaffing, Text::ViewRules, Text::ViewBulletin,
                                    Text::ViewEngine,   Text::ViewOrg,   Text::ViewCalendar};
  static_assert(std::size(titles) == std::size_t(View::Count));
  return titles[std::size_t(v)];
}
}  // namespace

Dashboard::Dashboard(AppState& state, DashboardOptions options)
    : state_(state), options_(std::move(options)) {
  if (!options_.scenario.empty()) {
    state_.settings.scenario = options_.scenario;
    state_.settings.remember(options_.scenario);
  }
  try {
    calendar_ = WorkCalendar::national();
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    int year = tm.tm_year + 1900;
    if (year >= calendar_->first_year() && year <= calendar_->last_year() && !options_.only_view) {
      cal_year_ = year;
      cal_month_ = tm.tm_mon + 1;
    }
  } catch (const std::exception& e) {
    calendar_error_ = e.what();
  }
  std::filesystem::path org_file =
      options_.org_file.empty() ? data_dir() / "orgs" / "shangluo.csv" : std::filesystem::path(options_.org_file);
  try {
    org_.emplace(OrgGraph::load_csv(org_file));
  } catch (const std::exception& e) {
    org_error_ = e.what();  // the window shows it; the rest of the dashboard works on
  }
  if (org_ && !options_.select_unit.empty()) {
    UnitIndex u = org_->graph().find(options_.select_unit);
    if (u == kNoUnit)
      throw InputError("--select", 0, "", "no unit '" + options_.select_unit + "' in " + org_file.string());
    org_->select(u);
  }
  if (!options_.results.empty()) open_results(options_.results);
  // the live engine: --rules, else the scenario's rule set, else the shipped Shangluo set
  std::string rules = options_.rules;
  if (rules.empty() && !options_.scenario.empty()) {
    try {
      rules = (data_dir() / load_scenario(options_.scenario).ruleset).string();
    } catch (const std::exception& e) {
      engine_error_ = e.what();
    }
  }
  engine_ = std::make_unique<LiveEngine>(rules.empty() ? "shangluo-2024" : rules);
  // the rule lab's fields: the command line, else the last comparison's (settings)
  const Settings& st = state_.settings;
  if (!st.lab_baseline.empty()) std::snprintf(base_rules_, sizeof base_rules_, "%s", st.lab_baseline.c_str());
  if (!st.lab_revised.empty()) std::snprintf(revised_rules_, sizeof revised_rules_, "%s", st.lab_revised.c_str());
  if (st.lab_replications > 0) lab_reps_ = st.lab_replications;
  if (options_.compare_replications > 0) lab_reps_ = options_.compare_replications;
  if (!options_.baseline.empty() && !options_.revised.empty()) {
    std::snprintf(base_rules_, sizeof base_rules_, "%s", options_.baseline.c_str());
    std::snprintf(revised_rules_, sizeof revised_rules_, "%s", options_.revised.c_str());
    if (!jobs_.busy()) run_comparison();
    else want_comparison_ = true;  // after opening --results
  }
  engine_->poll();  // starts the first load in the background
}

Dashboard::~Dashboard() {
  jobs_.cancel();
  jobs_.wait();
  if (!simulated_file_.empty()) std::filesystem::remove(simulated_file_);
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
  if (calendar_)
    for (int y = calendar_->first_year(); y <= calendar_->last_year(); ++y)
      for (int m = 1; m <= 12; ++m)
        for (DayNumber d = day_number(Date{y, m, 1}), e = d + 31; d < e; ++d)
          if (date_of(d).month == m) s += calendar_->holiday_name(d);
  if (org_)
    for (UnitIndex u = 0; u < org_->graph().size(); ++u) s += org_->graph().unit(u).name;
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

void Dashboard::open_results(const std::string& path) {
  auto slot = std::make_shared<LoadedResults>();
  bool started = jobs_.start(std::string(t(Text::OpenResults)), [slot, path, lang = state_.lang()](JobContext& ctx) {
    ctx.progress(-1, path);
    load_into(*slot, path, lang);
  });
  if (!started) return;  // the menu item is disabled while a job runs
  pending_results_ = slot;
  results_error_.clear();
  state_.settings.results = path;
  state_.settings.remember(path);
}

AgentGrid* Dashboard::staffing_grid() {
  const std::string& scenario = options_.scenario.empty() ? state_.settings.scenario : options_.scenario;
  if (scenario.empty()) return nullptr;
  if (scenario != grid_scenario_) {  // (re)load the scenario's staffing: a Lua script, milliseconds
    grid_scenario_ = scenario;
    scenario_grid_.reset();
    grid_.reset();
    plan_grid_.reset();
    grid_error_.clear();
    try {
      scenario_grid_ = AgentGrid::from_scenario(load_scenario(scenario));
      grid_ = scenario_grid_;
    } catch (const std::exception& e) {
      grid_error_ = e.what();
    }
  }
  return grid_ ? &*grid_ : nullptr;
}

void Dashboard::plan_from_results() {
  if (!staffing_grid() || !scenario_grid_) return;
  plan_grid_.reset();
  AgentGrid p = *scenario_grid_;
  bool any = false;
  for (std::size_t d = 0; d < p.agents.size(); ++d)
    if (int(staffing_.plan_agents[d].size()) == p.intervals()) {
      p.agents[d] = staffing_.plan_agents[d];
      any = true;
    }
  if (any) plan_grid_ = std::move(p);
}

void Dashboard::simulate_scenario(bool plan, std::optional<AgentGrid> staffing) {
  if (options_.scenario.empty() && state_.settings.scenario.empty()) return;
  const std::string scenario = options_.scenario.empty() ? state_.settings.scenario : options_.scenario;
  const std::string out = (std::filesystem::temp_directory_path() /
                           ("hotline-dashboard-" + std::to_string(::getpid()) + ".sqlite")).string();
  auto slot = std::make_shared<LoadedResults>();
  sim::StaffingTarget target;
  target.service_level = plan_sl_;
  target.answer_rate = plan_answer_;
  target.sl_threshold_s = plan_sl_s_;
  bool started = jobs_.start(std::string(t(plan ? Text::RunPlanner : Text::Simulate)), [=, lang = state_.lang()](JobContext& ctx) {
    ctx.progress(0, scenario);
    ScenarioConfig sc = load_scenario(scenario);
    if (staffing) sc = staffing->apply(sc);
    if (plan) sc.sl_threshold_s = target.sl_threshold_s;  // as `hotline staff --target-sl SHARE@SECONDS`
    sim::ExperimentOptions opt;
    opt.replications = 5;
    opt.threads = int(std::max(1u, std::thread::hardware_concurrency()));
    opt.progress = [&ctx, plan](int done, int total) { ctx.progress((plan ? 0.5 : 1.0) * done / total); };
    const auto runs = sim::run_replications(sc, opt);
    if (ctx.stop_requested()) return;  // the simulator has no cancel point: checked between the steps
    std::filesystem::remove(out);
    sim::write_simulation(out, sc, opt, runs, sim::simulation_json(sc, opt, sim::summarize(runs)).dump());
    if (plan) {
      opt.progress = nullptr;
      const sim::StaffingPlan p = sim::plan_staffing(sc, target, opt, 40, [&ctx](DayType, int round) {
        ctx.progress(0.5 + 0.5 * std::min(round, 40) / 40.0);
      });
      if (ctx.stop_requested()) return;
      sim::write_staffing_plan(out, sc, opt, p, sim::staffing_json(sc, opt, p).dump());
    }
    load_into(*slot, out, lang);
  });
  if (!started) return;
  pending_results_ = slot;
  results_error_.clear();
  simulated_file_ = out;
}

bool Dashboard::start_job(std::string name, JobRunner::Work work, std::function<void()> apply) {
  if (!jobs_.start(std::move(name), std::move(work))) return false;
  pending_apply_ = std::move(apply);
  results_error_.clear();
  return true;
}

void Dashboard::set_bulletin(BulletinTable table, Lang lang) {
  bulletin_lang_ = lang;
  // colour the organisation by workload as soon as there are figures, unless the user chose
  if (org_ && !org_metric_chosen_) org_->set_metric(OrgMetric::Workload);
  if (org_)
    org_->set_figures(table.units, (lang == Lang::Zh ? "运行 " : "run ") + std::to_string(table.run_id) + ", " + table.period);
  bulletin_ = std::move(table);
  bulletin_error_.clear();
  export_message_.clear();
}

void Dashboard::load_bulletin(std::int64_t run, const std::string& period, std::int64_t compare_run) {
  if (!results_) return;
  auto slot = std::make_shared<std::optional<BulletinTable>>();
  auto error = std::make_shared<std::string>();
  const std::filesystem::path db = results_->path;
  const Lang lang = state_.lang();
  start_job(
      std::string(t(Text::ViewBulletin)),
      [=](JobContext& ctx) {
        ctx.progress(-1, db.string());
        try {
          *slot = hotline::gui::load_bulletin(db, run, period, compare_run, lang);
        } catch (const std::exception& e) {
          *error = e.what();  // shown in the window; the previous table is dropped
        }
      },
      [this, slot, error, lang] {
        if (*slot) {
          set_bulletin(std::move(**slot), lang);
        } else {
          bulletin_.reset();
          bulletin_error_ = *error;
        }
      });
}

void Dashboard::diff_rules() {
  const std::string a = base_rules_, b = revised_rules_;
  auto slot = std::make_shared<std::optional<RuleDiffTable>>();
  auto error = std::make_shared<std::string>();
  if (!start_job(
          std::string(t(Text::RulesDiff)),
          [=](JobContext& ctx) {
            ctx.progress(-1, a + " / " + b);
            try {
              *slot = diff_rulesets(a, b);
            } catch (const std::exception& e) {
              *error = e.what();
            }
          },
          [this, slot, error] {
            rules_diff_ = std::move(*slot);
            rules_diff_error_ = *error;
          }))
    return;
  rules_diff_for_ = a + "\n" + b;
}

void Dashboard::run_comparison() {
  const std::string& scenario = options_.scenario.empty() ? state_.settings.scenario : options_.scenario;
  if (scenario.empty()) return;
  const std::string a = base_rules_, b = revised_rules_;
  const int reps = lab_reps_;
  state_.settings.lab_baseline = a;  // saved by the main loop, restored next session
  state_.settings.lab_revised = b;
  state_.settings.lab_replications = reps;
  auto slot = std::make_shared<std::optional<RuleLabRun>>();
  if (!start_job(
          std::string(t(Text::RunComparison)),
          [=](JobContext& ctx) {
            ctx.progress(0, a + " / " + b);
            try {
              *slot = run_rule_lab(scenario, a, b, reps, [&ctx](double f) { ctx.progress(f); }, ctx.token());
            } catch (const sim::Cancelled&) {
              // the runner reports the job as cancelled (its stop was requested)
            }
          },
          [this, slot] {
            lab_running_ = false;
            if (*slot) {
              lab_ = std::move(*slot);
              lab_error_.clear();
              lab_selected_ = 0;
            }
          }))
    return;
  lab_running_ = true;
  lab_error_.clear();
}

std::filesystem::path Dashboard::export_shown_bulletin(const std::string& format) {
  if (!bulletin_ || !results_) throw std::runtime_error("no bulletin to export");
  const std::filesystem::path file = export_path(std::filesystem::absolute(results_->path), *bulletin_, format);
  export_bulletin(*bulletin_, format, file, bulletin_lang_);
  return file;
}

void Dashboard::set_staffing(StaffingModel model) {
  if (model.series) model.series->check();
  if (model.waits) model.waits->check();
  staffing_ = std::move(model);
}

std::string Dashboard::no_data_message() const {
  if (!results_)
    return std::string(t(Text::NoResults)) + (state_.lang() == Lang::Zh ? " — " : " - ") + t(Text::NoResultsHint);
  std::string s = t(Text::ResultsLackTables);
  for (std::size_t i = 0; i < results_->tables.size(); ++i) s += (i ? ", " : "") + results_->tables[i];
  if (results_->tables.empty()) s += "-";
  return s;
}

bool Dashboard::begin_view(View v) {
  Text title = view_title(v);
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
    for (std::size_t i = 0; i < std::size_t(View::Count); ++i) {
      bool open = state_.is_open(View(i));
      if (ImGui::MenuItem(t(view_title(View(i))), nullptr, &open)) state_.set_open(View(i), open);
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

void Dashboard::draw() {
  // collect a finished job's result on the UI thread
  if (pending_results_) {
    JobStatus js = jobs_.status();
    if (js.state == JobState::Done) {
      results_ = std::move(pending_results_->file);
      staffing_error_ = std::move(pending_results_->staffing_error);
      if (pending_results_->staffing) set_staffing(std::move(*pending_results_->staffing));
      else staffing_ = StaffingModel{};
      plan_from_results();
      ticket_runs_ = std::move(pending_results_->ticket_runs);
      bulletin_.reset();
      if (org_) org_->set_figures({}, {});
      bulletin_error_ = std::move(pending_results_->bulletin_error);
      if (pending_results_->bulletin) set_bulletin(std::move(*pending_results_->bulletin), pending_results_->lang);
      if (pending_results_->comparison) {  // the rule lab shows it, and diffs its rule sets
        lab_ = std::move(pending_results_->comparison);
        lab_selected_ = 0;
        lab_error_.clear();
        std::snprintf(base_rules_, sizeof base_rules_, "%s", lab_->baseline_id.c_str());
        std::snprintf(revised_rules_, sizeof revised_rules_, "%s", lab_->revised_id.c_str());
        want_diff_ = true;
      } else if (!pending_results_->comparison_error.empty()) {
        lab_error_ = pending_results_->comparison_error;
      }
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
      apply();
    } else if (js.state == JobState::Failed || js.state == JobState::Cancelled) {
      results_error_ = js.state == JobState::Failed ? js.message : t(Text::JobCancelled);
      if (lab_running_) lab_error_ = results_error_;
      lab_running_ = false;
      pending_apply_ = nullptr;
    }
  }
  if (options_.replay && !replay_started_ && engine_ && engine_->current()) {
    const std::string& scenario = options_.scenario.empty() ? state_.settings.scenario : options_.scenario;
    replay_started_ = true;
    if (!scenario.empty()) replay_.start(scenario, engine_->current()->rules, options_.only_view ? 1 : 0);
  }
  if (want_comparison_ && !jobs_.busy() && !pending_results_ && !pending_apply_) {
    want_comparison_ = false;
    run_comparison();
  }
  if (engine_ && engine_->poll()) {
    decide_form();  // a reload: decide the form again with the new set
    if (!engine_->diagnostics().empty()) {
      std::fprintf(stderr, "hotline: rule set %s not loaded%s:\n", engine_->folder().c_str(),
                   engine_->current() ? " (the previous revision keeps running)" : "");
      for (const std::string& d : engine_->diagnostics()) std::fprintf(stderr, "  %s\n", d.c_str());
    } else if (const LoadedRules* cur = engine_->current()) {
      std::fprintf(stderr, "hotline: rule set %s loaded, revision %s\n", engine_->folder().c_str(),
                   cur->rules->revision().c_str());
    }
  }
  draw_menu();
  draw_open_dialog();
  draw_status_bar();
  auto show = [&](View v, void (Dashboard::*fn)()) {
    if (options_.only_view ? *options_.only_view != v : !state_.is_open(v)) return;
    (this->*fn)();
  };
  show(View::Staffing, &Dashboard::draw_staffing);
  show(View::Rules, &Dashboard::draw_rules);
  show(View::Bulletin, &Dashboard::draw_bulletin);
  show(View::Engine, &Dashboard::draw_engine);
  show(View::Org, &Dashboard::draw_org);
  show(View::Calendar, &Dashboard::draw_calendar);
}

}  // namespace hotline::gui
