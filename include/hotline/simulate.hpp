// hotline/simulate.hpp: the simulator as a library call, for analysts driving it from a
// notebook (the Python module's hotline.simulate) or a program: replications of a
// scenario's call centre and ticket network under its rule set, per-unit results for each
// replication and month [SL24 bulletin] (docs/simulator.md, docs/tickets.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hotline/errors.hpp"
#include "hotline/export.h"

namespace hotline::api {

struct SimulateOptions {
  int replications = 10;   // 1..100000
  std::uint64_t seed = 1;  // the same seed gives the same numbers
  int threads = 0;         // worker threads; 0: all cores
  std::string data_folder; // as EngineOptions::data_folder
};

// One handling unit's counts in one replication and month (the bulletin's columns).
struct UnitResult {
  int replication = 0;  // 1-based
  std::string period;   // "2025-01": tickets count in their dispatch month
  std::string unit_id, unit_name, unit_kind;
  int handled = 0, accepted_in_time = 0, resolved = 0, closed = 0, on_time = 0, late = 0, overdue_open = 0;
  int satisfied = 0, basically_satisfied = 0, unsatisfied = 0;
  int returns = 0, extensions = 0, escalations = 0, reopens = 0, urges = 0;
};

// Runs a scenario (scenario.lua, its folder, or a shipped name such as "shangluo-2025-01")
// that names a rule set and has a ticket network. Rows for every unit that handled a ticket,
// ordered by replication, month and unit. Throws Error for a bad scenario or options.
HOTLINE_API std::vector<UnitResult> simulate(const std::string& scenario, const SimulateOptions& options = {});

}  // namespace hotline::api
