// Writes simulation results to a results SQLite database: one row per run, one per
// replication, per-interval call KPIs, and staffing plans. Tables are created if missing;
// each write is one transaction (all or nothing).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/scenario.hpp"
#include "sim/call_centre.hpp"
#include "sim/experiment.hpp"

namespace hotline::sim {

struct StaffingPlan;

// Returns the new run id. Throws std::runtime_error with SQLite's message on failure.
std::int64_t write_simulation(const std::filesystem::path& db, const ScenarioConfig& scenario,
                              const ExperimentOptions& options, const std::vector<RunResult>& runs,
                              const std::string& summary_json);
std::int64_t write_staffing_plan(const std::filesystem::path& db, const ScenarioConfig& scenario,
                                 const ExperimentOptions& options, const StaffingPlan& plan,
                                 const std::string& summary_json);

}  // namespace hotline::sim
