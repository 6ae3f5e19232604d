// Loads a simulation scenario (scenarios/<name>/scenario.lua, format in docs/scenarios.md)
// into the plain ScenarioConfig that sim/ reads. The script runs in a restricted Lua 5.4
// state: only base (without load/dofile/loadfile/require), string, table, math and utf8.
#pragma once

#include <filesystem>

#include "core/scenario.hpp"

namespace hotline {

// `where` is a scenario.lua file, a folder holding one, or a scenario name looked up in
// the data folder (core/paths.hpp). Throws InputError as "file:line: field: reason" for a
// script error or a bad or unknown field; relative file names in the scenario (the replay
// database) are resolved against the scenario's folder.
ScenarioConfig load_scenario(const std::filesystem::path& where);

// Where `where` resolves to (the scenario.lua file), or throws InputError if none.
std::filesystem::path find_scenario(const std::filesystem::path& where);

}  // namespace hotline
