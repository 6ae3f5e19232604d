// hotline/errors.hpp: the one exception type of the C++ API. Every problem names the file,
// line and field it is about ("shangluo-2024/tests/dispatch.lua:12: gas: expected lead
// trqgs, got shangluo"); parts that do not apply are empty (line 0). Text that looks like a
// phone or ID number is masked before it gets here.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "hotline/export.h"

namespace hotline::api {

struct Problem {
  std::string file;   // rule file, calendar file, "ticket" or "ticket[3]" (batch index), ...
  int line = 0;       // 1-based; 0: the whole file or object
  std::string field;  // key, column or rule test; may be empty
  std::string reason;

  // "file:line: field: reason", leaving out the empty parts.
  HOTLINE_API std::string to_string() const;
};

// Bad input (a rule set, a calendar, a ticket, a scenario) or a failed call. what() is
// every problem's to_string() on its own line.
class HOTLINE_API Error : public std::runtime_error {
 public:
  explicit Error(std::vector<Problem> problems);
  ~Error() override;
  const std::vector<Problem>& problems() const noexcept { return problems_; }

 private:
  std::vector<Problem> problems_;
};

}  // namespace hotline::api
