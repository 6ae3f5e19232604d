// The live engine window (规则引擎): the production rule set loaded beside the results with
// its path, revision and load time; automatic reload when a file changes (validated and
// tested first, else the old set keeps running and the diagnostics show file:line); a
// ticket form giving the decision, deadlines and full trace; the set's test results
// [SL24 §12 dispatch and time limits].
#include "gui/window_engine.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/paths.hpp"
#include "core/time.hpp"
#include "gui/widgets.hpp"
#include "rules/scenario_loader.hpp"
#include "rules/trace_text.hpp"

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

std::string clock_time(std::chrono::system_clock::time_point tp) {
  return format_time(Time(std::chrono::duration_cast<std::chrono::seconds>(tp.time_since_epoch()).count()));
}
std::string show_time(api::Time t) { return t == api::no_time ? "-" : api::format_time(t); }
std::string unit_label(const std::optional<api::Unit>& u) { return u ? u->name + " (" + u->id + ")" : "-"; }
std::string unit_labels(const std::vector<api::Unit>& v) {
  std::string s;
  for (const api::Unit& u : v) s += (s.empty() ? "" : ", ") + unit_label(u);
  return s.empty() ? std::string("-") : s;
}
const ImVec4 kRed(1, 0.4f, 0.4f, 1), kGreen(0.4f, 0.85f, 0.4f, 1);

// A two-column key/value table row.
void kv(const char* key, const std::string& value, const ImVec4* colour = nullptr) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextUnformatted(key);
  ImGui::TableSetColumnIndex(1);
  if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
  ImGui::TextWrapped("%s", value.c_str());
  if (colour) ImGui::PopStyleColor();
}
}  // namespace

std::unique_ptr<Window> make_engine_window(Dashboard& dash) { return std::make_unique<EngineWindow>(dash); }

EngineWindow::EngineWindow(Dashboard& dash) : Window(dash, View::Engine, Text::ViewEngine) {
  const DashboardOptions& o = dash_.options();
  std::string rules = o.rules;
  if (rules.empty() && !o.scenario.empty()) {
    try {
      rules = (data_dir() / load_scenario(o.scenario).ruleset).string();
    } catch (const std::exception& e) {
      engine_error_ = e.what();
    }
  }
  engine_ = std::make_unique<LiveEngine>(rules.empty() ? "shangluo-2024" : rules);
}

void EngineWindow::start() { engine_->poll(); }

bool EngineWindow::busy() const {
  const DashboardOptions& o = dash_.options();
  return (o.only_view && o.replay && (!replay_started_ || replay_.running())) || (engine_ && engine_->loading());
}

void EngineWindow::poll() {
  const DashboardOptions& o = dash_.options();
  if (o.replay && !replay_started_ && engine_ && engine_->current()) {
    const std::string& scenario = dash_.scenario();
    replay_started_ = true;
    if (!scenario.empty()) replay_.start(scenario, engine_->current()->info.folder, o.only_view ? 1 : 0);
  }
  if (!engine_ || !engine_->poll()) return;
  decide_form();  // a reload: decide the form again with the new set
  if (!engine_->diagnostics().empty()) {
    std::fprintf(stderr, "hotline: rule set %s not loaded%s:\n", engine_->folder().c_str(),
                 engine_->current() ? " (the previous revision keeps running)" : "");
    for (const std::string& d : engine_->diagnostics()) std::fprintf(stderr, "  %s\n", d.c_str());
  } else if (const LoadedRules* cur = engine_->current()) {
    std::fprintf(stderr, "hotline: rule set %s loaded, revision %s\n", engine_->folder().c_str(),
                 cur->info.revision.c_str());
  }
}

void EngineWindow::decide_form() {
  decision_.reset();
  if (!engine_ || !engine_->current() || form_category_[0] == 0) return;
  TicketForm f;
  f.type = RequestType(form_type_);
  f.urgency = Urgency(form_urgency_);
  f.category = form_category_;
  f.district = form_district_;
  f.street = form_street_;
  f.enterprise = form_enterprise_;
  f.created = Time(std::time(nullptr));
  try {
    decision_ = engine_->decide(f);
  } catch (const api::Error& e) {  // a form the engine refuses: shown as the decision's error
    decision_ = api::Decision{};
    decision_->manual = true;
    decision_->error = e.what();
  }
  decided_revision_ = engine_->current()->info.revision;
}

