// Day types of the call centre (weekday, weekend, statutory holiday) from the working
// calendar: Spring Festival, National Day and make-up working days (调休) of 2024-2026.
#include <catch2/catch.hpp>

#include <string>

#include "core/calendar.hpp"
#include "core/scenario.hpp"

using namespace hotline;

namespace {
const WorkCalendar& cal() { return WorkCalendar::national_shared(); }
DayType type(int y, int m, int d) { return cal().day_type(Date{y, m, d}); }
// Every day of [first, last] (inclusive) has type t.
void all_of(Date first, Date last, DayType t) {
  for (DayNumber n = day_number(first); n <= day_number(last); ++n) {
    INFO(format_date(n));
    CHECK(cal().day_type(n) == t);
  }
}
}  // namespace

TEST_CASE("Day types have keys and Chinese and English names", "[core][calendar][daytype]") {
  CHECK(enum_key(DayType::Holiday) == "holiday");
  CHECK(display_name(DayType::Holiday) == "节假日");
  CHECK(display_name(DayType::Holiday, Lang::En) == "Holiday");
  CHECK(enum_from<DayType>("weekend") == DayType::Weekend);
  CHECK(enum_from<DayType>("工作日") == DayType::Weekday);
  CHECK_FALSE(enum_from<DayType>("festival"));
  CHECK(enum_keys<DayType>() == "weekday|weekend|holiday");
}

TEST_CASE("Spring Festival 2024-2026: holidays, make-up working days and plain weekends",
          "[core][calendar][daytype]") {
  // 2024: off 10-17 Feb (Saturday to Saturday), make-up Sundays 4 and 18 Feb.
  all_of({2024, 2, 10}, {2024, 2, 17}, DayType::Holiday);
  CHECK(type(2024, 2, 4) == DayType::Weekday);
  CHECK(type(2024, 2, 18) == DayType::Weekday);
  CHECK(type(2024, 2, 3) == DayType::Weekend);   // an ordinary Saturday
  CHECK(type(2024, 2, 9) == DayType::Weekday);   // Friday, New Year's Eve, a working day
  // 2025: off 28 Jan - 4 Feb (its Saturday and Sunday too), make-up Sunday 26 Jan and Saturday 8 Feb.
  all_of({2025, 1, 28}, {2025, 2, 4}, DayType::Holiday);
  CHECK(type(2025, 2, 1) == DayType::Holiday);   // a Saturday listed as a holiday
  CHECK(type(2025, 1, 26) == DayType::Weekday);
  CHECK(type(2025, 2, 8) == DayType::Weekday);
  CHECK(type(2025, 1, 25) == DayType::Weekend);
  CHECK(type(2025, 1, 27) == DayType::Weekday);
  CHECK(type(2025, 1, 1) == DayType::Holiday);   // New Year's Day, a Wednesday
  // 2026: off 15-23 Feb, make-up Saturdays 14 and 28 Feb.
  all_of({2026, 2, 15}, {2026, 2, 23}, DayType::Holiday);
  CHECK(type(2026, 2, 14) == DayType::Weekday);
  CHECK(type(2026, 2, 28) == DayType::Weekday);
  CHECK(type(2026, 2, 8) == DayType::Weekend);
}

TEST_CASE("National Day 2024-2026 and its make-up working days", "[core][calendar][daytype]") {
  all_of({2024, 10, 1}, {2024, 10, 7}, DayType::Holiday);
  CHECK(type(2024, 9, 29) == DayType::Weekday);  // Sunday
  CHECK(type(2024, 10, 12) == DayType::Weekday); // Saturday
  CHECK(type(2024, 10, 13) == DayType::Weekend);
  all_of({2025, 10, 1}, {2025, 10, 8}, DayType::Holiday);
  CHECK(type(2025, 9, 28) == DayType::Weekday);
  CHECK(type(2025, 10, 11) == DayType::Weekday);
  CHECK(type(2025, 10, 9) == DayType::Weekday);
  all_of({2026, 10, 1}, {2026, 10, 7}, DayType::Holiday);
  CHECK(type(2026, 9, 20) == DayType::Weekday);
  CHECK(type(2026, 10, 10) == DayType::Weekday);
  CHECK(type(2026, 10, 11) == DayType::Weekend);
}

TEST_CASE("The day type agrees with the calendar's day kind on every covered day",
          "[core][calendar][daytype]") {
  int counts[3] = {0, 0, 0};
  for (DayNumber n = day_number(Date{2019, 1, 1}); n < day_number(Date{2027, 1, 1}); ++n) {
    const DayKind k = cal().day_kind(n);
    const DayType t = cal().day_type(n);
    INFO(format_date(n));
    CHECK(t == (k == DayKind::Holiday ? DayType::Holiday
                : k == DayKind::Weekend ? DayType::Weekend
                                        : DayType::Weekday));
    // Working days are exactly the weekday type.
    CHECK(cal().is_working_day(n) == (t == DayType::Weekday));
    ++counts[int(t)];
  }
  CHECK(counts[int(DayType::Holiday)] > 8 * 25);  // about 28-30 statutory days off a year
  CHECK(counts[int(DayType::Weekend)] > 8 * 80);
}

TEST_CASE("A date outside the loaded years is an error naming the year", "[core][calendar][daytype]") {
  try {
    (void)cal().day_type(Date{2027, 1, 4});
    FAIL("no error for 2027");
  } catch (const CalendarRangeError& e) {
    CHECK(e.year() == 2027);
    CHECK(std::string(e.what()).find("2027") != std::string::npos);
  }
  CHECK_THROWS_AS(cal().day_type(Date{2018, 6, 1}), CalendarRangeError);
  // The horizon of a scenario: every day is classified, the first uncovered one is named.
  ScenarioConfig sc;
  sc.start = make_time(Date{2026, 12, 30});
  sc.days = 3;
  CHECK_THROWS_WITH(sc.day_types(cal()), Catch::Contains("year 2027"));
  sc.days = 2;
  const std::vector<DayType> v = sc.day_types(cal());
  REQUIRE(v.size() == 2);
  CHECK(v[0] == DayType::Weekday);  // Wednesday 30 Dec 2026
  CHECK(v[1] == DayType::Weekday);
}

TEST_CASE("Holidays without a profile or agents of their own use the weekend ones",
          "[core][daytype]") {
  ScenarioConfig sc;
  sc.profile[0] = {1, 2};
  sc.profile[1] = {3, 4};
  CHECK(sc.profile_for(DayType::Holiday) == std::vector<double>{3, 4});
  sc.profile[2] = {5, 6};
  CHECK(sc.profile_for(DayType::Holiday) == std::vector<double>{5, 6});
  CHECK(sc.profile_for(DayType::Weekday) == std::vector<double>{1, 2});
  SkillConfig k;
  k.agents[1] = {7};
  CHECK(k.agents_for(DayType::Holiday) == std::vector<int>{7});
  CHECK(k.agents_for(DayType::Weekday).empty());
  k.agents[2] = {8};
  CHECK(k.agents_for(DayType::Holiday) == std::vector<int>{8});
  ShiftSpec sh;
  sh.weekends = false;
  CHECK(sh.works(DayType::Weekday));
  CHECK_FALSE(sh.works(DayType::Weekend));
  CHECK(sh.works(DayType::Holiday));
}
