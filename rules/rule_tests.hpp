// A rule set's own tests (tests/*.lua: given this ticket, expect this decision), run against
// an engine of the set: by the loader before a set is accepted, by `hotline rules test` and
// by the library's Engine::test.
#pragma once

#include <string>
#include <vector>

#include "rules/engine.hpp"

namespace hotline::rules {

// One result per case.
struct RuleTestResult {
  std::string file;  // "tests/dispatch.lua"
  int line = 0;
  std::string name;
  bool passed = false;
  std::string message;  // why it failed
};
std::vector<RuleTestResult> run_rule_tests(RuleEngine& engine);

}  // namespace hotline::rules