void EngineWindow::draw() {
  if (begin()) {
    const LoadedRules* cur = engine_ ? engine_->current() : nullptr;
    draw_rule_set(cur);
    ImGui::BeginChild("form", ImVec2(ImGui::GetContentRegionAvail().x * 0.35f, 0), true);
    draw_form(cur);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("result", ImVec2(0, 0), true);
    draw_decision();
    draw_tests(cur);
    ImGui::EndChild();
  }
  ImGui::End();
}

// The rule set's path, revision, load time and reloads; why it is not loaded.
void EngineWindow::draw_rule_set(const LoadedRules* cur) {
  if (ImGui::BeginTable("ruleset", 2, ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("v");
    const std::string none = engine_ && engine_->loading() ? t(Text::Loading) : t(Text::NoRuleSet);
    kv(t(Text::RuleSetPath), engine_ ? engine_->folder().string() : none);
    kv(t(Text::Revision), cur ? cur->info.id + " " + cur->info.version + " @ " + cur->info.revision : none);
    kv(t(Text::LoadedAt), cur ? clock_time(cur->loaded_at) : none);
    if (engine_)
      kv(t(Text::Reloads), std::to_string(engine_->reloads()) + ", " + t(Text::JobFailed) + " " +
                               std::to_string(engine_->failures()));
    ImGui::EndTable();
  }
  if (!engine_error_.empty()) ImGui::TextColored(kRed, "%s", engine_error_.c_str());
  if (engine_ && !engine_->diagnostics().empty()) {
    ImGui::TextColored(kRed, "%s %s", t(cur ? Text::ReloadFailed : Text::LoadFailed), clock_time(engine_->failed_at()).c_str());
    for (const std::string& d : engine_->diagnostics()) ImGui::TextColored(kRed, "  %s", d.c_str());
  }
}

// The ticket form, decided again on every change, and the replay switch.
void EngineWindow::draw_form(const LoadedRules* cur) {
  section(t(Text::TicketForm));
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 6);
  bool changed = false;
  const int type = form_type_, urgency = form_urgency_;
  enum_combo<RequestType>(label(Text::RequestTypeLabel, "type").c_str(), &form_type_, lang());
  changed |= ImGui::InputText(label(Text::Category, "cat").c_str(), form_category_, sizeof form_category_);
  changed |= ImGui::InputText(label(Text::District, "district").c_str(), form_district_, sizeof form_district_);
  changed |= ImGui::InputText(label(Text::Street, "street").c_str(), form_street_, sizeof form_street_);
  changed |= ImGui::Checkbox(label(Text::Enterprise, "ent").c_str(), &form_enterprise_);
  enum_combo<Urgency>(label(Text::UrgencyLabel, "urg").c_str(), &form_urgency_, lang());
  changed |= type != form_type_ || urgency != form_urgency_;
  ImGui::PopItemWidth();
  if (cur) {
    if (ImGui::Button(t(Text::Decide)) || changed || (!decision_ && decided_revision_.empty())) decide_form();
  } else {
    disabled_button(t(Text::Decide), t(Text::NoRuleSet));
  }
  ImGui::Spacing();
  section(t(Text::Replay));
  draw_replay();
}

