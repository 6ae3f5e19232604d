// The organisation window (组织): the tree of handling units from the org graph, with a
// unit's detail on selection [SL24 §11], coloured by workload or on-time rate from the
// opened results (the bulletin's run and period). Only visible rows are drawn (ImGuiListClipper).
#include "gui/window_org.hpp"

#include <cstdio>

#include "core/error.hpp"
#include "core/paths.hpp"
#include "gui/plot.hpp"
#include "gui/widgets.hpp"

namespace hotline::gui {
namespace {
constexpr Text kMetricNames[] = {Text::None, Text::Workload, Text::OnTimeRate};

// A metric value as shown: tickets or a percentage.
std::string value_text(OrgMetric metric, double v) {
  char buf[32];
  if (metric == OrgMetric::OnTimeRate) std::snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
  else std::snprintf(buf, sizeof buf, "%.0f", v);
  return std::string(buf);
}
}  // namespace

std::unique_ptr<Window> make_org_window(Dashboard& dash) { return std::make_unique<OrgWindow>(dash); }

OrgWindow::OrgWindow(Dashboard& dash) : Window(dash, View::Org, Text::ViewOrg) {
  const DashboardOptions& o = dash_.options();
  std::filesystem::path org_file =
      o.org_file.empty() ? data_dir() / "orgs" / "shangluo.csv" : std::filesystem::path(o.org_file);
  try {
    org_.emplace(OrgGraph::load_csv(org_file));
  } catch (const std::exception& e) {
    org_error_ = e.what();  // the window shows it; the rest of the dashboard works on
  }
  if (org_ && !o.select_unit.empty()) {
    UnitIndex u = org_->graph().find(o.select_unit);
    if (u == kNoUnit) throw InputError("--select", 0, "", "no unit '" + o.select_unit + "' in " + org_file.string());
    org_->select(u);
  }
}

void OrgWindow::add_data_text(std::string& s) const {
  if (org_)
    for (UnitIndex u = 0; u < org_->graph().size(); ++u) s += org_->graph().unit(u).name;
}

void OrgWindow::show_figures(const std::vector<UnitFigures>& units, const std::string& source) {
  if (!org_) return;
  if (!org_metric_chosen_) org_->set_metric(OrgMetric::Workload);
  org_->set_figures(units, source);
}

void OrgWindow::clear_figures() {
  if (org_) org_->set_figures({}, {});
}

void OrgWindow::draw() {
  if (!begin()) {
    ImGui::End();
    return;
  }
  if (!org_) {
    ImGui::TextWrapped("%s%s", t(Text::OrgNotLoaded), org_error_.c_str());
    ImGui::End();
    return;
  }
  OrgTreeModel& m = *org_;
  draw_toolbar(m);
  draw_legend(m);
  ImVec2 avail = ImGui::GetContentRegionAvail();
  draw_tree(m, avail.x * 0.55f, avail.y);
  ImGui::SameLine();
  ImGui::BeginChild("detail", ImVec2(0, avail.y), true);
  section(t(Text::UnitDetail));
  draw_detail(m);
  ImGui::EndChild();
  ImGui::End();
}

// The filter, expand and collapse, the colouring (once there are figures), the unit count.
void OrgWindow::draw_toolbar(OrgTreeModel& m) {
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
  if (!m.has_figures()) ImGui::BeginDisabled();
  if (ImGui::BeginCombo("##colour", t(kMetricNames[std::size_t(m.metric())]))) {
    for (std::size_t i = 0; i < std::size(kMetricNames); ++i)
      if (ImGui::Selectable(t(kMetricNames[i]), std::size_t(m.metric()) == i)) {
        m.set_metric(OrgMetric(i));
        org_metric_chosen_ = true;
      }
    ImGui::EndCombo();
  }
  if (!m.has_figures()) {
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s", dash_.results() ? t(Text::NoTicketResults) : dash_.no_data_message().c_str());
  }
  ImGui::SameLine(0, 30);
  ImGui::Text("%s: %zu", t(Text::UnitCount), m.graph().size());
}

// The colour map from the lowest to the highest value, and where the figures come from.
void OrgWindow::draw_legend(OrgTreeModel& m) {
  const Range range = m.value_range();
  if (m.metric() == OrgMetric::None || range.empty()) return;
  ImGui::SameLine(0, 30);
  ImGui::TextUnformatted((value_text(m.metric(), range.lo) + " ").c_str());
  ImGui::SameLine(0, 0);
  ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetFontSize() * 10, h = ImGui::GetTextLineHeight();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int i = 0; i < 40; ++i) {
    Rgba c = colormap((i + 0.5) / 40);
    dl->AddRectFilled(ImVec2(p.x + w * i / 40, p.y), ImVec2(p.x + w * (i + 1) / 40 + 1, p.y + h), IM_COL32(c.r, c.g, c.b, 255));
  }
  ImGui::Dummy(ImVec2(w, h));
  ImGui::SameLine(0, 0);
  ImGui::Text(" %s   %s: %s", value_text(m.metric(), range.hi).c_str(), t(Text::FiguresFrom), m.figures_source().c_str());
}

