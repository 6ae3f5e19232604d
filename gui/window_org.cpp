// The organisation window (组织): the tree of handling units from the org graph, with a
// unit's detail on selection [SL24 §11]. Only visible rows are drawn (ImGuiListClipper).
#include "gui/dashboard.hpp"
#include "gui/widgets.hpp"

namespace hotline::gui {

void Dashboard::draw_org() {
  if (!begin_view(View::Org)) {
    ImGui::End();
    return;
  }
  if (!org_) {
    ImGui::TextWrapped("%s%s", t(Text::OrgNotLoaded), org_error_.c_str());
    ImGui::End();
    return;
  }
  OrgTreeModel& m = *org_;
  const OrgGraph& g = m.graph();
  const Lang lang = state_.lang();

  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  if (ImGui::InputTextWithHint("##filter", t(Text::Filter), org_filter_, sizeof org_filter_)) m.set_filter(org_filter_);
  ImGui::SameLine();
  if (ImGui::Button(t(Text::ExpandAll))) m.expand_all();
  ImGui::SameLine();
  if (ImGui::Button(t(Text::CollapseAll))) m.collapse_all();
  ImGui::SameLine(0, 30);
  ImGui::TextUnformatted(t(Text::ColourBy));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::BeginDisabled();
  if (ImGui::BeginCombo("##colour", t(Text::Workload))) ImGui::EndCombo();
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", no_data_message().c_str());
  ImGui::SameLine(0, 30);
  ImGui::Text("%s: %zu", t(Text::UnitCount), g.size());

  ImVec2 avail = ImGui::GetContentRegionAvail();
  if (ImGui::BeginTable("units", 3,
                        ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                            ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable,
                        ImVec2(avail.x * 0.55f, avail.y))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(t(Text::UnitName), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(t(Text::UnitKindLabel), ImGuiTableColumnFlags_WidthFixed,
                            ImGui::GetFontSize() * (lang == Lang::Zh ? 7 : 14));
    ImGui::TableSetupColumn(t(Text::Children), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
    ImGui::TableHeadersRow();
    const std::vector<OrgRow>& rows = m.rows();
    // Toggles are applied after the loop: they rebuild `rows`.
    UnitIndex toggle = kNoUnit, pick = kNoUnit;
    ImGuiListClipper clipper;
    clipper.Begin(int(rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const OrgRow& r = rows[std::size_t(i)];
        const Unit& u = g.unit(r.unit);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        float indent = r.depth * ImGui::GetStyle().IndentSpacing;
        if (indent > 0) ImGui::Indent(indent);
        ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_NoTreePushOnOpen | ImGuiTreeNodeFlags_SpanFullWidth |
                                   ImGuiTreeNodeFlags_OpenOnArrow;
        if (!r.has_children) flags |= ImGuiTreeNodeFlags_Leaf;
        if (r.unit == m.selected()) flags |= ImGuiTreeNodeFlags_Selected;
        ImGui::SetNextItemOpen(r.expanded, ImGuiCond_Always);
        if (!r.match) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        // Without the CJK font the names would be "???": show the ASCII ids instead.
        const std::string& shown = state_.font_error.empty() ? u.name : u.id;
        ImGui::TreeNodeEx(reinterpret_cast<void*>(std::uintptr_t(r.unit)), flags, "%s", shown.c_str());
        if (!r.match) ImGui::PopStyleColor();
        if (ImGui::IsItemToggledOpen()) toggle = r.unit;
        else if (ImGui::IsItemClicked()) pick = r.unit;
        if (indent > 0) ImGui::Unindent(indent);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextDisabled("%s", display_name(u.kind, lang).data());
        ImGui::TableSetColumnIndex(2);
        if (r.has_children) ImGui::Text("%zu", g.children(r.unit).size());
      }
    }
    ImGui::EndTable();
    if (toggle != kNoUnit) m.set_expanded(toggle, !m.expanded(toggle));
    if (pick != kNoUnit) m.select(pick);
  }

  ImGui::SameLine();
  ImGui::BeginChild("detail", ImVec2(0, avail.y), true);
  section(t(Text::UnitDetail));
  if (m.selected() == kNoUnit) {
    ImGui::TextDisabled("%s", t(Text::SelectUnit));
  } else if (ImGui::BeginTable("detail", 2, ImGuiTableFlags_BordersInnerV)) {
    UnitIndex s = m.selected();
    const Unit& u = g.unit(s);
    UnitDetail d = m.detail(s);
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
    auto row = [&](Text k, const std::string& v) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(t(k));
      ImGui::TableSetColumnIndex(1);
      ImGui::TextWrapped("%s", v.c_str());
    };
    row(Text::UnitName, u.name);
    row(Text::UnitId, u.id);
    row(Text::UnitKindLabel, std::string(display_name(u.kind, lang)));
    row(Text::Level, std::to_string(u.level));
    row(Text::Path, d.path);
    row(Text::Parent, d.parent == kNoUnit ? "-" : g.unit(d.parent).name);
    row(Text::District, d.district == kNoUnit ? "-" : g.unit(d.district).name);
    std::string kids = std::to_string(d.children);
    const char* sep = lang == Lang::Zh ? "：" : ": ";
    for (auto [kind, n] : d.children_by_kind) {
      kids += sep + std::string(display_name(kind, lang)) + " " + std::to_string(n);
      sep = lang == Lang::Zh ? "，" : ", ";
    }
    row(Text::Children, kids + "  (" + t(Text::Descendants) + " " + std::to_string(d.descendants) + ")");
    std::string flags;
    for (auto [on, txt] : {std::pair{u.utility, Text::Utility}, std::pair{u.vertical, Text::Vertical},
                           std::pair{u.synthetic, Text::Synthetic}})
      if (on) flags += std::string(flags.empty() ? "" : ", ") + t(txt);
    row(Text::Flags, flags.empty() ? "-" : flags);
    row(Text::Source, u.note.empty() ? "-" : u.note);
    row(Text::Workload, no_data_message());
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace hotline::gui
