// CST time: conversions, ISO 8601 formatting and parsing.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <string>

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

TEST_CASE("Formatting agrees with snprintf and parses back, from year 0 to 9999 and outside", "[core][time]") {
  auto reference = [](Time t) {
    const Date d = date_of(cst_day(t));
    const int s = cst_seconds_of_day(t);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", d.year, d.month, d.day, s / 3600, s / 60 % 60, s % 60);
    return std::string(buf);
  };
  std::uint64_t x = 0x9e3779b97f4a7c15ULL;  // xorshift: many instants over the years
  const Time lo = make_time(Date{0, 1, 1}, 0, 0, 0), hi = make_time(Date{9999, 12, 31}, 23, 59, 59);
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const Time t = lo + Time(x % std::uint64_t(hi - lo + 1));
    const std::string text = format_time(t);
    REQUIRE(text == reference(t));
    if (date_of(cst_day(t)).year >= 1000) CHECK(parse_time(text) == t);
  }
  CHECK(format_time(lo) == "0000-01-01T00:00:00+08:00");
  CHECK(format_time(hi) == "9999-12-31T23:59:59+08:00");
  CHECK(format_time(hi + 1) == reference(hi + 1));  // year 10000: the slow path
  CHECK(format_time(lo - 1) == reference(lo - 1));  // year -1
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
