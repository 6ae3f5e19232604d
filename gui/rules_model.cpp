// The rule lab's view model: the rule diff table.
#include "gui/rules_model.hpp"

namespace hotline::gui {

RuleDiffTable diff_rulesets(const std::string& baseline, const std::string& revised) {
  rules::LoadOptions lo;
  lo.run_tests = false;
  auto a = rules::RuleSet::load(rules::find_ruleset(baseline), lo);
  auto b = rules::RuleSet::load(rules::find_ruleset(revised), lo);
  RuleDiffTable t;
  t.baseline = a->manifest().id + "@" + a->revision();
  t.revised = b->manifest().id + "@" + b->revision();
  t.rows = rules::diff_parameters(*a, *b);
  using Change = rules::ParameterDiff::Change;
  for (const auto& r : t.rows)
    ++(r.change == Change::Changed ? t.changed : r.change == Change::Added ? t.added : r.change == Change::Removed ? t.removed : t.same);
  return t;
}

}  // namespace hotline::gui
