// The working calendar: loading, validation and the deadline primitives across the real
// 2024-2026 holidays and make-up days [SL24 §12-16].
#include <catch2/catch.hpp>

#include <fstream>
#include <random>

#include "core/calendar.hpp"
#include "core/error.hpp"

using namespace hotline;

namespace {
const WorkCalendar& national() {
  static const WorkCalendar cal = WorkCalendar::national();
  return cal;
}
Time at(int y, int m, int d, int hh = 0, int mm = 0) { return make_time(Date{y, m, d}, hh, mm); }
DayNumber day(int y, int m, int d) { return day_number(Date{y, m, d}); }
// The instant a deadline "end of y-m-d" stands for: 24:00 of that day.
Time end_of(int y, int m, int d) { return cst_midnight(day(y, m, d) + 1); }

std::string load_error(std::string_view text) {
  WorkCalendar cal;
  try {
    cal.load_text(text, "t.csv");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("The national calendar covers the notice years 2019 to 2026", "[core][calendar]") {
  const WorkCalendar& cal = national();
  CHECK(cal.first_year() == 2019);
  CHECK(cal.last_year() == 2026);
  for (int y = 2019; y <= 2026; ++y) CHECK(cal.covers(y));
  CHECK_FALSE(cal.covers(2018));  // the 2019 notice lists 2018-12-29..31 but 2018 is not covered
  CHECK(cal.years().at(2025).find("gov.cn") != std::string::npos);
}

TEST_CASE("Days without an entry follow the weekday; entries override it", "[core][calendar]") {
  const WorkCalendar& cal = national();
  CHECK(cal.day_kind(day(2025, 3, 12)) == DayKind::Workday);         // Wednesday
  CHECK(cal.day_kind(day(2025, 3, 15)) == DayKind::Weekend);         // Saturday
  CHECK(cal.day_kind(day(2025, 1, 29)) == DayKind::Holiday);         // 春节, Wednesday
  CHECK(cal.day_kind(day(2025, 1, 26)) == DayKind::MakeupWorkday);   // Sunday 班
  CHECK(cal.is_working_day(day(2025, 1, 26)));
  CHECK(cal.is_working_day(Date{2025, 2, 8}));                       // Saturday 班
  CHECK_FALSE(cal.is_working_day(day(2025, 2, 4)));
  CHECK(cal.holiday_name(day(2025, 2, 4)) == "春节");
  CHECK(cal.holiday_name(day(2025, 2, 8)) == "春节");
  CHECK(cal.holiday_name(day(2025, 3, 12)).empty());
  CHECK(cal.day_kind(day(2022, 12, 31)) == DayKind::Holiday);        // from the 2023 notice
}

TEST_CASE("Spring Festival 2025: the demo deadline and a start on the holiday",
          "[core][calendar]") {
  const WorkCalendar& cal = national();
  Time t = at(2025, 1, 24, 10);  // Friday; Sat off, Sun 1-26 班, 1-28..2-4 off, Sat 2-8 班
  CHECK(cal.add_working_days(t, 0) == end_of(2025, 1, 24));
  CHECK(cal.add_working_days(t, 1) == end_of(2025, 1, 26));
  CHECK(cal.add_working_days(t, 2) == end_of(2025, 1, 27));
  CHECK(cal.add_working_days(t, 3) == end_of(2025, 2, 5));
  CHECK(cal.add_working_days(t, 5) == end_of(2025, 2, 7));
  CHECK(cal.add_working_days(t, 6) == end_of(2025, 2, 8));
  CHECK(cal.working_days_between(t, end_of(2025, 2, 7)) == 5);
  CHECK(cal.working_days_between(t, end_of(2025, 2, 7) - 1) == 4);
  // Received on a holiday: counting starts with the first working day after it.
  Time h = at(2025, 1, 29, 15);
  CHECK(cal.add_working_days(h, 1) == end_of(2025, 2, 5));
  CHECK(cal.add_working_days(h, 4) == end_of(2025, 2, 8));
  // Received on the make-up Saturday: the Sunday after it is off.
  Time m = at(2025, 2, 8, 9);
  CHECK(cal.add_working_days(m, 1) == end_of(2025, 2, 10));
}

TEST_CASE("Spring Festival 2024 and 2026 with make-up Saturdays and Sundays",
          "[core][calendar]") {
  const WorkCalendar& cal = national();
  Time t = at(2024, 2, 2, 14);  // Friday; Sun 2-4 班, 2-10..2-17 off, Sun 2-18 班
  CHECK(cal.add_working_days(t, 1) == end_of(2024, 2, 4));
  CHECK(cal.add_working_days(t, 2) == end_of(2024, 2, 5));
  CHECK(cal.add_working_days(t, 6) == end_of(2024, 2, 9));
  CHECK(cal.add_working_days(t, 7) == end_of(2024, 2, 18));
  CHECK(cal.add_working_days(t, 8) == end_of(2024, 2, 19));

  Time u = at(2026, 2, 13, 16);  // Friday; Sat 2-14 班, 2-15..2-23 off, Sat 2-28 班
  CHECK(cal.add_working_days(u, 1) == end_of(2026, 2, 14));
  CHECK(cal.add_working_days(u, 2) == end_of(2026, 2, 24));
  CHECK(cal.add_working_days(u, 6) == end_of(2026, 2, 28));
  CHECK(cal.add_working_days(u, 7) == end_of(2026, 3, 2));
  CHECK(cal.working_days_between(u, end_of(2026, 3, 2)) == 7);
}

TEST_CASE("National Day 2024, 2025 and 2026", "[core][calendar]") {
  const WorkCalendar& cal = national();
  Time a = at(2024, 9, 27, 11);  // Friday; Sun 9-29 班, 10-1..10-7 off, Sat 10-12 班
  CHECK(cal.add_working_days(a, 1) == end_of(2024, 9, 29));
  CHECK(cal.add_working_days(a, 2) == end_of(2024, 9, 30));
  CHECK(cal.add_working_days(a, 3) == end_of(2024, 10, 8));
  CHECK(cal.add_working_days(a, 7) == end_of(2024, 10, 12));

  Time b = at(2025, 9, 30, 9);  // Tuesday; 10-1..10-8 off, Sat 10-11 班
  CHECK(cal.is_working_day(day(2025, 9, 28)));
  CHECK(cal.add_working_days(b, 1) == end_of(2025, 10, 9));
  CHECK(cal.add_working_days(b, 3) == end_of(2025, 10, 11));

  Time c = at(2026, 9, 30, 17);  // Wednesday; Sun 9-20 班, 10-1..10-7 off, Sat 10-10 班
  CHECK(cal.is_working_day(day(2026, 9, 20)));
  CHECK(cal.add_working_days(c, 1) == end_of(2026, 10, 8));
  CHECK(cal.add_working_days(c, 3) == end_of(2026, 10, 10));
  CHECK(cal.working_days_between(c, end_of(2026, 10, 10)) == 3);
}

TEST_CASE("Deadlines cross year boundaries", "[core][calendar]") {
  const WorkCalendar& cal = national();
  // 2026-01-01..03 off, Sunday 2026-01-04 班.
  CHECK(cal.add_working_days(at(2025, 12, 31, 10), 1) == end_of(2026, 1, 4));
  CHECK(cal.add_working_days(at(2025, 12, 31, 10), 2) == end_of(2026, 1, 5));
  // Friday 2023-12-29: weekend, 2024-01-01 off, Tuesday 2024-01-02.
  CHECK(cal.add_working_days(at(2023, 12, 29, 10), 1) == end_of(2024, 1, 2));
  // A deadline ending at 2027-01-01 00:00 needs no 2027 data.
  CHECK(cal.add_working_days(at(2026, 12, 30, 10), 1) == end_of(2026, 12, 31));
  CHECK(cal.working_days_between(at(2026, 12, 30, 10), end_of(2026, 12, 31)) == 1);
}

TEST_CASE("Dates outside the loaded years are errors naming the year", "[core][calendar]") {
  const WorkCalendar& cal = national();
  try {
    cal.add_working_days(at(2026, 12, 25, 10), 10);  // runs into January 2027
    FAIL("no error");
  } catch (const CalendarRangeError& e) {
    CHECK(e.year() == 2027);
    CHECK(std::string(e.what()) ==
          "calendar: no data for year 2027 (loaded years: 2019-2026); load that year's holiday "
          "notice, see docs/calendar.md");
  }
  CHECK_THROWS_AS(cal.is_working_day(day(2018, 12, 31)), CalendarRangeError);
  CHECK_THROWS_AS(cal.add_working_hours(at(2026, 12, 31, 17), 2), CalendarRangeError);
  CHECK_THROWS_AS(cal.working_days_between(at(2026, 12, 1), at(2027, 1, 3)), CalendarRangeError);
  CHECK_THROWS_WITH(WorkCalendar().is_working_day(day(2025, 1, 1)),
                    Catch::Contains("year 2025 (no calendar loaded)"));
}

TEST_CASE("Working hours count only working time of working days", "[core][calendar]") {
  const WorkCalendar& cal = national();
  Time fri = at(2025, 1, 24, 17);  // one hour left on Friday, then Sunday 1-26 is 班
  CHECK(cal.add_working_hours(fri, 0) == fri);
  CHECK(cal.add_working_hours(fri, 1) == at(2025, 1, 24, 18));
  CHECK(cal.add_working_hours(fri, 2) == at(2025, 1, 26, 9, 30));
  CHECK(cal.add_working_hours(fri, 4.5) == at(2025, 1, 26, 12));  // ends at the span's end
  CHECK(cal.add_working_hours(fri, 5) == at(2025, 1, 26, 15));
  CHECK(cal.add_working_hours(at(2025, 1, 27, 12, 30), 1) == at(2025, 1, 27, 15, 30));
  CHECK(cal.add_working_hours(at(2025, 1, 27, 20), 1) == at(2025, 2, 5, 9, 30));
  CHECK(cal.add_hours(fri, 24) == at(2025, 1, 25, 17));
  CHECK(cal.add_hours(fri, 1.5) == at(2025, 1, 24, 18, 30));
  CHECK_THROWS_AS(cal.add_working_hours(fri, -1), std::invalid_argument);
  // The inverse, across Spring Festival 2025 (1-28 to 2-4 off, Sunday 1-26 and Saturday 2-8 班).
  CHECK(cal.working_hours_between(fri, at(2025, 1, 26, 12)) == Approx(4.5));
  CHECK(cal.working_hours_between(at(2025, 1, 27, 20), at(2025, 2, 5, 9, 30)) == Approx(1));
  CHECK(cal.working_hours_between(at(2025, 1, 27, 12), at(2025, 1, 27, 14, 30)) == 0);  // lunch break
  CHECK(cal.working_hours_between(at(2025, 1, 26, 12), fri) == 0);                      // b before a
  for (double h : {0.25, 1.0, 7.5, 30.0, 100.0})
    CHECK(cal.working_hours_between(fri, cal.add_working_hours(fri, h)) == Approx(h));

  WorkCalendar custom = national();
  custom.set_working_hours(WorkCalendar::parse_working_hours("09:00-17:00"));
  CHECK(custom.add_working_hours(at(2025, 1, 27, 16), 2) == at(2025, 2, 5, 10));
}

TEST_CASE("Working hours are parsed and validated", "[core][calendar]") {
  auto spans = WorkCalendar::parse_working_hours("08:30-12:00, 14:30-18:00");
  REQUIRE(spans.size() == 2);
  CHECK(spans[0].start == 8 * 3600 + 1800);
  CHECK(spans[1].end == 18 * 3600);
  CHECK(WorkCalendar::parse_working_hours("00:00-24:00")[0].end == 86400);
  CHECK_THROWS_WITH(WorkCalendar::parse_working_hours("8:30-12:00"),
                    "working hours: '8:30-12:00' is not HH:MM-HH:MM (e.g. 08:30-12:00,14:30-18:00)");
  CHECK_THROWS_WITH(WorkCalendar::parse_working_hours("08:30-12:00,11:00-18:00"),
                    "working hours: spans must be sorted and must not overlap");
  CHECK_THROWS_WITH(WorkCalendar::parse_working_hours("12:00-08:00"),
                    "working hours: span 1 must have 00:00 <= start < end <= 24:00");
  WorkCalendar cal;
  CHECK_THROWS_AS(cal.set_working_hours({}), std::invalid_argument);
}

TEST_CASE("Bad calendar lines are reported together with file, line and field",
          "[core][calendar]") {
  std::string text =
      "# a local calendar\n"
      "year,2030,local test\n"
      "year,20x0,foo\n"
      "year,2030,again\n"
      "2030-02-30,off,x\n"
      "2030-03-01,holiday,x\n"
      "2030-03-02,off\n"
      "2030-03-03,off,a\n"
      "2030-03-03,work,b\n"
      "2040-01-01,off,far\n"
      "year,2031\n"
      "2030-03-04\n";
  CHECK(load_error(text) ==
        "t.csv:3: year: '20x0' is not a four-digit year\n"
        "t.csv:4: year: 2030 already declared at line 2\n"
        "t.csv:5: date: '2030-02-30' is not a date YYYY-MM-DD or 'year' (no such calendar date)\n"
        "t.csv:6: kind: 'holiday' is not off or work\n"
        "t.csv:7: name: missing\n"
        "t.csv:9: date: 2030-03-03 already listed at line 8\n"
        "t.csv:11: source: missing; name the notice (URL) or the local rule\n"
        "t.csv:12: kind: missing; expected off or work\n"
        "t.csv:10: date: year 2040 is not covered; add a line 'year,2040,SOURCE' naming the "
        "notice or rule");
  CHECK(load_error("# nothing\n\n") == "t.csv: no 'year' line and no entries");
  CHECK(load_error("\xEF\xBB\xBFyear,2030,ok\r\n2030-01-07,off,x\r\n") == "no error");
  CHECK_THROWS_WITH(WorkCalendar::load("/nonexistent/cal.csv"),
                    "/nonexistent/cal.csv: cannot open calendar file");
}

TEST_CASE("A failed load leaves the calendar unchanged", "[core][calendar]") {
  WorkCalendar cal = national();
  CHECK_THROWS_AS(cal.load_text("year,2027,next\n2027-01-01,off,元旦\n2027-13-01,off,x\n", "b"),
                  InputError);
  CHECK_FALSE(cal.covers(2027));
  CHECK(cal.last_year() == 2026);
}

TEST_CASE("A local override file and next year's notice are loaded with load_more",
          "[core][calendar]") {
  std::string path = std::string(HOTLINE_TEST_TMP) + "/local-calendar.csv";
  {
    std::ofstream out(path);
    out << "# local rule for the test\n"
           "year,2025,商洛市 local rule (test)\n"
           "2025-02-10,off,本地调休\n"
           "2025-02-08,off,本地取消调休\n"
           "year,2027,next year's notice (test)\n"
           "2027-01-01,off,元旦\n";
  }
  WorkCalendar cal = national();
  cal.load_more(path);
  CHECK_FALSE(cal.is_working_day(day(2025, 2, 10)));
  CHECK(cal.holiday_name(day(2025, 2, 10)) == "本地调休");
  CHECK_FALSE(cal.is_working_day(day(2025, 2, 8)));
  CHECK(cal.years().at(2025).find("local rule") != std::string::npos);
  CHECK(cal.years().at(2025).find("gov.cn") != std::string::npos);
  // 2027 is now covered: the deadline that failed before is computed.
  CHECK(cal.last_year() == 2027);
  // Friday 2026-12-25: 12-28..31 (4), 2027-01-01 off, 01-04..08 (5), 01-11 (10).
  CHECK(cal.add_working_days(at(2026, 12, 25, 10), 10) == end_of(2027, 1, 11));
}

TEST_CASE("Properties hold over many random start times", "[core][calendar][property]") {
  const WorkCalendar& cal = national();
  std::mt19937_64 rng(20250124);
  std::uniform_int_distribution<Time> when(at(2019, 1, 1), at(2026, 11, 30));
  std::uniform_int_distribution<int> days(0, 20);
  std::uniform_real_distribution<double> hours(0.0, 60.0);
  for (int i = 0; i < 3000; ++i) {
    Time t = when(rng), t2 = when(rng);
    int n = days(rng);
    Time end = cal.add_working_days(t, n);
    REQUIRE(cal.working_days_between(t, end) == n);           // inverse
    REQUIRE(cal.working_days_between(t, end - 1) == std::max(0, n - 1));
    REQUIRE(cst_seconds_of_day(end) == 0);                    // a 24:00 deadline
    if (n > 0) REQUIRE(cal.is_working_day(cst_day(end) - 1)); // ends on a working day
    REQUIRE(cal.add_working_days(t, n + 1) > end);            // strictly increasing in n
    if (t <= t2) REQUIRE(end <= cal.add_working_days(t2, n)); // monotone in t
    else REQUIRE(end >= cal.add_working_days(t2, n));

    double a = std::round(hours(rng) * 60) / 60, b = std::round(hours(rng) * 60) / 60;
    Time ha = cal.add_working_hours(t, a);
    REQUIRE(ha >= t);
    REQUIRE(cal.add_working_hours(ha, b) == cal.add_working_hours(t, a + b));  // additive
    if (a > 0) {  // ends inside (start, end] of a span on a working day
      REQUIRE(cal.is_working_day(cst_day(ha)));
      int sod = cst_seconds_of_day(ha);
      bool inside = false;
      for (const WorkingSpan& s : cal.working_hours()) inside |= sod > s.start && sod <= s.end;
      REQUIRE(inside);
    }
  }
}
