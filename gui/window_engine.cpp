// The live engine window (规则引擎): the production rule set loaded beside the results, a
// ticket form giving the decision, deadlines and trace, rule tests and replay
// [SL24 §12 dispatch and time limits]. Needs the rule engine; until then the form is inert.
#include "gui/dashboard.hpp"
#include "gui/widgets.hpp"

namespace hotline::gui {
namespace {
template <class E>
void enum_combo(const char* label, int* value, Lang lang) {
  const auto& names = EnumNames<E>::names;
  if (ImGui::BeginCombo(label, std::string(lang == Lang::Zh ? names[*value].zh : names[*value].en).c_str())) {
    for (int i = 0; i < int(names.size()); ++i)
      if (ImGui::Selectable(std::string(lang == Lang::Zh ? names[i].zh : names[i].en).c_str(), i == *value))
        *value = i;
    ImGui::EndCombo();
  }
}
}  // namespace

void Dashboard::draw_engine() {
  if (begin_view(View::Engine)) {
    if (ImGui::BeginTable("ruleset", 2, ImGuiTableFlags_BordersInnerV)) {
      ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn("v");
      for (Text k : {Text::RuleSetPath, Text::Revision, Text::LoadedAt}) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(t(k));
        ImGui::TableSetColumnIndex(1);
        ImGui::TextDisabled("%s", t(Text::NoRuleSet));
      }
      ImGui::EndTable();
    }
    ImGui::TextDisabled("%s", t(Text::NeedsRuleEngine));

    ImGui::BeginChild("form", ImVec2(ImGui::GetContentRegionAvail().x * 0.4f, 0), true);
    section(t(Text::TicketForm));
    ImGui::PushItemWidth(-ImGui::GetFontSize() * 7);
    enum_combo<RequestType>(label(Text::RequestTypeLabel, "type").c_str(), &form_type_, state_.lang());
    ImGui::InputText(label(Text::Category, "cat").c_str(), form_category_, sizeof form_category_);
    ImGui::InputText(label(Text::DistrictStreet, "place").c_str(), form_place_, sizeof form_place_);
    ImGui::Checkbox(label(Text::Enterprise, "ent").c_str(), &form_enterprise_);
    enum_combo<Urgency>(label(Text::UrgencyLabel, "urg").c_str(), &form_urgency_, state_.lang());
    ImGui::PopItemWidth();
    disabled_button(t(Text::Decide), t(Text::NeedsRuleEngine));
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("result", ImVec2(0, 0), true);
    for (Text s : {Text::Decision, Text::Deadlines, Text::Trace, Text::RuleTests}) {
      section(t(s));
      ImGui::TextDisabled("%s", t(Text::NoRuleSet));
    }
    section(t(Text::Replay));
    bool replay = false;
    ImGui::BeginDisabled();
    ImGui::Checkbox(label(Text::Replay, "replay").c_str(), &replay);
    ImGui::EndDisabled();
    ImGui::EndChild();
  }
  ImGui::End();
}

}  // namespace hotline::gui
