// A loaded rule set's lookups: category and unit interning at the boundary, streets within a
// district, the memoised working days, and finding a set by path or name. Loading is in
// ruleset_load.cpp, compiling the tables in ruleset_compiler.cpp.
#include "rules/ruleset.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/error.hpp"
#include "core/paths.hpp"

namespace hotline::rules {

std::string LimitSpec::to_string() const {
  auto num = [](double v) {
    std::ostringstream o;
    o << v;
    return o.str();
  };
  auto count = [&](const char* unit) { return num(amount) + " " + unit + (amount == 1 ? "" : "s"); };
  switch (kind) {
    case Kind::None: return "no limit";
    case Kind::Immediate: return "immediately";
    case Kind::Minutes: return count("minute");
    case Kind::Hours: return count("hour");
    case Kind::Days: return count("day");
    case Kind::WorkingDays: return count("working day");
    case Kind::WorkingHours: return count("working hour");
  }
  return "?";
}

int RuleSet::category(std::string_view text) const {
  auto it = category_ids_.find(text);
  return it == category_ids_.end() ? -1 : it->second;
}

UnitIndex RuleSet::unit(std::string_view id_or_name) const {
  auto it = unit_ids_.find(id_or_name);
  return it == unit_ids_.end() ? kNoUnit : it->second;
}

UnitIndex RuleSet::street(std::string_view text, UnitIndex district) const {
  if (text.empty()) return kNoUnit;
  UnitIndex u = unit(text);
  if (u != kNoUnit) return u;
  if (district == kNoUnit) return kNoUnit;
  char key[160];
  int n = std::snprintf(key, sizeof key, "%u/%.*s", district, int(text.size()), text.data());
  if (n <= 0 || std::size_t(n) >= sizeof key) return kNoUnit;
  auto it = street_names_.find(std::string_view(key, std::size_t(n)));
  return it == street_names_.end() ? kNoUnit : it->second;
}

Time RuleSet::add_working_days(Time t, int n) const {
  DayNumber day = cst_day(t);
  std::int64_t i = std::int64_t(day) - first_day_;
  if (n < 0 || i < 0 || i >= std::int64_t(working_ordinal_.size())) return calendar_->add_working_days(t, n);
  if (n == 0) return cst_midnight(day + 1);
  std::size_t k = std::size_t(working_ordinal_[std::size_t(i)]) + std::size_t(n) - 1;
  if (k >= working_days_.size()) return calendar_->add_working_days(t, n);
  return cst_midnight(working_days_[k] + 1);
}

std::filesystem::path find_ruleset(const std::string& arg) {
  namespace fs = std::filesystem;
  if (fs::is_directory(arg)) return arg;
  for (fs::path p : {data_dir() / arg, data_dir() / "rulesets" / arg})
    if (fs::is_directory(p)) return p;
  throw InputError(arg, 0, "", "no such rule set folder (nor a shipped rule set under " + (data_dir() / "rulesets").string() + ")");
}

}  // namespace hotline::rules
