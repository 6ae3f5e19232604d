// The calendar panel (工作日历): a month of workdays, weekends, statutory holidays and
// make-up workdays from the national calendar, which the time limits count in [SL24 §12].
// The window needs no one else, so it lives in this file alone (see gui/window.hpp).
#include <cstdio>
#include <ctime>
#include <optional>

#include "core/calendar.hpp"
#include "gui/calendar_model.hpp"
#include "gui/widgets.hpp"
#include "gui/window.hpp"

namespace hotline::gui {
namespace {
ImU32 kind_colour(DayKind k) {
  switch (k) {
    case DayKind::Workday: return IM_COL32(52, 72, 98, 255);
    case DayKind::Weekend: return IM_COL32(48, 48, 54, 255);
    case DayKind::Holiday: return IM_COL32(150, 52, 52, 255);
    case DayKind::MakeupWorkday: return IM_COL32(160, 110, 30, 255);
  }
  return 0;
}

class CalendarWindow final : public Window {
 public:
  // The national calendar, open at this month (January 2025 for screenshots, or when the
  // calendar does not cover this year).
  explicit CalendarWindow(Dashboard& dash);
  void draw() override;
  void add_data_text(std::string& s) const override;  // the holidays' names

 private:
  void draw_navigation();
  void draw_counts(const CalendarMonth& m);
  void draw_legend();
  void draw_month(const CalendarMonth& m);

  std::optional<WorkCalendar> calendar_;
  std::string calendar_error_;
  int cal_year_ = 2025, cal_month_ = 1;
};

CalendarWindow::CalendarWindow(Dashboard& dash) : Window(dash, View::Calendar, Text::ViewCalendar) {
  try {
    calendar_ = WorkCalendar::national();
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    int year = tm.tm_year + 1900;
    if (year >= calendar_->first_year() && year <= calendar_->last_year() && !dash_.options().only_view) {
      cal_year_ = year;
      cal_month_ = tm.tm_mon + 1;
    }
  } catch (const std::exception& e) {
    calendar_error_ = e.what();
  }
}

void CalendarWindow::add_data_text(std::string& s) const {
  if (calendar_)
    for (int y = calendar_->first_year(); y <= calendar_->last_year(); ++y)
      for (int m = 1; m <= 12; ++m)
        for (DayNumber d = day_number(Date{y, m, 1}), e = d + 31; d < e; ++d)
          if (date_of(d).month == m) s += calendar_->holiday_name(d);
}

}  // namespace

std::unique_ptr<Window> make_calendar_window(Dashboard& dash) { return std::make_unique<CalendarWindow>(dash); }

void CalendarWindow::draw() {
  if (begin()) {
    if (!calendar_) {
      ImGui::TextWrapped("%s%s", t(Text::CalendarNotLoaded), calendar_error_.c_str());
      ImGui::End();
      return;
    }
    draw_navigation();
    const CalendarMonth m = month_grid(*calendar_, cal_year_, cal_month_);
    draw_counts(m);
    draw_legend();
    draw_month(m);
  }
  ImGui::End();
}

// The month shown, and the arrows to the one before and after (within the calendar's years).
void CalendarWindow::draw_navigation() {
  if (ImGui::ArrowButton("prev", ImGuiDir_Left) && !(cal_year_ == calendar_->first_year() && cal_month_ == 1)) {
    if (--cal_month_ == 0) cal_month_ = 12, --cal_year_;
  }
  ImGui::SameLine();
  ImGui::Text(lang() == Lang::Zh ? "%d 年 %d 月" : "%d-%02d", cal_year_, cal_month_);
  ImGui::SameLine();
  if (ImGui::ArrowButton("next", ImGuiDir_Right) && !(cal_year_ == calendar_->last_year() && cal_month_ == 12)) {
    if (++cal_month_ == 13) cal_month_ = 1, ++cal_year_;
  }
}

// The month's working days and the working hours.
void CalendarWindow::draw_counts(const CalendarMonth& m) {
  ImGui::SameLine(0, 30);
  ImGui::Text("%s: %d", t(Text::Workday), m.working_days);
  ImGui::SameLine(0, 30);
  std::string hours;
  for (const WorkingSpan& s : calendar_->working_hours()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%02d:%02d-%02d:%02d", hours.empty() ? "" : ", ", s.start / 3600,
                  s.start / 60 % 60, s.end / 3600, s.end / 60 % 60);
    hours += buf;
  }
  ImGui::Text("%s: %s", t(Text::WorkingHours), hours.c_str());
}

void CalendarWindow::draw_legend() {
  for (auto [k, txt] : {std::pair{DayKind::Workday, Text::Workday}, std::pair{DayKind::Weekend, Text::Weekend},
                        std::pair{DayKind::Holiday, Text::Holiday}, std::pair{DayKind::MakeupWorkday, Text::MakeupWorkday}}) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float s = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + s, p.y + s), kind_colour(k));
    ImGui::Dummy(ImVec2(s, s));
    ImGui::SameLine();
    ImGui::TextUnformatted(t(txt));
    ImGui::SameLine(0, 20);
  }
  ImGui::NewLine();
}

// The weekday names and a cell per day, coloured by kind, with the holiday's name.
void CalendarWindow::draw_month(const CalendarMonth& m) {
  static constexpr const char* zh_days[] = {"一", "二", "三", "四", "五", "六", "日"};
  static constexpr const char* en_days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  ImVec2 avail = ImGui::GetContentRegionAvail();
  float line = ImGui::GetTextLineHeightWithSpacing();
  float cw = avail.x / 7, chh = std::max(2 * line + 8, (avail.y - line) / m.rows());
  ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int i = 0; i < 7; ++i)
    dl->AddText(ImVec2(o.x + i * cw + 4, o.y), ImGui::GetColorU32(ImGuiCol_Text),
                lang() == Lang::Zh ? zh_days[i] : en_days[i]);
  o.y += line;
  for (std::size_t i = 0; i < m.days.size(); ++i) {
    const CalendarDay& d = m.days[i];
    int cell = m.leading_blanks + int(i);
    ImVec2 a(o.x + (cell % 7) * cw + 2, o.y + (cell / 7) * chh + 2);
    ImVec2 b(a.x + cw - 4, a.y + chh - 4);
    dl->AddRectFilled(a, b, kind_colour(d.kind), 4);
    char num[8];
    std::snprintf(num, sizeof num, "%d", d.day_of_month);
    dl->AddText(ImVec2(a.x + 6, a.y + 4), IM_COL32_WHITE, num);
    if (!d.holiday.empty()) dl->AddText(ImVec2(a.x + 6, a.y + 4 + line), IM_COL32_WHITE, d.holiday.c_str());
    if (ImGui::IsMouseHoveringRect(a, b) && ImGui::IsWindowHovered()) {
      static constexpr Text kinds[] = {Text::Workday, Text::Weekend, Text::Holiday, Text::MakeupWorkday};
      ImGui::SetTooltip("%s %s %s", format_date(d.day).c_str(), t(kinds[int(d.kind)]), d.holiday.c_str());
    }
  }
  ImGui::Dummy(ImVec2(avail.x, m.rows() * chh));
}

}  // namespace hotline::gui
