// A simulation scenario as plain data: horizon, traffic source, IVR, skill queues, staffing,
// patience, call-backs, diversion and outcomes [XA23 智能分流, GB25 漏接电话回拨]. Filled by
// rules/scenario_loader from scenario.lua (docs/scenarios.md); read by sim/. No Lua here.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/enums.hpp"
#include "core/policy.hpp"
#include "core/time.hpp"

namespace hotline {

// A duration (or delay) distribution; all values in seconds.
struct DurationSpec {
  enum class Kind : std::uint8_t { Fixed, Exponential, Lognormal, Gamma, Erlang, Empirical, Weibull, Mixture, Count };
  Kind kind = Kind::Exponential;
  double mean = 0;
  double sd = 0;             // lognormal, gamma
  int phases = 1;            // erlang
  std::vector<double> data;  // empirical: observed values
  double shape = 0;          // weibull: shape k (scale = mean / Γ(1 + 1/k))
  std::vector<DurationSpec> parts{};  // mixture: the components
  std::vector<double> weights{};      // mixture: their weights (normalised to cumulative shares)
};

// DayType (weekday, weekend, statutory holiday) is in core/calendar.hpp, with
// WorkCalendar::day_type() that classifies a date (docs/simulator.md "Day types").

// A block of agents of one skill working the same hours every day of the given type(s).
struct ShiftSpec {
  SkillQueue skill = SkillQueue::General;
  int start_s = 0;     // seconds after 00:00 CST
  int length_s = 0;    // may run past midnight
  int agents = 0;
  bool weekdays = true;  // works weekdays (and make-up working days)
  bool weekends = true;  // works Saturdays and Sundays that are not holidays
  bool holidays = true;  // works statutory holidays (see the loader's rule for "weekend")
  bool works(DayType d) const { return d == DayType::Weekday ? weekdays : d == DayType::Weekend ? weekends : holidays; }
};

struct SkillConfig {
  double share = 0;               // share of the offered calls that need this skill
  DurationSpec talk;              // talk time of an inbound call
  double priority_credit_s = 0;   // head start when general agents pick among queues
  // Agents on duty per interval of the day, per day type (size: intervals per day), used
  // unless the scenario lists shifts. Read them through agents_for().
  std::array<std::vector<int>, std::size_t(DayType::Count)> agents;
  // The agents of a day type; holidays without a plan of their own are staffed like weekends.
  const std::vector<int>& agents_for(DayType d) const {
    const auto& a = agents[std::size_t(d)];
    return d == DayType::Holiday && a.empty() ? agents[std::size_t(DayType::Weekend)] : a;
  }
};

// The ticket network behind the call centre (sim/ticket_network.hpp, docs/tickets.md): where
// tickets come from besides answered calls, what they are about, and how units handle them.
struct TicketSpec {
  struct Share {
    std::string name;  // a dispatch-catalog category, or a district/county id or name
    double share = 0;
    double handling_scale = 1;  // categories: multiplies the handling mean of their tickets
  };
  bool enabled = false;           // the scenario has a `tickets` section
  double online_per_day = 0;      // online and provincial-platform tickets a day (Poisson)
  double urgent_share = 0;        // tickets marked urgent
  int caller_population = 0;      // distinct callers (repeat callers make duplicates); 0 = all distinct
  std::vector<Share> categories;  // category mix (shares sum to 1)
  std::vector<Share> districts;   // place mix
  double accept_mean_h = 2;       // working hours from dispatch to acceptance (exponential)
  double handling_mean_h_district = 16;    // working hours of work, lognormal, county governments
  double handling_mean_h_department = 12;  // city departments, utilities and others
  double handling_cv = 0.8;
  int handlers_district = 6;      // concurrent tickets a unit works on
  int handlers_department = 3;
  double wrong_dispatch = 0.05;   // the lead asks to return the ticket
  double extension_request = 0.5; // a unit that will overrun asks for an extension
  double extension_late = 0;      // of those, asked only after the limit had passed
  double extension_consent = 1;   // the citizen agrees to an extension [SL24 §16]
  double satisfied = 0.85;        // citizen's evaluation of an on-time reply
  double basically_satisfied = 0.10;
  double late_penalty = 0.25;     // satisfied share lost (to unsatisfied) when the reply is late
  // Tickets are followed this many calendar days past the horizon's end (the bulletin's
  // cut-off): a ticket counts in the month it was dispatched, with its outcome as of then.
  int follow_up_days = 10;
  // Where tickets come from: drawn (answered calls + online arrivals with the mixes above), or
  // replayed from the `tickets` table of a traffic database (real creation times, types,
  // categories, places and urgency; the call centre's tickets are then not used).
  enum class Source : std::uint8_t { Synthetic, Replay };
  Source source = Source::Synthetic;
  std::string replay_db;          // traffic SQLite with a `tickets` table (source = replay)
  // Platform review of the reply [SL24 §13]: share sent back for rework, and the rework's
  // length as a share of the original work.
  double review_rework = 0.05;
  double rework_share = 0.3;
  // Urging (催办): at this share of the original limit if still open (0 = no urging), then
  // every `urge_every_days` calendar days after the (extended) limit (0 = no repeats).
  double urge_at = 0.8;
  double urge_every_days = 2;
  // Each urge shortens the ticket's remaining work by this share (0 = urging has no effect).
  double urge_speedup = 0;
  // Co-handling (协办) [XA23 三(一)3]: each co-handling unit the dispatch names works on its
  // part for this share of its own handling mean (lognormal, its own handlers); the lead's
  // reply waits for every part. 0 = co-handlers do no work. Copied units (抄送) never work.
  double co_share = 0.5;
  double reopen = 0.3;            // 重办: an unsatisfied citizen's ticket is reopened [SL24 §22]
  // Off-hours duty: urgent tickets are accepted in natural hours (duty post), not working hours.
  bool duty_off_hours = true;
  // A/B posts: the A post is away with this probability at acceptance; B covers after
  // b_delay_h working hours; without B (b_covers = false) the ticket waits away_h working hours.
  double a_away = 0.05;
  bool b_covers = true;
  double b_delay_h = 0.5;
  double away_h = 8;
  // Per-unit tuning (tickets.units), as `hotline calibrate` fits it: applies to tickets
  // whose lead is the unit. Negative satisfaction values mean "the scenario-wide value".
  struct UnitTuning {
    std::string unit;                   // unit id or name, as written in the scenario
    int line = 0;                       // where, for messages
    double handling_scale = 1;          // multiplies the handling mean
    double satisfied = -1;
    double basically_satisfied = -1;
    double accept_scale = 1;            // multiplies the mean time to accept
    double wrong_dispatch = -1;         // probability the unit asks to return a ticket
  };
  std::vector<UnitTuning> units;
};

struct ScenarioConfig {
  std::string name;
  std::string description;
  std::string file;     // the scenario.lua path, for messages
  std::string ruleset;  // rule-set folder (relative to the data folder), stored only

