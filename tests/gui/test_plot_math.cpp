// Tests of the plotting math: nice ticks, ranges, scales, clock ticks, colour map, hover lookup.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "gui/plot_math.hpp"

using namespace hotline::gui;

namespace {
bool is_nice_step(double step) {
  double m = step / std::pow(10.0, std::floor(std::log10(step)));
  for (double n : {1.0, 2.0, 5.0, 10.0})
    if (std::abs(m - n) < 1e-9) return true;
  return false;
}
}  // namespace

TEST_CASE("nice numbers are 1, 2 or 5 times a power of ten", "[gui][plot]") {
  CHECK(nice_number(1.0, false) == Approx(1));
  CHECK(nice_number(1.2, false) == Approx(2));
  CHECK(nice_number(4.9, false) == Approx(5));
  CHECK(nice_number(5.1, false) == Approx(10));
  CHECK(nice_number(0.029, true) == Approx(0.02));
  CHECK(nice_number(0.031, true) == Approx(0.05));
  CHECK(nice_number(0.041, true) == Approx(0.05));
  CHECK(nice_number(1400, true) == Approx(1000));
  CHECK(nice_number(7500, true) == Approx(10000));
}

TEST_CASE("nice ticks of [0, 1] with about five ticks step by 0.2", "[gui][plot]") {
  Ticks t = nice_ticks({0, 1}, 5);
  CHECK(t.step == Approx(0.2));
  CHECK(t.decimals == 1);
  REQUIRE(t.values.size() == 6);
  CHECK(t.values.front() == 0);
  CHECK(t.values.back() == Approx(1));
}

TEST_CASE("nice ticks of a range crossing zero include an exact zero", "[gui][plot]") {
  Ticks t = nice_ticks({-3.7, 12.3}, 6);
  CHECK(t.step == Approx(5));
  CHECK(t.values == std::vector<double>{-5, 0, 5, 10, 15});
  CHECK(format_tick(t.values[1], t.decimals) == "0");
}

TEST_CASE("nice ticks cover any finite range with a nice step", "[gui][plot]") {
  std::mt19937_64 rng(12345);
  std::uniform_real_distribution<double> exponent(-6, 9), mantissa(-1, 1);
  std::uniform_int_distribution<int> target(2, 12);
  for (int i = 0; i < 2000; ++i) {
    double scale = std::pow(10.0, exponent(rng));
    double a = mantissa(rng) * scale, b = a + std::abs(mantissa(rng)) * scale + 1e-3 * scale;
    int n = target(rng);
    Ticks t = nice_ticks({a, b}, n);
    INFO("range " << a << " .. " << b << " target " << n);
    REQUIRE(t.values.size() >= 2);
    CHECK(t.values.front() <= a + 1e-9 * scale);
    CHECK(t.values.back() >= b - 1e-9 * scale);
    CHECK(is_nice_step(t.step));
    CHECK(int(t.values.size()) <= 2 * n + 2);
    for (std::size_t k = 1; k < t.values.size(); ++k) CHECK(t.values[k] - t.values[k - 1] == Approx(t.step));
    // the printed labels are distinct: enough decimals
    CHECK(format_tick(t.values[0], t.decimals) != format_tick(t.values[1], t.decimals));
  }
}

TEST_CASE("a degenerate range still gets an axis", "[gui][plot]") {
  CHECK(axis_range({}, false).lo == 0);
  CHECK(axis_range({}, false).hi == 1);
  Range one = axis_range({5, 5}, false);
  CHECK(one.lo < 5);
  CHECK(one.hi > 5);
  Range zero = axis_range({0, 0}, false);
  CHECK(zero.span() > 0);
  CHECK(axis_range({3, 8}, true).lo == 0);
  Ticks t = nice_ticks({7, 7}, 5);
  CHECK(t.values.front() < 7);
  CHECK(t.values.back() > 7);
}

