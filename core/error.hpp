// Errors for bad input: every message names the file, line and field it is about.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace hotline {

// One problem in one input row or entry. `line` is 1-based; 0 means "the whole file".
struct InputProblem {
  std::string file;
  int line = 0;
  std::string field;   // column, key or entity id; may be empty
  std::string reason;

  // "file:line: field: reason" (parts that are empty are left out).
  std::string to_string() const;
};

// Bad input: a CSV row, a rule script, a scenario file, a request. Holds one or more
// problems; what() is every problem on its own line.
class InputError : public std::runtime_error {
 public:
  explicit InputError(InputProblem problem);
  explicit InputError(std::vector<InputProblem> problems);
  InputError(std::string file, int line, std::string field, std::string reason);

  const std::vector<InputProblem>& problems() const { return problems_; }

 private:
  std::vector<InputProblem> problems_;
};

}  // namespace hotline
