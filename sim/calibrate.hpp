// Calibration of the ticket network to a published monthly bulletin [SL24 bulletin
// 2025-01]: per-unit ticket volume (category and district mixes, online volume), handling
// time scale and satisfaction, fitted so that the simulated bulletin (mean over
// replications, under the rule set's dispatch and indicators) reproduces the published one.
// Used by `hotline calibrate`; see docs/calibration.md. Rules are reached through the
// Policy interface only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/file_safety.hpp"
#include "core/org_graph.hpp"
#include "core/policy.hpp"
#include "core/scenario.hpp"
#include "sim/experiment.hpp"

namespace hotline::sim {

// One row of a published bulletin table (rates as fractions 0..1).
struct PublishedRow {
  int line = 0;
  std::string group;
  std::string name;  // as written
  UnitIndex unit = kNoUnit;
  int handled = 0, on_time = 0, late = 0, overdue_open = 0;
  double on_time_rate = 0;
  std::optional<double> satisfaction;  // blank: no evaluations published
};
struct PublishedBulletin {
  std::string file;
  std::vector<PublishedRow> rows;
  int total_handled() const;
};

// Reads a bulletin CSV with a header naming the columns unit, handled, on_time, late,
// on_time_rate, overdue_open, satisfaction (and optionally group; any order). Rates are
// percentages ("95.57%" or "95.57"); satisfaction may be blank. Units are found by name or
// id in `org`. Throws InputError "file:line: field: reason" for a missing column, a unit not
// in the org graph or listed twice, a bad number, or counts that do not add up
// (on time + late + overdue open must not exceed handled).
PublishedBulletin read_published_bulletin(const std::filesystem::path& file, const OrgGraph& org);
PublishedBulletin parse_published_bulletin(std::string text, const std::string& name, const OrgGraph& org);

// Simulated figures of one unit in the bulletin's month over the replications. Rates are
// the rule set's indicators of the counts summed over replications (the ratio of the mean
// counts, as `hotline bulletin` shows them); the CIs come from the per-replication rates.
struct UnitFigures {
  Estimate handled;
  double on_time_rate = 0, satisfaction = 0;
  Estimate on_time_ci, satisfaction_ci;  // per-replication rates (replications with tickets)
  bool any = false;        // handled > 0 in some replication
  bool evaluated = false;  // any evaluations
};
struct Evaluation {
  std::vector<UnitFigures> units;  // by UnitIndex
  Estimate total_handled;          // sum of handled over all units
  double created = 0, online = 0;  // mean tickets created, of them online
  // Tickets decided to each lead unit, by category / district index of the scenario's mixes
  // (summed over replications): which weights feed which unit.
  std::vector<std::vector<double>> category_flow, district_flow;  // [index][UnitIndex]
};

struct CalibrationOptions {
  int replications = 20;
  std::uint64_t seed = 1;
  int iterations = 10;        // fit updates; 0 = evaluate only
  std::string period;         // "YYYY-MM"; empty: the scenario's first month
  double min_scale = 0.05, max_scale = 5;
  double tolerance = 0.03;    // on-time and satisfaction points (as fractions) for the flags
  int min_tickets = 20;       // units with fewer published tickets are not flagged
  std::function<std::unique_ptr<Policy>()> policy_factory;  // the rule set (required)
  std::function<void(const std::string&)> progress;         // one line per step
};

// The fit of one published unit.
struct UnitFit {
  const PublishedRow* published = nullptr;
  UnitFigures simulated;
  bool fed = false;            // some category/district of the scenario is dispatched to it
  double handling_scale = 1;
  std::optional<double> satisfied, basic;  // fitted evaluation shares (when published)
  bool on_time_ok = true, satisfaction_ok = true;  // within tolerance (or below min_tickets)
  std::string note;            // why a unit cannot be fitted
};
struct CalibrationResult {
  TicketSpec tickets;          // the fitted ticket parameters (online volume, mixes, units)
  double online_factor = 1;    // fitted online_per_day / the scenario's
  double published_total = 0;
  Estimate simulated_total;
  std::vector<UnitFit> units;  // in the bulletin's order
  std::vector<std::pair<std::string, double>> unpublished;  // simulated units absent from the bulletin: mean handled
  std::string scenario;        // its name, for the calibration file's header
  std::string period;
  int iterations = 0;
  bool total_ok = true;
  bool all_ok() const;
};

// Runs the replications of `scenario` and collects the figures of `period`.
Evaluation evaluate_tickets(const ScenarioConfig& scenario, const OrgGraph& org, const WorkCalendar& calendar,
                            const CalibrationOptions& options, const std::string& period);

// Fits the scenario's ticket parameters to the published bulletin. Deterministic for a seed:
// every iteration reuses the same replication seeds (common random numbers), so the fit
// is a fixed-point iteration on a frozen sample.
//  - total volume: the online volume (online_per_day) scaled so that the simulated handled
//    total matches the published one;
//  - per-unit volume: multiplicative updates of the category and district weights by the
//    published/simulated share ratio of the units each feeds (iterative proportional fitting);
//  - handling-time scale per unit: bisection in log space within [min_scale, max_scale] on
//    the on-time rate;
//  - satisfaction per unit (where published): satisfied + basic moved by the gap between the
//    published and the simulated rate of the rule set's indicators, keeping the scenario's
//    satisfied : basic ratio.
CalibrationResult calibrate(const ScenarioConfig& scenario, const PublishedBulletin& published, const OrgGraph& org,
                            const WorkCalendar& calendar, const CalibrationOptions& options);

// The calibration file (Lua, loaded through the scenario's `calibration` field): a header
// saying it is generated, from which bulletin, seed, replications and date, then the fitted
// tickets values.
std::string calibration_lua(const CalibrationResult& result, const OrgGraph& org, const std::string& bulletin_name,
                            const CalibrationOptions& options, const std::string& date);

// Writes `text` to `file` atomically (core/file_safety.hpp: a temporary file in the same
// folder, then rename).
using hotline::write_file_atomically;

}  // namespace hotline::sim
