// The working calendar: loading the project calendar format and the deadline primitives
// (working days skip weekends and statutory holidays, count make-up days) [SL24 §12-16].
#include "core/calendar.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/paths.hpp"

namespace hotline {
namespace {

std::string range_message(int year, int first, int last) {
  std::string m = "calendar: no data for year " + std::to_string(year);
  if (first > last)
    m += " (no calendar loaded)";
  else
    m += " (loaded years: " + std::to_string(first) + "-" + std::to_string(last) + ")";
  return m + "; load that year's holiday notice, see docs/calendar.md";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits off the text up to the next comma; returns false if there is no comma.
bool split_field(std::string_view& rest, std::string_view& field) {
  std::size_t comma = rest.find(',');
  if (comma == std::string_view::npos) {
    field = trim(rest);
    rest = {};
    return false;
  }
  field = trim(rest.substr(0, comma));
  rest.remove_prefix(comma + 1);
  return true;
}

bool parse_year(std::string_view s, int* year) {
  if (s.size() != 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  *year = std::stoi(std::string(s));
  return *year >= 1900;
}

// "HH:MM" with 00:00..24:00 -> seconds of the day.
bool parse_clock(std::string_view s, int* secs) {
  s = trim(s);
  if (s.size() != 5 || s[2] != ':') return false;
  for (int i : {0, 1, 3, 4})
    if (s[i] < '0' || s[i] > '9') return false;
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return false;
  *secs = h * 3600 + m * 60;
  return true;
}

void validate_hours(const std::vector<WorkingSpan>& spans) {
  if (spans.empty()) throw std::invalid_argument("working hours: at least one span is needed");
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const WorkingSpan& s = spans[i];
    if (s.start < 0 || s.end > 86400 || s.start >= s.end)
      throw std::invalid_argument("working hours: span " + std::to_string(i + 1) +
                                  " must have 00:00 <= start < end <= 24:00");
    if (i > 0 && s.start < spans[i - 1].end)
      throw std::invalid_argument("working hours: spans must be sorted and must not overlap");
  }
}

}  // namespace

CalendarRangeError::CalendarRangeError(int year, int first_loaded, int last_loaded)
    : std::out_of_range(range_message(year, first_loaded, last_loaded)), year_(year) {}

WorkCalendar WorkCalendar::load(const std::filesystem::path& file) {
  WorkCalendar cal;
  cal.load_more(file);
  return cal;
}

void WorkCalendar::load_more(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "", "cannot open calendar file");
  std::ostringstream text;
  text << in.rdbuf();
  load_text(text.str(), file.string());
}

// The lines of a calendar file, read and checked one at a time; every problem is kept.
struct WorkCalendar::Parser {
  struct Parsed {
    DayNumber day;
    int year;
    int line;
    Entry entry;
  };
  std::string name;
  std::vector<InputProblem> problems;
  std::map<int, std::pair<int, std::string>> years;  // year -> (line, source)
  std::vector<Parsed> parsed;
  std::unordered_map<DayNumber, int> seen;  // day -> line

  void bad(int line, const char* field, std::string reason) { problems.push_back({name, line, field, std::move(reason)}); }

  // One line without its newline: a comment, "year,YYYY,SOURCE" or "YYYY-MM-DD,off|work,NAME".
  void line(int line, std::string_view rest) {
    rest = trim(rest);
    if (rest.empty() || rest.front() == '#') return;
    std::string_view first, second;
    bool more = split_field(rest, first) && split_field(rest, second);
    std::string_view third = more ? trim(rest) : std::string_view{};
    if (first == "year") year_line(line, second, third);
    else day_line(line, first, second, third);
  }

  void year_line(int line, std::string_view second, std::string_view third) {
    int year = 0;
    if (second.empty())
      bad(line, "year", "missing");
    else if (!parse_year(second, &year))
      bad(line, "year", "'" + std::string(second) + "' is not a four-digit year");
    else if (third.empty())
      bad(line, "source", "missing; name the notice (URL) or the local rule");
    else if (auto it = years.find(year); it != years.end())
      bad(line, "year", std::to_string(year) + " already declared at line " +
                            std::to_string(it->second.first));
    else
      years[year] = {line, std::string(third)};
  }

