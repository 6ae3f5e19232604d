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

// The answer rate and service level of one interval and skill over the replications.
CellResult cell_of(const std::vector<RunResult>& runs, int i, int s) {
  std::vector<double> ar, sl;
  for (const RunResult& r : runs) {
    ar.push_back(metric_value(r.at(i, s), nullptr, Metric::AnswerRate));
    sl.push_back(metric_value(r.at(i, s), nullptr, Metric::ServiceLevel));
  }
  return {estimate(ar), estimate(sl)};
}

// The first day of this type in the horizon, or kNoTime.
Time first_day(const ScenarioConfig& sc, const std::vector<DayType>& types, DayType type) {
  for (int d = 0; d < sc.days; ++d)
    if (types[std::size_t(d)] == type) return cst_midnight(cst_day(sc.start) + d);
  return kNoTime;
}

// The add/remove search for one day type: simulate the plan, add agents where it fails
// while climbing; once met, remove agents from the best plan, locking the cells whose
// removal broke the target.
class DaySearch {
 public:
  DaySearch(const ScenarioConfig& sc, const StaffingTarget& target, const ExperimentOptions& opt, DayPlan& dp)
      : sc_(sc), target_(target), opt_(opt), dp_(dp), ipd_(sc.intervals_per_day()), agents_(dp.erlang_start),
        locked_(std::size_t(ipd_), std::array<bool, kSkills>{}), cells_(std::size_t(ipd_)) {}
  void run(int max_iterations, const std::function<void(DayType, int)>& progress);
  void finish();  // the plan, its agent-hours and its achieved figures into dp

 private:
  using Flags = std::vector<std::array<bool, kSkills>>;
  using Cells = std::vector<std::array<CellResult, kSkills>>;
  bool measure(Flags& fails);  // cells_ from runs_; true when some cell fails
  void add_where_failing(const Flags& fails);
  void lock_failed_removal(const Flags& fails);
  bool try_removal();
  bool removed(int i, int s) const {
    return agents_[std::size_t(i)][std::size_t(s)] < before_removal_[std::size_t(i)][std::size_t(s)];
  }

  const ScenarioConfig& sc_;
  const StaffingTarget& target_;
  const ExperimentOptions& opt_;
  DayPlan& dp_;
  int ipd_;
  Grid agents_;            // the plan simulated next
  Flags locked_;           // cells kept at the best plan's agents
  Cells cells_;            // the last round's figures
  std::vector<RunResult> runs_, best_runs_;
  Grid best_, before_removal_;
  Cells best_cells_;
  bool removing_ = false;
  bool fine_ = false;  // second pass: one agent at a time, every cell unlocked again
};

void DaySearch::run(int max_iterations, const std::function<void(DayType, int)>& progress) {
  for (int it = 1; it <= max_iterations; ++it) {
    dp_.iterations = it;
    runs_ = run_replications(one_day(sc_, dp_.day, dp_.type, agents_), opt_);
    if (progress) progress(dp_.type, it);
    Flags fails(std::size_t(ipd_), std::array<bool, kSkills>{});
    const bool failed = measure(fails);
    if (!failed) {
      best_ = agents_;
      best_runs_ = runs_;
      best_cells_ = cells_;
    } else if (!removing_) {  // still climbing to the target: add where it fails
      add_where_failing(fails);
      continue;
    } else {
      lock_failed_removal(fails);
    }
    removing_ = try_removal();
    if (!removing_) {
      dp_.met = true;
      return;
    }
  }
}

bool DaySearch::measure(Flags& fails) {
  bool failed = false;
  for (int i = 0; i < ipd_; ++i)
    for (int s = 0; s < kSkills; ++s) {
      CellResult& c = cells_[std::size_t(i)][std::size_t(s)];
      c = cell_of(runs_, i, s);
      if (!meets(target_, c)) fails[std::size_t(i)][std::size_t(s)] = failed = true;
    }
  return failed;
}

