// The results SQLite database: one row per run, one per replication, per-interval call KPIs,
// staffing plans, the ticket network's per-unit per-month counts and indicators, and
// rule-set comparisons (docs/tickets.md). The schema is versioned (PRAGMA user_version) and
// migrated on open for writing; each write is one transaction (all or nothing).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/scenario.hpp"
#include "sim/call_centre.hpp"
#include "sim/compare.hpp"
#include "sim/experiment.hpp"
#include "sim/ticket_network.hpp"

namespace hotline::sim {

struct StaffingPlan;

// The ticket network's output of a run: per replication its result and, per period, the
// rule set's indicators (Policy::indicators).
struct TicketTables {
  const OrgGraph* org = nullptr;
  std::vector<const TicketNetworkResult*> runs;
  std::vector<std::vector<std::vector<UnitIndicators>>> indicators;  // [replication][period]
};

// The tables of ticket runs, with indicators from `policy` for the units with tickets in
// each period. `runs` must outlive the result.
TicketTables ticket_tables(const std::vector<TicketRun>& runs, Policy& policy, const OrgGraph& org);

// For `--out` before a long run: an existing file must be a results database of a schema
// this build can write (not a traffic store, not another file), a new one needs its folder.
// Reads only; throws std::runtime_error naming the file and both kinds.
void check_results_output(const std::filesystem::path& db);

// Returns the new run id. Throws std::runtime_error with SQLite's message on failure.
std::int64_t write_simulation(const std::filesystem::path& db, const ScenarioConfig& scenario,
                              const ExperimentOptions& options, const std::vector<RunResult>& runs,
                              const std::string& summary_json, const TicketTables* tickets = nullptr);

// Reading back for `hotline bulletin`: the run (the latest with ticket counts when run_id
// is 0) and its rule set; throws std::runtime_error when there is none.
struct StoredRun {
  std::int64_t run_id = 0;
  std::string scenario, ruleset;
  int replications = 0;
};
StoredRun read_ticket_run(const std::filesystem::path& db, std::int64_t run_id);
// Reading the staffing view's rows from a results database (read-only; the dashboard's
// staffing window). Every failure is an InputError naming the file. Sums are NaN where the
// column holds NULL.
class StaffingReader {
 public:
  explicit StaffingReader(const std::filesystem::path& db);
  ~StaffingReader();
  StaffingReader(const StaffingReader&) = delete;
  StaffingReader& operator=(const StaffingReader&) = delete;

  struct Run {
    std::int64_t run_id = -1, replications = 0, interval_s = 0;
    std::string scenario;
  };
  // The newest run of `kind` ("simulate" or "staff"); run_id -1 when there is none.
  Run latest_run(const char* kind) const;
  // The run's summary_json.
  std::string summary_json(std::int64_t run) const;
  // Per interval of a run, summed over skills and replications (call_interval_kpis).
  struct IntervalTotals {
    std::int64_t interval = 0, start_unix = 0;
    double offered = 0, answered = 0, answered_in_sl = 0, busy_agent_s = 0, staffed_agent_s = 0, wait_answered_s = 0;
  };
  std::vector<IntervalTotals> interval_totals(std::int64_t run) const;
  // A staffing plan per (day type, interval, skill) (staffing_plan), in that order.
  struct PlanCell {
    std::string day_type, skill;
    std::int64_t interval = 0;
    double agents = 0, erlang_agents = 0;
  };
  std::vector<PlanCell> plan_cells(std::int64_t run) const;

 private:
  std::filesystem::path path_;
  struct Db;
  std::unique_ptr<Db> db_;
};

// The tables of a results database, sorted by name (byte order, as std::string compares; read-only); throws InputError naming the file
// when it cannot be read or is not a results database.
std::vector<std::string> results_tables(const std::filesystem::path& db);
// A run with ticket results and the periods it has counts for.
struct TicketRunSummary {
  std::int64_t run_id = 0;
  std::string scenario, ruleset;
  std::string role;  // "baseline" or "revised" for the two sides of `hotline compare --out`
  int replications = 0;
  std::vector<std::string> periods;  // "YYYY-MM" with counts, ascending
};
// Runs with ticket results, newest first (read-only); empty when the database holds none.
// Throws InputError naming the file when it cannot be read or is not a results database.
std::vector<TicketRunSummary> list_ticket_runs(const std::filesystem::path& db);
// Per-unit counts of one period, the mean over the replications rounded to whole tickets
// (replication >= 0: that replication only). Units are mapped by id into `org`; a stored
// unit missing from it is an error.
std::vector<UnitPeriodCounts> read_unit_counts(const std::filesystem::path& db, std::int64_t run_id,
                                               const std::string& period, const OrgGraph& org, int replication = -1);
// A stored comparison (`hotline compare --out`): the two runs it wrote and its rule sets.
struct StoredComparison {
  std::int64_t id = 0;
  std::int64_t created_unix = 0;
  std::string scenario;
  std::int64_t base_run = 0, revised_run = 0;  // runs of their own: `hotline bulletin --run`
  std::string base_ruleset, base_revision, revised_ruleset, revised_revision;  // rule set ids and content hashes
  int replications = 0;
  std::uint64_t seed = 0;
  std::uint64_t compared = 0, differing = 0, unmatched = 0;  // CompareResult's counts
  std::uint64_t route_changed = 0, unit_changed = 0, deadline_changed = 0;
};
// Writes both sides as runs (baseline, then revised; summary JSON from the scenario with the
// side's rule set folder, and the side's indicators from its factory's Policy), then the
// comparison, its per-unit and overall estimates and the sampled tickets decided
// differently with both traces, all in one transaction. `result.runs` must hold the runs.
StoredComparison write_comparison(const std::filesystem::path& db, const ScenarioConfig& scenario,
                                  const CompareSide& base, const CompareSide& revised, const CompareResult& result);
// The stored comparisons, newest first; empty for a database without any (or written before
// comparisons were stored).
std::vector<StoredComparison> read_comparisons(const std::filesystem::path& db);
// One stored comparison: units, overall estimates and the sampled differing tickets with
// their traces (CompareResult::runs is left empty). Throws std::runtime_error if absent.
struct ComparisonRecord {
  StoredComparison info;
  CompareResult result;
};
ComparisonRecord read_comparison(const std::filesystem::path& db, std::int64_t id);

std::int64_t write_staffing_plan(const std::filesystem::path& db, const ScenarioConfig& scenario,
                                 const ExperimentOptions& options, const StaffingPlan& plan,
                                 const std::string& summary_json);

}  // namespace hotline::sim
