// Running a rule set's files in a sandbox, shared by the loader (ruleset_load.cpp) and each
// engine (engine.cpp, which keeps the function references of its own state). Internal to
// rules/; not installed.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "rules/lua_value.hpp"
#include "rules/sandbox.hpp"

namespace hotline::rules {

// The table each module file returned, by file name ("dispatch.lua").
using RuleModules = std::map<std::string, Value, std::less<>>;

// Runs `file` of `files` (name, text) and reads the table it returns; functions in it are
// appended to `functions` as registry references. A failure is appended to `problems`.
Value run_rule_file(Sandbox& sandbox, const std::vector<std::pair<std::string, std::string>>& files,
                    const std::string& file, std::vector<int>* functions, std::vector<InputProblem>* problems);

// Runs every file of kRuleFiles in that order (so that the function references come out
// the same in every state) and reads their tables.
RuleModules run_rule_files(Sandbox& sandbox, const std::vector<std::pair<std::string, std::string>>& files,
                           std::vector<int>* functions, std::vector<InputProblem>* problems);

// "label/file.lua:12: message" -> a problem naming the real path and line.
InputProblem lua_problem(const std::filesystem::path& folder, const std::string& label, const std::string& message);

}  // namespace hotline::rules
