// Tests of the staffing view model: consistency checks and agent-hours.
#include <catch2/catch.hpp>

#include <cmath>

#include "gui/staffing_model.hpp"

using namespace hotline::gui;

namespace {
IntervalSeries three() {
  IntervalSeries s;
  s.start_s = {28800, 30600, 32400};
  s.offered = {40, 55, 61};
  s.scheduled = {10, 12, 12};
  s.required = {9, 13, 14};
  s.answer_rate = {0.97, 0.91, 0.88};
  s.service_level = {0.85, 0.7, 0.64};
  return s;
}
}  // namespace

TEST_CASE("agent-hours sum agents times the interval length", "[gui][staffing]") {
  IntervalSeries s = three();
  REQUIRE_NOTHROW(s.check());
  CHECK(s.agent_hours(s.scheduled) == Approx(17));  // 34 agents x 0.5 h
  CHECK(s.agent_hours(s.required) == Approx(18));
  s.scheduled[1] = std::nan("");
  CHECK(s.agent_hours(s.scheduled) == Approx(11));
}

TEST_CASE("inconsistent staffing series are refused with the series named", "[gui][staffing]") {
  IntervalSeries s = three();
  s.required.pop_back();
  CHECK_THROWS_WITH(s.check(), Catch::Contains("required has 2 values for 3 intervals"));
  s = three();
  s.start_s[2] = s.start_s[1];
  CHECK_THROWS_WITH(s.check(), Catch::Contains("not ascending at index 2"));
  s = three();
  s.interval_s = 0;
  CHECK_THROWS_AS(s.check(), std::invalid_argument);
}

TEST_CASE("a wait grid needs days x intervals values", "[gui][staffing]") {
  WaitGrid g;
  g.days = {"2025-01-06", "2025-01-07"};
  g.intervals = 3;
  g.mean_wait_s = {1, 2, 3, 4, 5, 6};
  CHECK_NOTHROW(g.check());
  g.mean_wait_s.pop_back();
  CHECK_THROWS_WITH(g.check(), Catch::Contains("5 values for 2 days x 3 intervals"));
  CHECK(StaffingModel{}.empty());
}
