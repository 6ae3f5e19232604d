// The staffing window (排班): intraday offered calls and agents, answer rate and service
// level per half hour against the target, the waiting heatmap for multi-day runs, and the
// staffing plan against the current staffing in agent-hours. Drawn from StaffingModel,
// loaded from a results database or from running the scenario on the job runner.
#include <cmath>
#include <cstdio>

#include "gui/dashboard.hpp"
#include "gui/plot.hpp"
#include "gui/widgets.hpp"

namespace hotline::gui {

void Dashboard::draw_staffing() {
  if (begin_view(View::Staffing)) {
    const bool have_scenario = !state_.settings.scenario.empty();
    const bool can_run = have_scenario && !jobs_.busy();
    const char* why = t(have_scenario ? Text::Running : Text::NeedsScenario);
    if (can_run) {
      if (ImGui::Button(t(Text::Simulate))) simulate_scenario(false);
    } else {
      disabled_button(t(Text::Simulate), why);
    }
    // the planner's targets, as `hotline staff --target-sl SHARE@SECONDS --target-answer-rate R`
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
      if (ImGui::Button(t(Text::RunPlanner))) simulate_scenario(true);
    } else {
      disabled_button(t(Text::RunPlanner), why);
    }
    const IntervalSeries* s = staffing_.series ? &*staffing_.series : nullptr;
    if (s) {
      ImGui::SameLine(0, 30);
      ImGui::Text("%s: %s", t(Text::DataSource), staffing_.source.c_str());
    }
    if (!staffing_error_.empty())
      ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s%s", t(Text::StaffingNotLoaded), staffing_error_.c_str());
    // the plan against the current staffing, in agent-hours per day
    if (s && staffing_.plan.empty()) ImGui::TextDisabled("%s", t(Text::NoPlan));
    if (s && !staffing_.plan.empty() &&
        ImGui::BeginTable("plan", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableSetupColumn(t(Text::DayTypeLabel));
      ImGui::TableSetupColumn(t(Text::PlanHours));
      ImGui::TableSetupColumn(t(Text::ErlangHours));
      ImGui::TableSetupColumn(t(Text::CurrentHours));
      ImGui::TableHeadersRow();
      for (const PlanRow& r : staffing_.plan) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(r.day_type == "weekday" ? t(Text::Workday) : r.day_type == "weekend" ? t(Text::Weekend) : r.day_type.c_str());
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
    std::string empty = no_data_message();
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
  ImGui::End();
}

}  // namespace hotline::gui
