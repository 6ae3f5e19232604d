// Line/step/bar charts and heatmaps drawn on ImDrawList, with axes, legend and tooltips.
#include "gui/plot.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace hotline::gui {
namespace {

ImU32 col(Rgba c, float alpha = 1) {
  return IM_COL32(c.r, c.g, c.b, int(c.a * alpha));
}

std::string tick_label(const Axis& a, double v, int decimals) {
  if (!a.categories.empty()) {
    long i = std::lround(v);
    return i >= 0 && i < long(a.categories.size()) ? a.categories[std::size_t(i)] : std::string();
  }
  return a.clock ? format_clock(v) : format_tick(v, decimals);
}

// The marks (value, label) of one axis and the range it finally shows.
struct AxisMarks {
  Range range;
  int decimals = 0;
  std::vector<std::pair<double, std::string>> marks;
};

AxisMarks axis_marks(const Axis& a, Range data, float pixels, bool horizontal) {
  AxisMarks m;
  float line = ImGui::GetTextLineHeight();
  if (a.categorical || !a.categories.empty()) {
    int n = std::max(1, int(a.categories.size()));
    m.range = a.fixed ? *a.fixed : Range{-0.5, n - 0.5};
    float widest = 0;
    for (const auto& c : a.categories) widest = std::max(widest, ImGui::CalcTextSize(c.c_str()).x);
    int stride = label_stride(n, horizontal ? widest + line : line * 1.1, pixels);
    for (int i = 0; i < int(a.categories.size()); i += stride) m.marks.emplace_back(i, a.categories[std::size_t(i)]);
    return m;
  }
  Range r = a.fixed ? *a.fixed : axis_range(data, a.include_zero);
  int target = std::max(2, int(pixels / (horizontal ? 6 * line : 2.2f * line)));
  Ticks t = a.clock ? clock_ticks(r, target) : nice_ticks(r, target);
  m.range = a.fixed ? *a.fixed : t.covered();
  m.decimals = t.decimals;
  double eps = 1e-9 * std::max(1e-300, std::abs(m.range.span()));
  for (double v : t.values)
    if (v >= m.range.lo - eps && v <= m.range.hi + eps) m.marks.emplace_back(v, tick_label(a, v, t.decimals));
  return m;
}

struct Frame {
  ImVec2 outer_min, outer_max;  // the whole widget
  ImVec2 min, max;              // the plot area
  LinearScale sx, sy;
  int x_decimals = 0, y_decimals = 0;
};

// Reserves the widget, draws title, plot background, grid, tick labels and axis labels.
Frame draw_axes(const std::string& title, const Axis& ax, const Axis& ay, Range xr, Range yr,
                float height, float right_margin) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  float line = ImGui::GetTextLineHeight();
  Frame f;
  f.outer_min = ImGui::GetCursorScreenPos();
  float width = std::max(120.0f, ImGui::GetContentRegionAvail().x);
  f.outer_max = ImVec2(f.outer_min.x + width, f.outer_min.y + height);
  ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl->AddText(f.outer_min, text, title.c_str());
  if (!ay.label.empty()) {  // ImGui 1.86 has no rotated text: the y label follows the title
    float x = f.outer_min.x + ImGui::CalcTextSize(title.c_str()).x + 2 * style.ItemSpacing.x;
    dl->AddText(ImVec2(x, f.outer_min.y), dim, ("[" + ay.label + "]").c_str());
  }

  float top = f.outer_min.y + line + style.ItemSpacing.y;
  float bottom = f.outer_max.y - (ax.label.empty() ? 1 : 2) * line - style.ItemSpacing.y;
  AxisMarks ym = axis_marks(ay, yr, bottom - top, false);  // its label width sets the left margin
  float label_w = 0;
  for (const auto& [v, s] : ym.marks) label_w = std::max(label_w, ImGui::CalcTextSize(s.c_str()).x);
  f.min = ImVec2(f.outer_min.x + label_w + 2 * style.ItemSpacing.x, top);
  // room for half of the last x label to the right of the plot area
  float last_half = ImGui::CalcTextSize(tick_label(ax, xr.empty() ? 0 : xr.hi, 2).c_str()).x / 2 + 2;
  f.max = ImVec2(f.outer_max.x - std::max(right_margin, last_half), bottom);
  AxisMarks xm = axis_marks(ax, xr, f.max.x - f.min.x, true);
  f.sx = {xm.range.lo, xm.range.hi, f.min.x, f.max.x};
  f.sy = {ym.range.lo, ym.range.hi, f.max.y, f.min.y};
  f.x_decimals = xm.decimals;
  f.y_decimals = ym.decimals;

