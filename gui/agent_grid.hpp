// View model of the staffing window's editor (no ImGui): agents on duty per interval of the
// day, per day type and skill queue, taken from the scenario (its shifts expanded to
// intervals, or its per-interval agents) or from a staffing plan, edited in the window and
// applied back to the scenario as per-interval agents for re-simulating.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/scenario.hpp"
#include "sim/call_centre.hpp"
#include "sim/staffing.hpp"

namespace hotline::gui {

struct AgentGrid {
  int interval_s = 1800;
  // [day type][interval of the day][skill queue]
  std::array<std::vector<std::array<int, sim::kSkills>>, std::size_t(DayType::Count)> agents;

  // The scenario's staffing. A shift counts in an interval it covers for at least half of
  // it; a shift running past midnight counts on the next day too (taken to be of the same
  // day type). Without shifts, the scenario's per-interval agents (missing ones are 0;
  // holidays without agents of their own get the weekend's, as in the simulator).
  static AgentGrid from_scenario(const ScenarioConfig& sc);
  // The planner's agents for the day types it planned; the others from `base`.
  static AgentGrid from_plan(const sim::StaffingPlan& plan, const AgentGrid& base);

  int intervals() const { return int(agents[0].size()); }
  int total(DayType d, int interval) const;  // all skills
  double agent_hours(DayType d) const;       // agent-hours of one day of this type
  // Sets one cell, clamped to 0..10000.
  void set(DayType d, int interval, SkillQueue s, int n);
  // The scenario staffed per interval with these agents (its shifts replaced), through
  // sim::apply_plan. Throws std::invalid_argument if the interval count differs.
  ScenarioConfig apply(const ScenarioConfig& sc) const;
  bool operator==(const AgentGrid&) const = default;
};

}  // namespace hotline::gui
