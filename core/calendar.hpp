// The working calendar: statutory holidays, make-up working days (调休) and working hours,
// loaded from data, with the deadline primitives the rules use [SL24 §12, XA23 三(四)].
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/enums.hpp"
#include "core/time.hpp"

namespace hotline {

// A date outside the loaded years. The message names the missing year.
class CalendarRangeError : public std::out_of_range {
 public:
  // first_loaded > last_loaded means nothing is loaded.
  CalendarRangeError(int year, int first_loaded, int last_loaded);
  int year() const { return year_; }  // the missing year

 private:
  int year_;
};

enum class DayKind : std::uint8_t {
  Workday,        // Monday..Friday with no entry
  Weekend,        // Saturday/Sunday with no entry
  Holiday,        // a statutory day off from the calendar
  MakeupWorkday,  // a make-up working day (调休上班), usually on a weekend
};

// Day types of the call centre's intraday traffic profile and staffing (core/scenario.hpp,
// docs/simulator.md): a statutory holiday is its own type, a make-up working day (调休上班)
// is staffed like a weekday. WorkCalendar::day_type() classifies a date.
enum class DayType : std::uint8_t { Weekday, Weekend, Holiday, Count };
template <>
struct EnumNames<DayType> {  // as HOTLINE_ENUM_NAMES in core/enums.hpp
  static constexpr std::array<EnumName, std::size_t(DayType::Count)> names{
      EnumName{"weekday", "工作日", "Weekday"}, EnumName{"weekend", "周末", "Weekend"},
      EnumName{"holiday", "节假日", "Holiday"}};
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
  // Loading is all or nothing: on error the calendar is unchanged.
  static WorkCalendar load(const std::filesystem::path& file);
  void load_more(const std::filesystem::path& file);
  // As load_more, from text in memory; `name` stands for the file in messages.
  void load_text(std::string_view text, const std::string& name);
  // Every *.csv of a folder, in name order; InputError naming the folder when it has none.
  static WorkCalendar load_folder(const std::filesystem::path& folder);
  // The national calendar shipped in data_dir()/calendars/ (load_folder).
  static WorkCalendar national();
  // The national calendar, loaded once per process on first use (thread-safe); throws as
  // national() does (and tries again on the next call) when the data cannot be loaded.
  static const WorkCalendar& national_shared();

  // Working hours of a working day; default 08:30-12:00 and 14:30-18:00.
  // Spans must be sorted and disjoint; throws std::invalid_argument otherwise.
  void set_working_hours(std::vector<WorkingSpan> spans);
  const std::vector<WorkingSpan>& working_hours() const { return hours_; }
  // Parses "08:30-12:00,14:30-18:00".
  static std::vector<WorkingSpan> parse_working_hours(std::string_view text);

  // Covered years: those whose notice (a "year" line) was loaded. Every day of a covered
  // year can be asked about; any other day is a CalendarRangeError.
  int first_year() const { return years_.empty() ? 0 : years_.begin()->first; }
  int last_year() const { return years_.empty() ? -1 : years_.rbegin()->first; }
  bool covers(int year) const { return years_.count(year) != 0; }
  // Covered year -> its source (notice URLs or a local rule's description).
  const std::map<int, std::string>& years() const { return years_; }

  // All of these throw CalendarRangeError for a day of a year that is not covered.
  DayKind day_kind(DayNumber day) const;
  // The day type for the call centre: a statutory day off listed by the calendar is
  // Holiday (also when it falls on a Saturday or Sunday), a make-up working day is Weekday,
  // any other Saturday/Sunday is Weekend and any other day Weekday.
  DayType day_type(DayNumber day) const;
  DayType day_type(Date d) const { return day_type(day_number(d)); }
  bool is_working_day(DayNumber day) const;
  bool is_working_day(Date d) const { return is_working_day(day_number(d)); }
  // The entry's name (holiday, or the holiday a make-up day belongs to); "" if none.
  std::string_view holiday_name(DayNumber day) const;

  // t + h natural hours (rounded to the second). A result outside the covered years is a
  // CalendarRangeError (with no calendar loaded: outside 1970-2199, std::out_of_range), so
  // that h = 1e300 can never wrap to a negative time.
  Time add_hours(Time t, double hours) const;
  // t + h hours (h >= 0, rounded to the second) counted only inside working hours of
  // working days. If t is outside working time the count starts at the next working span.
  // A result that ends exactly at the end of a span is that end (e.g. 12:00), not the start
  // of the next span. h = 0 returns t. A result past the covered years is a
  // CalendarRangeError.
  Time add_working_hours(Time t, double hours) const;
  // The working hours in [a, b) (0 when b <= a): the inverse of add_working_hours,
  // working_hours_between(t, add_working_hours(t, h)) == h to the second.
  double working_hours_between(Time a, Time b) const;
  // The end (24:00, i.e. 00:00 of the following day) of the n-th working day after the day
  // of t. The day of t itself is not counted (civil-law convention). n >= 0; n = 0 is the
  // end of the day of t.
  Time add_working_days(Time t, int n) const;
  // The number of working days D after the day of a whose end (24:00) is not after b:
  // day(a) < D and end(D) <= b. 0 when b <= a. The inverse of add_working_days:
  // working_days_between(t, add_working_days(t, n)) == n. Checks the day of a and every
  // counted day.
  int working_days_between(Time a, Time b) const;

 private:
  struct Entry {
    bool off = false;  // true: statutory day off; false: make-up working day
    std::string name;
  };
  void check_range(DayNumber day) const;
  void check_result(Time t, double hours, const char* what) const;
  void rebuild_table();
  struct Parser;  // load_text's reading of the file (calendar.cpp)

  // Day kinds from 1 January of first_year() on, one byte a day, rebuilt after each load:
  // the simulator asks for millions of deadlines, and this avoids a date conversion and a
  // hash lookup per day. kUncovered marks days of years inside the span that are not loaded.
  static constexpr std::uint8_t kUncovered = 0xFF;
  DayNumber table_first_ = 0;
  std::vector<std::uint8_t> table_;

  std::unordered_map<DayNumber, Entry> entries_;
  std::map<int, std::string> years_;  // covered year -> source
  std::vector<WorkingSpan> hours_{{8 * 3600 + 30 * 60, 12 * 3600}, {14 * 3600 + 30 * 60, 18 * 3600}};
};

}  // namespace hotline
