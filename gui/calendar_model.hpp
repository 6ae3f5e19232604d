// View model of the calendar panel (no ImGui): a month as a grid of days with their kind
// (workday, weekend, statutory holiday, make-up workday) from the working calendar
// [SL24 §12: time limits count working days].
#pragma once

#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/time.hpp"

namespace hotline::gui {

struct CalendarDay {
  DayNumber day = 0;
  int day_of_month = 0;
  DayKind kind = DayKind::Workday;
  std::string holiday;  // the holiday's name, "" if none
};

struct CalendarMonth {
  int year = 0, month = 0;
  int leading_blanks = 0;  // cells before day 1 in a Monday-first week row (0..6)
  std::vector<CalendarDay> days;
  int working_days = 0;
  int rows() const { return (leading_blanks + int(days.size()) + 6) / 7; }
};

// Throws CalendarRangeError for a month outside the calendar's loaded years.
CalendarMonth month_grid(const WorkCalendar& cal, int year, int month);

}  // namespace hotline::gui
