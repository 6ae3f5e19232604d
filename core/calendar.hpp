// The working calendar: statutory holidays, make-up working days (调休) and working hours,
// loaded from data, with the deadline primitives the rules use [SL24 §12, XA23 三(四)].
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/time.hpp"

namespace hotline {

// A date outside the loaded years. The message names the missing year.
class CalendarRangeError : public std::out_of_range {
 public:
  CalendarRangeError(int year, int first_loaded, int last_loaded);
  int year() const { return year_; }

 private:
  int year_;
};

enum class DayKind : std::uint8_t {
  Workday,        // Monday..Friday with no entry
  Weekend,        // Saturday/Sunday with no entry
  Holiday,        // a statutory day off from the calendar
  MakeupWorkday,  // a make-up working day (调休上班), usually on a weekend
};

// One span of working time within a day, as seconds since 00:00 CST, [start, end).
struct WorkingSpan {
  int start = 0;
  int end = 0;
};

class WorkCalendar {
 public:
  // Loads a calendar file in the project format (docs/calendar.md). Throws InputError
  // naming the file and line for a bad entry. Several files may be loaded; later entries
  // for the same date replace earlier ones (a local rule overriding the national one).
  static WorkCalendar load(const std::filesystem::path& file);
  void load_more(const std::filesystem::path& file);
  // The national calendar shipped in scenarios/calendars/.
  static WorkCalendar national();

  // Working hours of a working day; default 08:30-12:00 and 14:30-18:00.
  // Spans must be sorted and disjoint; throws std::invalid_argument otherwise.
  void set_working_hours(std::vector<WorkingSpan> spans);
  const std::vector<WorkingSpan>& working_hours() const { return hours_; }
  // Parses "08:30-12:00,14:30-18:00".
  static std::vector<WorkingSpan> parse_working_hours(std::string_view text);

  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }

  // All of these throw CalendarRangeError for a day outside [first_year, last_year].
  DayKind day_kind(DayNumber day) const;
  bool is_working_day(DayNumber day) const;
  bool is_working_day(Date d) const { return is_working_day(day_number(d)); }
  std::string_view holiday_name(DayNumber day) const;  // "" if none

  // t + h natural hours.
  Time add_hours(Time t, double hours) const;
  // t + h hours counted only inside working hours of working days. If t is outside
  // working time the count starts at the next working span.
  Time add_working_hours(Time t, double hours) const;
  // The end (24:00, i.e. 00:00 of the following day) of the n-th working day after the day
  // of t. The day of t itself is not counted (civil-law convention). n >= 0; n = 0 is the
  // end of the day of t.
  Time add_working_days(Time t, int n) const;
  // Working days D with day(a) < D <= day(b) - ... see docs/calendar.md; the inverse of
  // add_working_days: working_days_between(t, add_working_days(t, n)) == n.
  int working_days_between(Time a, Time b) const;

 private:
  struct Entry {
    bool off = false;  // true: statutory day off; false: make-up working day
    std::string name;
  };
  void check_range(DayNumber day) const;

  std::unordered_map<DayNumber, Entry> entries_;
  std::vector<WorkingSpan> hours_{{8 * 3600 + 30 * 60, 12 * 3600}, {14 * 3600 + 30 * 60, 18 * 3600}};
  int first_year_ = 0;
  int last_year_ = -1;
};

}  // namespace hotline
