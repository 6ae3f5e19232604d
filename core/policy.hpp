// The Policy interface: what the simulator and production ask of a rule set. Declared in
// core so that sim/ never sees Lua; rules/ implements it [docs/architecture.md "Targets and dependency direction"].
#pragma once

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
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

// Intake outcome [SL24 §7, GB25 (二)]. Merged: a duplicate of a recent ticket by the same
// caller about the same matter, merged into it (并单) [GB25 (五)].
enum class IntakeRoute : std::uint8_t { Ticket, Emergency, OutOfScope, DirectAnswer, Merged, Count };
// The stable key of each route, as decisions' JSON, rule tests and comparisons write it.
inline constexpr std::string_view kIntakeRouteKeys[] = {"ticket", "emergency", "out_of_scope", "direct_answer", "merged"};
static_assert(std::size(kIntakeRouteKeys) == std::size_t(IntakeRoute::Count));
inline std::string_view route_key(IntakeRoute r) {
  return std::size_t(r) < std::size(kIntakeRouteKeys) ? kIntakeRouteKeys[std::size_t(r)] : std::string_view("?");
}

// One step of a decision's trace: which rule fired, on which row, under which clause.
struct TraceStep {
  std::string rule;    // e.g. "dispatch.utility_direct"
  std::string row;     // matched catalog row, if any
  std::string clause;  // e.g. "[XA23 三(一)]"
  std::string detail;
  // The rule object that wrote this step (engine-private; lets a reused decision skip
  // re-copying unchanged strings). Null for steps built by hand.
  const void* origin = nullptr;
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
  std::string merged_into;     // ticket id when route == Merged
  UnitIndex escalate_to = kNoUnit;  // unclear responsibility: where it goes if the lead cannot settle it
  bool manual = false;  // the rule failed: the ticket waits in the manual-dispatch queue
  std::string error;    // file:line: message when manual
  std::string revision; // content hash of the rule set
  std::vector<TraceStep> trace;
};

// A unit's request to return (退单) a ticket, with the facts the review looks at [SL24 §14].
struct ReturnRequest {
  Time dispatched = 0;
  Time requested = 0;
  RequestType type = RequestType::Help;
  Urgency urgency = Urgency::Normal;
  bool has_reason = true;                     // reason and legal basis stated
  bool has_suggested_unit = true;             // a unit or channel suggested
  bool reason_insufficient = false;           // stated but judged insufficient (5)
  bool own_duty_temporarily_impossible = false;  // (1)
  bool assigned_by_joint_meeting = false;     // (2)
  bool returned_before_without_new_reason = false;  // (3)
  bool answer_in_knowledge_base = false;      // (4)
  bool registration_minor_mismatch = false;   // (7)
  bool needs_verification = false;            // (8)
};
struct ReturnReview {
  bool accepted = false;
  TraceStep rule;  // the refusal rule that fired, or the acceptance
};

// A unit's request to extend a ticket's reply limit (延期), with the facts the platform's
// review looks at [SL24 §16, §21(二)]: asked before the deadline, with the citizen's and
// the unit leader's consent; at most the rule set's number of extensions.
struct ExtensionRequest {
  Time dispatched = 0;
  Time requested = 0;
  Time reply_by = kNoTime;  // the limit in force when asking
  int granted_before = 0;   // extensions already granted on this ticket
  RequestType type = RequestType::Help;
  Urgency urgency = Urgency::Normal;
  bool citizen_consent = true;
  bool lead_consent = true;
};
struct ExtensionReview {
  bool approved = false;
  TraceStep rule;  // the refusal rule that fired, or the approval
};

// A ticket's state as escalation sees it [XA23 二(四), SL24 §32].
struct TicketStatus {
  Time now = 0;
  Time dispatched = 0;
  Time reply_by = kNoTime;
  bool closed = false;
  Satisfaction satisfaction = Satisfaction::None;
  int returns = 0;            // returns/reopenings for poor handling
  int urges = 0;              // 催办
  int repeat_complaints = 0;  // repeated complaints about the same matter
  bool unclear = false;       // unclear responsibility, still with the district
  std::string text;           // the request text, searched for sensitive words
};
struct EscalationResult {
  bool escalate = false;
  std::vector<TraceStep> reasons;
  std::string report_to;
};

// One unit's counts for one period, aggregated by C++ from tickets [SL24 bulletin].
struct UnitPeriodCounts {
  UnitIndex unit = kNoUnit;
  int handled = 0;        // 承办件数
  int accepted_in_time = 0;  // signed within the accept limit (response)
  int resolved = 0;       // closed as resolved
  int closed = 0;
  int on_time = 0;        // 按期办结数
  int late = 0;           // 逾期办结数
  int overdue_open = 0;   // 逾期未办数
  int satisfied = 0;
  int basically_satisfied = 0;
  int unsatisfied = 0;
};
struct UnitIndicators {
  UnitIndex unit = kNoUnit;
  std::string unit_class;  // class of the tiered evaluation [GB25 (六)]
  double response_rate = 0, resolution_rate = 0, satisfaction_rate = 0, on_time_rate = 0;
  bool evaluated = false;  // any satisfaction evaluations
  double composite = 0;    // weighted score 0..100
  std::string tier;
};
// The bulletin table: headers and rows of display cells, grouped by class.
struct Bulletin {
  struct Group {
    std::string title;
    std::vector<std::vector<std::string>> rows;
  };
  std::vector<std::string> headers;
  std::vector<Group> groups;
};

class Policy {
 public:
  virtual ~Policy() = default;
  // Intake, dispatch and deadlines for one ticket. Never throws for a failing rule: the
  // decision comes back with manual = true and the error.
  virtual TicketDecision decide(const Ticket& ticket) = 0;
  // What to offer a caller arriving at this queue state.
  virtual DiversionOffer divert(const QueueState& queue) = 0;

  // As decide(), reusing `out`'s buffers (no allocation per call once warm).
  virtual void decide_into(const Ticket& ticket, TicketDecision& out) { out = decide(ticket); }
  // The dispatcher's review of a return request [SL24 §14]. Default: accepted.
  virtual ReturnReview review_return(const ReturnRequest&) { return {true, {}}; }
  // The platform's review of an extension request [SL24 §16]. Default: approved.
  virtual ExtensionReview review_extension(const ExtensionRequest&) { return {true, {}}; }
  // Abnormal-ticket escalation [XA23 二(四), SL24 §32]. Default: none.
  virtual EscalationResult escalate(const TicketStatus&) { return {}; }
  // Indicators per unit from period counts [XA23 四(四), GB25 (六)]. Default: none.
  virtual std::vector<UnitIndicators> indicators(const std::vector<UnitPeriodCounts>&) { return {}; }
  virtual Bulletin bulletin(const std::vector<UnitPeriodCounts>&, Lang = Lang::Zh) { return {}; }
  // Tickets sent to manual dispatch because a rule failed.
  virtual std::uint64_t manual_count() const { return 0; }
};

}  // namespace hotline
