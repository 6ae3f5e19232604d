// The rule lab window (规则实验): baseline vs revised rule set on the same traffic, the KPI
// deltas with confidence intervals, per-unit on-time rates, tickets decided differently and
// the rule diff (`hotline rules diff` as a table).
#include "gui/window_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/time.hpp"
#include "gui/plot.hpp"
#include "gui/widgets.hpp"
#include "rules/trace_text.hpp"
#include "sim/compare.hpp"

namespace hotline::gui {

std::unique_ptr<Window> make_rules_window(Dashboard& dash) { return std::make_unique<RuleLabWindow>(dash); }

RuleLabWindow::RuleLabWindow(Dashboard& dash) : Window(dash, View::Rules, Text::ViewRules) {
  // the command line, else the last comparison's (settings)
  const Settings& st = dash_.state().settings;
  if (!st.lab_baseline.empty()) std::snprintf(base_rules_, sizeof base_rules_, "%s", st.lab_baseline.c_str());
  if (!st.lab_revised.empty()) std::snprintf(revised_rules_, sizeof revised_rules_, "%s", st.lab_revised.c_str());
  if (st.lab_replications > 0) lab_reps_ = st.lab_replications;
  if (dash_.options().compare_replications > 0) lab_reps_ = dash_.options().compare_replications;
}

void RuleLabWindow::start() {
  const DashboardOptions& o = dash_.options();
  if (o.baseline.empty() || o.revised.empty()) return;
  std::snprintf(base_rules_, sizeof base_rules_, "%s", o.baseline.c_str());
  std::snprintf(revised_rules_, sizeof revised_rules_, "%s", o.revised.c_str());
  if (!dash_.jobs().busy()) run_comparison();
  else want_comparison_ = true;  // after opening --results
}

void RuleLabWindow::poll() {
  if (want_comparison_ && dash_.idle()) {
    want_comparison_ = false;
    run_comparison();
  }
}

void RuleLabWindow::take_results(LoadedResults& r) {
  if (r.comparison) {  // the rule lab shows it, and diffs its rule sets
    lab_ = std::move(r.comparison);
    lab_selected_ = 0;
    lab_error_.clear();
    std::snprintf(base_rules_, sizeof base_rules_, "%s", lab_->baseline_id.c_str());
    std::snprintf(revised_rules_, sizeof revised_rules_, "%s", lab_->revised_id.c_str());
    want_diff_ = true;
  } else if (!r.comparison_error.empty()) {
    lab_error_ = r.comparison_error;
  }
}

void RuleLabWindow::diff_rules() {
  const std::string a = base_rules_, b = revised_rules_;
  auto slot = std::make_shared<std::optional<RuleDiffTable>>();
  auto error = std::make_shared<std::string>();
  if (!dash_.start_job(
          std::string(t(Text::RulesDiff)),
          [=](JobContext& ctx) {
            ctx.progress(-1, a + " / " + b);
            try {
              *slot = diff_rulesets(a, b);
            } catch (const std::exception& e) {
              *error = e.what();
            }
          },
          [this, slot, error] {
            rules_diff_ = std::move(*slot);
            rules_diff_error_ = *error;
          }))
    return;
  rules_diff_for_ = a + "\n" + b;
}

void RuleLabWindow::run_comparison() {
  const std::string& scenario = dash_.scenario();
  if (scenario.empty()) return;
  const std::string a = base_rules_, b = revised_rules_;
  const int reps = lab_reps_;
  Settings& settings = dash_.state().settings;
  settings.lab_baseline = a;  // saved by the main loop, restored next session
  settings.lab_revised = b;
  settings.lab_replications = reps;
  auto slot = std::make_shared<std::optional<RuleLabRun>>();
  if (!dash_.start_job(
          std::string(t(Text::RunComparison)),
          [=](JobContext& ctx) {
            ctx.progress(0, a + " / " + b);
            try {
              *slot = run_rule_lab(scenario, a, b, reps, [&ctx](double f) { ctx.progress(f); }, ctx.token());
            } catch (const sim::Cancelled&) {
              // the runner reports the job as cancelled (its stop was requested)
            }
          },
          [this, slot] {
            lab_running_ = false;
            if (*slot) {
              lab_ = std::move(*slot);
              lab_error_.clear();
              lab_selected_ = 0;
            }
          },
          [this](const std::string& why) {  // failed or cancelled: the first result stays
            lab_error_ = why;
            lab_running_ = false;
          }))
    return;
  lab_running_ = true;
  lab_error_.clear();
}

void RuleLabWindow::draw() {
  if (!begin()) {
    ImGui::End();
    return;
  }
  const bool have_scenario = !dash_.scenario().empty();
  draw_fields();
  const sim::CompareResult* r = lab_ ? &lab_->result : nullptr;
  if (lab_) {
    ImGui::Text("%s: %s  %s %s -> %s %s, %d %s", t(Text::Scenario), lab_->scenario.c_str(), t(Text::Baseline),
                lab_->baseline.c_str(), t(Text::Revised), lab_->revised.c_str(), r->replications, t(Text::Replications));
    if (lab_->stored_id) {
      ImGui::SameLine();
      ImGui::TextDisabled("(%s #%lld)", t(Text::StoredComparison), static_cast<long long>(lab_->stored_id));
    }
  }
  if (!lab_error_.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", lab_error_.c_str());
    ImGui::PopTextWrapPos();
  }
  const std::string empty = have_scenario ? t(Text::CompareHint) : t(Text::NeedsScenario);

  const float half = ImGui::GetContentRegionAvail().y * 0.45f;
  ImGui::BeginChild("kpi_area", ImVec2(ImGui::GetContentRegionAvail().x * 0.45f, half));
  draw_kpis(r);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginGroup();
  const UnitRates rates = r ? unit_rates(*r, 30) : UnitRates{};
  PlotSpec units;
  units.id = "units";
  units.title = t(Text::PerUnitOnTime);
  units.x = category_axis(t(Text::Unit), rates.names);
  units.y = value_axis(t(Text::OnTimeRate), Range{0, 1});
  units.series = {Series{t(Text::Baseline), SeriesKind::Bars, rates.x, rates.base, series_colour(0)},
                  Series{t(Text::Revised), SeriesKind::Bars, rates.x, rates.revised, series_colour(1)}};
  units.empty_message = empty;
  units.height = half - ImGui::GetTextLineHeightWithSpacing();
  plot(units);
  ImGui::EndGroup();

  const float below = ImGui::GetContentRegionAvail().y;
  ImGui::BeginChild("different", ImVec2(ImGui::GetContentRegionAvail().x * 0.55f, below));
  section(t(Text::DecidedDifferently));
  if (!r) ImGui::TextDisabled("%s", empty.c_str());
  else draw_differing();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("diff", ImVec2(0, below));
  section(t(Text::RulesDiff));
  draw_rules_diff();
  ImGui::EndChild();
  ImGui::End();
}

// The two rule sets, the replications and the run button (progress and cancel while it
// runs); the diff follows the two fields once edited (on the job runner, when idle).
void RuleLabWindow::draw_fields() {
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(fs * 14);
  ImGui::InputText(label(Text::BaselineRules, "base").c_str(), base_rules_, sizeof base_rules_);
  bool edited = ImGui::IsItemDeactivatedAfterEdit();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 14);
  ImGui::InputText(label(Text::RevisedRules, "rev").c_str(), revised_rules_, sizeof revised_rules_);
  edited |= ImGui::IsItemDeactivatedAfterEdit();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 5);
  if (ImGui::InputInt(label(Text::Replications, "reps").c_str(), &lab_reps_)) lab_reps_ = std::clamp(lab_reps_, 2, 1000);
  ImGui::SameLine();
  const bool have_scenario = !dash_.scenario().empty();
  if (lab_running_) {
    // the comparison's progress and cancel, also in the status bar
    const JobStatus js = dash_.jobs().status();
    ImGui::ProgressBar(float(std::max(0.0, js.fraction)), ImVec2(fs * 10, 0));
    ImGui::SameLine();
    if (ImGui::Button(t(Text::Cancel))) dash_.jobs().cancel();
  } else if (have_scenario && !dash_.busy() && base_rules_[0] && revised_rules_[0]) {
    if (ImGui::Button(t(Text::RunComparison))) run_comparison();
  } else {
    disabled_button(t(Text::RunComparison), t(have_scenario ? Text::Running : Text::NeedsScenario));
  }
  want_diff_ |= edited || rules_diff_for_.empty();
  if (want_diff_ && !dash_.busy() && base_rules_[0] && revised_rules_[0]) {
    want_diff_ = false;
    diff_rules();
  }
}

