// Loads a simulation scenario (scenarios/<name>/scenario.lua, format in docs/scenarios.md)
// into the plain ScenarioConfig that sim/ reads. The script runs in a restricted Lua 5.4
// state: only base (without load/dofile/loadfile/require), string, table, math and utf8.
#pragma once

#include <filesystem>

#include "core/scenario.hpp"
#include "rules/loader.hpp"

namespace hotline {

// `where` is a scenario.lua file, a folder holding one, or a scenario name looked up in
// the data folder (core/paths.hpp). Throws InputError as "file:line: field: reason" for a
// script error or a bad or unknown field; relative file names in the scenario (the replay
// database) are resolved against the scenario's folder.
ScenarioConfig load_scenario(const std::filesystem::path& where);

// A scenario may name a calibration file (`calibration = "calibration.lua"`, relative to its
// folder) written by `hotline calibrate`; its fitted values replace the scenario's
// (docs/calibration.md). `apply_calibration = false` loads the scenario as written (the
// starting point of a new fit); `calibration_file`, if given, receives the file's path
// (empty when the scenario names none).
struct ScenarioLoadOptions {
  bool apply_calibration = true;
  std::filesystem::path* calibration_file = nullptr;
};
ScenarioConfig load_scenario(const std::filesystem::path& where, const ScenarioLoadOptions& options);

// Where `where` resolves to (the scenario.lua file), or throws InputError if none.
std::filesystem::path find_scenario(const std::filesystem::path& where);

}  // namespace hotline
