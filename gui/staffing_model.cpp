// View model of the staffing window: checks on the series and agent-hours.
#include "gui/staffing_model.hpp"

#include <cmath>
#include <stdexcept>

namespace hotline::gui {

void IntervalSeries::check() const {
  if (!(interval_s > 0)) throw std::invalid_argument("staffing series: interval length must be > 0");
  auto same = [&](const std::vector<double>& v, const char* name) {
    if (v.size() != start_s.size())
      throw std::invalid_argument(std::string("staffing series: ") + name + " has " + std::to_string(v.size()) +
                                  " values for " + std::to_string(start_s.size()) + " intervals");
  };
  same(offered, "offered");
  same(scheduled, "scheduled");
  same(required, "required");
  same(answer_rate, "answer_rate");
  same(service_level, "service_level");
  for (std::size_t i = 1; i < start_s.size(); ++i)
    if (!(start_s[i] > start_s[i - 1]))
      throw std::invalid_argument("staffing series: interval starts not ascending at index " + std::to_string(i));
}

double IntervalSeries::agent_hours(const std::vector<double>& agents) const {
  double sum = 0;
  for (double a : agents)
    if (!std::isnan(a)) sum += a;
  return sum * interval_s / 3600.0;
}

void WaitGrid::check() const {
  if (intervals <= 0 || mean_wait_s.size() != days.size() * std::size_t(intervals))
    throw std::invalid_argument("wait grid: " + std::to_string(mean_wait_s.size()) + " values for " +
                                std::to_string(days.size()) + " days x " + std::to_string(intervals) + " intervals");
}

}  // namespace hotline::gui
