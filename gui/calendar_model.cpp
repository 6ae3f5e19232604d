// View model of the calendar panel: one month of day kinds from the working calendar.
#include "gui/calendar_model.hpp"

#include <cassert>

namespace hotline::gui {

CalendarMonth month_grid(const WorkCalendar& cal, int year, int month) {
  assert(month >= 1 && month <= 12);
  CalendarMonth m;
  m.year = year;
  m.month = month;
  DayNumber first = day_number(Date{year, month, 1});
  DayNumber next = month == 12 ? day_number(Date{year + 1, 1, 1}) : day_number(Date{year, month + 1, 1});
  m.leading_blanks = iso_weekday(first) - 1;
  for (DayNumber d = first; d < next; ++d) {
    CalendarDay c;
    c.day = d;
    c.day_of_month = int(d - first) + 1;
    c.kind = cal.day_kind(d);
    c.holiday = std::string(cal.holiday_name(d));
    if (cal.is_working_day(d)) ++m.working_days;
    m.days.push_back(std::move(c));
  }
  return m;
}

}  // namespace hotline::gui
