// The check every writing verb makes before it opens an output (docs/security.md "Files and
// databases"): an output is never one of the verb's inputs (core/file_safety.hpp), and a
// results database given to --out is of the right kind and schema before the run starts.
#pragma once

#include <string>
#include <vector>

#include "core/file_safety.hpp"
#include "core/scenario.hpp"
#include "sim/results_db.hpp"

namespace hotline::cli {

// The files a loaded scenario reads: scenario.lua and the traffic databases it replays.
inline std::vector<NamedPath> scenario_inputs(const ScenarioConfig& sc) {
  std::vector<NamedPath> in{{"SCENARIO", sc.file}};
  for (const std::string* db : {&sc.replay_db, &sc.tickets.replay_db})
    if (!db->empty())
      for (NamedPath& p : sqlite_files("the scenario's replay_db", *db)) in.push_back(std::move(p));
  return in;
}

// For `--out RESULTS.sqlite` of simulate, staff and compare: refused when it is an input of
// the scenario, a traffic store, not SQLite, or too new; before anything runs or is written.
inline void check_results_out(const std::string& out, const ScenarioConfig& sc) {
  if (out.empty()) return;
  refuse_overwriting_inputs({{"--out", out}}, scenario_inputs(sc));
  sim::check_results_output(out);
}

}  // namespace hotline::cli
