// The C++ default Policy used by the simulator until a rule set's diversion.lua is loaded:
// offer the scenario's diversion (online channel, voice message) when the caller's queue
// is at least a threshold long and no agent is free [XA23 智能分流].
#pragma once

#include "core/policy.hpp"

namespace hotline::sim {

class DefaultPolicy final : public Policy {
 public:
  DefaultPolicy(DiversionOffer offer, int queue_at_least) : offer_(offer), queue_at_least_(queue_at_least) {}
  // Not a rule engine: every ticket goes to manual dispatch, saying so.
  TicketDecision decide(const Ticket& ticket) override;
  DiversionOffer divert(const QueueState& queue) override;

 private:
  DiversionOffer offer_;
  int queue_at_least_;  // 0: never offer
};

}  // namespace hotline::sim
