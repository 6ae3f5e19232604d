// Pure plotting math for the dashboard charts (no ImGui): ranges, "nice" ticks after
// Heckbert ("Nice numbers for graph labels", Graphics Gems, 1990), linear scales, clock-time
// ticks, the heatmap colour map and hover lookup. Unit-tested in tests/gui.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hotline::gui {

// A closed interval [lo, hi] of data values. An empty range has lo > hi.
struct Range {
  double lo = 1.0;
  double hi = 0.0;
  bool empty() const { return !(lo <= hi); }
  double span() const { return hi - lo; }
  void include(double v);          // NaN and infinities are ignored
  void include(Range other);
};

// The range of the finite values in v; empty if there are none.
Range data_range(std::span<const double> v);
// A range fit for an axis: an empty range becomes [0, 1]; a single value v becomes
// [v - 1, v + 1] (or [0, 1] for v = 0); `include_zero` stretches it to contain 0.
Range axis_range(Range r, bool include_zero);

// Heckbert's nice number: 1, 2, 5 or 10 times a power of ten, near x (> 0). `round`
// picks the nearest, otherwise the smallest nice number >= x.
double nice_number(double x, bool round);

struct Ticks {
  double step = 0;             // > 0
  int decimals = 0;            // digits after the point needed to print `values`
  std::vector<double> values;  // ascending, all multiples of step, cover the range
  Range covered() const { return {values.front(), values.back()}; }
};
// About `target` (>= 2) nice ticks covering r (non-empty, finite). The first tick is <= r.lo
// and the last >= r.hi (loose labelling), so the axis can be stretched to them.
Ticks nice_ticks(Range r, int target);
// Ticks for a time-of-day axis in seconds: steps of 15 min, 30 min, 1, 2, 3, 4, 6 or 12 h.
Ticks clock_ticks(Range seconds, int target);

std::string format_tick(double v, int decimals);  // "-0" prints as "0"
std::string format_clock(double seconds);         // 30600 -> "08:30", 86400 -> "24:00"

// Maps data [d0, d1] linearly to pixels [p0, p1] (p1 < p0 is fine: y grows downwards).
struct LinearScale {
  double d0 = 0, d1 = 1, p0 = 0, p1 = 1;
  double to_pixel(double d) const;
  double to_data(double p) const;
};

struct Rgba {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Rgba&) const = default;
};
// Perceptually ordered colour map (viridis anchor points, linearly interpolated):
// t <= 0 is dark violet, t >= 1 is yellow; NaN is mid grey (a missing cell).
Rgba colormap(double t);
// (v - r.lo) / r.span(), clamped to [0, 1]; 0.5 for a zero-width range; NaN stays NaN.
double normalise(double v, Range r);

// Every how many categories to label so that labels of `label_px` (> 0) fit `axis_px`:
// 1 if all fit, else the smallest stride that fits (at least 1, at most n).
int label_stride(int n, double label_px, double axis_px);

// Index of the element of ascending xs nearest to x; SIZE_MAX if xs is empty.
std::size_t nearest_index(std::span<const double> xs, double x);

}  // namespace hotline::gui
