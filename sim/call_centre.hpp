// The call-centre model: arrivals (profile or replay), IVR, skill queues with overflow and
// priority credit, agents per interval or on shifts, wrap-up, patience and abandonment,
// redials, call-backs of missed calls [GB25], diversion through the Policy [XA23 智能分流],
// and direct answer vs ticket [SL24 bulletin]. See docs/simulator.md.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/policy.hpp"
#include "core/scenario.hpp"
#include "sim/kpi.hpp"

namespace hotline::sim {

// An answered call that becomes a ticket, handed to the ticket network (a later model).
struct TicketRequest {
  double time = 0;  // simulated seconds since the scenario start, at the end of the talk
  SkillQueue skill = SkillQueue::General;
  RequestType type = RequestType::Help;  // from the scenario's request-type mix
  std::uint64_t call = 0;  // sequence number of the call in this run
};

class TicketSink {
 public:
  virtual ~TicketSink() = default;
  virtual void ticket(const TicketRequest& request) = 0;
};

struct RunOptions {
  std::uint64_t seed = 1;
  Policy* policy = nullptr;      // null: the scenario's DefaultPolicy
  TicketSink* sink = nullptr;    // null: tickets are only counted
  std::function<void(double)> progress;  // fraction of the horizon done, once per day
  // After the horizon, take no new calls but keep the last interval's agents until every
  // waiting caller is answered or abandons (the staffing planner's day, so that the last
  // interval is judged on all its calls). Agent time after the horizon is not counted.
  bool drain = false;
  // The working calendar that gives each day its type (weekday, weekend, holiday) for the
  // profile, the agents and the shifts; null: the national calendar (scenarios/calendars).
  const WorkCalendar* calendar = nullptr;
};

inline constexpr int kSkills = int(SkillQueue::Count);

struct RunResult {
  int intervals = 0;
  int interval_s = 1800;
  std::vector<KpiCounters> kpi;          // [interval * kSkills + skill]
  std::vector<std::uint32_t> wait_hist;  // [interval * kWaitBins + bin], answered calls
  std::int64_t in_system_end = 0;        // offered calls still waiting at the end
  std::uint64_t events = 0;
  std::size_t peak_calls = 0;            // most calls held at once (memory bound)

  const KpiCounters& at(int interval, int skill) const { return kpi[std::size_t(interval * kSkills + skill)]; }
  const std::uint32_t* hist(int interval) const { return &wait_hist[std::size_t(interval) * kWaitBins]; }
  // All skills of one interval, and the whole run (with its merged histogram).
  KpiCounters interval_total(int interval) const;
  KpiCounters total(std::vector<std::uint32_t>* hist = nullptr) const;
  KpiCounters skill_total(int skill) const;
};

// Runs one replication. Throws InputError for a bad replay database and
// std::invalid_argument for inconsistent parameters.
RunResult run_call_centre(const ScenarioConfig& scenario, const RunOptions& options);

}  // namespace hotline::sim