  void day_line(int line, std::string_view first, std::string_view second, std::string_view third) {
    Date date;
    std::string why;
    if (first.size() != 10 || !try_parse_date(first, &date, &why))
      return bad(line, "date", "'" + std::string(first) + "' is not a date YYYY-MM-DD or 'year'" +
                                   (why.empty() ? "" : " (" + why + ")"));
    if (second.empty()) return bad(line, "kind", "missing; expected off or work");
    if (second != "off" && second != "work") return bad(line, "kind", "'" + std::string(second) + "' is not off or work");
    if (third.empty()) return bad(line, "name", "missing");
    DayNumber day = day_number(date);
    if (auto [it, fresh] = seen.emplace(day, line); !fresh)
      return bad(line, "date", std::string(first) + " already listed at line " + std::to_string(it->second));
    parsed.push_back({day, date.year, line, Entry{second == "off", std::string(third)}});
  }

  // A notice for year Y may hold days of Y-1 and Y+1 (e.g. the 2019 notice's 2018-12-29).
  void check_coverage(const WorkCalendar& cal) {
    for (const Parsed& p : parsed) {
      bool ok = cal.covers(p.year) || years.count(p.year) || years.count(p.year - 1) ||
                years.count(p.year + 1);
      if (!ok)
        bad(p.line, "date", "year " + std::to_string(p.year) +
                                " is not covered; add a line 'year," + std::to_string(p.year) +
                                ",SOURCE' naming the notice or rule");
    }
    if (problems.empty() && years.empty() && parsed.empty())
      bad(0, "", "no 'year' line and no entries");
  }
};

// Parses and validates the whole text first, then merges it: nothing half-loaded.
void WorkCalendar::load_text(std::string_view text, const std::string& name) {
  Parser p;
  p.name = name;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  int line = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    p.line(++line, text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
  }
  p.check_coverage(*this);
  if (!p.problems.empty()) throw InputError(std::move(p.problems));
  for (auto& [year, src] : p.years) {
    std::string& source = years_[year];
    source += (source.empty() ? "" : "; ") + src.second;
  }
  for (Parser::Parsed& d : p.parsed) entries_[d.day] = std::move(d.entry);
  rebuild_table();
}

void WorkCalendar::rebuild_table() {
  table_.clear();
  if (years_.empty()) return;
  table_first_ = day_number(Date{first_year(), 1, 1});
  DayNumber end = day_number(Date{last_year() + 1, 1, 1});
  table_.assign(std::size_t(end - table_first_), kUncovered);
  for (const auto& [year, source] : years_)
    for (DayNumber d = day_number(Date{year, 1, 1}), e = day_number(Date{year + 1, 1, 1}); d < e; ++d) {
      auto it = entries_.find(d);
      DayKind k = it != entries_.end() ? (it->second.off ? DayKind::Holiday : DayKind::MakeupWorkday)
                                       : (is_weekend(d) ? DayKind::Weekend : DayKind::Workday);
      table_[std::size_t(d - table_first_)] = std::uint8_t(k);
    }
}

WorkCalendar WorkCalendar::national() { return load_folder(data_dir() / "calendars"); }

WorkCalendar WorkCalendar::load_folder(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".csv") files.push_back(e.path());
  if (files.empty()) throw InputError(dir.string(), 0, "", "no calendar files (*.csv) found");
  std::sort(files.begin(), files.end());
  WorkCalendar cal;
  for (const auto& f : files) cal.load_more(f);
  return cal;
}

const WorkCalendar& WorkCalendar::national_shared() {
  static const WorkCalendar cal = national();
  return cal;
}

void WorkCalendar::set_working_hours(std::vector<WorkingSpan> spans) {
  validate_hours(spans);
  hours_ = std::move(spans);
}

std::vector<WorkingSpan> WorkCalendar::parse_working_hours(std::string_view text) {
  std::vector<WorkingSpan> spans;
  std::string_view rest = text;
  while (true) {
    std::string_view part;
    bool more = split_field(rest, part);
    std::size_t dash = part.find('-');
    WorkingSpan s;
    if (dash == std::string_view::npos || !parse_clock(part.substr(0, dash), &s.start) ||
        !parse_clock(part.substr(dash + 1), &s.end))
      throw std::invalid_argument("working hours: '" + std::string(part) +
                                  "' is not HH:MM-HH:MM (e.g. 08:30-12:00,14:30-18:00)");
    spans.push_back(s);
    if (!more) break;
  }
  validate_hours(spans);
  return spans;
}

void WorkCalendar::check_range(DayNumber day) const {
  int year = date_of(day).year;
  if (!covers(year)) throw CalendarRangeError(year, first_year(), last_year());
}

