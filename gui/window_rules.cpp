// The rule lab window (规则实验): baseline vs revised rule set on the same traffic, the KPI
// deltas with confidence intervals, per-unit on-time rates, tickets decided differently and
// the rule diff. Needs the rule engine and the simulator; until then, the empty layout.
#include "gui/dashboard.hpp"
#include "gui/plot.hpp"
#include "gui/widgets.hpp"

namespace hotline::gui {

void Dashboard::draw_rules() {
  if (begin_view(View::Rules)) {
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.35f);
    ImGui::InputText(label(Text::BaselineRules, "base").c_str(), base_rules_, sizeof base_rules_);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    ImGui::InputText(label(Text::RevisedRules, "rev").c_str(), revised_rules_, sizeof revised_rules_);
    ImGui::SameLine();
    disabled_button(t(Text::RunComparison), t(Text::NeedsRuleEngine));
    std::string empty = no_data_message();

    float half = ImGui::GetContentRegionAvail().y * 0.5f;
    if (ImGui::BeginTable("kpi", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
                          ImVec2(ImGui::GetContentRegionAvail().x * 0.45f, half))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      for (Text c : {Text::Indicator, Text::Baseline, Text::Revised, Text::Delta, Text::Ci95})
        ImGui::TableSetupColumn(t(c));
      ImGui::TableHeadersRow();
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextDisabled("%s", t(Text::NoResults));
      ImGui::EndTable();
    }
    ImGui::SameLine();
    ImGui::BeginGroup();
    PlotSpec units;
    units.id = "units";
    units.title = t(Text::PerUnitOnTime);
    units.x = category_axis(t(Text::Unit));  // the units come with the results
    units.y = value_axis(t(Text::OnTimeRate), Range{0, 1});
    units.series = {Series{t(Text::Baseline), SeriesKind::Bars, {}, {}, series_colour(0)},
                    Series{t(Text::Revised), SeriesKind::Bars, {}, {}, series_colour(1)}};
    units.empty_message = empty;
    units.height = half;
    plot(units);
    ImGui::EndGroup();

    section(t(Text::DecidedDifferently));
    ImGui::TextDisabled("%s", empty.c_str());
    section(t(Text::RulesDiff));
    ImGui::TextDisabled("%s", t(Text::NeedsRuleEngine));
  }
  ImGui::End();
}

}  // namespace hotline::gui
