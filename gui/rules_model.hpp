// View model of the rule lab window (规则实验, no ImGui): a scenario's tickets under a
// baseline and a revised rule set (sim::compare_rulesets, as `hotline compare`): the KPI
// delta table with CIs, the per-unit on-time rates for the chart, the tickets decided
// differently; and the two rule sets compared as data (`hotline rules diff` as a table).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/enums.hpp"
#include "rules/ruleset_diff.hpp"
#include "sim/compare.hpp"

namespace hotline::gui {

struct RuleDiffTable {
  std::string baseline, revised;  // "id@revision"
  std::vector<rules::ParameterDiff> rows;  // every parameter, sorted by name
  int changed = 0, added = 0, removed = 0, same = 0;
};

// Loads both sets (a folder or a shipped name; their tests are not run) and diffs their
// parameters. Throws InputError naming the set's file:line when one does not load.
RuleDiffTable diff_rulesets(const std::string& baseline, const std::string& revised);

struct RuleLabRun {
  std::string scenario;
  std::string baseline, revised;  // "id@revision"
  std::string baseline_id, revised_id;  // rule set ids (shipped names)
  std::int64_t stored_id = 0;     // a comparison read from a results database (0: run here)
  sim::CompareResult result;
};

// The newest comparison stored in a results database by `hotline compare --out`; none when
// it holds none. Throws std::runtime_error naming the file when it cannot be read.
std::optional<RuleLabRun> stored_comparison(const std::filesystem::path& db);

// Loads the scenario and both rule sets (folders or shipped names; their tests run, as in
// `hotline compare`) and compares them with common random numbers. `progress` gets 0..1;
// a stop request makes it throw sim::Cancelled. Throws InputError for a scenario without
// tickets or a rule set that does not load.
RuleLabRun run_rule_lab(const std::string& scenario, const std::string& baseline, const std::string& revised,
                        int replications, const std::function<void(double)>& progress, std::stop_token stop);

// A row of the KPI delta table: the paired estimate shown in `unit` (x scale).
struct KpiRow {
  std::string name;
  sim::PairedEstimate value;
  double scale = 1;   // 100 for rates shown in percent / points
  int decimals = 1;
};
std::vector<KpiRow> kpi_rows(const sim::CompareResult& r, Lang lang);
// "+1.2 ±0.8" / "12.0 ±1.1": mean and the 95% half width, scaled.
std::string estimate_text(const sim::Estimate& e, double scale, int decimals, bool sign);

// The per-unit chart: the units with tickets under either set, most handled first (at most
// `limit`), with their mean on-time rates (NaN where the set gave the unit no tickets).
struct UnitRates {
  std::vector<std::string> names;
  std::vector<double> x, base, revised;  // x = 0, 1, ...
};
UnitRates unit_rates(const sim::CompareResult& r, std::size_t limit);

// "工单"/"ticket": a DecisionView's route in the UI language; the lead unit or the route.
inline std::string decided_text(const sim::DecisionView& v, Lang lang) { return sim::decided_label(v, lang == Lang::En); }

}  // namespace hotline::gui
