// The bulletin window (月度通报): the monthly ranking of handling units from the results,
// sortable, with rank changes between runs, exported to CSV and Markdown.
#include "gui/dashboard.hpp"
#include "gui/widgets.hpp"

namespace hotline::gui {

void Dashboard::draw_bulletin() {
  if (begin_view(View::Bulletin)) {
    disabled_button(t(Text::ExportCsv), t(Text::NeedsSimulator));
    ImGui::SameLine();
    disabled_button(t(Text::ExportMarkdown), t(Text::NeedsSimulator));
    section(t(Text::BulletinTable));
    if (ImGui::BeginTable("bulletin", 4,
                          ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_Sortable |
                              ImGuiTableFlags_ScrollY,
                          ImVec2(0, ImGui::GetContentRegionAvail().y))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      for (Text c : {Text::Rank, Text::Unit, Text::Score, Text::RankChange}) ImGui::TableSetupColumn(t(c));
      ImGui::TableHeadersRow();
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(1);
      ImGui::PushTextWrapPos(0);
      ImGui::TextDisabled("%s", no_data_message().c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTable();
    }
  }
  ImGui::End();
}

}  // namespace hotline::gui
