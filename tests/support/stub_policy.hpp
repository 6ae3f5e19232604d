// Test support: what the simulator's tests put in place of the Lua rule engine and a real
// scenario. A small org graph (a city platform, two counties and a water company), a
// two-week call centre feeding tickets, and a Policy stub to derive from: the lead by
// category or place, limits on the working calendar, callers kept waiting, and the
// per-unit rates the counts give.
#pragma once

#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/org_graph.hpp"
#include "core/policy.hpp"
#include "core/scenario.hpp"

namespace hotline::test {

// The test org; a test that needs more units appends its rows.
inline const char* const kTestOrgCsv =
    "id,name,kind,level,parent,utility,vertical,synthetic,note\n"
    "city,Platform,city,0,,0,0,1,test\n"
    "north,North County,district,1,city,0,0,1,test\n"
    "south,South County,district,1,city,0,0,1,test\n"
    "water,Water Company,utility,1,city,1,0,1,test\n";

inline OrgGraph test_org(const std::string& extra_rows = "") {
  return OrgGraph::load_csv_text(kTestOrgCsv + extra_rows, "test-org.csv");
}

// Two weeks from Monday 2025-03-03 on one skill: `calls` per half hour, 6 agents, talk and
// patience exponential (180 s, 120 s), half the answered calls answered directly and the
// others tickets. The ticket mix and volumes are the test's.
inline ScenarioConfig ticket_scenario(const std::string& name, double calls) {
  ScenarioConfig sc;
  sc.name = name;
  sc.start = make_time({2025, 3, 3});
  sc.days = 14;
  for (auto& p : sc.profile) p.assign(48, calls);
  sc.skills[0].share = 1;
  sc.skills[0].talk = {DurationSpec::Kind::Exponential, 180, 0, 1, {}};
  for (auto& a : sc.skills[0].agents) a.assign(48, 6);
  sc.patience = {DurationSpec::Kind::Exponential, 120, 0, 1, {}};
  sc.direct_answer_share = 0.5;
  sc.tickets.enabled = true;
  return sc;
}

// A dispatched ticket's limits, from its creation on the working calendar.
struct StubLimits {
  double accept_h = 2, return_h = 4;
  int reply_days = 3;
  int max_extensions = 2;
};

// The part every stub shares; a test's stub implements decide() (and what else it looks at).
class StubPolicyBase : public Policy {
 public:
  StubPolicyBase(const OrgGraph& org, const WorkCalendar& cal) : org_(org), cal_(cal) {}
  DiversionOffer divert(const QueueState&) override { return DiversionOffer::KeepWaiting; }

 protected:
  // A category that names a unit goes to that unit, any other to the county of the place
  // (kNoUnit when neither is in the org).
  UnitIndex lead_for(const Ticket& t) const {
    const UnitIndex u = org_.find_id(t.category);
    return u != kNoUnit ? u : org_.find_id(t.district);
  }
  // Dispatched to `lead` with the limits.
  void dispatch(TicketDecision& d, const Ticket& t, UnitIndex lead, const StubLimits& l) const {
    d.lead = lead;
    d.accept_by = cal_.add_working_hours(t.created, l.accept_h);
    d.return_by = cal_.add_working_hours(t.created, l.return_h);
    d.reply_by = cal_.add_working_days(t.created, l.reply_days);
    d.max_extensions = l.max_extensions;
  }
  // Per unit: the on-time rate (of the tickets due, or of those handled), the satisfaction
  // rate of the evaluations, and a composite of the two (50 points each).
  enum class OnTimeOf { Due, Handled };
  static std::vector<UnitIndicators> rates(const std::vector<UnitPeriodCounts>& counts, OnTimeOf of) {
    std::vector<UnitIndicators> out;
    for (const UnitPeriodCounts& c : counts) {
      UnitIndicators u;
      u.unit = c.unit;
      const int base = of == OnTimeOf::Due ? c.on_time + c.late + c.overdue_open : c.handled;
      const int evaluated = c.satisfied + c.basically_satisfied + c.unsatisfied;
      u.on_time_rate = base ? double(c.on_time) / base : 0;
      u.evaluated = evaluated > 0;
      u.satisfaction_rate = evaluated ? double(c.satisfied + c.basically_satisfied) / evaluated : 0;
      u.composite = 50 * u.on_time_rate + 50 * u.satisfaction_rate;
      out.push_back(u);
    }
    return out;
  }

  const OrgGraph& org_;
  const WorkCalendar& cal_;
};

}  // namespace hotline::test
