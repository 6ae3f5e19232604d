// The ticket network: tickets from answered calls, online/provincial-platform arrivals or a
// replay of a traffic database's tickets table, decided through the Policy (intake,
// dispatch, deadlines) [SL24 §7, §11, §12], accepted on the working calendar or by the
// off-hours duty post, with A/B posts, handled by units with limited handlers, returns
// reviewed by the rules [SL24 §14], co-handling units working their own parts [XA23 三(一)3],
// extensions and the platform's review of the reply [SL24 §13], urging (with an optional
// effect on the remaining work) and reopening [SL24 §22], the citizen's evaluation, escalation at events
// and a daily scan with anomaly reports [SL24 §32, XA23 二(四)], and per-unit counts in the
// dispatch month for the bulletin [SL24 bulletin]. See docs/tickets.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <functional>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/calendar.hpp"
#include "core/org_graph.hpp"
#include "core/policy.hpp"
#include "core/scenario.hpp"
#include "core/store.hpp"
#include "sim/call_centre.hpp"
#include "sim/experiment.hpp"
#include "sim/random.hpp"

namespace hotline::sim {

// Counts that the indicator struct (UnitPeriodCounts) does not hold.
struct UnitExtraCounts {
  int returns = 0;      // return requests accepted (the ticket left the unit)
  int returns_refused = 0;
  int extensions = 0;
  int extensions_refused = 0;  // extension requests the rules refused [SL24 §16]
  int escalations = 0;  // tickets on which an escalation rule fired (once per ticket)
  int reopens = 0;      // 重办: unsatisfied tickets sent back to the unit [SL24 §22]
  int urges = 0;        // 催办 made while the ticket was open
  int reworks = 0;      // replies sent back by the platform's review [SL24 §13]
  int anomalies = 0;    // anomaly reports (one per ticket and escalation rule) [XA23 二(四)]
  int co_handled = 0;   // tickets the unit co-handled (协办) with its own part [XA23 三(一)3]
  int co_late = 0;      // of those, parts finished after the lead's (extended) reply limit
};

// Why an anomaly was reported: the ticket event at which the escalation rule fired.
enum class AnomalyReason : std::uint8_t {
  Unsatisfied,       // 办理结果不满意: at an unsatisfied evaluation
  ReturnedTwice,     // 两次退回（重办）/推诿扯皮: at the second return, rework or reopening
  SeriouslyOverdue,  // 严重超期: open past its limit (daily scan, urge or cut-off)
  UrgedRepeatedly,   // 多次催办: at the third urge or later
  Other,             // any other rule (long unresolved, unclear responsibility, sensitive ...)
  Count
};
const char* anomaly_reason_key(AnomalyReason r);  // "unsatisfied", "returned_twice", ...

// One anomaly report: the escalation rule that fired (EscalationResult.reasons[0].rule).
struct TicketAnomaly {
  std::string ticket;
  UnitIndex unit = kNoUnit;
  AnomalyReason reason = AnomalyReason::Other;
  std::string rule;
  Time at = 0;
};

// A ticket's simulated life, for observers (tests, compare's traces, the dashboard).
struct TicketLife {
  const Ticket* ticket = nullptr;  // valid during the observer's call only
  UnitIndex lead = kNoUnit;  // the final lead unit
  Time dispatched = 0;       // (re-)dispatch to the final lead
  Time accepted = 0;
  Time started = 0;          // work started (a handler was free)
  Time reply = 0;            // first approved reply; Time max: not replied by the cut-off
  Time reply_by = kNoTime;   // with extensions
  Time reopen_reply = 0;     // reply after the reopening, when reopened
  Time lead_done = 0;        // the lead's own part done (before waiting for co-handlers and rework)
  int co_parts = 0;          // co-handlers' parts (协办) worked for this ticket
  Time co_done = 0;          // when the last of them was done (0: none; Time max: after the cut-off)
  int returns = 0, extensions = 0, urges = 0;
  bool away = false;         // the A post was away at acceptance
  bool reworked = false, reopened = false;
  Satisfaction satisfaction = Satisfaction::None;  // the last evaluation by the cut-off
};

// One calendar month of the horizon.
struct TicketPeriod {
  std::string name;  // "2025-01"
  Time start = 0, end = 0;
  std::vector<UnitPeriodCounts> units;  // by UnitIndex (every unit of the org graph)
  std::vector<UnitExtraCounts> extra;   // by UnitIndex
};

// Bulletin semantics [SL24 bulletin]: a ticket counts in the month it was dispatched (handled,
// and its outcome: on time, late, satisfaction, returns, extensions, escalations), followed
// up to the cut-off `follow_up_end` (horizon end + tickets.follow_up_days). Not replied by
// then: overdue open if its reply_by has passed, else neither (open, not yet due).
struct TicketNetworkResult {
  // Conservation: created == closed + open_end + merged + routed + manual.
  std::uint64_t created = 0;
  std::uint64_t from_calls = 0, online = 0;
  std::uint64_t closed = 0;    // replied by the follow-up cut-off
  std::uint64_t open_end = 0;  // dispatched, not replied by the cut-off
  std::uint64_t overdue_open = 0;  // of open_end: past reply_by at the cut-off
  Time follow_up_end = 0;      // the cut-off
  std::uint64_t merged = 0;    // duplicates merged into an earlier ticket [GB25 (五)]
  std::uint64_t routed = 0;    // not a ticket: emergency transfer, out of scope, direct answer
  std::uint64_t manual = 0;    // a rule failed: waiting in the manual-dispatch queue
  std::uint64_t replayed = 0;  // read from a traffic database's tickets table (source "replay")
  std::vector<std::string> manual_queue;  // their ticket ids, in arrival order (the first kSampleCap)
  std::uint64_t returns = 0, extensions = 0, extensions_refused = 0, escalations = 0;
  std::uint64_t reopens = 0, urges = 0, reworks = 0;
  std::uint64_t co_handled = 0, co_late = 0;  // co-handlers' parts, and those after the lead's limit
  // Anomaly reports: counts by reason, and the first kSampleCap reports.
  std::array<std::uint64_t, std::size_t(AnomalyReason::Count)> anomalies_by_reason{};
  std::vector<TicketAnomaly> anomalies;
  static constexpr std::size_t kSampleCap = 10000;
  std::vector<TicketPeriod> periods;
};

// Fed in time order (the call centre's TicketSink calls, then finish()). Every random draw
// of a ticket comes from a stream keyed by (seed, ticket source, sequence number) and is
// made in a fixed order whatever the decision, so two policies see the same tickets, the
// same handling needs and the same citizens (common random numbers). Memory: a handler
// heap per unit and the counters; no per-ticket state is kept.
class TicketNetwork final : public TicketSink {
 public:
  TicketNetwork(const ScenarioConfig& scenario, Policy& policy, const OrgGraph& org, const WorkCalendar& calendar,
                std::uint64_t seed);
  // An answered call that became a ticket (time in seconds since the scenario start).
  void ticket(const TicketRequest& request) override;
  // Processes the remaining online arrivals up to the horizon and closes the books.
  TicketNetworkResult finish();
  // Called with every ticket and the policy's decision, right after the decision (for
  // `compare`'s tickets decided differently, and the dashboard's replay). Optional.
  using DecisionObserver = std::function<void(const Ticket&, const TicketDecision&)>;
  void observe_decisions(DecisionObserver f) { observer_ = std::move(f); }
  // Called with every dispatched ticket's simulated life (after its outcome). Optional.
  using LifeObserver = std::function<void(const TicketLife&)>;
  void observe_lives(LifeObserver f) { life_observer_ = std::move(f); }