// The tree of units with their kind, children and (coloured) figure.
void OrgWindow::draw_tree(OrgTreeModel& m, float width, float height) {
  const OrgGraph& g = m.graph();
  const bool coloured = m.metric() != OrgMetric::None && m.has_figures();
  if (!ImGui::BeginTable("units", 4,
                         ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                             ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable,
                         ImVec2(width, height)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(t(Text::UnitName), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(t(Text::UnitKindLabel), ImGuiTableColumnFlags_WidthFixed,
                          ImGui::GetFontSize() * (lang() == Lang::Zh ? 7 : 14));
  ImGui::TableSetupColumn(t(Text::Children), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
  ImGui::TableSetupColumn(coloured ? t(kMetricNames[std::size_t(m.metric())]) : "", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::GetFontSize() * 6);
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
      const std::string& shown = dash_.state().font_error.empty() ? u.name : u.id;
      ImGui::TreeNodeEx(reinterpret_cast<void*>(std::uintptr_t(r.unit)), flags, "%s", shown.c_str());
      if (!r.match) ImGui::PopStyleColor();
      if (ImGui::IsItemToggledOpen()) toggle = r.unit;
      else if (ImGui::IsItemClicked()) pick = r.unit;
      if (indent > 0) ImGui::Unindent(indent);
      ImGui::TableSetColumnIndex(1);
      ImGui::TextDisabled("%s", display_name(u.kind, lang()).data());
      ImGui::TableSetColumnIndex(2);
      if (r.has_children) ImGui::Text("%zu", g.children(r.unit).size());
      ImGui::TableSetColumnIndex(3);
      if (auto sh = coloured ? m.shade(r.unit) : std::nullopt) {
        // the cell in the unit's colour, the value on it in black or white for contrast
        Rgba c = colormap(*sh);
        ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(c.r, c.g, c.b, 255));
        const bool light = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b > 140;
        ImGui::TextColored(light ? ImVec4(0, 0, 0, 1) : ImVec4(1, 1, 1, 1), "%s",
                           value_text(m.metric(), *m.value(r.unit)).c_str());
      }
    }
  }
  ImGui::EndTable();
  if (toggle != kNoUnit) m.set_expanded(toggle, !m.expanded(toggle));
  if (pick != kNoUnit) m.select(pick);
}

// The selected unit: who it is, where it hangs, and its figures from the results.
void OrgWindow::draw_detail(OrgTreeModel& m) {
  if (m.selected() == kNoUnit) {
    ImGui::TextDisabled("%s", t(Text::SelectUnit));
    return;
  }
  if (!ImGui::BeginTable("detail", 2, ImGuiTableFlags_BordersInnerV)) return;
  const OrgGraph& g = m.graph();
  const Lang lang = this->lang();
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
  if (const UnitFigures* f = m.figures(s)) {
    auto pct = [](double v) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
      return std::string(buf);
    };
    const UnitPeriodCounts& c = f->counts;
    const UnitIndicators& in = f->indicators;
    row(Text::FiguresFrom, m.figures_source());
    row(Text::Handled, std::to_string(c.handled));
    row(Text::OnTime, std::to_string(c.on_time));
    row(Text::Late, std::to_string(c.late));
    row(Text::OverdueOpen, std::to_string(c.overdue_open));
    row(Text::OnTimeRate, pct(in.on_time_rate));
    row(Text::ResponseRate, pct(in.response_rate));
    row(Text::ResolutionRate, pct(in.resolution_rate));
    row(Text::Satisfaction, in.evaluated ? pct(in.satisfaction_rate) : "/");
    char score[32];
    std::snprintf(score, sizeof score, "%.2f", in.composite);
    row(Text::Composite, score);
    row(Text::Tier, in.tier.empty() ? "-" : in.tier);
  } else {
    row(Text::Workload, m.has_figures() ? t(Text::NoFigures) : dash_.results() ? t(Text::NoTicketResults) : dash_.no_data_message());
  }
  ImGui::EndTable();
}

}  // namespace hotline::gui
