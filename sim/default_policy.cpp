// Threshold diversion policy [XA23 智能分流]; see default_policy.hpp.
#include "sim/default_policy.hpp"

namespace hotline::sim {

TicketDecision DefaultPolicy::decide(const Ticket&) {
  TicketDecision d;
  d.manual = true;
  d.error = "no rule set loaded: the simulator's default policy does not dispatch tickets";
  return d;
}

DiversionOffer DefaultPolicy::divert(const QueueState& q) {
  if (queue_at_least_ <= 0 || offer_ == DiversionOffer::KeepWaiting) return DiversionOffer::KeepWaiting;
  if (q.agents_free > 0 || q.queue_length < queue_at_least_) return DiversionOffer::KeepWaiting;
  return offer_;
}

}  // namespace hotline::sim
