// The staffing window (排班): intraday offered calls and agents, answer rate and service
// level per half hour against the target, the waiting heatmap for multi-day runs, and the
// staffing plan against the current staffing in agent-hours, and an editor of the agents per
// interval whose effect a re-simulation shows. Drawn from StaffingModel, loaded from a
// results database or from running the scenario on the job runner.
#include "gui/window_staffing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "gui/plot.hpp"
#include "gui/widgets.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/experiment.hpp"
#include "sim/report.hpp"
#include "sim/results_db.hpp"
#include "sim/staffing.hpp"

namespace hotline::gui {

std::unique_ptr<Window> make_staffing_window(Dashboard& dash) { return std::make_unique<StaffingWindow>(dash); }

StaffingWindow::~StaffingWindow() {
  if (!simulated_file_.empty()) std::filesystem::remove(simulated_file_);
}

void StaffingWindow::set_staffing(StaffingModel model) {
  if (model.series) model.series->check();
  if (model.waits) model.waits->check();
  staffing_ = std::move(model);
}

void StaffingWindow::take_results(LoadedResults& r) {
  staffing_error_ = std::move(r.staffing_error);
  if (r.staffing) set_staffing(std::move(*r.staffing));
  else staffing_ = StaffingModel{};
  plan_from_results();
}

AgentGrid* StaffingWindow::grid() {
  const std::string& scenario = dash_.scenario();
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

void StaffingWindow::plan_from_results() {
  if (!grid() || !scenario_grid_) return;
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

void StaffingWindow::simulate(bool plan, std::optional<AgentGrid> staffing) {
  const std::string scenario = dash_.scenario();
  if (scenario.empty()) return;
  const std::string out = (std::filesystem::temp_directory_path() /
                           ("hotline-dashboard-" + std::to_string(::getpid()) + ".sqlite")).string();
  sim::StaffingTarget target;
  target.service_level = plan_sl_;
  target.answer_rate = plan_answer_;
  target.sl_threshold_s = plan_sl_s_;
  const bool started = dash_.start_results_job(std::string(t(plan ? Text::RunPlanner : Text::Simulate)), [=](JobContext& ctx) {
    ctx.progress(0, scenario);
    ScenarioConfig sc = load_scenario(scenario);
    if (staffing) sc = staffing->apply(sc);
    if (plan) sc.sl_threshold_s = target.sl_threshold_s;  // as `hotline staff --target-sl SHARE@SECONDS`
    sim::ExperimentOptions opt;
    opt.replications = 5;
    opt.threads = int(std::max(1u, std::thread::hardware_concurrency()));
    opt.progress = [&ctx, plan](int done, int total) { ctx.progress((plan ? 0.5 : 1.0) * done / total); };
    const auto runs = sim::run_replications(sc, opt);
    if (ctx.stop_requested()) return std::string();  // the simulator has no cancel point: checked between the steps
    std::filesystem::remove(out);
    sim::write_simulation(out, sc, opt, runs, sim::simulation_json(sc, opt, sim::summarize(runs)).dump());
    if (plan) {
      opt.progress = nullptr;
      const sim::StaffingPlan p = sim::plan_staffing(sc, target, opt, 40, [&ctx](DayType, int round) {
        ctx.progress(0.5 + 0.5 * std::min(round, 40) / 40.0);
      });
      if (ctx.stop_requested()) return std::string();
      sim::write_staffing_plan(out, sc, opt, p, sim::staffing_json(sc, opt, p).dump());
    }
    return out;
  });
  if (started) simulated_file_ = out;
}

void StaffingWindow::draw() {
  if (begin()) {
    const bool have_scenario = !dash_.state().settings.scenario.empty();
    const bool can_run = have_scenario && !dash_.jobs().busy();
    draw_buttons(can_run, t(have_scenario ? Text::Running : Text::NeedsScenario));
    if (!staffing_error_.empty())
      ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s%s", t(Text::StaffingNotLoaded), staffing_error_.c_str());
    draw_plan_table(staffing_.series.has_value());
    std::string empty = dash_.no_data_message();
    // with a scenario, the editor of agents per interval on the right, the charts on the left
    AgentGrid* grid = have_scenario ? this->grid() : nullptr;
    if (have_scenario) {
      const float editor_w = ImGui::GetFontSize() * 21;
      ImGui::BeginChild("charts", ImVec2(ImGui::GetContentRegionAvail().x - editor_w - ImGui::GetStyle().ItemSpacing.x, 0));
    }
    draw_charts(empty);
    if (have_scenario) {
      ImGui::EndChild();
      ImGui::SameLine();
      ImGui::BeginChild("editor", ImVec2(0, 0), true);
      draw_editor(grid, can_run);
      ImGui::EndChild();
    }
  }
  ImGui::End();
}

// Simulate, the planner's targets (as `hotline staff --target-sl SHARE@SECONDS
// --target-answer-rate R`) and its button, and where the data comes from.
void StaffingWindow::draw_buttons(bool can_run, const char* why) {
  if (can_run) {
    if (ImGui::Button(t(Text::Simulate))) simulate(false, std::nullopt);
  } else {
    disabled_button(t(Text::Simulate), why);
  }
  ImGui::SameLine(0, 30);
  ImGui::PushItemWidth(ImGui::GetFontSize() * 4);
  ImGui::DragFloat(label(Text::Target, "plan_sl").c_str(), &plan_sl_, 0.01f, 0.05f, 1.0f, "SL %.2f");
  ImGui::SameLine();
  ImGui::DragFloat("##plan_sl_s", &plan_sl_s_, 1.0f, 1.0f, 600.0f, "@%.0fs");
  ImGui::SameLine();
  ImGui::DragFloat(label(Text::AnswerTarget, "plan_ar").c_str(), &plan_answer_, 0.01f, 0.05f, 1.0f, "%.2f");
  ImGui::PopItemWidth();
  ImGui::SameLine();
  if (can_run) {
    if (ImGui::Button(t(Text::RunPlanner))) simulate(true, std::nullopt);
  } else {
    disabled_button(t(Text::RunPlanner), why);
  }
  if (staffing_.series) {
    ImGui::SameLine(0, 30);
    ImGui::Text("%s: %s", t(Text::DataSource), staffing_.source.c_str());
  }
}

// The plan against the current staffing, in agent-hours per day.
void StaffingWindow::draw_plan_table(bool have_series) {
  if (have_series && staffing_.plan.empty()) ImGui::TextDisabled("%s", t(Text::NoPlan));
  if (!have_series || staffing_.plan.empty() ||
      !ImGui::BeginTable("plan", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit))
    return;
  ImGui::TableSetupColumn(t(Text::DayTypeLabel));
  ImGui::TableSetupColumn(t(Text::PlanHours));
  ImGui::TableSetupColumn(t(Text::ErlangHours));
  ImGui::TableSetupColumn(t(Text::CurrentHours));
  ImGui::TableHeadersRow();
  for (const PlanRow& r : staffing_.plan) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    const auto type = enum_from<DayType>(r.day_type);
    ImGui::TextUnformatted(type ? display_name(*type, lang()).data() : r.day_type.c_str());
    const double v[] = {r.plan_hours, r.erlang_hours, r.current_hours};
    for (int c = 0; c < 3; ++c) {
      ImGui::TableSetColumnIndex(c + 1);
      ImGui::Text("%.1f h", v[c]);
    }
  }
  ImGui::EndTable();
  ImGui::SameLine(0, 20);
  ImGui::TextDisabled("%s", t(Text::PlanTable));
}

// The intraday chart, the rates against the targets, and the waiting heatmap.
void StaffingWindow::draw_charts(const std::string& empty) {
  const IntervalSeries* s = staffing_.series ? &*staffing_.series : nullptr;
  float h = std::max(160.0f, (ImGui::GetContentRegionAvail().y - 3 * ImGui::GetStyle().ItemSpacing.y) / 3);
  // bars and steps are drawn at interval centres / starts
  std::vector<double> centres;
  if (s)
    for (double x : s->start_s) centres.push_back(x + s->interval_s / 2);
  // a column of the series, or nothing while there are no results
  auto col = [&](std::vector<double> IntervalSeries::*m) {
    return s ? std::span<const double>(s->*m) : std::span<const double>();
  };
  std::span<const double> xs = col(&IntervalSeries::start_s);

  PlotSpec intraday;
  intraday.id = "intraday";
  intraday.title = t(Text::IntradayChart);
  intraday.x = clock_axis(t(Text::TimeOfDay));
  intraday.y = value_axis(t(Text::Calls), std::nullopt, true);
  intraday.series = {Series{t(Text::Offered), SeriesKind::Bars, centres, col(&IntervalSeries::offered), series_colour(0)},
                     Series{t(Text::AgentsScheduled), SeriesKind::Step, xs, col(&IntervalSeries::scheduled), series_colour(1)},
                     Series{t(Text::RequiredLoad), SeriesKind::Step, xs, col(&IntervalSeries::required), series_colour(2)}};
  if (s && !s->planned.empty())
    intraday.series.push_back(Series{t(Text::PlannedAgents), SeriesKind::Step, xs, col(&IntervalSeries::planned), series_colour(4)});
  intraday.empty_message = empty;
  intraday.height = h;
  plot(intraday);

  PlotSpec rates;
  rates.id = "rates";
  rates.title = t(Text::AnswerRateChart);
  rates.x = intraday.x;
  rates.y = value_axis("", Range{0, 1});
  rates.series = {Series{t(Text::AnswerRate), SeriesKind::Line, centres, col(&IntervalSeries::answer_rate), series_colour(0)},
                  Series{t(Text::ServiceLevel), SeriesKind::Line, centres, col(&IntervalSeries::service_level), series_colour(3)}};
  if (s && s->target) rates.lines.push_back(RefLine{t(Text::Target), *s->target, Rgba{230, 230, 230, 255}});
  if (s && s->answer_target)
    rates.lines.push_back(RefLine{t(Text::AnswerTarget), *s->answer_target, Rgba{255, 200, 80, 255}});
  rates.empty_message = empty;
  rates.height = h;
  plot(rates);

  HeatmapSpec wait;
  wait.id = "wait";
  wait.title = t(Text::WaitHeatmap);
  wait.x = clock_axis(t(Text::TimeOfDay));
  wait.y_label = t(Text::Day);
  wait.value_label = t(Text::MeanWait);
  if (const WaitGrid* g = staffing_.waits ? &*staffing_.waits : nullptr) {
    wait.rows = int(g->days.size());
    wait.cols = g->intervals;
    wait.values = g->mean_wait_s;
    wait.row_labels = g->days;
    wait.dx = 86400.0 / g->intervals;
  }
  wait.empty_message = empty;
  wait.height = h;
  heatmap(wait);
}

// The editor: the day type, the agent-hours against the scenario's and the plan's, reset,
// adopt the plan, simulate the edited staffing, and the grid.
void StaffingWindow::draw_editor(AgentGrid* grid, bool can_run) {
  section(t(Text::EditAgents));
  if (!grid) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", grid_error_.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  const char* days[std::size_t(DayType::Count)];
  for (std::size_t i = 0; i < std::size(days); ++i) days[i] = display_name(DayType(i), lang()).data();
  ImGui::Combo(label(Text::DayTypeLabel, "edit_day").c_str(), &edit_day_, days, int(std::size(days)));
  const DayType d = DayType(edit_day_);
  ImGui::Text("%s %.1f, %s %.1f (%s)", t(Text::EditedStaffing), grid->agent_hours(d), t(Text::CurrentHours),
              scenario_grid_->agent_hours(d), t(Text::AgentHoursPerDay));
  if (plan_grid_) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s %.1f", t(Text::PlanHours), plan_grid_->agent_hours(d));
  }
  if (ImGui::Button(t(Text::ResetAgents))) *grid = *scenario_grid_;
  ImGui::SameLine();
  if (plan_grid_) {
    if (ImGui::Button(t(Text::AdoptPlan))) *grid = *plan_grid_;
  } else {
    disabled_button(t(Text::AdoptPlan), t(Text::NoPlan));
  }
  ImGui::SameLine();
  if (can_run) {
    if (ImGui::Button(t(Text::SimulateEdited))) simulate(false, *grid);
  } else {
    disabled_button(t(Text::SimulateEdited), t(Text::Running));
  }
  draw_editor_table(*grid, d);
}

// Agents per interval and skill of day type d; only the visible rows are drawn.
void StaffingWindow::draw_editor_table(AgentGrid& grid, DayType d) {
  const int skills = sim::kSkills;
  if (!ImGui::BeginTable("agents", skills + 2,
                         ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                             ImGuiTableFlags_BordersV | ImGuiTableFlags_SizingStretchSame))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(t(Text::Interval));
  for (int k = 0; k < skills; ++k) ImGui::TableSetupColumn(display_name(SkillQueue(k), lang()).data());
  ImGui::TableSetupColumn(t(Text::Total));
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(grid.intervals());
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(format_clock(double(i) * grid.interval_s).c_str());
      for (int k = 0; k < skills; ++k) {
        ImGui::TableSetColumnIndex(k + 1);
        int v = grid.agents[std::size_t(d)][std::size_t(i)][std::size_t(k)];
        // an edited cell stands out against the scenario's staffing
        if (v != scenario_grid_->agents[std::size_t(d)][std::size_t(i)][std::size_t(k)])
          ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(120, 90, 20, 255));
        ImGui::PushID(i * skills + k);
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputInt("##a", &v, 0, 0)) grid.set(d, i, SkillQueue(k), v);
        ImGui::PopID();
      }
      ImGui::TableSetColumnIndex(skills + 1);
      ImGui::Text("%d", grid.total(d, i));
    }
  ImGui::EndTable();
}

}  // namespace hotline::gui
