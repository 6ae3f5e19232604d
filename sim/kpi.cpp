// KPI counters, wait histogram and the derived indicators.
#include "sim/kpi.hpp"

#include <algorithm>
#include <cmath>

namespace hotline::sim {

void KpiCounters::add(const KpiCounters& o) {
  offered += o.offered;
  queued += o.queued;
  answered += o.answered;
  answered_in_sl += o.answered_in_sl;
  abandoned += o.abandoned;
  short_abandoned += o.short_abandoned;
  diverted += o.diverted;
  overflowed += o.overflowed;
  redials += o.redials;
  ivr_self_served += o.ivr_self_served;
  ivr_hangups += o.ivr_hangups;
  callbacks_made += o.callbacks_made;
  callbacks_reached += o.callbacks_reached;
  callbacks_expired += o.callbacks_expired;
  tickets += o.tickets;
  direct_answers += o.direct_answers;
  max_queue = std::max(max_queue, o.max_queue);
  wait_answered_s += o.wait_answered_s;
  wait_abandoned_s += o.wait_abandoned_s;
  busy_agent_s += o.busy_agent_s;
  staffed_agent_s += o.staffed_agent_s;
}

int wait_bin(double w) {
  if (w < 60) return int(std::max(0.0, w));
  if (w < 300) return 60 + int((w - 60) / 5);
  if (w < 1800) return 108 + int((w - 300) / 30);
  return kWaitBins - 1;
}

double wait_bin_upper(int b) {
  if (b < 60) return b + 1;
  if (b < 108) return 60 + 5.0 * (b - 59);
  if (b < 158) return 300 + 30.0 * (b - 107);
  return 3600;  // the overflow bin is reported as 3600 s (a lower bound)
}

double histogram_quantile(const std::uint32_t* hist, double q) {
  std::uint64_t total = 0;
  for (int b = 0; b < kWaitBins; ++b) total += hist[b];
  if (total == 0) return 0;
  const double target = q * double(total);
  double seen = 0;
  for (int b = 0; b < kWaitBins; ++b) {
    if (seen + hist[b] >= target && hist[b] > 0) {
      const double lo = b == 0 ? 0 : wait_bin_upper(b - 1), hi = wait_bin_upper(b);
      return lo + (hi - lo) * (target - seen) / hist[b];
    }
    seen += hist[b];
  }
  return wait_bin_upper(kWaitBins - 1);
}

const MetricName& metric_name(Metric m) {
  static const MetricName names[] = {
      {"offered", "呼入量", "Offered"},
      {"answered", "接通量", "Answered"},
      {"abandoned", "放弃量", "Abandoned"},
      {"p_wait", "排队比例", "P(wait)"},
      {"abandon_rate", "放弃率", "Abandon rate"},
      {"short_abandoned", "短时放弃", "Short abandons"},
      {"diverted", "分流量", "Diverted"},
      {"answer_rate", "接通率", "Answer rate"},
      {"service_level", "服务水平", "Service level"},
      {"asa_s", "平均应答时长(秒)", "ASA (s)"},
      {"mean_wait_s", "平均等待(秒)", "Mean wait (s)"},
      {"p90_wait_s", "90%等待(秒)", "P90 wait (s)"},
      {"occupancy", "座席占用率", "Occupancy"},
      {"max_queue", "最长排队", "Longest queue"},
      {"callbacks", "回拨量", "Call-backs"},
      {"tickets", "生成工单", "Tickets"},
  };
  static_assert(std::size(names) == std::size_t(Metric::Count));
  return names[std::size_t(m)];
}

double metric_value(const KpiCounters& k, const std::uint32_t* hist, Metric m) {
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  switch (m) {
    case Metric::Offered: return double(k.offered);
    case Metric::Answered: return double(k.answered);
    case Metric::Abandoned: return double(k.abandoned);
    case Metric::WaitProbability: return ratio(double(k.queued), double(k.offered));
    case Metric::AbandonRate: return ratio(double(k.abandoned), double(k.offered));
    case Metric::ShortAbandoned: return double(k.short_abandoned);
    case Metric::Diverted: return double(k.diverted);
    // An interval without offered calls meets any target: rate 1.
    case Metric::AnswerRate: return k.offered > 0 ? double(k.answered) / double(k.offered) : 1.0;
    case Metric::ServiceLevel: return k.offered > 0 ? double(k.answered_in_sl) / double(k.offered) : 1.0;
    case Metric::Asa: return ratio(k.wait_answered_s, double(k.answered));
    case Metric::MeanWait:
      return ratio(k.wait_answered_s + k.wait_abandoned_s, double(k.answered + k.abandoned));
    case Metric::P90Wait: return hist ? histogram_quantile(hist, 0.9) : 0.0;
    case Metric::Occupancy: return ratio(k.busy_agent_s, k.staffed_agent_s);
    case Metric::MaxQueue: return double(k.max_queue);
    case Metric::Callbacks: return double(k.callbacks_made);
    case Metric::Tickets: return double(k.tickets);
    case Metric::Count: break;
  }
  return 0;
}

}  // namespace hotline::sim