  dl->AddRectFilled(f.min, f.max, col(kPlotBackground));
  ImU32 grid = col(kPlotFrame, 0.35f);
  for (const auto& [v, s] : ym.marks) {
    float y = float(f.sy.to_pixel(v));
    if (!ay.categorical && ay.categories.empty()) dl->AddLine(ImVec2(f.min.x, y), ImVec2(f.max.x, y), grid);
    ImVec2 sz = ImGui::CalcTextSize(s.c_str());
    dl->AddText(ImVec2(f.min.x - sz.x - style.ItemSpacing.x, y - sz.y / 2), text, s.c_str());
  }
  for (const auto& [v, s] : xm.marks) {
    float x = float(f.sx.to_pixel(v));
    if (!ax.categorical && ax.categories.empty()) dl->AddLine(ImVec2(x, f.min.y), ImVec2(x, f.max.y), grid);
    ImVec2 sz = ImGui::CalcTextSize(s.c_str());
    dl->AddText(ImVec2(x - sz.x / 2, f.max.y + 2), text, s.c_str());
  }
  dl->AddRect(f.min, f.max, col(kPlotFrame));
  if (!ax.label.empty()) {
    ImVec2 sz = ImGui::CalcTextSize(ax.label.c_str());
    dl->AddText(ImVec2((f.min.x + f.max.x - sz.x) / 2, f.max.y + line + 2), dim, ax.label.c_str());
  }
  ImGui::Dummy(ImVec2(width, height));
  return f;
}

void draw_empty(const Frame& f, const std::string& message) {
  if (message.empty()) return;
  ImVec2 sz = ImGui::CalcTextSize(message.c_str(), nullptr, false, f.max.x - f.min.x - 20);
  ImVec2 p((f.min.x + f.max.x - sz.x) / 2, (f.min.y + f.max.y - sz.y) / 2);
  ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), p,
                                      ImGui::GetColorU32(ImGuiCol_TextDisabled), message.c_str(),
                                      nullptr, f.max.x - f.min.x - 20);
}

bool hovered(const Frame& f) {
  return ImGui::IsItemHovered() && ImGui::IsMouseHoveringRect(f.min, f.max);
}

}  // namespace

Rgba series_colour(int i) {
  static constexpr std::array<Rgba, 8> palette{{{76, 158, 235, 255},
                                                {240, 140, 60, 255},
                                                {90, 190, 110, 255},
                                                {220, 80, 90, 255},
                                                {170, 120, 220, 255},
                                                {200, 190, 80, 255},
                                                {80, 200, 200, 255},
                                                {220, 130, 190, 255}}};
  return palette[std::size_t(i) % palette.size()];
}

