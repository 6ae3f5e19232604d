// Time in China Standard Time (UTC+8, no daylight saving): instants are integer seconds
// since the Unix epoch; civil dates are counted as days since 1970-01-01 in CST.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace hotline {

using Time = std::int64_t;     // seconds since 1970-01-01T00:00:00Z
using DayNumber = std::int32_t;  // CST civil day, 0 = 1970-01-01

inline constexpr Time kSecondsPerDay = 86400;
inline constexpr Time kCstOffset = 8 * 3600;  // China Standard Time is UTC+8 all year

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const Date&) const = default;
};

// Civil date <-> day number (proleptic Gregorian).
DayNumber day_number(Date d);
Date date_of(DayNumber n);
bool is_valid_date(Date d);

// ISO weekday of a day: 1 = Monday ... 7 = Sunday.
int iso_weekday(DayNumber n);
inline bool is_weekend(DayNumber n) { return iso_weekday(n) >= 6; }

// The CST day an instant falls on, and the seconds since that day's 00:00 CST.
inline DayNumber cst_day(Time t) {
  Time local = t + kCstOffset;
  Time q = local / kSecondsPerDay;
  if (local % kSecondsPerDay < 0) --q;
  return static_cast<DayNumber>(q);
}
inline int cst_seconds_of_day(Time t) {
  return static_cast<int>(t + kCstOffset - Time(cst_day(t)) * kSecondsPerDay);
}
// 00:00 CST of a day as an instant.
inline Time cst_midnight(DayNumber n) { return Time(n) * kSecondsPerDay - kCstOffset; }
Time make_time(Date d, int hour = 0, int minute = 0, int second = 0);

// "2025-01-24T10:00:00+08:00"
std::string format_time(Time t);
// "2025-01-24"
std::string format_date(Date d);
inline std::string format_date(DayNumber n) { return format_date(date_of(n)); }

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" (or a space for T), optionally followed by
// "Z", "+HH:MM" or "+HHMM". No offset means CST. A date alone means 00:00 CST.
// Returns false and sets *why on bad text.
bool try_parse_time(std::string_view text, Time* out, std::string* why = nullptr);
bool try_parse_date(std::string_view text, Date* out, std::string* why = nullptr);
// As above, throwing std::invalid_argument with the reason.
Time parse_time(std::string_view text);
Date parse_date(std::string_view text);

}  // namespace hotline
