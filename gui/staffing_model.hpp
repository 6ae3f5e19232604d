// View model of the staffing window (no ImGui): per-interval call-centre series and the
// day x interval waiting grid, as the window draws them. Filled from a results database
// once the simulator writes one; empty until then.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace hotline::gui {

// One run's per-interval series; every vector has one value per interval (NaN: no value).
struct IntervalSeries {
  double interval_s = 1800;          // interval length in seconds (> 0)
  std::vector<double> start_s;       // interval start, seconds of the day, ascending
  std::vector<double> offered;       // calls offered
  std::vector<double> scheduled;     // agents scheduled
  std::vector<double> required;      // agents required (e.g. Erlang C at the target)
  std::vector<double> answer_rate;   // 0..1
  std::vector<double> service_level; // 0..1
  std::optional<double> target;      // the service-level target, 0..1, if the scenario has one

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

struct StaffingModel {
  std::optional<IntervalSeries> series;
  std::optional<WaitGrid> waits;
  bool empty() const { return !series && !waits; }
};

}  // namespace hotline::gui
