// View model of the rule lab window (规则实验, no ImGui): two rule sets compared as data
// (`hotline rules diff` as a table).
#pragma once

#include <string>
#include <vector>

#include "rules/ruleset_diff.hpp"

namespace hotline::gui {

struct RuleDiffTable {
  std::string baseline, revised;  // "id@revision"
  std::vector<rules::ParameterDiff> rows;  // every parameter, sorted by name
  int changed = 0, added = 0, removed = 0, same = 0;
};

// Loads both sets (a folder or a shipped name; their tests are not run) and diffs their
// parameters. Throws InputError naming the set's file:line when one does not load.
RuleDiffTable diff_rulesets(const std::string& baseline, const std::string& revised);

}  // namespace hotline::gui