 private:
  struct Draws;
  struct LifePhase;
  struct Life;
  struct Flow;
  struct Escalation;
  Time accept_after(Time from, double u, bool urgent, bool away, UnitIndex unit) const;
  int urges_upto(const LifePhase& p, Time t) const;  // urges made at or before t
  void replay_all();
  void online_until(double t);
  // One ticket, in the phases below, in this order (docs/architecture.md, "The ticket network").
  void process(Ticket& t, std::uint64_t key, bool replayed);
  void draw_attributes(Ticket& t, std::uint64_t key, bool replayed, const Draws& d) const;
  bool decide(const Ticket& t);  // false: not dispatched (manual, merged or routed)
  void accept_or_return(Flow& f);
  void ask_return(Flow& f);
  void work(Flow& f);
  void co_handle(Flow& f);
  void reply_or_extension(Flow& f);
  void ask_extensions(Flow& f);
  void free_handlers(const Flow& f, bool reworked);
  void evaluate(Flow& f);
  void reopen(Flow& f);
  void record_life(const Flow& f);
  void escalations(const Flow& f);
  // The phases' arithmetic on the working calendar.
  double mean_hours(const Flow& f, UnitIndex u, bool district) const;
  double lognormal(double mean, double z) const;
  Time take_handler(UnitIndex u, bool district, Time ready);
  void combine(Flow& f) const;
  Time shorten(Time from, Time end, Time at) const;
  void urge_work(Flow& f, Time at);
  LifePhase life_phase(Time from, Time limit, Time by, Time done) const;
  Satisfaction satisfaction(const Flow& f, double u, bool late) const;
  int period_of(Time t) const;  // -1 before the horizon, the last month after it
  // from + working hours, or "never" (Time max) when the work would start after the cut-off
  // or end in a year the calendar does not cover (necessarily after the cut-off).
  Time work_end(Time from, double hours) const;
  std::size_t pick(const std::vector<TicketSpec::Share>& v, double u) const;

  const ScenarioConfig& sc_;
  const TicketSpec& spec_;
  Policy& policy_;
  const OrgGraph& org_;
  const WorkCalendar& cal_;
  std::uint64_t seed_;
  Time end_;
  Time cutoff_;  // end_ + follow_up_days
  Time urge_every_;  // seconds between urges after the limit; 0: none
  double keep_;      // share of the remaining work an urge leaves (1 - urging.speedup)
  double sigma_;     // of the lognormal handling hours (from handling_cv)
  Stream online_stream_;
  double next_online_;
  std::uint64_t online_seq_ = 0;
  // Per unit: when each handler is next free (min-heap), created on first use.
  std::vector<std::priority_queue<Time, std::vector<Time>, std::greater<Time>>> handlers_;
  std::vector<const TicketSpec::UnitTuning*> tuning_;  // by UnitIndex; null: the scenario-wide values
  std::unordered_map<std::string, double> category_scale_;  // categories whose handling_scale != 1
  Ticket ticket_;
  TicketDecision decision_;
  DecisionObserver observer_;
  LifeObserver life_observer_;
  std::optional<Store> replay_;  // tickets.source = "replay"
  struct CoPart {
    UnitIndex unit;
    Time start, end;
  };
  std::vector<CoPart> co_;  // the current ticket's co-handling parts
  std::vector<std::string> reported_;  // rules already reported for the current ticket
  TicketNetworkResult r_;
};

// Runs replications of the call centre feeding the ticket network, one policy per
// replication from the factory (a Lua engine per run), replication seeds as in
// run_replications. Sequential; progress on each finished replication.
struct TicketRun {
  RunResult calls;
  TicketNetworkResult tickets;
};
std::vector<TicketRun> run_ticket_replications(const ScenarioConfig& scenario, const ExperimentOptions& options,
                                               const OrgGraph& org, const WorkCalendar& calendar);

}  // namespace hotline::sim
