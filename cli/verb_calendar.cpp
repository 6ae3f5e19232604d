// `hotline calendar`: working-day deadlines, working hours and a month grid from the
// national calendar plus local files [SL24 §12-16, XA23 三(四)].
#include <fmt/core.h>

#include <memory>
#include <string>
#include <vector>

#include "cli/verb.hpp"
#include "core/calendar.hpp"

namespace {
using namespace hotline;

struct Options {
  std::vector<std::string> files;
  std::string hours;
  std::string lang = "zh";
};

// Adds --calendar, --hours and --lang to one sub-verb.
void add_common(CLI::App* cmd, Options& o) {
  cmd->add_option("--calendar", o.files,
                  "Extra calendar file loaded after the national one (repeatable), e.g. next "
                  "year's notice or a local rule; format in docs/calendar.md")
      ->check(CLI::ExistingFile);
  cmd->add_option("--hours", o.hours,
                  "Working hours of a working day (default 08:30-12:00,14:30-18:00)");
  cmd->add_option("--lang", o.lang, "Output language: zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));
}

WorkCalendar make_calendar(const Options& o) {
  WorkCalendar cal = WorkCalendar::national();
  for (const auto& f : o.files) cal.load_more(f);
  if (!o.hours.empty()) cal.set_working_hours(WorkCalendar::parse_working_hours(o.hours));
  return cal;
}

const char* weekday(DayNumber d, bool en) {
  static const char* zh[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
  static const char* e[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return (en ? e : zh)[iso_weekday(d) - 1];
}

// "2025年2月7日（星期五）" / "Friday 2025-02-07"
std::string day_text(DayNumber d, bool en) {
  Date x = date_of(d);
  if (en) return fmt::format("{} {}", weekday(d, true), format_date(x));
  return fmt::format("{}年{}月{}日（{}）", x.year, x.month, x.day, weekday(d, false));
}

std::string kind_text(const WorkCalendar& cal, DayNumber d, bool en) {
  std::string name(cal.holiday_name(d));
  switch (cal.day_kind(d)) {
    case DayKind::Workday: return en ? "working day" : "工作日";
    case DayKind::Weekend: return en ? "day off (weekend)" : "休息日（周末）";
    case DayKind::Holiday: return en ? "day off (statutory holiday " + name + ")" : "休息日（法定节假日：" + name + "）";
    case DayKind::MakeupWorkday:
      return en ? "working day (make-up day for " + name + ")" : "工作日（调休上班：" + name + "）";
  }
  return "";
}

void add_working_days(const Options& o, const std::string& when, int n) {
  bool en = o.lang == "en";
  WorkCalendar cal = make_calendar(o);
  Time t = parse_time(when);
  Time end = cal.add_working_days(t, n);
  DayNumber last = cst_day(end) - 1, start = cst_day(t);
  fmt::print("{}\n", format_time(end));
  if (en)
    fmt::print("= the end (24:00) of {}, working day {} after the day of receipt {} (that day is "
               "not counted)\n",
               day_text(last, true), n, day_text(start, true));
  else
    fmt::print("即 {} 24:00：受理日 {} 之后第 {} 个工作日结束（受理当日不计）\n",
               day_text(last, false), day_text(start, false), n);
  std::string counted;
  for (DayNumber d = start + 1; d <= last; ++d) {
    if (!cal.is_working_day(d)) continue;
    Date x = date_of(d);
    counted += fmt::format("{}{:02}-{:02}", counted.empty() ? "" : (en ? ", " : "、"), x.month, x.day);
    if (cal.day_kind(d) == DayKind::MakeupWorkday) counted += en ? " (make-up)" : "（调休上班）";
  }
  if (n > 0) fmt::print("{}{}\n", en ? "Working days counted: " : "计入的工作日：", counted);
}

void add_working_hours(const Options& o, const std::string& when, double h) {
  bool en = o.lang == "en";
  WorkCalendar cal = make_calendar(o);
  Time end = cal.add_working_hours(parse_time(when), h);
  int sod = cst_seconds_of_day(end);
  fmt::print("{}\n{} {} {:02}:{:02}\n", format_time(end), en ? "=" : "即", day_text(cst_day(end), en),
             sod / 3600, sod / 60 % 60);
}

void is_working_day(const Options& o, const std::string& when) {
  bool en = o.lang == "en";
  WorkCalendar cal = make_calendar(o);
  DayNumber d = day_number(parse_date(when));
  fmt::print("{} {}{}{}\n", format_date(d), weekday(d, en), en ? ": " : "：", kind_text(cal, d, en));
}

void show(const Options& o, const std::string& month) {
  bool en = o.lang == "en";
  Date first;
  if (month.size() != 7 || !try_parse_date(month + "-01", &first))
    throw std::invalid_argument("calendar show: '" + month + "' is not a month YYYY-MM");
  WorkCalendar cal = make_calendar(o);
  DayNumber d0 = day_number(first);
  Date next = first.month == 12 ? Date{first.year + 1, 1, 1} : Date{first.year, first.month + 1, 1};
  DayNumber d1 = day_number(next);

  if (en)
    fmt::print("Working calendar {:04}-{:02}\n", first.year, first.month);
  else
    fmt::print("{}年{}月 工作日历\n", first.year, first.month);
  // Every cell is 6 columns wide; a CJK character takes two.
  fmt::print("{}\n", en ? "  Mon   Tue   Wed   Thu   Fri   Sat   Sun"
                        : "  一    二    三    四    五    六    日");
  std::string row(6 * (iso_weekday(d0) - 1), ' ');
  int working = 0, makeup = 0;
  for (DayNumber d = d0; d < d1; ++d) {
    DayKind k = cal.day_kind(d);
    const char* mark = "  ";
    if (k == DayKind::Holiday) mark = en ? "H " : "休";
    if (k == DayKind::MakeupWorkday) mark = en ? "W " : "班";
    if (k == DayKind::Weekend) mark = "- ";
    working += k == DayKind::Workday || k == DayKind::MakeupWorkday;
    makeup += k == DayKind::MakeupWorkday;
    row += fmt::format("{:>3}{} ", date_of(d).day, mark);
    if (iso_weekday(d) == 7 || d + 1 == d1) {
      while (!row.empty() && row.back() == ' ') row.pop_back();
      fmt::print("{}\n", row);
      row.clear();
    }
  }
  int off = int(d1 - d0) - working;
  if (en)
    fmt::print("Legend: H statutory holiday, W make-up working day, - weekend; unmarked days are "
               "working days.\n{} working days ({} make-up), {} days off.\n",
               working, makeup, off);
  else
    fmt::print("图例：休 = 法定节假日，班 = 调休上班，- = 周末；未标记的为工作日。\n"
               "本月工作日 {} 天（含调休上班 {} 天），休息日 {} 天。\n",
               working, makeup, off);
  // Calendar entries of the month, runs of the same name and kind joined.
  for (DayNumber d = d0; d < d1;) {
    DayKind k = cal.day_kind(d);
    if (k != DayKind::Holiday && k != DayKind::MakeupWorkday) { ++d; continue; }
    std::string_view name = cal.holiday_name(d);
    DayNumber e = d;
    while (e + 1 < d1 && cal.day_kind(e + 1) == k && cal.holiday_name(e + 1) == name) ++e;
    Date a = date_of(d), b = date_of(e);
    std::string span = en ? format_date(a) + (e > d ? " to " + format_date(b) : "")
                          : fmt::format("{}月{}日", a.month, a.day) +
                                (e > d ? fmt::format("至{}月{}日", b.month, b.day) : "");
    const char* what = k == DayKind::Holiday ? (en ? "holiday" : "放假") : (en ? "make-up working day" : "调休上班");
    fmt::print("  {} {} {}\n", span, name, what);
    d = e + 1;
  }
}

void setup(CLI::App& app) {
  auto* cal = app.add_subcommand(
      "calendar",
      "Working calendar: statutory holidays, make-up days (调休) and deadlines counted in "
      "working days or hours [SL24 §12]. Uses the national calendar in scenarios/calendars/");
  cal->require_subcommand(1);

  auto o = std::make_shared<Options>();
  auto when = std::make_shared<std::string>();
  auto n = std::make_shared<int>(0);
  auto h = std::make_shared<double>(0);

  auto* awd = cal->add_subcommand(
      "add-working-days",
      "Deadline: the end (24:00) of the N-th working day after the day of TIME (the day of "
      "receipt is not counted); prints it as ISO 8601 +08:00 and names the day");
  awd->add_option("time", *when, "Time of receipt, e.g. 2025-01-24T10:00 (CST)")->required();
  awd->add_option("n", *n, "Number of working days (>= 0)")->required()->check(CLI::NonNegativeNumber);
  add_common(awd, *o);
  awd->callback([=] { add_working_days(*o, *when, *n); });

  auto* awh = cal->add_subcommand(
      "add-working-hours",
      "TIME plus H hours counted only inside working hours of working days");
  awh->add_option("time", *when, "Start time, e.g. 2025-01-24T17:00 (CST)")->required();
  awh->add_option("hours", *h, "Working hours to add (>= 0, may be fractional)")
      ->required()
      ->check(CLI::NonNegativeNumber);
  add_common(awh, *o);
  awh->callback([=] { add_working_hours(*o, *when, *h); });

  auto* iwd = cal->add_subcommand("is-working-day", "Say whether DATE is a working day, and why");
  iwd->add_option("date", *when, "A date YYYY-MM-DD")->required();
  add_common(iwd, *o);
  iwd->callback([=] { is_working_day(*o, *when); });

  auto* sh = cal->add_subcommand(
      "show", "Print a month as a grid with holidays (休), make-up working days (班) and weekends");
  sh->add_option("month", *when, "The month, YYYY-MM")->required();
  add_common(sh, *o);
  sh->callback([=] { show(*o, *when); });
}
HOTLINE_VERB("calendar", setup);
}  // namespace
