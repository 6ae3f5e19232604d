// CST civil time conversions and ISO 8601 formatting/parsing, on std::chrono's calendar.
#include "core/time.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace hotline {

namespace chr = std::chrono;

bool is_valid_date(Date d) {
  return chr::year_month_day{chr::year{d.year}, chr::month{unsigned(d.month)},
                             chr::day{unsigned(d.day)}}
      .ok();
}

DayNumber day_number(Date d) {
  chr::sys_days days{chr::year{d.year} / chr::month{unsigned(d.month)} / chr::day{unsigned(d.day)}};
  return static_cast<DayNumber>(days.time_since_epoch().count());
}

Date date_of(DayNumber n) {
  chr::year_month_day ymd{chr::sys_days{chr::days{n}}};
  return Date{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

int iso_weekday(DayNumber n) {
  return int(chr::weekday{chr::sys_days{chr::days{n}}}.iso_encoding());
}

Time make_time(Date d, int hour, int minute, int second) {
  return cst_midnight(day_number(d)) + hour * 3600 + minute * 60 + second;
}

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string format_time(Time t) {
  Date d = date_of(cst_day(t));
  int s = cst_seconds_of_day(t);
  char buf[40];
  if (d.year < 0 || d.year > 9999) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", d.year, d.month, d.day, s / 3600, s / 60 % 60,
                  s % 60);
    return buf;
  }
  // by hand: snprintf was most of the cost of writing a decision's deadlines
  std::memcpy(buf, "0000-00-00T00:00:00+08:00", 26);
  auto two = [&](int at, int v) {
    buf[at] = char('0' + v / 10);
    buf[at + 1] = char('0' + v % 10);
  };
  two(0, d.year / 100);
  two(2, d.year % 100);
  two(5, d.month);
  two(8, d.day);
  two(11, s / 3600);
  two(14, s / 60 % 60);
  two(17, s % 60);
  return std::string(buf, 25);
}

namespace {

// Reads exactly n digits at text[pos...]; false if any is not a digit.
bool digits(std::string_view text, size_t pos, size_t n, int* out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  *out = v;
  return true;
}

bool fail(std::string* why, const char* reason) {
  if (why) *why = reason;
  return false;
}

}  // namespace

bool try_parse_date(std::string_view text, Date* out, std::string* why) {
  Date d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4, &d.year) ||
      !digits(text, 5, 2, &d.month) || !digits(text, 8, 2, &d.day))
    return fail(why, "expected a date as YYYY-MM-DD");
  if (!is_valid_date(d)) return fail(why, "no such calendar date");
  *out = d;
  return true;
}

bool try_parse_time(std::string_view text, Time* out, std::string* why) {
  Date d;
  if (text.size() < 10 || !try_parse_date(text.substr(0, 10), &d, why)) {
    if (why && text.size() < 10) *why = "expected a time as YYYY-MM-DDTHH:MM[:SS][+08:00]";
    return false;
  }
  int h = 0, m = 0, s = 0;
  size_t pos = 10;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
    if (!digits(text, pos + 1, 2, &h) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !digits(text, pos + 4, 2, &m))
      return fail(why, "expected a time as YYYY-MM-DDTHH:MM[:SS][+08:00]");
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      if (!digits(text, pos + 1, 2, &s)) return fail(why, "bad seconds");
      pos += 3;
    }
    // 24:00:00 is allowed: the end of the day.
    if (h > 24 || m > 59 || s > 59 || (h == 24 && (m || s))) return fail(why, "hour, minute or second out of range");
  }
  Time offset = kCstOffset;
  if (pos < text.size()) {
    char c = text[pos];
    if (c == 'Z' && pos + 1 == text.size()) {
      offset = 0;
    } else if (c == '+' || c == '-') {
      int oh = 0, om = 0;
      size_t rest = text.size() - pos - 1;
      bool ok = digits(text, pos + 1, 2, &oh) &&
                ((rest == 5 && text[pos + 3] == ':' && digits(text, pos + 4, 2, &om)) ||
                 (rest == 4 && digits(text, pos + 3, 2, &om)) || rest == 2);
      if (!ok || oh > 14 || om > 59) return fail(why, "bad UTC offset (use +08:00)");
      offset = (c == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    } else {
      return fail(why, "unexpected text after the time");
    }
  }
  *out = Time(day_number(d)) * kSecondsPerDay + h * 3600 + m * 60 + s - offset;
  return true;
}

Time parse_time(std::string_view text) {
  Time t = 0;
  std::string why;
  if (!try_parse_time(text, &t, &why))
    throw std::invalid_argument("'" + std::string(text) + "': " + why);
  return t;
}

Date parse_date(std::string_view text) {
  Date d;
  std::string why;
  if (!try_parse_date(text, &d, &why))
    throw std::invalid_argument("'" + std::string(text) + "': " + why);
  return d;
}

}  // namespace hotline
