// The bulletin window (月度通报): a run's monthly table of handling units from the results, as
// the rule set lays it out [SL24 bulletin 2025-01], sortable within the groups [GB25 (六)],
// with rank changes against a comparison run, exported to CSV and Markdown.
#include "gui/window_bulletin.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "gui/widgets.hpp"
#include "gui/window_org.hpp"

namespace hotline::gui {

namespace {
const TicketRunInfo* find_run(const std::vector<TicketRunInfo>& runs, std::int64_t id) {
  for (const TicketRunInfo& r : runs)
    if (r.run_id == id) return &r;
  return nullptr;
}
}  // namespace

std::unique_ptr<Window> make_bulletin_window(Dashboard& dash) { return std::make_unique<BulletinWindow>(dash); }

void BulletinWindow::take_results(LoadedResults& r) {
  ticket_runs_ = std::move(r.ticket_runs);
  bulletin_.reset();
  dash_.org_window().clear_figures();
  bulletin_error_ = std::move(r.bulletin_error);
  if (r.bulletin) set_bulletin(std::move(*r.bulletin), r.lang);
}

void BulletinWindow::set_bulletin(BulletinTable table, Lang lang) {
  bulletin_lang_ = lang;
  // colour the organisation by workload as soon as there are figures, unless the user chose
  dash_.org_window().show_figures(table.units, (lang == Lang::Zh ? "运行 " : "run ") + std::to_string(table.run_id) + ", " +
                                                   table.period);
  bulletin_ = std::move(table);
  bulletin_error_.clear();
  export_message_.clear();
}

void BulletinWindow::load(std::int64_t run, const std::string& period, std::int64_t compare_run) {
  if (!dash_.results()) return;
  auto slot = std::make_shared<std::optional<BulletinTable>>();
  auto error = std::make_shared<std::string>();
  const std::filesystem::path db = dash_.results()->path;
  const Lang lang = this->lang();
  dash_.start_job(
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

std::filesystem::path BulletinWindow::export_shown(const std::string& format) {
  if (!bulletin_ || !dash_.results()) throw std::runtime_error("no bulletin to export");
  const std::filesystem::path file = export_path(std::filesystem::absolute(dash_.results()->path), *bulletin_, format);
  export_bulletin(*bulletin_, format, file, bulletin_lang_);
  return file;
}

void BulletinWindow::draw() {
  if (!begin()) {
    ImGui::End();
    return;
  }
  const bool idle = !dash_.busy();
  // The headers and group titles come from the rule set in one language: reload on a switch.
  if (bulletin_ && bulletin_lang_ != lang() && idle) load(bulletin_->run_id, bulletin_->period, bulletin_->compare_run_id);

  std::string empty;
  if (ticket_runs_.empty()) {
    empty = dash_.results() ? t(Text::NoTicketResults) : dash_.no_data_message();
  } else {
    draw_choices(idle);
    draw_export(empty);
    if (!bulletin_error_.empty()) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s%s", t(Text::BulletinNotLoaded), bulletin_error_.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  section(bulletin_ ? bulletin_->title(lang()).c_str() : t(Text::BulletinTable));
  draw_table(empty);
  ImGui::End();
}

// Run, period and comparison run; a change loads the bulletin on the job runner.
void BulletinWindow::draw_choices(bool idle) {
  const Lang lang = this->lang();
  const std::int64_t run = bulletin_ ? bulletin_->run_id : ticket_runs_.front().run_id;
  const std::int64_t cmp = bulletin_ ? bulletin_->compare_run_id : 0;
  const TicketRunInfo* cur = find_run(ticket_runs_, run);
  std::string period = bulletin_ ? bulletin_->period : cur && !cur->periods.empty() ? cur->periods.front() : "";
  std::int64_t want_run = run, want_cmp = cmp;
  std::string want_period = period;
  if (!idle) ImGui::BeginDisabled();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
  if (ImGui::BeginCombo(label(Text::RunLabel, "bul_run").c_str(), cur ? cur->label(lang).c_str() : "-")) {
    for (const TicketRunInfo& r : ticket_runs_)
      if (ImGui::Selectable(r.label(lang).c_str(), r.run_id == run)) {
        want_run = r.run_id;
        if (std::find(r.periods.begin(), r.periods.end(), period) == r.periods.end() && !r.periods.empty())
          want_period = r.periods.front();
      }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  if (ImGui::BeginCombo(label(Text::Period, "bul_period").c_str(), period.c_str())) {
    if (cur)
      for (const std::string& p : cur->periods)
        if (ImGui::Selectable(p.c_str(), p == period)) want_period = p;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  const TicketRunInfo* other = find_run(ticket_runs_, cmp);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
  if (ImGui::BeginCombo(label(Text::CompareWith, "bul_cmp").c_str(), other ? other->label(lang).c_str() : t(Text::NoComparison))) {
    if (ImGui::Selectable(t(Text::NoComparison), cmp == 0)) want_cmp = 0;
    for (const TicketRunInfo& r : ticket_runs_)
      if (r.run_id != run && ImGui::Selectable(r.label(lang).c_str(), r.run_id == cmp)) want_cmp = r.run_id;
    ImGui::EndCombo();
  }
  if (!idle) ImGui::EndDisabled();
  if (idle && (want_run != run || want_period != period || want_cmp != cmp || (!bulletin_ && bulletin_error_.empty())))
    load(want_run, want_period, want_cmp == want_run ? 0 : want_cmp);
}

// Export next to the results file, and what came of it.
void BulletinWindow::draw_export(const std::string& empty) {
  for (auto [fmt, txt] : {std::pair{"csv", Text::ExportCsv}, std::pair{"md", Text::ExportMarkdown}}) {
    if (!bulletin_) {
      disabled_button(t(txt), empty.empty() ? t(Text::Loading) : empty.c_str());
    } else if (ImGui::Button(t(txt))) {
      try {
        export_message_ = t(Text::Exported) + export_shown(fmt).string();
        export_failed_ = false;
      } catch (const std::exception& e) {
        export_message_ = t(Text::ExportFailed) + std::string(e.what());
        export_failed_ = true;
      }
    }
    ImGui::SameLine();
  }
  if (!export_message_.empty()) {
    if (export_failed_) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", export_message_.c_str());
    else ImGui::TextUnformatted(export_message_.c_str());
  } else {
    ImGui::NewLine();
  }
}

// The table, sortable, with the rank changes when compared; `empty` where there is none.
void BulletinWindow::draw_table(const std::string& empty) {
  const bool cmp = bulletin_ && bulletin_->compare_run_id;
  const int ncol = bulletin_ ? int(bulletin_->headers.size()) + (cmp ? 2 : 1) : 4;
  if (!ImGui::BeginTable(cmp ? "bulletin_cmp" : "bulletin", ncol,
                         ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_Sortable |
                             ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                         ImVec2(0, ImGui::GetContentRegionAvail().y)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  if (!bulletin_) {
    for (Text c : {Text::Rank, Text::Unit, Text::Score, Text::RankChange}) ImGui::TableSetupColumn(t(c));
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(1);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", empty.empty() ? t(Text::Loading) : empty.c_str());
    ImGui::PopTextWrapPos();
  } else {
    BulletinTable& b = *bulletin_;
    ImGui::TableSetupColumn(t(Text::Rank), ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortAscending, 0.5f);
    for (std::size_t c = 0; c < b.headers.size(); ++c)
      ImGui::TableSetupColumn(b.headers[c].c_str(), ImGuiTableColumnFlags_PreferSortDescending,
                              int(c) == b.unit_column ? 2.0f : 1.0f);
    if (cmp) ImGui::TableSetupColumn(t(Text::RankChange), ImGuiTableColumnFlags_PreferSortDescending, 1.0f);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
      if (specs->SpecsCount > 0)
        b.sort(std::size_t(specs->Specs[0].ColumnIndex), specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending);
      specs->SpecsDirty = false;
    }
    draw_rows(b, cmp);
  }
  ImGui::EndTable();
}

// The rows under their groups' titles, with the rank change when compared.
void BulletinWindow::draw_rows(BulletinTable& b, bool cmp) {
  const bool font = dash_.state().font_error.empty();
  int group = -1;
  for (const BulletinRow& r : b.rows) {
    if (r.group != group) {  // the group's title on a row of its own
      group = r.group;
      ImGui::TableNextRow();
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(40, 60, 90, 255));
      ImGui::TableSetColumnIndex(b.unit_column >= 0 ? b.unit_column + 1 : 0);
      ImGui::TextUnformatted(b.groups[std::size_t(group)].c_str());
    }
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::Text("%d", r.rank);
    for (std::size_t c = 0; c < r.cells.size(); ++c) {
      ImGui::TableSetColumnIndex(int(c) + 1);
      ImGui::TextUnformatted(r.cells[c].c_str());
    }
    if (!cmp) continue;
    ImGui::TableSetColumnIndex(int(r.cells.size()) + 1);
    if (auto ch = r.rank_change()) {
      const char* arrow = font ? (*ch > 0 ? "▲" : *ch < 0 ? "▼" : "=") : (*ch > 0 ? "+" : *ch < 0 ? "-" : "=");
      ImVec4 col = *ch > 0 ? ImVec4(0.35f, 0.85f, 0.4f, 1) : *ch < 0 ? ImVec4(1, 0.45f, 0.4f, 1) : ImVec4(0.6f, 0.6f, 0.6f, 1);
      const std::string n = *ch ? std::to_string(std::abs(*ch)) : "";
      ImGui::TextColored(col, "%s%s  (%d%s%d)", arrow, n.c_str(), *r.compare_rank, font ? "→" : "->", r.rank);
    } else {
      ImGui::TextDisabled("-");
    }
  }
}

}  // namespace hotline::gui