void plot(const PlotSpec& spec) {
  ImGui::PushID(spec.id.c_str());
  Range xr, yr;
  std::size_t points = 0;
  int bar_series = 0;
  double min_dx = INFINITY;
  for (const Series& s : spec.series) {
    xr.include(data_range(s.x));
    yr.include(data_range(s.y));
    points += s.x.size();
    if (s.kind == SeriesKind::Bars) {
      ++bar_series;
      for (std::size_t i = 1; i < s.x.size(); ++i) min_dx = std::min(min_dx, s.x[i] - s.x[i - 1]);
    }
  }
  for (const RefLine& r : spec.lines) yr.include(r.y);
  if (bar_series && std::isfinite(min_dx)) {  // room for the outer bars
    xr.include(xr.lo - min_dx / 2);
    xr.include(xr.hi + min_dx / 2);
  }
  bool step_or_bar = std::any_of(spec.series.begin(), spec.series.end(),
                                 [](const Series& s) { return s.kind != SeriesKind::Line; });
  Axis ay = spec.y;
  if (step_or_bar) ay.include_zero = true;
  Frame f = draw_axes(spec.title, spec.x, ay, xr, yr, spec.height, 8);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(f.min, f.max, true);
  int bar_index = 0;
  double bar_w = std::isfinite(min_dx) ? min_dx * 0.8 / std::max(1, bar_series) : 1;
  for (const Series& s : spec.series) {
    ImU32 c = col(s.colour);
    std::size_t n = std::min(s.x.size(), s.y.size());
    if (s.kind == SeriesKind::Bars) {
      double offset = (bar_index - (bar_series - 1) / 2.0) * bar_w;
      for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(s.y[i])) continue;
        float x0 = float(f.sx.to_pixel(s.x[i] + offset - bar_w / 2));
        float x1 = float(f.sx.to_pixel(s.x[i] + offset + bar_w / 2));
        float y0 = float(f.sy.to_pixel(0)), y1 = float(f.sy.to_pixel(s.y[i]));
        dl->AddRectFilled(ImVec2(x0, std::min(y0, y1)), ImVec2(std::max(x1, x0 + 1), std::max(y0, y1)), c);
      }
      ++bar_index;
      continue;
    }
    for (std::size_t i = 1; i < n; ++i) {
      if (std::isnan(s.y[i - 1]) || std::isnan(s.y[i])) continue;
      ImVec2 a(float(f.sx.to_pixel(s.x[i - 1])), float(f.sy.to_pixel(s.y[i - 1])));
      ImVec2 b(float(f.sx.to_pixel(s.x[i])), float(f.sy.to_pixel(s.y[i])));
      if (s.kind == SeriesKind::Step) {
        dl->AddLine(a, ImVec2(b.x, a.y), c, 2);
        dl->AddLine(ImVec2(b.x, a.y), b, c, 2);
      } else {
        dl->AddLine(a, b, c, 2);
      }
    }
    // a step holds its last value for one more interval (the last interval's width)
    if (s.kind == SeriesKind::Step && n >= 2 && !std::isnan(s.y[n - 1])) {
      float y = float(f.sy.to_pixel(s.y[n - 1]));
      dl->AddLine(ImVec2(float(f.sx.to_pixel(s.x[n - 1])), y),
                  ImVec2(float(f.sx.to_pixel(2 * s.x[n - 1] - s.x[n - 2])), y), c, 2);
    }
  }
  for (const RefLine& r : spec.lines) {
    float y = float(f.sy.to_pixel(r.y));
    for (float x = f.min.x; x < f.max.x; x += 12)  // dashed
      dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + 7, f.max.x), y), col(r.colour), 1.5f);
  }
  dl->PopClipRect();
  if (points == 0) draw_empty(f, spec.empty_message);

  // legend: top-right inside the plot area
  float line = ImGui::GetTextLineHeight();
  std::vector<std::pair<std::string, Rgba>> entries;
  for (const Series& s : spec.series) entries.emplace_back(s.name, s.colour);
  for (const RefLine& r : spec.lines) entries.emplace_back(r.name, r.colour);
  if (!entries.empty()) {
    float w = 0;
    for (auto& e : entries) w = std::max(w, ImGui::CalcTextSize(e.first.c_str()).x);
    ImVec2 p(f.max.x - w - line - 16, f.min.y + 6);
    dl->AddRectFilled(ImVec2(p.x - 6, p.y - 4), ImVec2(f.max.x - 4, p.y + entries.size() * line + 4),
                      IM_COL32(0, 0, 0, 160), 3);
    for (auto& e : entries) {
      dl->AddRectFilled(ImVec2(p.x, p.y + line * 0.3f), ImVec2(p.x + line * 0.6f, p.y + line * 0.7f),
                        col(e.second));
      dl->AddText(ImVec2(p.x + line, p.y), ImGui::GetColorU32(ImGuiCol_Text), e.first.c_str());
      p.y += line;
    }
  }

  // hover: a cursor line and every series' value at the nearest x
  if (points > 0 && hovered(f)) {
    double mx = f.sx.to_data(ImGui::GetIO().MousePos.x);
    ImGui::BeginTooltip();
    bool header = false;
    for (const Series& s : spec.series) {
      std::size_t i = nearest_index(s.x, mx);
      if (i == SIZE_MAX || i >= s.y.size()) continue;
      if (!header) {
        ImGui::TextUnformatted(tick_label(spec.x, s.x[i], f.x_decimals + 1).c_str());
        float x = float(f.sx.to_pixel(s.x[i]));
        dl->AddLine(ImVec2(x, f.min.y), ImVec2(x, f.max.y), IM_COL32(255, 255, 255, 90));
        header = true;
      }
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col(s.colour)), "%s: %s", s.name.c_str(),
                         format_tick(s.y[i], f.y_decimals + 1).c_str());
    }
    ImGui::EndTooltip();
  }
  ImGui::PopID();
}

