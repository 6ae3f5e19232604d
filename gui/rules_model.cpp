// The rule lab's view model: the comparison, its tables and chart data, the rule diff table.
#include "gui/rules_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/error.hpp"
#include "gui/bulletin_model.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/results_db.hpp"

namespace hotline::gui {

RuleDiffTable diff_rulesets(const std::string& baseline, const std::string& revised) {
  rules::LoadOptions lo;
  lo.run_tests = false;
  auto a = rules::load_rule_set(rules::find_ruleset(baseline), lo);
  auto b = rules::load_rule_set(rules::find_ruleset(revised), lo);
  RuleDiffTable t;
  t.baseline = a->manifest().id + "@" + a->revision();
  t.revised = b->manifest().id + "@" + b->revision();
  t.rows = rules::diff_parameters(*a, *b);
  using Change = rules::ParameterDiff::Change;
  for (const auto& r : t.rows)
    ++(r.change == Change::Changed ? t.changed : r.change == Change::Added ? t.added : r.change == Change::Removed ? t.removed : t.same);
  return t;
}

RuleLabRun run_rule_lab(const std::string& scenario, const std::string& baseline, const std::string& revised,
                        int replications, const std::function<void(double)>& progress, std::stop_token stop) {
  const ScenarioConfig sc = load_scenario(scenario);
  if (!sc.tickets.enabled) throw InputError(sc.file, 0, "tickets", "the scenario has no tickets section (docs/tickets.md)");
  const auto a = rules::load_rule_set(ruleset_folder(baseline));
  const auto b = rules::load_rule_set(ruleset_folder(revised));
  auto side = [](const std::shared_ptr<const rules::RuleSet>& rs) {
    return sim::CompareSide{rs->manifest().id, rs->revision(), rs->folder().string(), rules::engine_factory(rs),
                            &rs->org(), &rs->calendar()};
  };
  sim::CompareOptions o;
  o.replications = replications;
  o.progress = progress;
  o.stop = std::move(stop);
  RuleLabRun run;
  run.scenario = sc.name;
  run.baseline = a->manifest().id + "@" + a->revision();
  run.revised = b->manifest().id + "@" + b->revision();
  run.baseline_id = a->manifest().id;
  run.revised_id = b->manifest().id;
  run.result = sim::compare_rulesets(sc, side(a), side(b), o);
  run.result.runs = {};  // the raw runs are not shown; keep the memory free
  return run;
}

std::optional<RuleLabRun> stored_comparison(const std::filesystem::path& db) {
  const auto all = sim::read_comparisons(db);
  if (all.empty()) return std::nullopt;
  sim::ComparisonRecord rec = sim::read_comparison(db, all.front().id);
  RuleLabRun run;
  run.scenario = rec.info.scenario;
  run.baseline = rec.info.base_ruleset + "@" + rec.info.base_revision;
  run.revised = rec.info.revised_ruleset + "@" + rec.info.revised_revision;
  run.baseline_id = rec.info.base_ruleset;
  run.revised_id = rec.info.revised_ruleset;
  run.stored_id = rec.info.id;
  run.result = std::move(rec.result);
  return run;
}

std::vector<KpiRow> kpi_rows(const sim::CompareResult& r, Lang lang) {
  const bool zh = lang == Lang::Zh;
  const sim::OverallDelta& o = r.overall;
  return {KpiRow{zh ? "工单数" : "Tickets created", o.created, 1, 1},
          KpiRow{zh ? "办结数" : "Tickets closed", o.closed, 1, 1},
          KpiRow{zh ? "逾期办结数" : "Closed late", o.late, 1, 1},
          KpiRow{zh ? "按期办结率（%）" : "On-time rate (%)", o.on_time_rate, 100, 2},
          KpiRow{zh ? "人工派单数" : "Manual dispatches", o.manual, 1, 1}};
}

std::string estimate_text(const sim::Estimate& e, double scale, int decimals, bool sign) {
  char buf[64];
  if (sign) std::snprintf(buf, sizeof buf, "%+.*f ±%.*f", decimals, e.mean * scale, decimals, e.half_width * scale);
  else std::snprintf(buf, sizeof buf, "%.*f ±%.*f", decimals, e.mean * scale, decimals, e.half_width * scale);
  return buf;
}

UnitRates unit_rates(const sim::CompareResult& r, std::size_t limit) {
  std::vector<const sim::UnitDelta*> units;
  for (const sim::UnitDelta& u : r.units)
    if (u.rank_base || u.rank_revised) units.push_back(&u);
  auto load = [](const sim::UnitDelta* u) { return u->handled.base.mean + u->handled.revised.mean; };
  std::stable_sort(units.begin(), units.end(), [&](auto* a, auto* b) { return load(a) > load(b); });
  if (units.size() > limit) units.resize(limit);
  UnitRates out;
  for (const sim::UnitDelta* u : units) {
    out.x.push_back(double(out.names.size()));
    out.names.push_back(u->name);
    out.base.push_back(u->rank_base ? u->on_time_rate.base.mean : NAN);
    out.revised.push_back(u->rank_revised ? u->on_time_rate.revised.mean : NAN);
  }
  return out;
}

}  // namespace hotline::gui
