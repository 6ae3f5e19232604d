// Tests of the calendar panel's month grid on the shipped national calendar.
#include <catch2/catch.hpp>

#include "gui/calendar_model.hpp"

using namespace hotline;
using namespace hotline::gui;

TEST_CASE("January 2025 has New Year, the Spring Festival and a make-up Sunday", "[gui][calendar]") {
  WorkCalendar cal = WorkCalendar::national();
  CalendarMonth m = month_grid(cal, 2025, 1);
  CHECK(m.leading_blanks == 2);  // 2025-01-01 is a Wednesday
  REQUIRE(m.days.size() == 31);
  CHECK(m.rows() == 5);
  CHECK(m.days[0].kind == DayKind::Holiday);
  CHECK(m.days[0].holiday == "元旦");
  CHECK(m.days[25].day_of_month == 26);
  CHECK(m.days[25].kind == DayKind::MakeupWorkday);
  CHECK(m.days[27].kind == DayKind::Holiday);  // 28th: Spring Festival holiday
  CHECK(m.days[3].kind == DayKind::Weekend);   // 4th: Saturday
  CHECK(m.days[1].kind == DayKind::Workday);
  // 23 weekdays, minus 1st and 28th-31st, plus the make-up Sunday
  CHECK(m.working_days == 19);
  int counted = 0;
  for (const CalendarDay& d : m.days) counted += cal.is_working_day(d.day);
  CHECK(counted == m.working_days);
}

TEST_CASE("month grids end on the month's last day, December included", "[gui][calendar]") {
  WorkCalendar cal = WorkCalendar::national();
  CHECK(month_grid(cal, 2024, 12).days.size() == 31);
  CHECK(month_grid(cal, 2024, 2).days.size() == 29);
  CHECK(month_grid(cal, 2025, 2).days.size() == 28);
  CHECK(month_grid(cal, 2024, 9).leading_blanks == 6);  // 2024-09-01 is a Sunday
  CHECK(month_grid(cal, 2024, 9).rows() == 6);
}

TEST_CASE("a month outside the calendar's years throws a range error", "[gui][calendar]") {
  WorkCalendar cal = WorkCalendar::national();
  CHECK_THROWS_AS(month_grid(cal, cal.last_year() + 1, 1), CalendarRangeError);
}
