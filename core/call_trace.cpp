// Trace profiles and call-by-call traces (core/call_trace.hpp, docs/validation.md).
#include "core/call_trace.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/redact.hpp"

namespace hotline {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A value of the TOML subset: a "string", a number, true or false; comments after #.
std::string toml_value(std::string_view v, const std::string& file, int line, const std::string& key) {
  v = trim(v);
  if (!v.empty() && v.front() == '"') {
    const auto close = v.find('"', 1);
    if (close == std::string_view::npos) throw InputError(file, line, key, "unterminated string");
    const auto rest = trim(v.substr(close + 1));
    if (!rest.empty() && rest.front() != '#') throw InputError(file, line, key, "text after the string");
    return std::string(v.substr(1, close - 1));
  }
  const auto hash = v.find('#');
  v = trim(v.substr(0, hash));
  if (v.empty()) throw InputError(file, line, key, "missing value");
  return std::string(v);
}

double toml_number(const std::string& v, const std::string& file, int line, const std::string& key) {
  double x = 0;
  const auto r = std::from_chars(v.data(), v.data() + v.size(), x);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !(x >= 0 && x <= 3600))
    throw InputError(file, line, key, "expected a number of seconds between 0 and 3600, got " + excerpt(v));
  return x;
}

void set_profile_key(TraceProfile& p, const std::string& section, const std::string& key,
                     const std::string& value, int line) {
  std::map<std::string, std::string*> strings = {
      {"columns.type", &p.type}, {"columns.vru_entry", &p.vru_entry}, {"columns.vru_exit", &p.vru_exit},
      {"columns.queue_start", &p.queue_start}, {"columns.queue_exit", &p.queue_exit},
      {"columns.outcome", &p.outcome}, {"columns.service_start", &p.service_start},
      {"columns.service_end", &p.service_end}, {"columns.agent", &p.agent}, {"columns.date", &p.date},
      {"outcomes.served", &p.served}, {"outcomes.abandoned", &p.abandoned}, {"outcomes.ignored", &p.ignored},
      {"values.no_agent", &p.no_agent}, {"values.not_queued", &p.not_queued}};
  const std::string full = section + "." + key;
  if (auto it = strings.find(full); it != strings.end()) {
    *it->second = value;
  } else if (full == "values.arrival") {
    if (value != "vru_exit" && value != "queue_start")
      throw InputError(p.file, line, key, "expected \"vru_exit\" or \"queue_start\"");
    p.arrival_at_vru_exit = value == "vru_exit";
  } else if (full == "values.out_of_order") {
    if (value != "error" && value != "count") throw InputError(p.file, line, key, "expected \"error\" or \"count\"");
    p.count_out_of_order = value == "count";
  } else if (full == "values.clock_skew_s") {
    p.clock_skew_s = toml_number(value, p.file, line, key);
  } else {
    throw InputError(p.file, line, key, "unknown key in [" + section + "]");
  }
}

}  // namespace

TraceProfile parse_trace_profile(const std::string& text, const std::string& name) {
  TraceProfile p;
  p.file = name;
  std::istringstream in(text);
  std::string raw, section;
  for (int line = 1; std::getline(in, raw); ++line) {
    const auto s = trim(raw);
    if (s.empty() || s.front() == '#') continue;
    if (s.front() == '[') {
      if (s.back() != ']') throw InputError(name, line, "", "expected [section]");
      section = std::string(trim(s.substr(1, s.size() - 2)));
      if (section != "columns" && section != "outcomes" && section != "values")
        throw InputError(name, line, section, "unknown section (columns|outcomes|values)");
      continue;
    }
    const auto eq = s.find('=');
    if (eq == std::string_view::npos) throw InputError(name, line, "", "expected key = value");
    const std::string key(trim(s.substr(0, eq)));
    if (section.empty()) throw InputError(name, line, key, "key outside a [section]");
    set_profile_key(p, section, key, toml_value(s.substr(eq + 1), name, line, key), line);
  }
  return p;
}

TraceProfile load_trace_profile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "", "cannot open the trace profile");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_trace_profile(text.str(), file.string());
}

