// Attacks on values that overflow or make no sense (issue 12): time limits outside their
// range, NaN and infinity in a rule set, calendar arithmetic at and past the edges of the
// loaded years. Uses the libraries directly.
#include <catch2/catch.hpp>

#include <cfloat>
#include <climits>
#include <cmath>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "rules/loader.hpp"
#include "rules/ruleset.hpp"
#include "tests/attack/values_support.hpp"
#include "tests/rules/ruleset_fixture.hpp"

using namespace hotline;
using hotline::rules::LoadOptions;
using hotline::rules::RuleSet;

namespace {

// Loads a scratch copy of `shipped` with one edit; returns the error text ("" if it loads).
// Rule tests are off: a changed limit would fail them, and the point is the range check.
std::string load_error(const std::string& shipped, const std::string& name, const std::string& file,
                       const std::string& from, const std::string& to, int* line = nullptr) {
  const auto dir = test::scratch_ruleset(shipped, name + "-" + std::to_string(getpid()));
  test::edit(dir / file, from, to);
  if (line) *line = test::line_of(dir / file, to);
  LoadOptions opt;
  opt.run_tests = false;
  try {
    load_rule_set(dir, opt);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

struct Edit {
  const char* from;
  const char* to;
  const char* expect;  // part of the message after "file:line: "
};

}  // namespace

TEST_CASE("time limits outside their range are refused at load with file, line and field", "[attack][values][rules]") {
  const char* accept = "hours = 24, clause";
  const char* ret = "working_days = 1, clause = \"[SL24 §14]\"";
  const Edit edits[] = {
      {accept, "hours = 1e300, clause", "accept.hours: 1e+300: must be a number from 0 to 8784"},
      {accept, "hours = 8785, clause", "accept.hours: 8785: must be a number from 0 to 8784"},
      {accept, "hours = -1, clause", "accept.hours: -1: must be a number from 0 to 8784"},
      {accept, "hours = -1e-9, clause", "accept.hours: -1e-09: must be a number from 0 to 8784"},
      {accept, "hours = 0/0, clause", "accept.hours: expected a finite number, got NaN"},
      {accept, "hours = 1/0, clause", "accept.hours: expected a finite number, got infinity"},
      {accept, "hours = -math.huge, clause", "accept.hours: expected a finite number, got -infinity"},
      {accept, "hours = \"24\", clause", "accept.hours: expected a number, got a string"},
      {accept, "days = 1e15, clause", "accept.days: 1e+15: must be a number from 0 to 366"},
      {accept, "days = 367, clause", "accept.days: 367: must be a number from 0 to 366"},
      {accept, "minutes = 1e300, clause", "accept.minutes: 1e+300: must be a number from 0 to 527040"},
      {accept, "minutes = math.mininteger, clause", "accept.minutes: -9.22337e+18: must be a number from 0 to 527040"},
      {accept, "working_hours = 1e9, clause", "accept.working_hours: 1e+09: must be a number from 0 to 2928"},
      {accept, "working_hours = 0/0, clause", "accept.working_hours: expected a finite number, got NaN"},
      {ret, "working_days = 100000, clause = \"[SL24 §14]\"", "return.working_days: 100000: must be a whole number from 0 to 366"},
      {ret, "working_days = 2.5, clause = \"[SL24 §14]\"", "return.working_days: 2.5: must be a whole number from 0 to 366"},
      {ret, "working_days = math.maxinteger, clause = \"[SL24 §14]\"", "return.working_days: 9.22337e+18: must be a whole number"},
      {ret, "working_days = 0/0, clause = \"[SL24 §14]\"", "return.working_days: expected a finite number, got NaN"},
      {"max = 2,", "max = 1e300,", "extensions.max: 1e+300: must be a whole number from 0 to 10"},
      {"max = 2,", "max = -1,", "extensions.max: -1: must be a whole number from 0 to 10"},
      {"max = 2,", "max = 0/0,", "extensions.max: expected a finite number, got NaN"},
  };
  int i = 0;
  for (const Edit& e : edits) {
    INFO(e.to);
    int line = 0;
    const std::string err = load_error("shangluo-2024", "limit-" + std::to_string(i++), "deadlines.lua", e.from, e.to, &line);
    REQUIRE(line > 0);
    CHECK(attack::has(err, "deadlines.lua:" + std::to_string(line) + ": "));
    CHECK(attack::has(err, e.expect));
    CHECK_FALSE(attack::has(err, "got a number"));  // the old NaN message
  }
  int line = 0;
  const std::string merge = load_error("xian-2023", "merge-window", "dispatch.lua", "window_hours = 72", "window_hours = 1e300", &line);
  CHECK(attack::has(merge, "dispatch.lua:" + std::to_string(line) + ": merge.window_hours: 1e+300: must be > 0 and at most 8784"));
  CHECK(attack::has(load_error("xian-2023", "merge-nan", "dispatch.lua", "window_hours = 72", "window_hours = 0/0"),
                    "merge.window_hours: expected a finite number, got NaN"));
}

TEST_CASE("time limits at the ends of their range load", "[attack][values][rules]") {
  const char* accept = "hours = 24, clause";
  for (const char* to : {"hours = 8784, clause", "hours = 0, clause", "days = 366, clause", "minutes = 527040, clause",
                         "working_hours = 2928, clause", "working_days = 366, clause", "working_days = 0, clause"}) {
    INFO(to);
    CHECK(load_error("shangluo-2024", std::string("limit-edge-") + to[0] + std::to_string(std::string(to).size()),
                     "deadlines.lua", accept, to) == "");
  }
  CHECK(load_error("shangluo-2024", "limit-edge-ext", "deadlines.lua", "max = 2,", "max = 10,") == "");
}

TEST_CASE("add_hours refuses results outside the calendar's years instead of wrapping", "[attack][values][calendar]") {
  const WorkCalendar cal = WorkCalendar::national();
  const Time first = cst_midnight(day_number({cal.first_year(), 1, 1}));
  const Time end = cst_midnight(day_number({cal.last_year() + 1, 1, 1}));
  const Time mid = make_time({cal.first_year() + 1, 6, 15}, 10);
  for (const double h : {1e300, -1e300, 1e18, -1e18, DBL_MAX, -DBL_MAX, 1e6, 24.0 * 366 * 20, double(LLONG_MAX)}) {
    INFO(h);
    CHECK_THROWS_AS(cal.add_hours(mid, h), CalendarRangeError);
  }
  CHECK_THROWS_AS(cal.add_hours(mid, std::nan("")), std::invalid_argument);
  CHECK_THROWS_AS(cal.add_hours(mid, INFINITY), std::invalid_argument);
  // The edges: the last second of the last year is inside, its end is not.
  CHECK(cal.add_hours(end - 3600, 1 - 1.0 / 3600) == end - 1);
  CHECK_THROWS_AS(cal.add_hours(end - 3600, 1), CalendarRangeError);
  CHECK(cal.add_hours(first + 3600, -1) == first);
  CHECK_THROWS_AS(cal.add_hours(first + 3600, -1 - 1.0 / 3600), CalendarRangeError);
  CHECK_THROWS_WITH(cal.add_hours(mid, 1e300), Catch::Contains("no data for year " + std::to_string(cal.last_year() + 1)));
  // Ordinary sums are unchanged.
  CHECK(cal.add_hours(mid, 2.5) == mid + 9000);
  // With no calendar loaded, the years 1970-2199 bound the result.
  const WorkCalendar empty;
  CHECK(empty.add_hours(mid, 24) == mid + 86400);
  for (const double h : {1e300, -1e300, 1e18}) CHECK_THROWS_AS(empty.add_hours(mid, h), std::out_of_range);
}

TEST_CASE("add_working_hours and add_working_days refuse results past the calendar's years", "[attack][values][calendar]") {
  const WorkCalendar cal = WorkCalendar::national();
  const Time mid = make_time({cal.first_year() + 1, 6, 15}, 10);
  for (const double h : {1e300, 1e18, DBL_MAX, 1e9, 24.0 * 366 * 20, double(LLONG_MAX) / 3600}) {
    INFO(h);
    CHECK_THROWS_AS(cal.add_working_hours(mid, h), CalendarRangeError);
  }
  for (const double h : {-1.0, -1e300, std::nan(""), double(INFINITY)}) {
    INFO(h);
    CHECK_THROWS_AS(cal.add_working_hours(mid, h), std::invalid_argument);
  }
  // Near the end of the last year: a few hours fit, a week does not.
  const Time late = make_time({cal.last_year(), 12, 31}, 9);
  CHECK(cal.add_working_hours(late, 1) > late);
  CHECK_THROWS_AS(cal.add_working_hours(late, 40), CalendarRangeError);
  for (const int n : {INT_MAX, 1'000'000, 366 * 20}) {
    INFO(n);
    CHECK_THROWS_AS(cal.add_working_days(mid, n), CalendarRangeError);
  }
  CHECK_THROWS_AS(cal.add_working_days(mid, -1), std::invalid_argument);
  CHECK_THROWS_AS(cal.add_working_days(make_time({cal.last_year() + 1, 1, 2}), 0), CalendarRangeError);
  CHECK(cal.add_working_days(mid, 5) > mid);
}