DayKind WorkCalendar::day_kind(DayNumber day) const {
  std::size_t i = std::size_t(day - table_first_);  // wraps for days before the table
  if (day >= table_first_ && i < table_.size() && table_[i] != kUncovered) return DayKind(table_[i]);
  check_range(day);  // throws: the day is not covered
  assert(false && "covered day missing from the table");
  return DayKind::Workday;
}

DayType WorkCalendar::day_type(DayNumber day) const {
  switch (day_kind(day)) {
    case DayKind::Holiday: return DayType::Holiday;
    case DayKind::Weekend: return DayType::Weekend;
    default: return DayType::Weekday;  // Monday..Friday without an entry, or a make-up working day
  }
}

bool WorkCalendar::is_working_day(DayNumber day) const {
  DayKind k = day_kind(day);
  return k == DayKind::Workday || k == DayKind::MakeupWorkday;
}

std::string_view WorkCalendar::holiday_name(DayNumber day) const {
  check_range(day);
  auto it = entries_.find(day);
  return it == entries_.end() ? std::string_view{} : std::string_view(it->second.name);
}

// Refuses, before any rounding can overflow, a span of `hours` from `t` that ends outside
// the covered years (or, with no calendar loaded, outside years 1970-2199). `what` names
// the caller in the message.
void WorkCalendar::check_result(Time t, double hours, const char* what) const {
  const bool loaded = !years_.empty();
  const Time first = cst_midnight(day_number({loaded ? first_year() : 1970, 1, 1}));
  const Time end = cst_midnight(day_number({(loaded ? last_year() : 2199) + 1, 1, 1}));
  const double result = double(t) + hours * 3600.0;
  if (result < double(first) || result >= double(end)) {
    const int year = result < double(first) ? (loaded ? first_year() : 1970) - 1 : (loaded ? last_year() : 2199) + 1;
    if (loaded) throw CalendarRangeError(year, first_year(), last_year());
    throw std::out_of_range(std::string(what) + ": the result is outside the years 1970-2199");
  }
  if (loaded) check_range(cst_day(Time(result)));  // a year missing between loaded ones
}

Time WorkCalendar::add_hours(Time t, double hours) const {
  if (!std::isfinite(hours)) throw std::invalid_argument("add_hours: hours must be finite");
  check_result(t, hours, "add_hours");
  return t + std::llround(hours * 3600.0);
}

Time WorkCalendar::add_working_hours(Time t, double hours) const {
  if (!std::isfinite(hours) || hours < 0)
    throw std::invalid_argument("add_working_hours: hours must be finite and >= 0");
  check_result(t, hours, "add_working_hours");  // working hours run slower than natural ones
  Time left = std::llround(hours * 3600.0);
  DayNumber day = cst_day(t);
  check_range(day);
  if (left == 0) return t;
  // Terminates: every covered year has working days, and an uncovered day throws.
  for (int sod = cst_seconds_of_day(t);; ++day, sod = 0) {
    if (!is_working_day(day)) continue;
    for (const WorkingSpan& s : hours_) {
      if (sod >= s.end) continue;
      int from = std::max(sod, s.start);
      if (left <= s.end - from) return cst_midnight(day) + from + left;
      left -= s.end - from;
    }
  }
}

double WorkCalendar::working_hours_between(Time a, Time b) const {
  Time secs = 0;
  for (DayNumber day = cst_day(a), last = cst_day(b - 1); a < b && day <= last; ++day) {
    if (!is_working_day(day)) continue;
    const Time midnight = cst_midnight(day);
    for (const WorkingSpan& s : hours_)
      secs += std::max<Time>(0, std::min(b, midnight + s.end) - std::max(a, midnight + s.start));
  }
  return double(secs) / 3600.0;
}

Time WorkCalendar::add_working_days(Time t, int n) const {
  if (n < 0) throw std::invalid_argument("add_working_days: n must be >= 0");
  DayNumber day = cst_day(t);
  check_range(day);
  for (int counted = 0; counted < n;)
    if (is_working_day(++day)) ++counted;
  return cst_midnight(day + 1);
}

int WorkCalendar::working_days_between(Time a, Time b) const {
  DayNumber from = cst_day(a);
  check_range(from);
  if (b <= a) return 0;
  // end(D) = 00:00 of D+1 <= b  <=>  D <= day(b) - 1.
  int n = 0;
  for (DayNumber d = from + 1, last = cst_day(b) - 1; d <= last; ++d) n += is_working_day(d);
  return n;
}

}  // namespace hotline
