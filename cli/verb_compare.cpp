// `hotline compare SCENARIO --baseline RULESET --revised RULESET`: the scenario's tickets
// under two rule sets with common random numbers; per-unit and overall deltas with 95% CIs
// (paired over replications) and rank changes. See docs/tickets.md.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "cli/verb.hpp"
#include "core/paths.hpp"
#include "rules/engine.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/report.hpp"
#include "sim/results_db.hpp"
#include "sim/ticket_network.hpp"

namespace {
using namespace hotline;
using namespace hotline::sim;

struct Args {
  std::string scenario, baseline, revised;
  int replications = 10;
  std::uint64_t seed = 1;
  std::string lang = "zh";
  std::string out;
};

std::shared_ptr<const rules::RuleSet> load_rules(const std::string& name) {
  const std::filesystem::path shipped = data_dir() / name;
  return rules::RuleSet::load(std::filesystem::is_directory(shipped) ? shipped : rules::find_ruleset(name));
}

// Per unit id, per replication: counts summed over the months and the rule set's indicators.
struct UnitSample {
  std::vector<double> handled, on_time_rate, satisfaction_rate, composite;
};
struct Side {
  std::map<std::string, UnitSample> units;
  std::vector<double> created, closed, late, on_time_rate, manual;
};

Side collect(const std::vector<TicketRun>& runs, const std::shared_ptr<const rules::RuleSet>& rs) {
  rules::RuleEngine engine(rs);
  Side s;
  const std::size_t n = runs.size();
  for (std::size_t r = 0; r < n; ++r) {
    const TicketNetworkResult& t = runs[r].tickets;
    std::vector<UnitPeriodCounts> sum(rs->org().size());
    for (UnitIndex u = 0; u < sum.size(); ++u) sum[u].unit = u;
    for (const TicketPeriod& p : t.periods)
      for (const UnitPeriodCounts& c : p.units) {
        UnitPeriodCounts& a = sum[c.unit];
        a.handled += c.handled, a.accepted_in_time += c.accepted_in_time, a.resolved += c.resolved;
        a.closed += c.closed, a.on_time += c.on_time, a.late += c.late, a.overdue_open += c.overdue_open;
        a.satisfied += c.satisfied, a.basically_satisfied += c.basically_satisfied, a.unsatisfied += c.unsatisfied;
      }
    std::vector<UnitPeriodCounts> active;
    int handled = 0, on_time = 0, late = 0;
    for (const UnitPeriodCounts& c : sum)
      if (c.handled > 0) active.push_back(c), handled += c.handled, on_time += c.on_time, late += c.late;
    for (const UnitIndicators& in : engine.indicators(active)) {
      UnitSample& u = s.units[rs->org().unit(in.unit).id];
      u.handled.resize(n), u.on_time_rate.resize(n), u.satisfaction_rate.resize(n), u.composite.resize(n);
      u.handled[r] = sum[in.unit].handled;
      u.on_time_rate[r] = in.on_time_rate;
      u.satisfaction_rate[r] = in.satisfaction_rate;
      u.composite[r] = in.composite;
    }
    s.created.push_back(double(t.created));
    s.closed.push_back(double(t.closed));
    s.late.push_back(late);
    s.on_time_rate.push_back(handled ? double(on_time) / handled : 0);
    s.manual.push_back(double(t.manual));
  }
  return s;
}

std::vector<double> diff(const std::vector<double>& b, const std::vector<double>& a) {
  std::vector<double> d(std::max(a.size(), b.size()));
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = (i < b.size() ? b[i] : 0) - (i < a.size() ? a[i] : 0);
  return d;
}
double mean(const std::vector<double>& v) { return estimate(v).mean; }

void run(const Args& a) {
  const ScenarioConfig sc = load_scenario(a.scenario);
  if (!sc.tickets.enabled) throw InputError(sc.file, 0, "tickets", "the scenario has no tickets section (docs/tickets.md)");
  const auto base = load_rules(a.baseline), rev = load_rules(a.revised);
  const bool en = a.lang == "en";
  ExperimentOptions opt;
  opt.replications = a.replications;
  opt.seed = a.seed;
  std::vector<TicketRun> runs[2];
  const std::shared_ptr<const rules::RuleSet>* sets[2] = {&base, &rev};
  for (int k = 0; k < 2; ++k) {
    opt.policy_factory = rules::engine_factory(*sets[k]);
    opt.progress = [k, &sets](int done, int total) {
      std::fprintf(stderr, "\rcompare: %s %d/%d replications   ", (*sets[k])->manifest().id.c_str(), done, total);
      if (done == total) std::fprintf(stderr, "\n");
    };
    runs[k] = run_ticket_replications(sc, opt, (*sets[k])->org(), (*sets[k])->calendar());
  }
  const Side A = collect(runs[0], base), B = collect(runs[1], rev);
  if (!a.out.empty())  // both sides as runs of their own, with their rule set's indicators
    for (int k = 0; k < 2; ++k) {
      ScenarioConfig side = sc;
      side.ruleset = (*sets[k])->folder().string();
      std::vector<RunResult> calls;
      for (const TicketRun& t : runs[k]) calls.push_back(t.calls);
      rules::RuleEngine engine(*sets[k]);
      const TicketTables tables = ticket_tables(runs[k], engine, (*sets[k])->org());
      nlohmann::json j = simulation_json(side, opt, summarize(calls));
      j["compare"] = {{"role", k ? "revised" : "baseline"}, {"baseline", a.baseline}, {"revised", a.revised}};
      const std::int64_t id = write_simulation(a.out, side, opt, calls, j.dump(), &tables);
      std::fprintf(stderr, "compare: wrote the %s as run %lld to %s\n", k ? "revised" : "baseline",
                   static_cast<long long>(id), a.out.c_str());
    }

  // Ranks by mean composite score under each rule set (1 = best).
  auto ranks = [](const Side& s) {
    std::vector<std::pair<double, std::string>> v;
    for (const auto& [id, u] : s.units) v.emplace_back(-mean(u.composite), id);
    std::sort(v.begin(), v.end());
    std::map<std::string, int> r;
    for (std::size_t i = 0; i < v.size(); ++i) r[v[i].second] = int(i) + 1;
    return r;
  };
  const auto ra = ranks(A), rb = ranks(B);
  auto pm = [](const Estimate& e, double scale) {
    char b[64];
    std::snprintf(b, sizeof b, "%+.1f ±%.1f", e.mean * scale, e.half_width * scale);
    return std::string(b);
  };
  std::printf(en ? "Compare %s: baseline %s@%s, revised %s@%s, %d replications, seed %llu (common random numbers)\n\n"
                 : "比较 %s：基准 %s@%s，修订 %s@%s，%d 次重复，种子 %llu（共同随机数）\n\n",
              sc.name.c_str(), base->manifest().id.c_str(), base->revision().c_str(), rev->manifest().id.c_str(),
              rev->revision().c_str(), a.replications, static_cast<unsigned long long>(a.seed));
  std::printf("%-24s %10s %16s %10s %16s %16s %14s %9s\n", en ? "unit" : "单位", en ? "handled" : "承办件数",
              en ? "Δ handled" : "Δ承办", en ? "on-time%" : "按期率%", en ? "Δ on-time pts" : "Δ按期率(点)",
              en ? "Δ satisf. pts" : "Δ满意度(点)", en ? "Δ composite" : "Δ综合得分", en ? "rank" : "排名");
  std::map<std::string, bool> ids;
  for (const auto& [id, u] : A.units) ids[id] = true;
  for (const auto& [id, u] : B.units) ids[id] = true;
  const UnitSample empty{};
  for (const auto& [id, _] : ids) {
    const UnitSample& ua = A.units.count(id) ? A.units.at(id) : empty;
    const UnitSample& ub = B.units.count(id) ? B.units.at(id) : empty;
    const UnitIndex ui = base->org().find_id(id);
    const std::string name = ui != kNoUnit ? base->org().unit(ui).name : id;
    const int rka = ra.count(id) ? ra.at(id) : 0, rkb = rb.count(id) ? rb.at(id) : 0;
    auto rank_text = [](int r) { return r ? std::to_string(r) : std::string("-"); };  // "-": no tickets
    const std::string rank = rank_text(rka) + "→" + rank_text(rkb) + (rka != rkb ? " *" : "");
    std::printf("%-24s %10.1f %16s %10.1f %16s %16s %14s %9s\n", name.c_str(), mean(ua.handled),
                pm(estimate(diff(ub.handled, ua.handled)), 1).c_str(), 100 * mean(ua.on_time_rate),
                pm(estimate(diff(ub.on_time_rate, ua.on_time_rate)), 100).c_str(),
                pm(estimate(diff(ub.satisfaction_rate, ua.satisfaction_rate)), 100).c_str(),
                pm(estimate(diff(ub.composite, ua.composite)), 1).c_str(), rank.c_str());
  }
  std::printf(en ? "\nOverall (revised - baseline, 95%% CI): created %s, closed %s, late %s, on-time rate %s pts, manual %s\n"
                 : "\n总体（修订 - 基准，95%%置信区间）：工单 %s，办结 %s，逾期办结 %s，按期办结率 %s 点，人工派单 %s\n",
              pm(estimate(diff(B.created, A.created)), 1).c_str(), pm(estimate(diff(B.closed, A.closed)), 1).c_str(),
              pm(estimate(diff(B.late, A.late)), 1).c_str(), pm(estimate(diff(B.on_time_rate, A.on_time_rate)), 100).c_str(),
              pm(estimate(diff(B.manual, A.manual)), 1).c_str());
  std::printf(en ? "* rank by composite score changed\n" : "* 按综合得分的排名有变化\n");
}

void setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("compare",
                                 "Run a scenario's tickets under two rule sets with common random numbers; per-unit deltas with 95% CIs");
  cmd->add_option("SCENARIO", a->scenario, "scenario.lua, its folder, or a scenario name (e.g. shangluo-2025-01)")->required();
  cmd->add_option("--baseline", a->baseline, "Baseline rule set (folder or shipped name, e.g. shangluo-2024)")->required();
  cmd->add_option("--revised", a->revised, "Revised rule set (folder or shipped name, e.g. xian-2023)")->required();
  cmd->add_option("--replications,-r", a->replications, "Replications (default 10)")->check(CLI::Range(2, 100000));
  cmd->add_option("--seed", a->seed, "Base random seed (default 1)");
  cmd->add_option("--lang", a->lang, "Report language: zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  cmd->add_option("--out", a->out, "Write both sides (baseline, then revised) as runs to this results SQLite database");
  cmd->callback([a] { run(*a); });
}
HOTLINE_VERB("compare", setup);
}  // namespace