TEST_CASE("data ranges skip NaN and infinities", "[gui][plot]") {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = INFINITY;
  std::vector<double> v{nan, 3, -inf, -2, 7, inf};
  Range r = data_range(v);
  CHECK(r.lo == -2);
  CHECK(r.hi == 7);
  CHECK(data_range(std::vector<double>{nan}).empty());
  CHECK(data_range({}).empty());
}

TEST_CASE("clock ticks over a day are every two hours and print as HH:MM", "[gui][plot]") {
  Ticks t = clock_ticks({0, 86400}, 13);
  CHECK(t.step == 7200);
  REQUIRE(t.values.size() == 13);
  CHECK(format_clock(t.values.front()) == "00:00");
  CHECK(format_clock(t.values[4]) == "08:00");
  CHECK(format_clock(t.values.back()) == "24:00");
  CHECK(clock_ticks({8 * 3600, 10 * 3600}, 5).step == 1800);
  CHECK(format_clock(30600) == "08:30");
  CHECK(format_clock(30599.9) == "08:30");
}

TEST_CASE("tick labels print no negative zero", "[gui][plot]") {
  CHECK(format_tick(-0.0, 0) == "0");
  CHECK(format_tick(-0.0001, 2) == "0.00");
  CHECK(format_tick(-0.5, 1) == "-0.5");
  CHECK(format_tick(1234.5678, 2) == "1234.57");
}

TEST_CASE("a linear scale maps both ways, also inverted for screen y", "[gui][plot]") {
  LinearScale x{0, 86400, 100, 1100};
  CHECK(x.to_pixel(43200) == Approx(600));
  CHECK(x.to_data(600) == Approx(43200));
  LinearScale y{0, 1, 500, 100};  // data up, pixels down
  CHECK(y.to_pixel(0) == Approx(500));
  CHECK(y.to_pixel(1) == Approx(100));
  CHECK(y.to_pixel(0.25) == Approx(400));
  CHECK(y.to_data(y.to_pixel(0.7)) == Approx(0.7));
  LinearScale flat{2, 2, 0, 10};
  CHECK(flat.to_pixel(2) == Approx(5));
}

TEST_CASE("the heatmap colour map runs from violet to yellow with rising green", "[gui][plot]") {
  CHECK(colormap(0) == Rgba{68, 1, 84, 255});
  CHECK(colormap(1) == Rgba{253, 231, 37, 255});
  CHECK(colormap(-5) == colormap(0));
  CHECK(colormap(7) == colormap(1));
  CHECK(colormap(std::nan("")) == Rgba{128, 128, 128, 255});
  int last_green = -1;
  for (int i = 0; i <= 100; ++i) {
    Rgba c = colormap(i / 100.0);
    CHECK(int(c.g) >= last_green);
    last_green = c.g;
  }
  CHECK(normalise(5, {0, 10}) == Approx(0.5));
  CHECK(normalise(-1, {0, 10}) == 0);
  CHECK(normalise(11, {0, 10}) == 1);
  CHECK(normalise(3, {3, 3}) == 0.5);
  CHECK(std::isnan(normalise(std::nan(""), {0, 1})));
}

TEST_CASE("hover finds the nearest x, ties going left", "[gui][plot]") {
  std::vector<double> xs{0, 1800, 3600, 5400};
  CHECK(nearest_index(xs, -100) == 0);
  CHECK(nearest_index(xs, 1000) == 1);
  CHECK(nearest_index(xs, 900) == 0);
  CHECK(nearest_index(xs, 3601) == 2);
  CHECK(nearest_index(xs, 1e9) == 3);
  CHECK(nearest_index({}, 1) == SIZE_MAX);
}

TEST_CASE("category labels are thinned just enough to fit", "[gui][plot]") {
  CHECK(label_stride(10, 50, 1000) == 1);
  CHECK(label_stride(10, 50, 400) == 2);   // 8 fit
  CHECK(label_stride(10, 50, 240) == 3);   // 4 fit
  CHECK(label_stride(10, 50, 10) == 10);
  CHECK(label_stride(1, 500, 10) == 1);
  CHECK(label_stride(5, 50, 0) == 5);
}
