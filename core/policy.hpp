// The Policy interface: what the simulator and production ask of a rule set. Declared in
// core so that sim/ never sees Lua; rules/ implements it [ARCHITECTURE.md].
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/enums.hpp"
#include "core/org_graph.hpp"
#include "core/records.hpp"

namespace hotline {

// What the IVR offers a caller when agents are busy [XA23 智能分流].
enum class DiversionOffer : std::uint8_t { KeepWaiting, Callback, Online, VoiceMessage, Count };

// The queue as a new caller finds it.
struct QueueState {
  Time now = 0;
  SkillQueue skill = SkillQueue::General;
  int queue_length = 0;        // callers waiting for this skill
  int agents_free = 0;         // idle agents who can take this skill
  int agents_busy = 0;
  double expected_wait_s = 0;  // the model's estimate for a new arrival
};

// Intake outcome [SL24 §7, GB25 (二)].
enum class IntakeRoute : std::uint8_t { Ticket, Emergency, OutOfScope, DirectAnswer, Count };

// One step of a decision's trace: which rule fired, on which row, under which clause.
struct TraceStep {
  std::string rule;    // e.g. "dispatch.utility_direct"
  std::string row;     // matched catalog row, if any
  std::string clause;  // e.g. "[XA23 三(一)]"
  std::string detail;
};

// The decision for one ticket: intake, dispatch and deadlines.
struct TicketDecision {
  IntakeRoute route = IntakeRoute::Ticket;
  std::string route_target;  // "110", the legal route, ... when not a ticket
  UnitIndex lead = kNoUnit;
  std::vector<UnitIndex> co_units;
  std::vector<UnitIndex> copied_units;
  Time accept_by = kNoTime;
  Time return_by = kNoTime;
  Time reply_by = kNoTime;
  int max_extensions = 0;
  bool manual = false;  // the rule failed: the ticket waits in the manual-dispatch queue
  std::string error;    // file:line: message when manual
  std::string revision; // content hash of the rule set
  std::vector<TraceStep> trace;
};

class Policy {
 public:
  virtual ~Policy() = default;
  // Intake, dispatch and deadlines for one ticket. Never throws for a failing rule: the
  // decision comes back with manual = true and the error.
  virtual TicketDecision decide(const Ticket& ticket) = 0;
  // What to offer a caller arriving at this queue state.
  virtual DiversionOffer divert(const QueueState& queue) = 0;
};

}  // namespace hotline
