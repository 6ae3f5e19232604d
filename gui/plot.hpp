// The dashboard's own plotting widgets on ImDrawList (ImPlot is not packaged in Debian):
// line, step and bar series, heatmaps, axes with nice ticks, a legend and hover tooltips.
// The math lives in plot_math.hpp (no ImGui, unit-tested).
#pragma once

#include <optional>
#include <span>
#include <string>
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
};

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
