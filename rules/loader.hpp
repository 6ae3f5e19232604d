// Loading a rule set: the folder's files read, run in the sandbox, compiled into a RuleSet
// and validated as a whole, then the set's own tests run against an engine of it; a set
// with any problem is refused, so a bad revision never takes effect [docs/architecture.md
// "The rule set"]. Above the engine: nothing the engine includes depends on the loader.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "core/calendar.hpp"
#include "core/org_graph.hpp"
#include "rules/ruleset.hpp"
#include "rules/sandbox.hpp"

namespace hotline::rules {

struct LoadOptions {
  bool run_tests = true;  // reject the set if one of its tests/*.lua fails
  std::shared_ptr<const OrgGraph> org;            // else the manifest's org file
  std::shared_ptr<const WorkCalendar> calendar;   // else the national calendar
  SandboxLimits limits;
  // Folders outside the rule set and the shipped data that the set's `org` and `calendar`
  // may name by an absolute or '..' path (the command line's --allow-folder).
  std::vector<std::filesystem::path> allowed_folders;
};

// Loads, compiles and validates the folder; throws InputError listing every problem as
// file:line: field: reason, including failing rule tests.
std::shared_ptr<const RuleSet> load_rule_set(const std::filesystem::path& folder, LoadOptions options = {});

}  // namespace hotline::rules
