// Interval staffing [XA23: answer rate >= 95%]: start every half hour at the Erlang A
// minimum, simulate the whole non-stationary day (queues carry over), add agents where the
// target fails and remove them where it holds, until every interval meets the target at the
// lowest total agent-hours this greedy search finds. See docs/simulator.md.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <vector>

#include "core/scenario.hpp"
#include "sim/experiment.hpp"

namespace hotline::sim {

struct StaffingTarget {
  std::optional<double> answer_rate;    // per interval and skill queue
  std::optional<double> service_level;  // answered within sl_threshold_s / offered
  double sl_threshold_s = 15;
};

struct DayPlan {
  DayType type = DayType::Weekday;
  Time day = 0;  // the day simulated for this day type
  std::vector<std::array<int, kSkills>> erlang_start;  // per interval
  std::vector<std::array<int, kSkills>> agents;        // the plan
  std::vector<MetricEstimates> achieved;               // per interval, all skills
  std::vector<std::array<Estimate, kSkills>> skill_answer_rate;
  std::vector<std::array<Estimate, kSkills>> skill_service_level;
  double agent_hours = 0, erlang_agent_hours = 0;
  int iterations = 0;
  bool met = false;  // every interval met the target in the final simulation
};

struct StaffingPlan {
  StaffingTarget target;
  std::vector<DayPlan> days;  // one per day type present in the horizon, in DayType order
};

// `progress(day type, iteration)` is called after each simulation round.
StaffingPlan plan_staffing(const ScenarioConfig& scenario, const StaffingTarget& target,
                           const ExperimentOptions& options, int max_iterations = 40,
                           const std::function<void(DayType, int)>& progress = nullptr);

// The scenario with the plan's agents per interval (shifts replaced). A day type the plan
// has no day for keeps the scenario's agents for it.
ScenarioConfig apply_plan(const ScenarioConfig& scenario, const StaffingPlan& plan);

}  // namespace hotline::sim
