// Formatting of input errors as "file:line: field: reason".
#include "core/error.hpp"

#include "core/redact.hpp"

namespace hotline {

std::string InputProblem::to_string() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  if (!out.empty()) out += ": ";
  // Field and reason may quote input; a phone or ID number in them is masked here, the one
  // place every input error passes through.
  if (!field.empty()) out += mask_personal(field) + ": ";
  out += mask_personal(reason);
  return out;
}

namespace {
std::string join(const std::vector<InputProblem>& problems) {
  std::string out;
  for (const auto& p : problems) {
    if (!out.empty()) out += '\n';
    out += p.to_string();
  }
  return out;
}
}  // namespace

InputError::InputError(InputProblem problem)
    : InputError(std::vector<InputProblem>{std::move(problem)}) {}

InputError::InputError(std::vector<InputProblem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {}

InputError::InputError(std::string file, int line, std::string field, std::string reason)
    : InputError(InputProblem{std::move(file), line, std::move(field), std::move(reason)}) {}

}  // namespace hotline