// The form's decision: intake and units, the deadlines, the full trace.
void EngineWindow::draw_decision() {
  section(t(Text::Decision));
  if (!decision_) {
    ImGui::TextDisabled("%s", t(Text::NoRuleSet));
  } else if (ImGui::BeginTable("decision", 2, ImGuiTableFlags_BordersInnerV)) {
    const api::Decision& d = *decision_;
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("v");
    kv(t(Text::Intake), d.route + (d.target.empty() ? "" : " -> " + d.target));
    if (d.manual) kv(t(Text::ManualDispatch), d.error, &kRed);
    kv(t(Text::Lead), unit_label(d.lead));
    kv(t(Text::CoUnits), unit_labels(d.co));
    kv(t(Text::Copied), unit_labels(d.copied));
    kv(t(Text::Revision), d.revision);
    ImGui::EndTable();
  }
  section(t(Text::Deadlines));
  if (decision_ && ImGui::BeginTable("deadlines", 2, ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("v");
    kv(t(Text::AcceptBy), show_time(decision_->accept_by));
    kv(t(Text::ReturnBy), show_time(decision_->return_by));
    kv(t(Text::ReplyBy), show_time(decision_->reply_by));
    ImGui::EndTable();
  }
  section(t(Text::Trace));
  if (decision_ && ImGui::BeginTable("trace", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("rule");
    ImGui::TableSetupColumn("clause");
    ImGui::TableSetupColumn("row");
    ImGui::TableSetupColumn("detail");
    const bool zh = lang() == Lang::Zh;
    for (const api::TraceStep& step : decision_->trace) {
      ImGui::TableNextRow();
      const std::string cells[] = {step.rule, step.clause, rules::trace_text(step.row, zh), rules::trace_text(step.detail, zh)};
      for (int c = 0; c < 4; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::TextWrapped("%s", cells[c].c_str());
      }
    }
    ImGui::EndTable();
  }
}

// The rule set's own tests: the counts, and every case (only visible rows drawn).
void EngineWindow::draw_tests(const LoadedRules* cur) {
  section(t(Text::RuleTests));
  if (!cur) {
    ImGui::TextDisabled("%s", t(Text::NoRuleSet));
    return;
  }
  int passed = 0;
  for (const auto& r : cur->tests) passed += r.passed;
  ImGui::TextColored(passed == int(cur->tests.size()) ? kGreen : kRed, "%d %s, %d %s", passed, t(Text::TestsPassed),
                     int(cur->tests.size()) - passed, t(Text::TestsFailed));
  if (!ImGui::BeginTable("tests", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
                         ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 8)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("file:line", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("test");
  ImGui::TableHeadersRow();
  ImGuiListClipper clip;
  clip.Begin(int(cur->tests.size()));
  while (clip.Step())
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const auto& r = cur->tests[std::size_t(i)];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextColored(r.passed ? kGreen : kRed, "%s", r.passed ? "PASS" : "FAIL");
      ImGui::TableSetColumnIndex(1);
      ImGui::Text("%s:%d", r.file.c_str(), r.line);
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted((r.name + (r.passed ? "" : ": " + r.message)).c_str());
    }
  ImGui::EndTable();
}

// The replay switch: the scenario's tickets through the running rule set, live counts.
void EngineWindow::draw_replay() {
  const std::string& scenario = dash_.scenario();
  const LoadedRules* cur = engine_ ? engine_->current() : nullptr;
  bool on = replay_.running();
  if (scenario.empty() || (!cur && !on)) {
    ImGui::BeginDisabled();
    ImGui::Checkbox(label(Text::Replay, "replay").c_str(), &on);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s", t(scenario.empty() ? Text::NeedsScenario : Text::NoRuleSet));
  } else if (ImGui::Checkbox(label(Text::Replay, "replay").c_str(), &on)) {
    if (on) replay_.start(scenario, cur->info.folder);
    else replay_.stop();
  }
  const ReplayStats s = replay_.stats();
  if (!s.running && s.decisions == 0 && s.failure.empty()) return;
  ImGui::SameLine(0, 20);
  ImGui::TextDisabled("%s %s, %s %d", t(Text::Revision), s.revision.c_str(), t(Text::Passes), s.passes);
  const double rate = replay_.rate(std::chrono::steady_clock::now());
  if (ImGui::BeginTable("replay", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) {
    for (Text c : {Text::DecisionsPerSecond, Text::Decisions, Text::ManualDispatch, Text::RuleErrors}) ImGui::TableSetupColumn(t(c));
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    // while running the last half second's rate, then the whole replay's
    ImGui::Text("%.0f", s.running ? rate : s.seconds > 0 ? double(s.decisions) / s.seconds : 0.0);
    ImGui::TableSetColumnIndex(1);
    ImGui::Text("%llu", static_cast<unsigned long long>(s.decisions));
    ImGui::TableSetColumnIndex(2);
    ImGui::Text("%llu", static_cast<unsigned long long>(s.manual));
    ImGui::TableSetColumnIndex(3);
    if (s.errors) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%llu", static_cast<unsigned long long>(s.errors));
    else ImGui::TextColored(ImVec4(0.35f, 0.85f, 0.4f, 1), "0");
    ImGui::EndTable();
  }
  ImGui::PushTextWrapPos(0);
  for (const std::string& e : s.recent_errors) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", e.c_str());
  if (!s.failure.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", s.failure.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace hotline::gui
