// Call-centre KPIs: counters per interval and skill, a wait histogram per interval, and the
// derived indicators with their definitions (docs/simulator.md): answer rate (话务接通率)
// [XA23], service level, ASA, mean and 90th-percentile wait, occupancy.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/enums.hpp"

namespace hotline::sim {

// Counts for one interval and one skill. Call counts are attributed to the interval in
// which the call was offered (entered the agent queue); agent time to the wall-clock interval.
struct KpiCounters {
  std::int64_t offered = 0;          // calls that left the IVR for an agent queue
  std::int64_t queued = 0;            // offered calls that found no free agent and waited
  std::int64_t answered = 0;
  std::int64_t answered_in_sl = 0;   // answered with wait <= the SL threshold
  std::int64_t abandoned = 0;        // includes the short abandons
  std::int64_t short_abandoned = 0;  // abandoned with wait < the short-abandon limit
  std::int64_t diverted = 0;         // accepted an online channel or a voice message
  std::int64_t overflowed = 0;       // answered by a general agent after overflow
  std::int64_t redials = 0;          // offered calls that are redials of an abandoned call
  std::int64_t ivr_self_served = 0;  // ended in the IVR self-service (not offered)
  std::int64_t ivr_hangups = 0;      // hung up in the IVR (not offered)
  std::int64_t callbacks_made = 0;   // outbound call-backs of missed calls [GB25]
  std::int64_t callbacks_reached = 0;
  std::int64_t callbacks_expired = 0;  // missed calls not called back within the limit
  std::int64_t tickets = 0;          // answered calls turned into tickets
  std::int64_t direct_answers = 0;   // answered calls closed on the phone [SL24 bulletin]
  std::int64_t max_queue = 0;        // longest queue seen in the interval (wall clock)
  double wait_answered_s = 0;        // sum of waits of answered calls
  double wait_abandoned_s = 0;       // sum of waits of abandoned calls
  double busy_agent_s = 0;           // agent-seconds talking, wrapping or calling back
  double staffed_agent_s = 0;        // agent-seconds on duty

  void add(const KpiCounters& o);
};

// Wait histogram: 1 s bins to 60 s, 5 s to 300 s, 30 s to 1800 s, then one overflow bin.
inline constexpr int kWaitBins = 60 + 48 + 50 + 1;
int wait_bin(double wait_s);
double wait_bin_upper(int bin);
// The q-quantile of a histogram, interpolated inside its bin; 0 for an empty histogram.
double histogram_quantile(const std::uint32_t* hist, double q);

enum class Metric : std::uint8_t {
  Offered, Answered, Abandoned, WaitProbability, AbandonRate, ShortAbandoned, Diverted, AnswerRate, ServiceLevel, Asa,
  MeanWait, P90Wait, Occupancy, MaxQueue, Callbacks, Tickets, Count
};
struct MetricName {
  std::string_view key, zh, en;
};
const MetricName& metric_name(Metric m);
// The metric of a counter set (and its interval's wait histogram, for P90Wait; may be null).
double metric_value(const KpiCounters& k, const std::uint32_t* hist, Metric m);

}  // namespace hotline::sim
