// The rule lab window (规则实验): baseline vs revised rule set on the same traffic, the KPI
// deltas with confidence intervals, per-unit on-time rates, tickets decided differently and
// the rule diff (`hotline rules diff` as a table).
#include "gui/dashboard.hpp"
#include "gui/plot.hpp"
#include "gui/widgets.hpp"

namespace hotline::gui {

void Dashboard::draw_rules() {
  if (begin_view(View::Rules)) {
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.35f);
    ImGui::InputText(label(Text::BaselineRules, "base").c_str(), base_rules_, sizeof base_rules_);
    bool edited = ImGui::IsItemDeactivatedAfterEdit();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    ImGui::InputText(label(Text::RevisedRules, "rev").c_str(), revised_rules_, sizeof revised_rules_);
    edited |= ImGui::IsItemDeactivatedAfterEdit();
    ImGui::SameLine();
    disabled_button(t(Text::RunComparison), t(Text::NeedsRuleEngine));
    // the diff follows the two fields once edited (on the job runner, when idle)
    want_diff_ |= edited || rules_diff_for_.empty();
    if (want_diff_ && !busy() && base_rules_[0] && revised_rules_[0]) {
      want_diff_ = false;
      diff_rules();
    }
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

    const float below = ImGui::GetContentRegionAvail().y;
    ImGui::BeginChild("different", ImVec2(ImGui::GetContentRegionAvail().x * 0.45f, below));
    section(t(Text::DecidedDifferently));
    ImGui::TextDisabled("%s", empty.c_str());
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("diff", ImVec2(0, below));
    section(t(Text::RulesDiff));
    draw_rules_diff();
    ImGui::EndChild();
  }
  ImGui::End();
}

void Dashboard::draw_rules_diff() {
  if (!rules_diff_error_.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", rules_diff_error_.c_str());
    ImGui::PopTextWrapPos();
  }
  if (!rules_diff_) {
    if (rules_diff_error_.empty()) ImGui::TextDisabled("%s", t(Text::Loading));
    return;
  }
  const RuleDiffTable& d = *rules_diff_;
  ImGui::Text("%s -> %s:  ~%d  +%d  -%d  =%d", d.baseline.c_str(), d.revised.c_str(), d.changed, d.added, d.removed, d.same);
  ImGui::SameLine();
  ImGui::Checkbox(t(Text::ShowUnchanged), &show_unchanged_);
  if (!ImGui::BeginTable("rules_diff", 3,
                         ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                             ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(t(Text::Parameter), 0, 1.2f);
  ImGui::TableSetupColumn(t(Text::Baseline), 0, 1.0f);
  ImGui::TableSetupColumn(t(Text::Revised), 0, 1.0f);
  ImGui::TableHeadersRow();
  using Change = rules::ParameterDiff::Change;
  for (const rules::ParameterDiff& r : d.rows) {
    if (r.change == Change::Same && !show_unchanged_) continue;
    ImGui::TableNextRow();
    const ImU32 bg = r.change == Change::Changed ? IM_COL32(110, 85, 20, 255)
                     : r.change == Change::Added ? IM_COL32(30, 90, 40, 255)
                     : r.change == Change::Removed ? IM_COL32(110, 35, 35, 255)
                                                   : 0;
    if (bg) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, bg);
    const char* mark = r.change == Change::Changed ? "~ " : r.change == Change::Added ? "+ " : r.change == Change::Removed ? "- " : "  ";
    ImGui::TableSetColumnIndex(0);
    ImGui::Text("%s%s", mark, r.name.c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextWrapped("%s", r.before.c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::TextWrapped("%s", r.after.c_str());
  }
  ImGui::EndTable();
}

}  // namespace hotline::gui
