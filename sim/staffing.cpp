// The staffing planner: Erlang A start, then simulation-driven add/remove rounds with common
// random numbers (the same replication seeds every round, so a change in the plan is the
// only change between rounds).
#include "sim/staffing.hpp"

#include <algorithm>
#include <cmath>

#include "sim/erlang.hpp"

namespace hotline::sim {

namespace {

using Grid = std::vector<std::array<int, kSkills>>;

struct CellResult {
  Estimate answer_rate, service_level;
};

// How far the cell is above its target (negative: below), the worse of the two targets.
double margin(const StaffingTarget& t, const CellResult& c) {
  double m = 1;
  if (t.answer_rate) m = std::min(m, c.answer_rate.mean - *t.answer_rate);
  if (t.service_level) m = std::min(m, c.service_level.mean - *t.service_level);
  return m;
}
bool meets(const StaffingTarget& t, const CellResult& c) { return margin(t, c) >= 0; }
// Agents to add to a failing cell or to try removing from one with slack: about the share
// of agents the margin represents (a large centre moves in large steps), at least one.
int step(int agents, double margin, double damping) {
  return std::max(1, int(std::floor(agents * std::abs(margin) * damping)));
}

ScenarioConfig one_day(const ScenarioConfig& sc, Time day, DayType type, const Grid& agents) {
  ScenarioConfig c = sc;
  c.start = day;
  c.days = 1;
  c.shifts.clear();
  for (int s = 0; s < kSkills; ++s) {
    std::vector<int>& a = c.skills[std::size_t(s)].agents[std::size_t(type)];
    a.resize(agents.size());
    for (std::size_t i = 0; i < agents.size(); ++i) a[i] = agents[i][std::size_t(s)];
  }
  return c;
}

Grid erlang_start(const ScenarioConfig& sc, DayType type, const StaffingTarget& t) {
  const int ipd = sc.intervals_per_day();
  Grid g(std::size_t(ipd), std::array<int, kSkills>{});
  double shares = 0;
  for (const SkillConfig& k : sc.skills) shares += k.share;
  const double reach = 1 - sc.self_service_share - sc.ivr_hangup_share;
  const double wrap = sc.wrap.kind == DurationSpec::Kind::Empirical || sc.wrap.mean > 0 ? sc.wrap.mean : 0;
  for (int s = 0; s < kSkills; ++s) {
    const SkillConfig& k = sc.skills[std::size_t(s)];
    if (k.share <= 0) continue;
    ErlangInput in;
    in.aht_s = k.talk.mean + wrap * sc.wrap_multiplier;
    if (k.talk.kind == DurationSpec::Kind::Empirical && !k.talk.data.empty()) {
      double sum = 0;
      for (double v : k.talk.data) sum += v;
      in.aht_s = sum / double(k.talk.data.size()) + wrap * sc.wrap_multiplier;
    }
    in.threshold_s = t.sl_threshold_s;
    in.patience_s = sc.patience.mean;  // the exponential approximation of the patience
    for (int i = 0; i < ipd; ++i) {
      const double calls = sc.profile_for(type)[std::size_t(i)] * sc.scale * reach * k.share / shares;
      if (calls <= 0 || in.aht_s <= 0) continue;
      in.arrival_rate = calls / sc.interval_s;
      g[std::size_t(i)][std::size_t(s)] = min_agents(in, ErlangTarget{t.answer_rate, t.service_level});
    }
  }
  return g;
}

double hours(const Grid& g, int interval_s) {
  double h = 0;
  for (const auto& row : g)
    for (int a : row) h += a * interval_s / 3600.0;
  return h;
}

}  // namespace

StaffingPlan plan_staffing(const ScenarioConfig& sc, const StaffingTarget& target, const ExperimentOptions& options,
                           int max_iterations, const std::function<void(DayType, int)>& progress) {
  StaffingPlan plan;
  plan.target = target;
  ExperimentOptions opt = options;
  opt.drain = true;
  const int ipd = sc.intervals_per_day();
  // Day types from the national calendar, as the simulator sees them (RunOptions::calendar).
  const std::vector<DayType> types = sc.day_types(WorkCalendar::national_shared());
  for (std::size_t ti = 0; ti < std::size_t(DayType::Count); ++ti) {
    const DayType type = DayType(ti);
    // The first day of this type in the horizon.
    Time day = kNoTime;
    for (int d = 0; d < sc.days && day == kNoTime; ++d)
      if (types[std::size_t(d)] == type) day = cst_midnight(cst_day(sc.start) + d);
    if (day == kNoTime) continue;
    DayPlan dp;
    dp.type = type;
    dp.day = day;
    dp.erlang_start = erlang_start(sc, type, target);
    Grid agents = dp.erlang_start;
    using Flags = std::vector<std::array<bool, kSkills>>;
    using Cells = std::vector<std::array<CellResult, kSkills>>;
    Flags locked(static_cast<std::size_t>(ipd), std::array<bool, kSkills>{});
    Cells cells(static_cast<std::size_t>(ipd));
    std::vector<RunResult> runs, best_runs;
    Grid best, before_removal;
    Cells best_cells;
    bool removing = false;
    bool fine = false;  // second pass: one agent at a time, every cell unlocked again
    // From the best plan, removes agents wherever a cell is not locked, in proportion to
    // its slack (first pass) or one at a time (second pass). False when every cell is
    // locked in the second pass (the search is over).
    auto try_removal = [&] {
      for (;;) {
        agents = best;
        before_removal = best;
        bool any = false;
        for (int i = 0; i < ipd; ++i)
          for (int s = 0; s < kSkills; ++s) {
            auto& a = agents[std::size_t(i)][std::size_t(s)];
            if (locked[std::size_t(i)][std::size_t(s)] || a == 0) continue;
            a -= fine ? 1 : std::min(a, step(a, margin(target, best_cells[std::size_t(i)][std::size_t(s)]), 0.5));
            any = true;
          }
        if (any || fine) return any;
        fine = true;
        for (auto& row : locked) row.fill(false);
      }
    };
    for (int it = 1; it <= max_iterations; ++it) {
      dp.iterations = it;
      runs = run_replications(one_day(sc, day, type, agents), opt);
      if (progress) progress(type, it);
      Flags fails(static_cast<std::size_t>(ipd), std::array<bool, kSkills>{});
      bool failed = false;
      for (int i = 0; i < ipd; ++i)
        for (int s = 0; s < kSkills; ++s) {
          std::vector<double> ar, sl;
          for (const RunResult& r : runs) {
            ar.push_back(metric_value(r.at(i, s), nullptr, Metric::AnswerRate));
            sl.push_back(metric_value(r.at(i, s), nullptr, Metric::ServiceLevel));
          }
          CellResult& c = cells[std::size_t(i)][std::size_t(s)];
          c = {estimate(ar), estimate(sl)};
          if (!meets(target, c)) fails[std::size_t(i)][std::size_t(s)] = failed = true;
        }
      if (!failed) {
        best = agents;
        best_runs = runs;
        best_cells = cells;
        removing = try_removal();
        if (!removing) {
          dp.met = true;
          break;
        }
        continue;
      }
      if (!removing) {  // still climbing to the target: add where it fails
        for (int i = 0; i < ipd; ++i)
          for (int s = 0; s < kSkills; ++s)
            if (fails[std::size_t(i)][std::size_t(s)]) {
              auto& a = agents[std::size_t(i)][std::size_t(s)];
              a += step(a, margin(target, cells[std::size_t(i)][std::size_t(s)]), 1.0);
            }
        continue;
      }
      // A removal broke the target: keep the failing cells and the interval before each
      // (its queue carries over) at the best plan's agents from now on. If that fixes no
      // new cell, the failure came from further away: stop removing this round's cells.
      bool newly = false;
      for (int i = 0; i < ipd; ++i)
        for (int s = 0; s < kSkills; ++s) {
          if (!fails[std::size_t(i)][std::size_t(s)]) continue;
          for (int j : {i, i - 1}) {
            if (j < 0 || locked[std::size_t(j)][std::size_t(s)]) continue;
            if (agents[std::size_t(j)][std::size_t(s)] < before_removal[std::size_t(j)][std::size_t(s)]) {
              locked[std::size_t(j)][std::size_t(s)] = true;
              newly = true;
            }
          }
        }
      if (!newly)
        for (int i = 0; i < ipd; ++i)
          for (int s = 0; s < kSkills; ++s)
            if (agents[std::size_t(i)][std::size_t(s)] < before_removal[std::size_t(i)][std::size_t(s)])
              locked[std::size_t(i)][std::size_t(s)] = true;
      removing = try_removal();
      if (!removing) {
        dp.met = true;
        break;
      }
    }
    if (!best.empty()) {  // the cheapest plan that met the target in a simulated round
      agents = best;
      runs = best_runs;
      dp.met = true;
    }
    dp.agents = agents;
    dp.agent_hours = hours(agents, sc.interval_s);
    dp.erlang_agent_hours = hours(dp.erlang_start, sc.interval_s);
    const KpiSummary sum = summarize(runs);
    dp.achieved = sum.intervals;
    dp.skill_answer_rate.resize(std::size_t(ipd));
    dp.skill_service_level.resize(std::size_t(ipd));
    for (int i = 0; i < ipd; ++i)
      for (int s = 0; s < kSkills; ++s) {
        std::vector<double> ar, sl;
        for (const RunResult& r : runs) {
          ar.push_back(metric_value(r.at(i, s), nullptr, Metric::AnswerRate));
          sl.push_back(metric_value(r.at(i, s), nullptr, Metric::ServiceLevel));
        }
        dp.skill_answer_rate[std::size_t(i)][std::size_t(s)] = estimate(ar);
        dp.skill_service_level[std::size_t(i)][std::size_t(s)] = estimate(sl);
      }
    plan.days.push_back(std::move(dp));
  }
  return plan;
}

ScenarioConfig apply_plan(const ScenarioConfig& sc, const StaffingPlan& plan) {
  ScenarioConfig c = sc;
  c.shifts.clear();
  for (const DayPlan& d : plan.days)
    for (int s = 0; s < kSkills; ++s) {
      std::vector<int>& a = c.skills[std::size_t(s)].agents[std::size_t(d.type)];
      a.resize(d.agents.size());
      for (std::size_t i = 0; i < d.agents.size(); ++i) a[i] = d.agents[i][std::size_t(s)];
    }
  return c;
}

}  // namespace hotline::sim