// The KPI deltas with their 95% CIs, and the counts of tickets decided differently.
void RuleLabWindow::draw_kpis(const sim::CompareResult* r) {
  section(t(Text::KpiDeltas));
  if (ImGui::BeginTable("kpi", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (Text c : {Text::Indicator, Text::Baseline, Text::Revised, Text::Delta, Text::Ci95}) ImGui::TableSetupColumn(t(c));
    ImGui::TableHeadersRow();
    if (!r) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextDisabled("%s", t(Text::NoResults));
    } else {
      for (const KpiRow& k : kpi_rows(*r, lang())) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(k.name.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(estimate_text(k.value.base, k.scale, k.decimals, false).c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(estimate_text(k.value.revised, k.scale, k.decimals, false).c_str());
        ImGui::TableSetColumnIndex(3);
        const sim::Estimate& d = k.value.delta;
        // a delta whose CI excludes 0 is marked
        const bool clear = d.n > 1 && std::abs(d.mean) > d.half_width;
        if (clear) ImGui::TextColored(ImVec4(1, 0.8f, 0.3f, 1), "%+.*f", k.decimals, d.mean * k.scale);
        else ImGui::Text("%+.*f", k.decimals, d.mean * k.scale);
        ImGui::TableSetColumnIndex(4);
        ImGui::Text("[%+.*f, %+.*f]", k.decimals, (d.mean - d.half_width) * k.scale, k.decimals,
                    (d.mean + d.half_width) * k.scale);
      }
    }
    ImGui::EndTable();
  }
  if (r)
    ImGui::TextWrapped("%s %llu, %s %llu (%s %llu, %s %llu, %s %llu)", t(Text::TicketsCompared),
                       static_cast<unsigned long long>(r->compared_count), t(Text::DecidedDifferently),
                       static_cast<unsigned long long>(r->differing_count), t(Text::ChangedRoute),
                       static_cast<unsigned long long>(r->route_changed), t(Text::ChangedUnit),
                       static_cast<unsigned long long>(r->unit_changed), t(Text::ChangedDeadline),
                       static_cast<unsigned long long>(r->deadline_changed));
}

// The tickets decided differently, and both traces of the selected one.
void RuleLabWindow::draw_differing() {
  const auto& rows = lab_->result.differing;
  const float list_h = ImGui::GetContentRegionAvail().y * 0.5f;
  if (ImGui::BeginTable("differing", 6,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingStretchProp,
                        ImVec2(0, list_h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (Text c : {Text::TicketId, Text::Category, Text::District, Text::Change, Text::Baseline, Text::Revised})
      ImGui::TableSetupColumn(t(c));
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const sim::DecidedDifferently& d = rows[i];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      if (ImGui::Selectable(d.ticket_id.c_str(), lab_selected_ == int(i), ImGuiSelectableFlags_SpanAllColumns))
        lab_selected_ = int(i);
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(d.category.c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(d.district.c_str());
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(d.change == "route" ? t(Text::ChangedRoute) : d.change == "unit" ? t(Text::ChangedUnit) : t(Text::ChangedDeadline));
      ImGui::TableSetColumnIndex(4);
      ImGui::TextUnformatted(decided_text(d.base, lang()).c_str());
      ImGui::TableSetColumnIndex(5);
      ImGui::TextUnformatted(decided_text(d.revised, lang()).c_str());
    }
    ImGui::EndTable();
  }
  if (lab_selected_ < 0 || lab_selected_ >= int(rows.size())) return;
  draw_traces(rows[std::size_t(lab_selected_)]);
}

// Both traces of one ticket, side by side.
void RuleLabWindow::draw_traces(const sim::DecidedDifferently& d) {
  if (!ImGui::BeginTable("traces", 2, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY, ImVec2(0, 0))) return;
  auto when = [](Time tm) {  // "2025-01-24 10:00"
    if (tm == kNoTime) return std::string();
    std::string w = format_time(tm).substr(0, 16);
    w[10] = ' ';
    return w;
  };
  auto column = [&](Text title, const sim::DecisionView& v) {
    ImGui::TextColored(ImVec4(0.6f, 0.8f, 1, 1), "%s: %s%s%s", t(title), decided_text(v, lang()).c_str(),
                       v.reply_by == kNoTime ? "" : ", ", when(v.reply_by).c_str());
    for (const TraceStep& s : v.trace) {
      ImGui::PushTextWrapPos(0);
      ImGui::Text("%s%s%s%s %s", s.rule.c_str(), s.row.empty() ? "" : " [", s.row.c_str(), s.row.empty() ? "" : "]",
                  s.clause.c_str());
      if (!s.detail.empty()) ImGui::TextDisabled("  %s", s.detail.c_str());
      ImGui::PopTextWrapPos();
    }
  };
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  column(Text::Baseline, d.base);
  ImGui::TableSetColumnIndex(1);
  column(Text::Revised, d.revised);
  ImGui::EndTable();
}

void RuleLabWindow::draw_rules_diff() {
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
  ImGui::Checkbox(t(Text::ShowUnchanged), &show_unchanged_);
  ImGui::SameLine();
  ImGui::TextWrapped("%s -> %s:  ~%d  +%d  -%d  =%d", d.baseline.c_str(), d.revised.c_str(), d.changed, d.added, d.removed, d.same);
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
    ImGui::TextWrapped("%s", rules::trace_text(r.before, lang() == Lang::Zh).c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::TextWrapped("%s", rules::trace_text(r.after, lang() == Lang::Zh).c_str());
  }
  ImGui::EndTable();
}

}  // namespace hotline::gui