void DaySearch::add_where_failing(const Flags& fails) {
  for (int i = 0; i < ipd_; ++i)
    for (int s = 0; s < kSkills; ++s)
      if (fails[std::size_t(i)][std::size_t(s)]) {
        auto& a = agents_[std::size_t(i)][std::size_t(s)];
        a += step(a, margin(target_, cells_[std::size_t(i)][std::size_t(s)]), 1.0);
      }
}

// A removal broke the target: keep the failing cells and the interval before each (its
// queue carries over) at the best plan's agents from now on. If that fixes no new cell, the
// failure came from further away: stop removing this round's cells.
void DaySearch::lock_failed_removal(const Flags& fails) {
  bool newly = false;
  for (int i = 0; i < ipd_; ++i)
    for (int s = 0; s < kSkills; ++s) {
      if (!fails[std::size_t(i)][std::size_t(s)]) continue;
      for (int j : {i, i - 1}) {
        if (j < 0 || locked_[std::size_t(j)][std::size_t(s)]) continue;
        if (removed(j, s)) {
          locked_[std::size_t(j)][std::size_t(s)] = true;
          newly = true;
        }
      }
    }
  if (!newly)
    for (int i = 0; i < ipd_; ++i)
      for (int s = 0; s < kSkills; ++s)
        if (removed(i, s)) locked_[std::size_t(i)][std::size_t(s)] = true;
}

// From the best plan, removes agents wherever a cell is not locked, in proportion to its
// slack (first pass) or one at a time (second pass). False when every cell is locked in
// the second pass (the search is over).
bool DaySearch::try_removal() {
  for (;;) {
    agents_ = best_;
    before_removal_ = best_;
    bool any = false;
    for (int i = 0; i < ipd_; ++i)
      for (int s = 0; s < kSkills; ++s) {
        auto& a = agents_[std::size_t(i)][std::size_t(s)];
        if (locked_[std::size_t(i)][std::size_t(s)] || a == 0) continue;
        a -= fine_ ? 1 : std::min(a, step(a, margin(target_, best_cells_[std::size_t(i)][std::size_t(s)]), 0.5));
        any = true;
      }
    if (any || fine_) return any;
    fine_ = true;
    for (auto& row : locked_) row.fill(false);
  }
}

void DaySearch::finish() {
  if (!best_.empty()) {  // the cheapest plan that met the target in a simulated round
    agents_ = best_;
    runs_ = best_runs_;
    dp_.met = true;
  }
  dp_.agents = agents_;
  dp_.agent_hours = hours(agents_, sc_.interval_s);
  dp_.erlang_agent_hours = hours(dp_.erlang_start, sc_.interval_s);
  const KpiSummary sum = summarize(runs_);
  dp_.achieved = sum.intervals;
  dp_.skill_answer_rate.resize(std::size_t(ipd_));
  dp_.skill_service_level.resize(std::size_t(ipd_));
  for (int i = 0; i < ipd_; ++i)
    for (int s = 0; s < kSkills; ++s) {
      const CellResult c = cell_of(runs_, i, s);
      dp_.skill_answer_rate[std::size_t(i)][std::size_t(s)] = c.answer_rate;
      dp_.skill_service_level[std::size_t(i)][std::size_t(s)] = c.service_level;
    }
}

}  // namespace

StaffingPlan plan_staffing(const ScenarioConfig& sc, const StaffingTarget& target, const ExperimentOptions& options,
                           int max_iterations, const std::function<void(DayType, int)>& progress) {
  StaffingPlan plan;
  plan.target = target;
  ExperimentOptions opt = options;
  opt.drain = true;
  // Day types from the national calendar, as the simulator sees them (RunOptions::calendar).
  const std::vector<DayType> types = sc.day_types(WorkCalendar::national_shared());
  for (std::size_t ti = 0; ti < std::size_t(DayType::Count); ++ti) {
    const DayType type = DayType(ti);
    const Time day = first_day(sc, types, type);
    if (day == kNoTime) continue;
    DayPlan dp;
    dp.type = type;
    dp.day = day;
    dp.erlang_start = erlang_start(sc, type, target);
    DaySearch search(sc, target, opt, dp);
    search.run(max_iterations, progress);
    search.finish();
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
