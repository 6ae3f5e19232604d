// CST time: conversions, ISO 8601 formatting and parsing.
#include <catch2/catch.hpp>

#include "core/time.hpp"

using namespace hotline;

TEST_CASE("Day numbers round-trip through civil dates", "[core][time]") {
  CHECK(day_number(Date{1970, 1, 1}) == 0);
  CHECK(day_number(Date{2025, 1, 24}) == 20112);
  for (DayNumber n = -1000; n < 40000; n += 37) CHECK(day_number(date_of(n)) == n);
  CHECK(iso_weekday(day_number(Date{2025, 1, 24})) == 5);  // a Friday
  CHECK(iso_weekday(day_number(Date{2026, 2, 15})) == 7);  // a Sunday
}

TEST_CASE("Instants print as CST with +08:00", "[core][time]") {
  Time t = make_time(Date{2025, 1, 24}, 10, 0, 0);
  CHECK(t == 1737684000);  // 02:00 UTC
  CHECK(format_time(t) == "2025-01-24T10:00:00+08:00");
  // 23:30 UTC is already the next day in China.
  CHECK(format_time(parse_time("2024-12-31T23:30:00Z")) == "2025-01-01T07:30:00+08:00");
  CHECK(cst_day(parse_time("2024-12-31T23:30:00Z")) == day_number(Date{2025, 1, 1}));
}

TEST_CASE("Times parse in the accepted spellings", "[core][time]") {
  Time t = make_time(Date{2025, 1, 24}, 10, 0, 0);
  CHECK(parse_time("2025-01-24T10:00") == t);
  CHECK(parse_time("2025-01-24 10:00:00") == t);
  CHECK(parse_time("2025-01-24T10:00:00+08:00") == t);
  CHECK(parse_time("2025-01-24T10:00:00+0800") == t);
  CHECK(parse_time("2025-01-24T02:00:00Z") == t);
  CHECK(parse_time("2025-01-24") == make_time(Date{2025, 1, 24}));
  CHECK(parse_time("2025-01-24T24:00") == make_time(Date{2025, 1, 25}));
}

TEST_CASE("Bad times are refused with a reason", "[core][time]") {
  std::string why;
  Time t;
  CHECK_FALSE(try_parse_time("2025-02-30", &t, &why));
  CHECK(why == "no such calendar date");
  CHECK_FALSE(try_parse_time("2025-01-24T25:00", &t, &why));
  CHECK(why == "hour, minute or second out of range");
  CHECK_FALSE(try_parse_time("24/01/2025", &t, &why));
  CHECK_FALSE(try_parse_time("2025-01-24T10:00 CST", &t, &why));
  CHECK_THROWS_WITH(parse_date("2025-13-01"), "'2025-13-01': no such calendar date");
}
