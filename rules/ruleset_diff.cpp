// Rule-set parameters compared by name.
#include "rules/ruleset_diff.hpp"

#include <map>

namespace hotline::rules {

std::vector<ParameterDiff> diff_parameters(const RuleSet& a, const RuleSet& b) {
  std::map<std::string, ParameterDiff> all;
  for (const auto& [k, v] : a.tables().parameters) {
    ParameterDiff& d = all[k];
    d.name = k, d.before = v, d.change = ParameterDiff::Change::Removed;
  }
  for (const auto& [k, v] : b.tables().parameters) {
    ParameterDiff& d = all[k];
    d.after = v;
    if (d.name.empty()) d.name = k, d.change = ParameterDiff::Change::Added;
    else d.change = d.before == v ? ParameterDiff::Change::Same : ParameterDiff::Change::Changed;
  }
  std::vector<ParameterDiff> out;
  for (auto& [k, d] : all) out.push_back(std::move(d));
  return out;
}

}  // namespace hotline::rules
