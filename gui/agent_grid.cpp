// The staffing editor's grid of agents per interval: from shifts or a plan, back to a scenario.
#include "gui/agent_grid.hpp"

#include <algorithm>
#include <stdexcept>

namespace hotline::gui {

AgentGrid AgentGrid::from_scenario(const ScenarioConfig& sc) {
  AgentGrid g;
  g.interval_s = sc.interval_s;
  const int n = sc.intervals_per_day();
  for (std::size_t d = 0; d < g.agents.size(); ++d) {
    auto& day = g.agents[d];
    day.assign(std::size_t(n), {});
    if (sc.shifts.empty()) {
      for (int s = 0; s < sim::kSkills; ++s) {
        const std::vector<int>& a = sc.skills[std::size_t(s)].agents_for(DayType(d));
        for (int i = 0; i < n && i < int(a.size()); ++i) day[std::size_t(i)][std::size_t(s)] = a[std::size_t(i)];
      }
      continue;
    }
    for (const ShiftSpec& sh : sc.shifts) {
      if (!sh.works(DayType(d))) continue;
      for (int i = 0; i < n; ++i) {
        const long lo = long(i) * sc.interval_s, hi = lo + sc.interval_s;
        long covered = 0;
        for (long start : {long(sh.start_s), long(sh.start_s) - long(kSecondsPerDay)})  // today's, and yesterday's past midnight
          covered += std::max(0L, std::min(hi, start + sh.length_s) - std::max(lo, start));
        if (2 * covered >= sc.interval_s) day[std::size_t(i)][std::size_t(sh.skill)] += sh.agents;
      }
    }
  }
  return g;
}

AgentGrid AgentGrid::from_plan(const sim::StaffingPlan& plan, const AgentGrid& base) {
  AgentGrid g = base;
  for (const sim::DayPlan& d : plan.days) {
    if (int(d.agents.size()) != base.intervals())
      throw std::invalid_argument("the plan has " + std::to_string(d.agents.size()) + " intervals, the staffing " +
                                  std::to_string(base.intervals()));
    g.agents[std::size_t(d.type)] = d.agents;
  }
  return g;
}

int AgentGrid::total(DayType d, int interval) const {
  int n = 0;
  for (int a : agents[std::size_t(d)][std::size_t(interval)]) n += a;
  return n;
}

double AgentGrid::agent_hours(DayType d) const {
  double h = 0;
  for (int i = 0; i < intervals(); ++i) h += total(d, i) * interval_s / 3600.0;
  return h;
}

void AgentGrid::set(DayType d, int interval, SkillQueue s, int n) {
  agents[std::size_t(d)][std::size_t(interval)][std::size_t(s)] = std::clamp(n, 0, 10000);
}

ScenarioConfig AgentGrid::apply(const ScenarioConfig& sc) const {
  if (intervals() != sc.intervals_per_day())
    throw std::invalid_argument("the staffing has " + std::to_string(intervals()) + " intervals a day, the scenario " +
                                std::to_string(sc.intervals_per_day()));
  sim::StaffingPlan p;
  for (std::size_t d = 0; d < agents.size(); ++d) {
    sim::DayPlan day;
    day.type = DayType(d);
    day.agents = agents[d];
    p.days.push_back(std::move(day));
  }
  return sim::apply_plan(sc, p);
}

}  // namespace hotline::gui
