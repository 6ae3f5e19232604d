// Rule-set comparison as a library (issue 5, "Comparing rule sets"): a scenario's tickets
// under a baseline and a revised rule set with common random numbers; per-unit and overall
// paired deltas with 95% CIs, rank changes, and a sample of tickets decided differently with
// both traces. Used by `hotline compare` and the dashboard's rule lab. Like all of sim/, it
// sees the rule sets only through Policy factories (no Lua). See docs/tickets.md.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/org_graph.hpp"
#include "core/policy.hpp"
#include "core/scenario.hpp"
#include "sim/experiment.hpp"
#include "sim/ticket_network.hpp"

namespace hotline::sim {

// Thrown by compare_rulesets when CompareOptions::stop was requested. Nothing is returned
// (and so nothing can be stored).
struct Cancelled : std::runtime_error {
  Cancelled() : std::runtime_error("cancelled") {}
};

// One side of the comparison. With the rules library: for a loaded
// `std::shared_ptr<const rules::RuleSet> rs`,
//   {rs->manifest().id, rs->revision(), rs->folder().string(), rules::engine_factory(rs), &rs->org(), &rs->calendar()}
struct CompareSide {
  std::string id;        // rule set id (shown, stored)
  std::string revision;  // content hash of the rule set (stored)
  std::string folder;    // stored as the side's run's rule set, so `hotline bulletin --run` can reload it
  std::function<std::unique_ptr<Policy>()> factory;  // a fresh Policy per replication
  const OrgGraph* org = nullptr;
  const WorkCalendar* calendar = nullptr;
};

struct CompareOptions {
  int replications = 10;  // >= 1; CIs need >= 2
  std::uint64_t seed = 1;  // replication r of both sides uses replication_seed(seed, r)
  int diff_sample = 20;    // tickets decided differently kept with their traces (replication 0)
  // 0..1 over the whole comparison (both sides), at least once a simulated day. Called on
  // the calling thread.
  std::function<void(double fraction)> progress;
  // Checked between replications and once a simulated day inside them: when requested,
  // compare_rulesets throws Cancelled. (For a std::atomic<bool>: use a std::stop_source.)
  std::stop_token stop;
};

// A quantity under both rule sets: means with 95% CIs over the replications, and the paired
// difference revised - baseline (replication r against replication r).
struct PairedEstimate {
  Estimate base, revised, delta;
};

// One unit (matched by unit id across the two org graphs). Rates are fractions (0..1) as the
// side's own indicator script computes them; handled is tickets per replication (summed over
// the months); composite is the script's 0..100 score.
struct UnitDelta {
  std::string id, name;
  bool county = false;  // a district/county government or zone (the bulletin's first group)
  PairedEstimate handled, on_time_rate, satisfaction_rate, composite;
  int rank_base = 0, rank_revised = 0;  // by mean composite, 1 = best; 0 = no tickets under that set
};

// Overall counts per replication (tickets) and the overall on-time rate (fraction).
struct OverallDelta {
  PairedEstimate created, closed, late, on_time_rate, manual;
};

// How one rule set decided one ticket.
struct DecisionView {
  std::string route;      // "ticket", "emergency", "out_of_scope", "direct_answer", "merged" or "manual"
  std::string unit;       // lead unit id; empty when none
  std::string unit_name;  // lead unit name; empty when none
  Time reply_by = kNoTime;
  std::vector<TraceStep> trace;
};
// For reports: the lead unit's name, or the route in parentheses when the ticket was not
// dispatched ("(并单)", or "(merged)" with en).
std::string decided_label(const DecisionView& v, bool en);

// A ticket of replication 0 whose route, lead unit or reply deadline differs between the sides.
struct DecidedDifferently {
  std::string change;  // what differs first: "route", else "unit" (the lead), else "deadline" (reply_by only)
  std::string ticket_id;
  Time created = 0;
  std::string category, district;
  DecisionView base, revised;
};

struct CompareResult {
  int replications = 0;
  std::uint64_t seed = 0;
  std::vector<UnitDelta> units;  // baseline org order, then units only the revised org has
  OverallDelta overall;
  // Replication 0: tickets seen under both sides, how many of them were decided differently
  // (split by DecidedDifferently::change), and tickets seen under one side only (if the sets
  // divert callers differently).
  std::uint64_t compared_count = 0, differing_count = 0, unmatched_count = 0;
  std::uint64_t route_changed = 0, unit_changed = 0, deadline_changed = 0;
  // A sample of `diff_sample` differing tickets with both traces, in arrival order: the first
  // ones whose route or lead unit changed, filled up with the first deadline-only changes.
  std::vector<DecidedDifferently> differing;
  // The raw runs, [0] baseline and [1] revised (for write_comparison). Empty when read back
  // from a results database.
  std::array<std::vector<TicketRun>, 2> runs;
};

// Runs both sides (baseline first) sequentially; throws Cancelled on a stop request, and
// std::invalid_argument for a side without factory, org or calendar. Deterministic: the
// same seed gives the same numbers and the same differing tickets. Memory beyond the runs:
// 24 bytes per ticket of replication 0 (hashes and the deadline) and the sampled traces.
CompareResult compare_rulesets(const ScenarioConfig& scenario, const CompareSide& base, const CompareSide& revised,
                               const CompareOptions& options);

}  // namespace hotline::sim
