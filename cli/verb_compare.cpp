// `hotline compare SCENARIO --baseline RULESET --revised RULESET`: the scenario's tickets
// under two rule sets with common random numbers (sim/compare.hpp); per-unit and overall
// deltas with 95% CIs (paired over replications), rank changes, and a sample of tickets
// decided differently with both traces. See docs/tickets.md, "Comparing rule sets".
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/outputs.hpp"
#include "cli/progress.hpp"
#include "cli/verb.hpp"
#include "core/paths.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/scenario_loader.hpp"
#include "rules/trace_text.hpp"
#include "sim/compare.hpp"
#include "sim/report.hpp"
#include "sim/results_db.hpp"

namespace {
using namespace hotline;
using namespace hotline::sim;

struct Args {
  std::string scenario, baseline, revised;
  int replications = 10;
  std::uint64_t seed = 1;
  int sample = 20;
  int traces = 3;
  bool show_traces = false;
  std::string lang = "zh";
  std::string out;
};

// Loads one side; a rule set that fails to load or its tests stops the command with its
// problems and a last line saying that nothing was compared.
std::shared_ptr<const rules::RuleSet> load_rules(const std::string& name, const char* option) {
  try {
    return rules::load_rule_set(rules::find_ruleset(name));
  } catch (const InputError& e) {
    std::vector<InputProblem> problems = e.problems();
    problems.push_back({option, 0, "", "the comparison was not run: rule set '" + name +
                                           "' does not load or fails its tests (problems above)"});
    throw InputError(std::move(problems));
  }
}

CompareSide side_of(const std::shared_ptr<const rules::RuleSet>& rs) {
  return {rs->manifest().id, rs->revision(), rs->folder().string(), rules::engine_factory(rs), &rs->org(),
          &rs->calendar()};
}

std::string pm(const Estimate& e, double scale) {
  char b[64];
  double mean = std::round(e.mean * scale * 10) / 10;
  if (mean == 0) mean = 0;  // a delta that rounds to zero prints as +0.0, never -0.0
  std::snprintf(b, sizeof b, "%+.1f ±%.1f", mean, e.half_width * scale);
  return b;
}

std::string when(Time t) {  // "2025-01-24 10:00"
  if (t == kNoTime) return "-";
  std::string s = format_time(t).substr(0, 16);
  s[10] = ' ';
  return s;
}

void print_trace(const char* title, const std::vector<TraceStep>& trace, bool en) {
  std::printf("    %s\n", title);
  if (trace.empty()) std::printf("      -\n");
  for (const TraceStep& s : trace)
    std::printf("      %s%s%s%s%s%s%s\n", s.rule.c_str(), s.row.empty() ? "" : " [", rules::trace_text(s.row, !en).c_str(),
                s.row.empty() ? "" : "]", s.clause.empty() ? "" : " ", s.clause.c_str(),
                (s.detail.empty() ? std::string() : ": " + rules::trace_text(s.detail, !en)).c_str());
}

void print_units(const CompareResult& r, bool en) {
  std::printf("%s %10s %16s %10s %16s %16s %14s %9s\n", pad(en ? "unit" : "单位", 24, false).c_str(),
              en ? "handled" : "承办件数", en ? "Δ handled" : "Δ承办", en ? "on-time%" : "按期率%",
              en ? "Δ on-time pts" : "Δ按期率(点)", en ? "Δ satisf. pts" : "Δ满意度(点)",
              en ? "Δ composite" : "Δ综合得分", en ? "rank" : "排名");
  auto rank_text = [](int k) { return k ? std::to_string(k) : std::string("-"); };  // "-": no tickets
  for (const UnitDelta& u : r.units) {
    const std::string rank =
        rank_text(u.rank_base) + "→" + rank_text(u.rank_revised) + (u.rank_base != u.rank_revised ? " *" : "");
    std::printf("%s %10.1f %16s %10.1f %16s %16s %14s %9s\n", pad(u.name, 24, false).c_str(), u.handled.base.mean,
                pm(u.handled.delta, 1).c_str(), 100 * u.on_time_rate.base.mean, pm(u.on_time_rate.delta, 100).c_str(),
                pm(u.satisfaction_rate.delta, 100).c_str(), pm(u.composite.delta, 1).c_str(), rank.c_str());
  }
  const OverallDelta& o = r.overall;
  std::printf(en ? "\nOverall (revised - baseline, 95%% CI): created %s, closed %s, late %s, on-time rate %s pts, manual %s\n"
                 : "\n总体（修订 - 基准，95%%置信区间）：工单 %s，办结 %s，逾期办结 %s，按期办结率 %s 点，人工派单 %s\n",
              pm(o.created.delta, 1).c_str(), pm(o.closed.delta, 1).c_str(), pm(o.late.delta, 1).c_str(),
              pm(o.on_time_rate.delta, 100).c_str(), pm(o.manual.delta, 1).c_str());
  std::printf(en ? "* rank by composite score changed (a rank also moves when only other units' scores change)\n"
                 : "* 按综合得分的排名有变化（本单位得分不变而其他单位变化时，排名也会变）\n");
}

void print_differing(const CompareResult& r, const CompareSide& base, const CompareSide& rev, const Args& a, bool en) {
  const double share = r.compared_count ? 100.0 * double(r.differing_count) / double(r.compared_count) : 0;
  std::printf(en ? "\nTickets decided differently (replication 1): %llu of %llu compared (%.1f%%)"
                 : "\n处理不同的工单（第 1 次重复）：比较 %llu 件中 %llu 件不同（%.1f%%）",
              static_cast<unsigned long long>(en ? r.differing_count : r.compared_count),
              static_cast<unsigned long long>(en ? r.compared_count : r.differing_count), share);
  if (r.unmatched_count)
    std::printf(en ? "; %llu tickets under one rule set only" : "；%llu 件仅在一方出现",
                static_cast<unsigned long long>(r.unmatched_count));
  auto u = [](std::uint64_t v) { return static_cast<unsigned long long>(v); };
  std::printf(en ? "\n  route changed %llu, lead unit changed %llu, reply deadline only %llu\n"
                 : "\n  其中受理方式不同 %llu 件，主办单位不同 %llu 件，仅办理时限不同 %llu 件\n",
              u(r.route_changed), u(r.unit_changed), u(r.deadline_changed));
  std::printf(en ? "A sample of %zu (route and unit changes first, in arrival order):\n"
                 : "抽样 %zu 件（先列受理方式或主办单位不同的，按到达顺序）：\n",
              r.differing.size());
  if (r.differing.empty()) return;
  std::printf("%s %s %s %s %s\n", pad(en ? "ticket" : "工单", 10, false).c_str(),
              pad(en ? "category" : "类别", 14, false).c_str(), pad(en ? "place" : "地点", 10, false).c_str(),
              pad(en ? "baseline unit → revised unit" : "基准单位 → 修订单位", 44, false).c_str(),
              en ? "baseline deadline → revised deadline" : "基准办理时限 → 修订办理时限");
  for (const DecidedDifferently& d : r.differing)
    std::printf("%s %s %s %s %s → %s\n", pad(d.ticket_id, 10, false).c_str(), pad(d.category, 14, false).c_str(),
                pad(d.district, 10, false).c_str(),
                pad(decided_label(d.base, en) + " → " + decided_label(d.revised, en), 44, false).c_str(),
                when(d.base.reply_by).c_str(), when(d.revised.reply_by).c_str());
  const std::size_t n = a.show_traces ? r.differing.size() : std::min(r.differing.size(), std::size_t(std::max(0, a.traces)));
  for (std::size_t i = 0; i < n; ++i) {
    const DecidedDifferently& d = r.differing[i];
    std::printf(en ? "\n  %s (created %s): traces\n" : "\n  %s（创建于 %s）的决策依据：\n", d.ticket_id.c_str(),
                when(d.created).c_str());
    print_trace(((en ? "baseline " : "基准 ") + base.id + ":").c_str(), d.base.trace, en);
    print_trace(((en ? "revised " : "修订 ") + rev.id + ":").c_str(), d.revised.trace, en);
  }
}

void run(const Args& a) {
  const ScenarioConfig sc = load_scenario(a.scenario);
  if (!sc.tickets.enabled) throw InputError(sc.file, 0, "tickets", "the scenario has no tickets section (docs/tickets.md)");
  cli::check_results_out(a.out, sc);  // before the comparison runs, not after it
  const auto base_rules = load_rules(a.baseline, "--baseline"), rev_rules = load_rules(a.revised, "--revised");
  const CompareSide base = side_of(base_rules), rev = side_of(rev_rules);
  const bool en = a.lang == "en";
  CompareOptions opt;
  opt.replications = a.replications;
  opt.seed = a.seed;
  opt.diff_sample = a.sample;
  hotline::cli::Progress progress("compare");
  const int step = progress.tty() ? 1 : 10;  // whole lines in a log: every 10%
  const std::string what = base.id + " vs " + rev.id + ", " + std::to_string(a.replications) + " replications each: ";
  opt.progress = [&](double f) {
    progress.show(what + std::to_string(int(f * 100) / step * step) + "%");
    if (f >= 1) progress.finish();
  };
  const CompareResult r = compare_rulesets(sc, base, rev, opt);
  if (!a.out.empty()) {  // both sides as runs, the comparison and its differing tickets, one transaction
    const StoredComparison c = write_comparison(a.out, sc, base, rev, r);
    std::fprintf(stderr, "compare: wrote comparison %lld (baseline run %lld, revised run %lld) to %s\n",
                 static_cast<long long>(c.id), static_cast<long long>(c.base_run), static_cast<long long>(c.revised_run),
                 a.out.c_str());
  }

  std::printf(en ? "Compare %s: baseline %s@%s, revised %s@%s, %d replications, seed %llu (common random numbers)\n\n"
                 : "比较 %s：基准 %s@%s，修订 %s@%s，%d 次重复，种子 %llu（共同随机数）\n\n",
              sc.name.c_str(), base.id.c_str(), base.revision.c_str(), rev.id.c_str(), rev.revision.c_str(),
              a.replications, static_cast<unsigned long long>(a.seed));
  print_units(r, en);
  print_differing(r, base, rev, a, en);
}

void setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "compare",
      "Run a scenario's tickets under two rule sets with common random numbers; per-unit deltas with 95% CIs and "
      "a sample of tickets decided differently, with both rule traces");
  cmd->add_option("SCENARIO", a->scenario, "scenario.lua, its folder, or a scenario name (e.g. shangluo-2025-01)")->required();
  cmd->add_option("--baseline", a->baseline, "Baseline rule set (folder or shipped name, e.g. shangluo-2024)")->required();
  cmd->add_option("--revised", a->revised, "Revised rule set (folder or shipped name, e.g. xian-2023)")->required();
  cmd->add_option("--replications,-r", a->replications, "Replications (default 10)")->check(CLI::Range(2, 100000));
  cmd->add_option("--seed", a->seed, "Base random seed (default 1)");
  cmd->add_option("--sample", a->sample,
                  "Tickets decided differently to list, from replication 1 in arrival order (default 20)")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--traces", a->traces, "Of those, how many to print with both rule traces (default 3)")
      ->check(CLI::Range(0, 100000));
  cmd->add_flag("--show-traces", a->show_traces, "Print both rule traces for every listed ticket");
  cmd->add_option("--lang", a->lang, "Report language: zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  cmd->add_option("--out", a->out,
                  "Store the comparison in this results SQLite database: both sides as runs (baseline, then revised), "
                  "the per-unit deltas and the sampled differing tickets with their traces");
  cmd->callback([a] { run(*a); });
}
HOTLINE_VERB("compare", setup);
}  // namespace
