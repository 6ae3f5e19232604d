// The staffing window (排班): intraday offered calls and agents, answer rate and service
// level per half hour against the target, the waiting heatmap for multi-day runs.
// Data comes from the simulator's results; until they exist the charts show their empty state.
#include "gui/dashboard.hpp"
#include "gui/plot.hpp"
#include "gui/widgets.hpp"

namespace hotline::gui {

void Dashboard::draw_staffing() {
  if (begin_view(View::Staffing)) {
    disabled_button(t(Text::Simulate), t(Text::NeedsSimulator));
    ImGui::SameLine();
    disabled_button(t(Text::RunPlanner), t(Text::NeedsSimulator));
    std::string empty = no_data_message();
    float h = std::max(180.0f, (ImGui::GetContentRegionAvail().y - 3 * ImGui::GetStyle().ItemSpacing.y) / 3);

    PlotSpec intraday;
    intraday.id = "intraday";
    intraday.title = t(Text::IntradayChart);
    intraday.x = clock_axis(t(Text::TimeOfDay));
    intraday.y = value_axis(t(Text::Calls), std::nullopt, true);
    intraday.series = {Series{t(Text::Offered), SeriesKind::Bars, {}, {}, series_colour(0)},
                       Series{t(Text::AgentsScheduled), SeriesKind::Step, {}, {}, series_colour(1)},
                       Series{t(Text::AgentsRequired), SeriesKind::Step, {}, {}, series_colour(2)}};
    intraday.empty_message = empty;
    intraday.height = h;
    plot(intraday);

    PlotSpec rates;
    rates.id = "rates";
    rates.title = t(Text::AnswerRateChart);
    rates.x = intraday.x;
    rates.y = value_axis("", Range{0, 1});
    rates.series = {Series{t(Text::AnswerRate), SeriesKind::Line, {}, {}, series_colour(0)},
                    Series{t(Text::ServiceLevel), SeriesKind::Line, {}, {}, series_colour(3)}};
    rates.empty_message = empty;
    rates.height = h;
    plot(rates);

    HeatmapSpec wait;
    wait.id = "wait";
    wait.title = t(Text::WaitHeatmap);
    wait.x = clock_axis(t(Text::TimeOfDay));
    wait.y_label = t(Text::Day);
    wait.dx = 1800;
    wait.empty_message = empty;
    wait.height = h;
    heatmap(wait);
  }
  ImGui::End();
}

}  // namespace hotline::gui
