// Two rule sets compared as data (`hotline rules diff`, the dashboard's rule lab): their
// parameters (catalog rows, limits, thresholds, weights, bulletin layout) by name.
#pragma once

#include <string>
#include <vector>

#include "rules/ruleset.hpp"

namespace hotline::rules {

struct ParameterDiff {
  enum class Change { Changed, Added, Removed, Same };
  std::string name;
  std::string before, after;  // empty when added / removed
  Change change = Change::Same;
};

// Every parameter of either set, sorted by name, with what happened to it from a to b.
std::vector<ParameterDiff> diff_parameters(const RuleSet& a, const RuleSet& b);

}  // namespace hotline::rules
