// `hotline validate`: a trace's recorded offered calls replayed call by call through a
// scenario's model (sim/call_centre.hpp, replay traffic), simulated against recorded per
// day and hour: offered, answered, abandoned %, ASA, service level, with the errors and a
// summary over the hours with enough calls. docs/validation.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/call_trace.hpp"
#include "core/scenario.hpp"

namespace hotline::sim {

struct HourFigures {
  double offered = 0, answered = 0, abandoned = 0;
  double wait_answered_s = 0;  // sum
  double answered_in_sl = 0;
  double abandon_pct() const { return offered > 0 ? 100 * abandoned / offered : 0; }
  double asa() const { return answered > 0 ? wait_answered_s / answered : 0; }
  double sl_pct() const { return offered > 0 ? 100 * answered_in_sl / offered : 0; }
};

struct ValidationRow {
  int day = 0, hour = 0;
  HourFigures recorded, simulated;  // simulated: mean over the replications
};

struct ValidationSummary {
  int hours = 0;  // hours with at least min_calls recorded offered calls
  double median_abandon_pts = 0, worst_abandon_pts = 0;  // |sim - rec| in percentage points
  double median_asa_rel = 0, worst_asa_rel = 0;          // |sim - rec| / rec
  double median_sl_pts = 0, worst_sl_pts = 0;
};

struct ValidationOptions {
  int replications = 10;
  std::uint64_t seed = 1;
  bool recorded_service = false;  // replay the recorded service times instead of drawing
  int min_calls = 50;
  std::filesystem::path work_dir;  // where the replay database is written (default: temp dir)
};

struct ValidationResult {
  std::vector<ValidationRow> rows;  // hours with recorded or simulated calls
  ValidationSummary summary;
  double sl_threshold_s = 0;
  std::int64_t replayed = 0;        // offered calls replayed
};

// Replays the offered calls of `trace` through `scenario` (its agents, talk time unless
// recorded, patience; its voice menu is skipped: the recorded calls are offered calls).
ValidationResult validate_trace(const CallTrace& trace, ScenarioConfig scenario, const ValidationOptions& options);

// The summary over rows with recorded offered >= min_calls.
ValidationSummary summarise(const std::vector<ValidationRow>& rows, int min_calls);

}  // namespace hotline::sim