void heatmap(const HeatmapSpec& spec) {
  ImGui::PushID(spec.id.c_str());
  bool has_data = spec.rows > 0 && spec.cols > 0 &&
                  spec.values.size() >= std::size_t(spec.rows) * std::size_t(spec.cols);
  Range vr = has_data ? data_range(spec.values) : Range{};
  Range xr = spec.x.fixed ? *spec.x.fixed : Range{spec.x0, spec.x0 + spec.dx * std::max(1, spec.cols)};
  Axis ax = spec.x;
  ax.fixed = xr;
  Axis ay;  // rows as categories, row 0 at the top
  ay.label = spec.y_label;
  ay.categories.assign(spec.row_labels.rbegin(), spec.row_labels.rend());
  ay.categorical = true;
  int rows = std::max(1, spec.rows);
  ay.fixed = Range{-0.5, rows - 0.5};
  float bar_w = 60;  // colour bar and its labels
  Frame f = draw_axes(spec.title, ax, ay, xr, *ay.fixed, spec.height, bar_w);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float line = ImGui::GetTextLineHeight();
  if (!has_data) {
    draw_empty(f, spec.empty_message);
    ImGui::PopID();
    return;
  }
  vr = axis_range(vr, false);
  float ch = (f.max.y - f.min.y) / float(spec.rows);
  for (int r = 0; r < spec.rows; ++r)
    for (int c = 0; c < spec.cols; ++c) {
      double v = spec.values[std::size_t(r) * spec.cols + c];
      float x0 = float(f.sx.to_pixel(spec.x0 + c * spec.dx)), x1 = float(f.sx.to_pixel(spec.x0 + (c + 1) * spec.dx));
      float y0 = f.min.y + r * ch;
      dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y0 + ch), col(colormap(normalise(v, vr))));
    }
  // colour bar
  ImVec2 b0(f.max.x + 8, f.min.y), b1(f.max.x + 20, f.max.y);
  for (int i = 0; i < 32; ++i) {
    float y0 = b1.y - (b1.y - b0.y) * (i + 1) / 32.0f, y1 = b1.y - (b1.y - b0.y) * i / 32.0f;
    dl->AddRectFilled(ImVec2(b0.x, y0), ImVec2(b1.x, y1), col(colormap((i + 0.5) / 32.0)));
  }
  ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  dl->AddText(ImVec2(b1.x + 3, b0.y), text, format_tick(vr.hi, 1).c_str());
  dl->AddText(ImVec2(b1.x + 3, b1.y - line), text, format_tick(vr.lo, 1).c_str());
  if (hovered(f)) {
    ImVec2 m = ImGui::GetIO().MousePos;
    int c = std::clamp(int((f.sx.to_data(m.x) - spec.x0) / spec.dx), 0, spec.cols - 1);
    int r = std::clamp(int((m.y - f.min.y) / ch), 0, spec.rows - 1);
    ImGui::BeginTooltip();
    if (r < int(spec.row_labels.size())) ImGui::TextUnformatted(spec.row_labels[r].c_str());
    ImGui::Text("%s", tick_label(spec.x, spec.x0 + c * spec.dx, 0).c_str());
    ImGui::Text("%s: %s", spec.value_label.c_str(), format_tick(spec.values[std::size_t(r) * spec.cols + c], 2).c_str());
    ImGui::EndTooltip();
  }
  ImGui::PopID();
}

}  // namespace hotline::gui
