// View model of the staffing window (no ImGui): per-interval call-centre series, the
// day x interval waiting grid and the staffing plan, as the window draws them; loaded from
// a results database written by `hotline simulate --out` / `hotline staff --out`.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/enums.hpp"

namespace hotline::gui {

// One run's per-interval series; every vector has one value per interval (NaN: no value).
struct IntervalSeries {
  double interval_s = 1800;          // interval length in seconds (> 0)
  std::vector<double> start_s;       // interval start, seconds of the day, ascending
  std::vector<double> offered;       // calls offered
  std::vector<double> scheduled;     // agents scheduled
  std::vector<double> required;      // agents required: the offered load in Erlangs, rounded up
  std::vector<double> answer_rate;   // 0..1
  std::vector<double> service_level; // 0..1
  std::optional<double> target;      // the service-level target, 0..1, if a staffing plan gives one
  std::optional<double> answer_target;  // the answer-rate target, 0..1, if a staffing plan gives one
  std::vector<double> planned;       // the staffing plan's agents (weekday), empty without a plan

  std::size_t size() const { return start_s.size(); }
  // Throws std::invalid_argument naming the first series whose length differs from
  // start_s, a start that is not ascending, or a non-positive interval.
  void check() const;
  // Agent-hours of a staffing vector over these intervals (NaN counts as 0).
  double agent_hours(const std::vector<double>& agents) const;
};

// Mean waiting time per day (rows) and interval (columns), row-major.
struct WaitGrid {
  std::vector<std::string> days;  // row labels, e.g. "2025-01-06"
  int intervals = 48;
  std::vector<double> mean_wait_s;
  void check() const;  // throws std::invalid_argument if the sizes disagree
};

// One day type of a staffing plan against the current staffing, in agent-hours per day.
struct PlanRow {
  std::string day_type;     // a DayType key: "weekday", "weekend" or "holiday"
  double plan_hours = 0;    // the planner's agents
  double erlang_hours = 0;  // the Erlang starting point of the planner
  double current_hours = 0; // the scenario's agents on a simulated day (mean over days)
};

struct StaffingModel {
  std::optional<IntervalSeries> series;  // time of day: the mean over the days and replications
  std::optional<WaitGrid> waits;
  std::vector<PlanRow> plan;
  // The plan's agents per day type (DayType index), interval and skill queue (SkillQueue
  // index); empty without a plan. The editor adopts them.
  std::array<std::vector<std::array<int, std::size_t(SkillQueue::Count)>>, std::size_t(DayType::Count)> plan_agents;
  std::string source;  // "run 3: shangluo-2025-01, 31 days x 5 replications"
  bool empty() const { return !series && !waits; }
};

// Reads the newest `simulate` run of a results database (tables runs, call_interval_kpis)
// and the newest `staff` run's staffing_plan, if any. Offered calls, scheduled agents
// (staffed agent-seconds / interval) and the rates are per interval of the day, summed over
// skills and averaged over days and replications; the wait grid is the mean wait of the
// answered calls per day and interval. "Required" is the offered load in Erlangs rounded
// up (offered x mean handling time / interval): the fewest agents that keep the queue
// stable; the plan's agents (weekday, all skills) are `planned`. Throws InputError naming the file when the
// tables are missing or hold no simulate run.
StaffingModel load_staffing(const std::filesystem::path& db);

}  // namespace hotline::gui