namespace {

struct Columns {
  int type = -1, vru_entry = -1, vru_exit = -1, queue_start = -1, queue_exit = -1;
  int outcome = -1, service_start = -1, service_end = -1, agent = -1, date = -1;
};

int find_column(const std::vector<std::string_view>& header, const std::string& name,
                const std::string& file, const std::string& key, bool required) {
  if (name.empty() && !required) return -1;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (trim(header[i]) == name) return int(i);
  throw InputError(file, 1, name.empty() ? key : name, "column of profile key '" + key + "' not in the header");
}

Columns map_columns(const std::vector<std::string_view>& h, const TraceProfile& p, const std::string& f) {
  Columns c;
  c.type = find_column(h, p.type, f, "type", true);
  c.vru_entry = find_column(h, p.vru_entry, f, "vru_entry", false);
  c.vru_exit = find_column(h, p.vru_exit, f, "vru_exit", p.arrival_at_vru_exit);
  c.queue_start = find_column(h, p.queue_start, f, "queue_start", true);
  c.queue_exit = find_column(h, p.queue_exit, f, "queue_exit", true);
  c.outcome = find_column(h, p.outcome, f, "outcome", true);
  c.service_start = find_column(h, p.service_start, f, "service_start", true);
  c.service_end = find_column(h, p.service_end, f, "service_end", true);
  c.agent = find_column(h, p.agent, f, "agent", false);
  c.date = find_column(h, p.date, f, "date", false);
  return c;
}

// Seconds after midnight of an H:MM:SS clock time, or -1.
double parse_clock(std::string_view s) {
  s = trim(s);
  int part[3] = {0, 0, 0};
  std::size_t at = 0;
  for (int k = 0; k < 3; ++k) {
    const auto end = k < 2 ? s.find(':', at) : s.size();
    if (end == std::string_view::npos || end == at) return -1;
    const auto r = std::from_chars(s.data() + at, s.data() + end, part[k]);
    if (r.ec != std::errc() || r.ptr != s.data() + end) return -1;
    at = end + 1;
  }
  if (part[0] < 0 || part[0] > 47 || part[1] < 0 || part[1] > 59 || part[2] < 0 || part[2] > 59) return -1;
  return part[0] * 3600.0 + part[1] * 60.0 + part[2];
}

// Days since 1970-01-01 of YYMMDD (19xx for YY >= 70) or YYYY-MM-DD, or INT32_MIN.
int parse_date(std::string_view s) {
  s = trim(s);
  int y = 0, m = 0, d = 0;
  auto num = [&](std::size_t at, std::size_t n, int* out) {
    return at + n <= s.size() && std::from_chars(s.data() + at, s.data() + at + n, *out).ptr == s.data() + at + n;
  };
  if (s.size() == 6 && num(0, 2, &y) && num(2, 2, &m) && num(4, 2, &d)) {
    y += y >= 70 ? 1900 : 2000;
  } else if (!(s.size() == 10 && s[4] == '-' && s[7] == '-' && num(0, 4, &y) && num(5, 2, &m) && num(8, 2, &d))) {
    return INT32_MIN;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return INT32_MIN;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

int intern(std::vector<std::string>& names, std::unordered_map<std::string, int>& index, std::string_view v) {
  auto [it, fresh] = index.try_emplace(std::string(v), int(names.size()));
  if (fresh) names.emplace_back(v);
  return it->second;
}

// Reads one row's fields into a call; returns false for a row to ignore.
class RowReader {
 public:
  RowReader(CallTrace& t, const TraceProfile& p, const Columns& c) : t_(t), p_(p), c_(c) {}
  bool read(const std::vector<std::string_view>& f, int line, TraceCall& call);

 private:
  [[noreturn]] void fail(int line, const std::string& field, const std::string& why) const {
    throw InputError(t_.file, line, field, why);
  }
  double clock(const std::vector<std::string_view>& f, int col, const std::string& name, int line, double day) const {
    if (col < 0) return -1;
    const double v = parse_clock(f[std::size_t(col)]);
    if (v < 0) fail(line, name, "expected a clock time H:MM:SS, got " + excerpt(f[std::size_t(col)]));
    return day + v;
  }
  double day_offset(const std::vector<std::string_view>& f, int line);
  void times(const std::vector<std::string_view>& f, int line, double day, TraceCall& call);
  CallTrace& t_;
  const TraceProfile& p_;
  const Columns& c_;
  std::unordered_map<std::string, int> types_, agents_;
  bool have_day_ = false;
};

double RowReader::day_offset(const std::vector<std::string_view>& f, int line) {
  if (c_.date < 0) return 0;
  const int d = parse_date(f[std::size_t(c_.date)]);
  if (d == INT32_MIN) fail(line, p_.date, "expected a date YYMMDD or YYYY-MM-DD, got " + excerpt(f[std::size_t(c_.date)]));
  if (!have_day_ || d < t_.first_day) {
    if (have_day_ && d < t_.first_day) fail(line, p_.date, "dates must not go back (sort the trace by date)");
    t_.first_day = d;
    have_day_ = true;
  }
  t_.days = std::max(t_.days, d - t_.first_day + 1);
  return double(d - t_.first_day) * 86400.0;
}

// A clock time that reads more than 12 hours before the one it follows is on the next day
// (a call across midnight); anything else earlier is a time going back within the call.
double next_day_if_wrapped(double prev, double t) { return prev >= 0 && t >= 0 && prev - t > 43200 ? t + 86400 : t; }

void RowReader::times(const std::vector<std::string_view>& f, int line, double day, TraceCall& call) {
  const std::string back = " (times must not go back within a call)";
  call.vru_entry = clock(f, c_.vru_entry, p_.vru_entry, line, day);
  call.vru_exit = next_day_if_wrapped(call.vru_entry, clock(f, c_.vru_exit, p_.vru_exit, line, day));
  const bool queued = trim(f[std::size_t(c_.queue_start)]) != p_.not_queued;
  const double q_start = queued ? next_day_if_wrapped(call.vru_exit, clock(f, c_.queue_start, p_.queue_start, line, day)) : -1;
  const double q_exit = queued ? next_day_if_wrapped(q_start, clock(f, c_.queue_exit, p_.queue_exit, line, day)) : -1;
  if (call.vru_entry >= 0 && call.vru_exit >= 0 && call.vru_exit < call.vru_entry) {
    if (!p_.count_out_of_order) fail(line, p_.vru_exit, "before " + p_.vru_entry + back);
    ++t_.quirks.vru_exit_before_entry;
    call.vru_entry = -1;
  }
  if (queued && call.vru_exit >= 0 && q_start < call.vru_exit) fail(line, p_.queue_start, "before " + p_.vru_exit + back);
  if (queued && q_exit < q_start) fail(line, p_.queue_exit, "before " + p_.queue_start + back);
  call.queued = queued;
  call.arrival = p_.arrival_at_vru_exit || !queued ? call.vru_exit : q_start;
  call.wait = queued ? q_exit - q_start : 0;
  if (call.outcome != TraceOutcome::Served) return;
  if (trim(f[std::size_t(c_.service_start)]) == p_.not_queued && trim(f[std::size_t(c_.service_end)]) == p_.not_queued) {
    ++t_.quirks.served_no_times;
    call.service = -1;
    return;
  }
  const double ref = queued ? q_exit : call.arrival;
  const double s0 = next_day_if_wrapped(ref, clock(f, c_.service_start, p_.service_start, line, day));
  const double s1 = next_day_if_wrapped(s0, clock(f, c_.service_end, p_.service_end, line, day));
  if (s1 < s0) fail(line, p_.service_end, "before " + p_.service_start + " (negative service time)");
  if (s0 < ref - p_.clock_skew_s) {
    if (!p_.count_out_of_order) fail(line, p_.service_start, "more than clock_skew_s before the queue exit");
    ++t_.quirks.early_service;
  } else if (s0 < ref) {
    ++t_.quirks.service_before_exit;
  }
  if (queued && s0 < q_exit) call.wait = std::max(0.0, s0 - q_start);
  call.service_start = s0;
  call.service = s1 - s0;
  if (call.service == 0) ++t_.quirks.zero_service;
}

bool RowReader::read(const std::vector<std::string_view>& f, int line, TraceCall& call) {
  const auto outcome = trim(f[std::size_t(c_.outcome)]);
  if (outcome == p_.ignored) {
    ++t_.quirks.ignored;
    return false;
  }
  if (outcome != p_.served && outcome != p_.abandoned)
    fail(line, p_.outcome, "unknown outcome " + excerpt(outcome) + " (profile: served " + p_.served +
                              ", abandoned " + p_.abandoned + ", ignored " + p_.ignored + ")");
  call = TraceCall{};
  call.line = line;
  call.outcome = outcome == p_.served ? TraceOutcome::Served : TraceOutcome::Abandoned;
  call.type = intern(t_.types, types_, trim(f[std::size_t(c_.type)]));
  times(f, line, day_offset(f, line), call);
  call.offered = call.queued || call.outcome == TraceOutcome::Served;
  if (!call.offered) ++t_.quirks.vru_only;
  if (call.outcome == TraceOutcome::Served && !call.queued) ++t_.quirks.never_queued_served;
  if (c_.agent >= 0 && call.outcome == TraceOutcome::Served) {
    const auto a = trim(f[std::size_t(c_.agent)]);
    if (a == p_.no_agent) ++t_.quirks.served_no_agent;
    else call.agent = intern(t_.agents, agents_, a);
  }
  return true;
}

CallTrace read_trace(CsvReader& csv, const TraceProfile& profile) {
  CallTrace t;
  t.file = csv.name();
  std::vector<std::string_view> f;
  if (!csv.next(f)) throw InputError(t.file, 0, "", "empty trace (no header)");
  const Columns c = map_columns(f, profile, t.file);
  const std::size_t width = f.size();
  RowReader rows(t, profile, c);
  TraceCall call;
  while (csv.next(f)) {
    if (f.size() != width)
      throw InputError(t.file, csv.line(), "", "expected " + std::to_string(width) + " fields, got " + std::to_string(f.size()));
    if (rows.read(f, csv.line(), call)) t.calls.push_back(call);
  }
  std::stable_sort(t.calls.begin(), t.calls.end(),
                   [](const TraceCall& a, const TraceCall& b) { return a.arrival < b.arrival; });
  return t;
}

}  // namespace

CallTrace read_call_trace(const std::filesystem::path& file, const TraceProfile& profile) {
  CsvReader csv(file);
  return read_trace(csv, profile);
}

CallTrace read_call_trace_text(std::string text, const std::string& name, const TraceProfile& profile) {
  CsvReader csv(std::move(text), name);
  return read_trace(csv, profile);
}

}  // namespace hotline
