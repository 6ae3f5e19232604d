// Pure plotting math for the dashboard charts: nice ticks (Heckbert 1990), scales, colours.
#include "gui/plot_math.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace hotline::gui {

void Range::include(double v) {
  if (!std::isfinite(v)) return;
  if (empty()) {
    lo = hi = v;
    return;
  }
  lo = std::min(lo, v);
  hi = std::max(hi, v);
}

void Range::include(Range other) {
  if (other.empty()) return;
  include(other.lo);
  include(other.hi);
}

Range data_range(std::span<const double> v) {
  Range r;
  for (double x : v) r.include(x);
  return r;
}

Range axis_range(Range r, bool include_zero) {
  if (r.empty()) return {0, 1};
  if (include_zero) r.include(0.0);
  if (r.span() == 0) {
    if (r.lo == 0) return {0, 1};
    double pad = std::abs(r.lo) * 0.1;
    return {r.lo - pad, r.hi + pad};
  }
  return r;
}

double nice_number(double x, bool round) {
  assert(x > 0 && std::isfinite(x));
  double expv = std::floor(std::log10(x));
  double f = x / std::pow(10.0, expv);  // in [1, 10)
  double nf;
  if (round)
    nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else
    nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * std::pow(10.0, expv);
}

namespace {
Ticks ticks_with_step(Range r, double step) {
  Ticks t;
  t.step = step;
  double first = std::floor(r.lo / step + 1e-9);
  double last = std::ceil(r.hi / step - 1e-9);
  for (double i = first; i <= last; i += 1) {
    double v = i * step;
    if (std::abs(v) < step * 1e-9) v = 0;  // no "-0" or 1e-17 from rounding
    t.values.push_back(v);
  }
  if (t.values.size() < 2) t.values.push_back(t.values.back() + step);
  t.decimals = std::max(0, int(-std::floor(std::log10(step) + 1e-9)));
  return t;
}
}  // namespace

Ticks nice_ticks(Range r, int target) {
  assert(!r.empty() && std::isfinite(r.lo) && std::isfinite(r.hi) && target >= 2);
  r = axis_range(r, false);
  double span = nice_number(r.span(), false);
  return ticks_with_step(r, nice_number(span / (target - 1), true));
}

Ticks clock_ticks(Range seconds, int target) {
  assert(!seconds.empty() && target >= 2);
  static constexpr std::array<double, 8> steps{900, 1800, 3600, 7200, 10800, 14400, 21600, 43200};
  double want = axis_range(seconds, false).span() / (target - 1);
  double step = steps.back();
  for (double s : steps)
    if (s >= want) {
      step = s;
      break;
    }
  Ticks t = ticks_with_step(axis_range(seconds, false), step);
  t.decimals = 0;
  return t;
}

std::string format_tick(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 12), v);
  std::string s = buf;
  if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);
  return s;
}

std::string format_clock(double seconds) {
  long total = std::lround(seconds / 60.0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02ld:%02ld", total / 60, total % 60);
  return buf;
}

double LinearScale::to_pixel(double d) const {
  if (d1 == d0) return (p0 + p1) / 2;
  return p0 + (d - d0) * (p1 - p0) / (d1 - d0);
}

double LinearScale::to_data(double p) const {
  if (p1 == p0) return (d0 + d1) / 2;
  return d0 + (p - p0) * (d1 - d0) / (p1 - p0);
}

Rgba colormap(double t) {
  if (std::isnan(t)) return {128, 128, 128, 255};
  // viridis sampled at t = 0, 1/8, ..., 1
  static constexpr std::array<std::array<int, 3>, 9> anchors{{{68, 1, 84},
                                                              {71, 44, 122},
                                                              {59, 81, 139},
                                                              {44, 113, 142},
                                                              {33, 144, 141},
                                                              {39, 173, 129},
                                                              {92, 200, 99},
                                                              {170, 220, 50},
                                                              {253, 231, 37}}};
  t = std::clamp(t, 0.0, 1.0);
  double pos = t * (anchors.size() - 1);
  std::size_t i = std::min(std::size_t(pos), anchors.size() - 2);
  double f = pos - double(i);
  auto mix = [&](int c) {
    return std::uint8_t(std::lround(anchors[i][c] + f * (anchors[i + 1][c] - anchors[i][c])));
  };
  return {mix(0), mix(1), mix(2), 255};
}

double normalise(double v, Range r) {
  if (std::isnan(v)) return v;
  if (r.empty() || r.span() == 0) return 0.5;
  return std::clamp((v - r.lo) / r.span(), 0.0, 1.0);
}

int label_stride(int n, double label_px, double axis_px) {
  if (n <= 1) return 1;
  if (axis_px <= 0) return n;
  int fit = std::max(1, int(axis_px / label_px));
  return std::clamp((n + fit - 1) / fit, 1, n);
}

std::size_t nearest_index(std::span<const double> xs, double x) {
  if (xs.empty()) return SIZE_MAX;
  auto it = std::lower_bound(xs.begin(), xs.end(), x);
  if (it == xs.end()) return xs.size() - 1;
  std::size_t i = std::size_t(it - xs.begin());
  if (i > 0 && x - xs[i - 1] <= xs[i] - x) return i - 1;
  return i;
}

}  // namespace hotline::gui