  // Horizon.
  Time start = 0;
  int days = 1;
  int interval_s = 1800;

  // Traffic: a profile of calls per interval per day type, or a replay of recorded calls.
  enum class Traffic : std::uint8_t { Profile, Replay };
  Traffic traffic = Traffic::Profile;
  // Calls per interval, per day type. Read it through profile_for().
  std::array<std::vector<double>, std::size_t(DayType::Count)> profile;
  std::string replay_db;          // traffic SQLite with a `calls` table
  bool replay_talk_times = false; // use recorded talk_s instead of drawing
  double scale = 1.0;             // multiplies the traffic
  double day_busyness_cv = 0;     // gamma day factor with mean 1 and this CV; 0 = none

  // IVR.
  DurationSpec ivr_time = {DurationSpec::Kind::Fixed, 0, 0, 1, {}};
  double self_service_share = 0;  // finished in the IVR
  double ivr_hangup_share = 0;    // hang up in the IVR

  // Skill queues and agents.
  std::array<SkillConfig, std::size_t(SkillQueue::Count)> skills;
  double overflow_after_s = 60;   // specialised calls may go to general agents after this; < 0 never
  std::vector<ShiftSpec> shifts;  // non-empty: staffing from shifts instead of per interval
  DurationSpec wrap = {DurationSpec::Kind::Fixed, 0, 0, 1, {}};
  double wrap_multiplier = 1.0;   // < 1 models automatic form filling (智能填单) [XA23]

  // Callers.
  DurationSpec patience = {DurationSpec::Kind::Exponential, 120, 0, 1, {}};  // mean 0: never abandon
  double redial_probability = 0;
  DurationSpec redial_delay = {DurationSpec::Kind::Exponential, 300, 0, 1, {}};

  // Call-backs of missed calls (漏接电话回拨) [GB25].
  bool callbacks = false;
  double callback_within_s = 3600;  // a missed call not called back by then is dropped
  double callback_reach_share = 0.8;
  DurationSpec callback_talk = {DurationSpec::Kind::Exponential, 120, 0, 1, {}};

  // Diversion when agents are busy [XA23 智能分流], asked of the Policy. These parameters
  // drive the C++ default policy used until a rule set provides diversion.lua.
  DiversionOffer divert_offer = DiversionOffer::KeepWaiting;
  int divert_queue_at_least = 0;  // offer when this many wait for the skill (0 = never)
  double divert_accept_share = 0; // share of callers who accept the offer

  // Outcome of an answered call [SL24 bulletin: 54.85% answered directly]: by request-type
  // mix when `request_share` is set (each type with its own direct-answer share), else one
  // direct-answer share for all calls.
  double direct_answer_share = 0.5485;
  std::array<double, std::size_t(RequestType::Count)> request_share{};
  std::array<double, std::size_t(RequestType::Count)> request_direct_share{};

  // KPI definitions.
  double sl_threshold_s = 15;   // service level: answered within this / offered
  double short_abandon_s = 5;   // abandons before this are reported apart

  TicketSpec tickets;

  int intervals_per_day() const { return int(kSecondsPerDay / interval_s); }
  int intervals() const { return days * intervals_per_day(); }
  // The profile of a day type; holidays without a profile of their own have weekend traffic.
  const std::vector<double>& profile_for(DayType d) const {
    const auto& p = profile[std::size_t(d)];
    return d == DayType::Holiday && p.empty() ? profile[std::size_t(DayType::Weekend)] : p;
  }
  // The day type of each day of the horizon on `calendar`; throws CalendarRangeError
  // (naming the year) for a day the calendar does not cover.
  std::vector<DayType> day_types(const WorkCalendar& calendar) const {
    std::vector<DayType> v(std::size_t(days > 0 ? days : 0));
    for (int d = 0; d < days; ++d) v[std::size_t(d)] = calendar.day_type(cst_day(start) + d);
    return v;
  }
};

}  // namespace hotline
