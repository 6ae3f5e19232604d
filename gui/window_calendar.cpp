// The calendar panel (工作日历): a month of workdays, weekends, statutory holidays and
// make-up workdays from the national calendar, which the time limits count in [SL24 §12].
#include <cstdio>

#include "gui/calendar_model.hpp"
#include "gui/dashboard.hpp"
#include "gui/widgets.hpp"

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
}  // namespace

void Dashboard::draw_calendar() {
  if (begin_view(View::Calendar)) {
    if (!calendar_) {
      ImGui::TextWrapped("%s%s", t(Text::CalendarNotLoaded), calendar_error_.c_str());
      ImGui::End();
      return;
    }
    if (ImGui::ArrowButton("prev", ImGuiDir_Left) && !(cal_year_ == calendar_->first_year() && cal_month_ == 1)) {
      if (--cal_month_ == 0) cal_month_ = 12, --cal_year_;
    }
    ImGui::SameLine();
    ImGui::Text(state_.lang() == Lang::Zh ? "%d 年 %d 月" : "%d-%02d", cal_year_, cal_month_);
    ImGui::SameLine();
    if (ImGui::ArrowButton("next", ImGuiDir_Right) && !(cal_year_ == calendar_->last_year() && cal_month_ == 12)) {
      if (++cal_month_ == 13) cal_month_ = 1, ++cal_year_;
    }
    CalendarMonth m = month_grid(*calendar_, cal_year_, cal_month_);
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

    // legend
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

    static constexpr const char* zh_days[] = {"一", "二", "三", "四", "五", "六", "日"};
    static constexpr const char* en_days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float line = ImGui::GetTextLineHeightWithSpacing();
    float cw = avail.x / 7, chh = std::max(2 * line + 8, (avail.y - line) / m.rows());
    ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < 7; ++i)
      dl->AddText(ImVec2(o.x + i * cw + 4, o.y), ImGui::GetColorU32(ImGuiCol_Text),
                  state_.lang() == Lang::Zh ? zh_days[i] : en_days[i]);
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
  ImGui::End();
}

}  // namespace hotline::gui
