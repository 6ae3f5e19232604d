// The rule-set compiler, internal to the loader (rules/ruleset_load.cpp): reads the tables
// the rule files returned (Value trees), validates them (units against the org graph, limit
// tables for gaps and overlaps under the unique hit policy, clause tags on every rule),
// collects every problem as file:line: field: reason, and fills the set's compiled tables.
// Not installed; nothing outside rules/ includes it.
#pragma once

#include "rules/rule_files.hpp"
#include "rules/ruleset.hpp"

namespace hotline::rules {

// ruleset.lua's table into rs's manifest (which names the org graph and the calendar).
// Throws InputError listing every problem.
void compile_manifest(RuleSet& rs, const Value& manifest);

// intake.lua ... diversion.lua (looked up by file name) into rs's compiled tables, once the
// org graph and the calendar are loaded. Throws InputError listing every problem.
void compile_modules(RuleSet& rs, const RuleModules& modules);

}  // namespace hotline::rules
