// The dashboard's own plotting widgets on ImDrawList (ImPlot is not packaged in Debian):
// line, step and bar series, heatmaps, axes with nice ticks, a legend and hover tooltips.
// The math lives in plot_math.hpp (no ImGui, unit-tested).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "gui/plot_math.hpp"

namespace hotline::gui {

enum class SeriesKind { Line, Step, Bars };

struct Series {
  std::string name;
  SeriesKind kind = SeriesKind::Line;
  std::span<const double> x;  // ascending
  std::span<const double> y;  // same length as x; NaN leaves a gap
  Rgba colour;
};

struct Axis {
  std::string label;
  bool clock = false;          // values are seconds of the day, ticks print as HH:MM
  bool include_zero = false;
  std::optional<Range> fixed;  // use this range instead of the data's
  // Categorical axis: value i (0-based) is labelled categories[i]; the range defaults to
  // [-0.5, n - 0.5] and labels are thinned to fit.
  std::vector<std::string> categories;
  bool categorical = false;  // categorical even while `categories` is still empty
};

// A time-of-day axis over one day, 00:00 to 24:00.
inline Axis clock_axis(std::string label) {
  Axis a;
  a.label = std::move(label);
  a.clock = true;
  a.fixed = Range{0, 86400};
  return a;
}
// A numeric axis: `fixed` range, or the data's (with 0 if include_zero).
inline Axis value_axis(std::string label, std::optional<Range> fixed = {}, bool include_zero = false) {
  Axis a;
  a.label = std::move(label);
  a.fixed = fixed;
  a.include_zero = include_zero;
  return a;
}
inline Axis category_axis(std::string label, std::vector<std::string> categories = {}) {
  Axis a;
  a.label = std::move(label);
  a.categories = std::move(categories);
  a.categorical = true;
  return a;
}

// A horizontal reference line, e.g. a service-level target.
struct RefLine {
  std::string name;
  double y = 0;
  Rgba colour;
};

struct PlotSpec {
  std::string id;     // unique ImGui id
  std::string title;
  Axis x, y;
  std::vector<Series> series;
  std::vector<RefLine> lines;
  std::string empty_message;  // drawn in the plot area when no series has a point
  float height = 250;         // width fills the available region
};

struct HeatmapSpec {
  std::string id;
  std::string title;
  int rows = 0, cols = 0;
  std::span<const double> values;       // rows * cols, row-major; NaN is a missing cell
  std::vector<std::string> row_labels;  // rows entries, or empty
  std::string y_label;
  Axis x;                               // column c covers [x0 + c*dx, x0 + (c+1)*dx)
  double x0 = 0, dx = 1;
  std::string value_label;
  std::string empty_message;
  float height = 250;
};

// Colours shared by the charts; the plot background is also what the screenshot tests
// look for to find plot areas.
inline constexpr Rgba kPlotBackground{22, 27, 36, 255};
inline constexpr Rgba kPlotFrame{110, 118, 132, 255};
Rgba series_colour(int i);  // a qualitative palette

void plot(const PlotSpec& spec);
void heatmap(const HeatmapSpec& spec);

}  // namespace hotline::gui
