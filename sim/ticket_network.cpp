// The ticket network (sim/ticket_network.hpp): per-ticket life computed at arrival on the
// working calendar [SL24 §12-§14, §22, §32; XA23 二(四), 三(一)3, 三(四); SL24 bulletin]. See
// docs/tickets.md.
#include "sim/ticket_network.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

namespace hotline::sim {

namespace {
constexpr std::uint64_t kOnlineKey = 1ull << 63;  // online tickets' sequence numbers
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr Time kNever = std::numeric_limits<Time>::max();  // not replied (by the cut-off)

bool is_county(const Unit& u) { return u.kind == UnitKind::District || u.kind == UnitKind::Zone; }
}  // namespace

// Every draw of one ticket, made up front in a fixed order (common random numbers). Draws
// added later come after the earlier ones, so those keep their values.
struct TicketNetwork::Draws {
  double category, district, urgent, caller, type, accept, wrong, extension, satisfaction, accept2;
  double handling_z, handling2_z;
  double review, reopen, satisfaction2, away, reopen_z;
  double extension_late, extension_consent;
  explicit Draws(Stream& s)
      : category(s.uniform()), district(s.uniform()), urgent(s.uniform()), caller(s.uniform()), type(s.uniform()),
        accept(s.uniform()), wrong(s.uniform()), extension(s.uniform()), satisfaction(s.uniform()),
        accept2(s.uniform()), handling_z(s.normal()), handling2_z(s.normal()), review(s.uniform()),
        reopen(s.uniform()), satisfaction2(s.uniform()), away(s.uniform()), reopen_z(s.normal()),
        extension_late(s.uniform()), extension_consent(s.uniform()) {}
};

// The times of one ticket's life that the escalation rules look at. Phase 0 runs from the
// dispatch to the first approved reply, phase 1 (when reopened) from the reopening to the
// second reply; `end` is the reply or the cut-off, whichever is first.
struct TicketNetwork::LifePhase {
  Time from = 0, first_urge = kNoTime, by = kNoTime, end = 0;
  bool open_at_cutoff = false;
};
struct TicketNetwork::Life {
  using Phase = LifePhase;
  Phase phase[2];
  int phases = 1;
  Time dispatched = 0;              // to the final lead
  Time return_at = kNoTime;         // accepted return (re-dispatch)
  Time rework_at = kNoTime;         // the platform sent the reply back
  Time reply = 0, reply2 = 0;       // evaluations, when <= cut-off
  Satisfaction sat1 = Satisfaction::None, sat2 = Satisfaction::None;
};

const char* anomaly_reason_key(AnomalyReason r) {
  static const char* const keys[] = {"unsatisfied", "returned_twice", "seriously_overdue", "urged_repeatedly", "other"};
  static_assert(std::size(keys) == std::size_t(AnomalyReason::Count));
  return keys[std::size_t(r)];
}

TicketNetwork::TicketNetwork(const ScenarioConfig& sc, Policy& policy, const OrgGraph& org, const WorkCalendar& cal,
                             std::uint64_t seed)
    : sc_(sc), spec_(sc.tickets), policy_(policy), org_(org), cal_(cal), seed_(seed),
      end_(sc.start + Time(sc.days) * kSecondsPerDay),
      cutoff_(end_ + Time(sc.tickets.follow_up_days) * kSecondsPerDay),
      urge_every_(Time(sc.tickets.urge_every_days * double(kSecondsPerDay))), online_stream_(seed, "tickets.online"),
      handlers_(org.size()), tuning_(org.size(), nullptr) {
  if (spec_.source == TicketSpec::Source::Replay) {
    replay_.emplace(Store::open_existing(spec_.replay_db));
  } else if (spec_.categories.empty() || spec_.districts.empty()) {
    throw std::invalid_argument(sc.file + ": tickets: the category and district mixes are required");
  }
  for (std::size_t i = 0; i < spec_.units.size(); ++i) {
    const TicketSpec::UnitTuning& u = spec_.units[i];
    const UnitIndex ui = org.find(u.unit);
    if (ui == kNoUnit)
      throw InputError(sc.file, u.line, "tickets.units." + std::to_string(i + 1) + ".unit",
                       "'" + u.unit + "' is not a unit of the rule set's org graph");
    if (tuning_[ui])
      throw InputError(sc.file, u.line, "tickets.units." + std::to_string(i + 1) + ".unit",
                       "'" + u.unit + "' is tuned twice");
    tuning_[ui] = &u;
  }
  for (const TicketSpec::Share& c : spec_.categories)
    if (c.handling_scale != 1) category_scale_[c.name] = c.handling_scale;
  // The follow-up runs on the working calendar up to the cut-off.
  for (Time t : {sc.start, cutoff_ - 1})
    if (!cal.covers(date_of(cst_day(t)).year))
      throw InputError(sc.file, 0, "tickets.follow_up_days",
                       "the working calendar does not cover " + std::to_string(date_of(cst_day(t)).year) +
                           " (the horizon and its follow-up must lie in loaded calendar years)");
  r_.follow_up_end = cutoff_;
  const double rate = replay_ ? 0 : spec_.online_per_day / double(kSecondsPerDay);
  next_online_ = rate > 0 ? online_stream_.exponential(1 / rate) : kInf;
  // Calendar months overlapping the horizon.
  for (Time t = sc.start; t < end_;) {
    Date d = date_of(cst_day(t));
    Date next{d.month == 12 ? d.year + 1 : d.year, d.month == 12 ? 1 : d.month + 1, 1};
    TicketPeriod p;
    char name[16];
    std::snprintf(name, sizeof name, "%04d-%02d", d.year, d.month);
    p.name = name;
    p.start = t;
    p.end = std::min(end_, cst_midnight(day_number(next)));
    p.units.resize(org.size());
    p.extra.resize(org.size());
    for (UnitIndex u = 0; u < org.size(); ++u) p.units[u].unit = u;
    r_.periods.push_back(std::move(p));
    t = r_.periods.back().end;
  }
}

int TicketNetwork::period_of(Time t) const {
  if (t >= end_) return int(r_.periods.size()) - 1;  // after the horizon: its last month
  for (std::size_t i = 0; i < r_.periods.size(); ++i)
    if (t >= r_.periods[i].start && t < r_.periods[i].end) return int(i);
  return -1;
}

Time TicketNetwork::work_end(Time from, double hours) const {
  if (from >= cutoff_) return kNever;
  try {
    return cal_.add_working_hours(from, hours);
  } catch (const CalendarRangeError&) {
    return kNever;  // runs into a year past the covered cut-off year
  }
}

std::size_t TicketNetwork::pick(const std::vector<TicketSpec::Share>& v, double u) const {
  double c = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (u < (c += v[i].share)) return i;
  return v.size() - 1;
}

void TicketNetwork::online_until(double t) {
  const double rate = spec_.online_per_day / double(kSecondsPerDay);
  const double horizon = double(end_ - sc_.start);
  while (next_online_ <= t && next_online_ < horizon) {
    ticket_.created = sc_.start + Time(next_online_);
    ticket_.channel = Channel::ProvincialPlatform;
    ++r_.online;
    process(ticket_, kOnlineKey | online_seq_++, false);
    next_online_ += online_stream_.exponential(1 / rate);
  }
}

void TicketNetwork::ticket(const TicketRequest& req) {
  if (replay_) return;  // the replayed table holds every ticket, phone ones included
  online_until(req.time);
  if (req.time >= double(end_ - sc_.start)) return;
  ticket_.created = sc_.start + Time(req.time);
  ticket_.channel = Channel::Phone;
  ticket_.type = req.type;
  ++r_.from_calls;
  process(ticket_, req.call, false);
}

Time TicketNetwork::accept_after(Time from, double u, bool urgent, bool away, UnitIndex unit) const {
  const double scale = tuning_[unit] ? tuning_[unit]->accept_scale : 1.0;
  const double h = -spec_.accept_mean_h * scale * std::log(u);
  // Off-hours duty: urgent tickets are accepted round the clock, in natural hours [XA23 三(四)].
  if (urgent && spec_.duty_off_hours) return from >= cutoff_ ? kNever : cal_.add_hours(from, h);
  // A/B posts: when the A post is away, B covers after a short delay; without B the ticket
  // waits for A's return.
  const double wait = away ? (spec_.b_covers ? spec_.b_delay_h : spec_.away_h) : 0;
  return h + wait > 0 ? work_end(from, h + wait) : from;
}

void TicketNetwork::process(Ticket& t, std::uint64_t key, bool replayed) {
  Stream s(mix64(seed_ ^ mix64(key)), "ticket");
  const Draws d(s);
  ++r_.created;
  if (!replayed) {
    if (t.channel != Channel::Phone) {  // online tickets carry their own type mix
      double c = 0, total = 0;
      for (double x : sc_.request_share) total += x;
      t.type = RequestType::Help;
      for (std::size_t i = 0; total > 0 && i < sc_.request_share.size(); ++i)
        if (d.type * total < (c += sc_.request_share[i])) { t.type = RequestType(i); break; }
    }
    t.id = (key & kOnlineKey ? "W" : "T") + std::to_string(key & ~kOnlineKey);
    t.category = spec_.categories[pick(spec_.categories, d.category)].name;
    t.district = spec_.districts[pick(spec_.districts, d.district)].name;
    t.urgency = d.urgent < spec_.urgent_share ? Urgency::Urgent : Urgency::Normal;
    t.caller_key = spec_.caller_population > 0 ? "c" + std::to_string(int(d.caller * spec_.caller_population)) : t.id;
  } else if (t.caller_key.empty()) {
    t.caller_key = t.id;
  }
  t.dispatched = t.created;

  policy_.decide_into(t, decision_);
  if (observer_) observer_(t, decision_);
  if (decision_.manual || (decision_.route == IntakeRoute::Ticket && decision_.lead == kNoUnit)) {
    ++r_.manual;
    if (r_.manual_queue.size() < TicketNetworkResult::kSampleCap) r_.manual_queue.push_back(t.id);
    return;
  }
  if (decision_.route == IntakeRoute::Merged) { ++r_.merged; return; }
  if (decision_.route != IntakeRoute::Ticket) { ++r_.routed; return; }

  const Time created = t.created;
  const bool urgent = t.urgency == Urgency::Urgent;
  const bool away = d.away < spec_.a_away;
  Time reply_by = decision_.reply_by;
  UnitIndex lead = decision_.lead;
  Life life;
  // Everything about the ticket counts in the month it was dispatched [SL24 bulletin].
  TicketPeriod& period = r_.periods[std::size_t(std::max(0, period_of(created)))];
  Time dispatched = created;
  Time accepted = accept_after(created, d.accept, urgent, away, lead);
  bool in_time = decision_.accept_by == kNoTime || accepted <= decision_.accept_by;
  int returns = 0;

  // Wrong dispatch: the lead asks to return it within the window; the rules review [SL24 §14].
  const double wrong = tuning_[lead] && tuning_[lead]->wrong_dispatch >= 0 ? tuning_[lead]->wrong_dispatch : spec_.wrong_dispatch;
  if (d.wrong < wrong && accepted != kNever) {
    ReturnRequest rq;
    rq.dispatched = created;
    rq.requested = decision_.return_by != kNoTime ? std::min(accepted, decision_.return_by) : accepted;
    rq.type = t.type;
    rq.urgency = t.urgency;
    const ReturnReview review = policy_.review_return(rq);
    if (review.accepted) {
      ++period.extra[lead].returns;
      ++r_.returns;
      ++returns;
      // Re-dispatch: where unclear matters go, else the county of the place, else keep.
      const UnitIndex county = org_.find(t.district);
      const UnitIndex to = decision_.escalate_to != kNoUnit ? decision_.escalate_to
                           : county != kNoUnit && county != lead ? county : lead;
      if (reply_by != kNoTime) reply_by += rq.requested - created;  // the limit restarts
      lead = to;
      dispatched = rq.requested;
      life.return_at = rq.requested;
      accepted = accept_after(dispatched, d.accept2, urgent, away, lead);
      in_time = true;  // judged on the first unit's acceptance above
    } else {
      ++period.extra[lead].returns_refused;
    }
  }
  life.dispatched = dispatched;

  // Handling: a free handler of the lead, lognormal working hours by unit scale.
  const Unit& unit = org_.unit(lead);
  const bool county = is_county(unit);
  const TicketSpec::UnitTuning* tune = tuning_[lead];
  const auto cat = category_scale_.empty() ? category_scale_.end() : category_scale_.find(t.category);
  const double cat_scale = cat != category_scale_.end() ? cat->second : 1.0;
  auto mean_hours = [&](UnitIndex u, bool district) {
    return (district ? spec_.handling_mean_h_district : spec_.handling_mean_h_department) *
           (tuning_[u] ? tuning_[u]->handling_scale : 1.0) * cat_scale;
  };
  const double mean_h = mean_hours(lead, county);
  const double sigma = std::sqrt(std::log1p(spec_.handling_cv * spec_.handling_cv));
  auto lognormal = [&](double mean, double z) { return mean * std::exp(sigma * z - sigma * sigma / 2); };
  auto work_hours = [&](double z) { return lognormal(mean_h, z); };
  const double hours = work_hours(returns ? d.handling2_z : d.handling_z);
  auto take_handler = [&](UnitIndex u, bool district, Time ready) {
    auto& h = handlers_[u];
    if (h.empty())
      for (int i = 0; i < (district ? spec_.handlers_district : spec_.handlers_department); ++i) h.push(kNoTime);
    const Time at = std::max(ready, h.top());
    h.pop();
    return at;
  };
  const Time start = take_handler(lead, county, accepted);
  // Work starting after the cut-off ends after it: its exact time is not needed (and may lie
  // beyond the loaded calendar years).
  Time own_end = work_end(start, hours);
  UnitPeriodCounts& c = period.units[lead];
  UnitExtraCounts& x = period.extra[lead];

  // Co-handling (协办) [XA23 三(一)3]: dispatched at once with the lead, each co-handling unit
  // accepts and works on its part (co_handling.share of its own handling mean) with its own
  // handlers; the lead answers for the whole (主办单位负总责) and replies when every part is
  // done. Their draws come from the ticket's own co-handling stream, k-th unit k-th draws.
  co_.clear();
  if (spec_.co_share > 0 && !decision_.co_units.empty()) {
    Stream cs(mix64(seed_ ^ mix64(key)), "ticket.co");
    for (const UnitIndex cu : decision_.co_units) {
      const double ua = cs.uniform(), z = cs.normal();
      if (cu == lead) continue;  // a return sent the ticket to this co-handler: its part is the lead's work
      const bool dist = is_county(org_.unit(cu));
      const Time cacc = accept_after(created, ua, urgent, false, cu);
      const Time cst = take_handler(cu, dist, cacc);
      co_.push_back({cu, cst, work_end(cst, spec_.co_share * lognormal(mean_hours(cu, dist), z))});
    }
  }
  // Platform review of the reply [SL24 §13]: a share is sent back, and the lead's handler
  // reworks it for a share of the original work before the reply is approved.
  const bool rework_drawn = d.review < spec_.review_rework;
  const double rework_h = spec_.rework_share * hours;
  Time parts_end = 0, reply = 0;
  auto combine = [&] {
    parts_end = own_end;
    for (const CoPart& p : co_) parts_end = std::max(parts_end, p.end);
    reply = rework_drawn && parts_end <= cutoff_ ? work_end(parts_end, rework_h) : parts_end;
  };
  combine();
  // Urging's effect (urging.speedup): an urge at `at` shortens the work remaining after it,
  // of every part still running, or of the rework under way.
  const double keep = 1 - spec_.urge_speedup;
  auto shorten = [&](Time from, Time end, Time at) {
    if (end == kNever || end <= at) return end;
    const Time f = std::max(from, at);
    return f >= cutoff_ ? end : work_end(f, keep * cal_.working_hours_between(f, end));
  };
  auto urge_work = [&](Time at) {
    if (at >= parts_end) {
      reply = shorten(parts_end, reply, at);
      return;
    }
    own_end = shorten(start, own_end, at);
    for (CoPart& p : co_) p.end = shorten(p.start, p.end, at);
    combine();
  };
  if (keep < 1 && reply_by != kNoTime && spec_.urge_at > 0) {
    const Time u = dispatched + Time(spec_.urge_at * double(reply_by - dispatched));
    if (u < reply && u <= cutoff_) urge_work(u);
  }

  ++c.handled;
  if (in_time) ++c.accepted_in_time;

  // Extensions when the work will overrun [SL24 §16]: the unit asks an hour before the
  // limit (or, for `extension_late` of the units, an hour after it), with the citizen's
  // consent or not; the rules approve or refuse each request. An approved one adds the
  // original limit again; a refusal ends the asking.
  const Time limit_by = reply_by;
  int extensions = 0;
  if (reply_by != kNoTime && reply > reply_by && decision_.max_extensions > 0 && d.extension < spec_.extension_request) {
    const Time span = std::max<Time>(reply_by - dispatched, 3600);
    ExtensionRequest rq;
    rq.dispatched = dispatched;
    rq.type = t.type;
    rq.urgency = t.urgency;
    rq.citizen_consent = d.extension_consent < spec_.extension_consent;
    const bool late_ask = d.extension_late < spec_.extension_late;
    while (reply > reply_by && extensions < decision_.max_extensions) {
      rq.reply_by = reply_by;
      rq.requested = std::max(dispatched, reply_by + (late_ask ? 3600 : -3600));
      rq.granted_before = extensions;
      if (!policy_.review_extension(rq).approved) {
        ++x.extensions_refused;
        ++r_.extensions_refused;
        break;
      }
      reply_by += span, ++extensions;
    }
    x.extensions += extensions;
    r_.extensions += std::uint64_t(extensions);
  }
  // Urges after the (extended) limit, every urging.every_days while the ticket is open.
  if (keep < 1 && reply_by != kNoTime && urge_every_ > 0)
    for (Time u = reply_by + urge_every_; u < reply && u <= cutoff_; u += urge_every_) urge_work(u);
  const bool reworked = rework_drawn && parts_end <= cutoff_;
  if (reworked) {
    life.rework_at = parts_end;
    ++x.reworks;
    ++r_.reworks;
  }
  // The lead's handler is busy for its own part, and for the rework when there is one.
  handlers_[lead].push(reworked ? reply : own_end);
  for (const CoPart& p : co_) {
    handlers_[p.unit].push(p.end);
    UnitExtraCounts& cx = period.extra[p.unit];
    ++cx.co_handled;
    ++r_.co_handled;
    // A part finished after the lead's (extended) limit made the reply late (known when the
    // limit has passed by the cut-off).
    if (reply_by != kNoTime && reply_by < cutoff_ && p.end > reply_by) ++cx.co_late, ++r_.co_late;
  }

  // Urging (催办): at `urging.at` of the original limit, then every `urging.every_days`
  // after the (extended) limit, while the ticket is open.
  auto phase = [&](Time from, Time limit, Time by, Time done) {
    Life::Phase p;
    p.from = from;
    p.by = by;
    if (limit != kNoTime && spec_.urge_at > 0) p.first_urge = from + Time(spec_.urge_at * double(limit - from));
    p.end = std::min(done, cutoff_);
    p.open_at_cutoff = done > cutoff_;
    return p;
  };
  life.phase[0] = phase(dispatched, limit_by, reply_by, reply);

  auto evaluate = [&](double u, bool late) {
    const double sat0 = tune && tune->satisfied >= 0 ? tune->satisfied : spec_.satisfied;
    const double basic = tune && tune->basically_satisfied >= 0 ? tune->basically_satisfied : spec_.basically_satisfied;
    const double sat = std::max(0.0, sat0 - (late ? spec_.late_penalty : 0));
    return u < sat ? Satisfaction::Satisfied : u < sat + basic ? Satisfaction::BasicallySatisfied : Satisfaction::Unsatisfied;
  };
  Satisfaction final_sat = Satisfaction::None;
  if (reply <= cutoff_) {
    ++r_.closed;
    ++c.closed;
    ++c.resolved;
    const bool late = reply_by != kNoTime && reply > reply_by;
    ++(late ? c.late : c.on_time);
    life.reply = reply;
    life.sat1 = final_sat = evaluate(d.satisfaction, late);
    // Reopening (重办) of an unsatisfied ticket [SL24 §22]: back to the unit with the
    // original limit, worked at once (no handler queue), evaluated again. On time or late
    // stays judged on the first reply; the evaluation counted is the last one by the cut-off.
    if (final_sat == Satisfaction::Unsatisfied && d.reopen < spec_.reopen) {
      ++x.reopens;
      ++r_.reopens;
      const Time span = decision_.reply_by != kNoTime ? decision_.reply_by - created : 0;
      const Time by2 = span > 0 ? reply + span : kNoTime;
      Time reply2 = work_end(reply, work_hours(d.reopen_z));
      if (keep < 1 && by2 != kNoTime) {
        if (spec_.urge_at > 0) {
          const Time u = reply + Time(spec_.urge_at * double(by2 - reply));
          if (u < reply2 && u <= cutoff_) reply2 = shorten(reply, reply2, u);
        }
        if (urge_every_ > 0)
          for (Time u = by2 + urge_every_; u < reply2 && u <= cutoff_; u += urge_every_) reply2 = shorten(reply, reply2, u);
      }
      life.phase[1] = phase(reply, by2, by2, reply2);
      life.phases = 2;
      if (reply2 <= cutoff_) {
        life.reply2 = reply2;
        life.sat2 = final_sat = evaluate(d.satisfaction2, by2 != kNoTime && reply2 > by2);
      }
    }
    ++(final_sat == Satisfaction::Satisfied            ? c.satisfied
       : final_sat == Satisfaction::BasicallySatisfied ? c.basically_satisfied
                                                        : c.unsatisfied);
  } else {
    // Open at the cut-off: overdue if its (extended) limit has passed, else not yet due.
    ++r_.open_end;
    if (reply_by != kNoTime && reply_by < cutoff_) ++c.overdue_open, ++r_.overdue_open;
  }
  int urges = 0;
  for (int p = 0; p < life.phases; ++p) urges += urges_upto(life.phase[p], cutoff_);
  x.urges += urges;
  r_.urges += std::uint64_t(urges);

  escalations(t, life, lead, decision_.escalate_to != kNoUnit, x);

  if (life_observer_) {
    TicketLife l;
    l.ticket = &t;
    l.lead = lead;
    l.dispatched = dispatched;
    l.accepted = accepted;
    l.started = start;
    l.reply = reply;
    l.reply_by = reply_by;
    l.reopen_reply = life.phases == 2 ? (life.reply2 ? life.reply2 : kNever) : 0;
    l.lead_done = own_end;
    l.co_parts = int(co_.size());
    for (const CoPart& p : co_) l.co_done = std::max(l.co_done, p.end);
    l.returns = returns;
    l.extensions = extensions;
    l.urges = urges;
    l.away = away;
    l.reworked = life.rework_at != kNoTime;
    l.reopened = life.phases == 2;
    l.satisfaction = final_sat;
    life_observer_(l);
  }
}

int TicketNetwork::urges_upto(const LifePhase& p, Time t) const {
  const Time lim = std::min(t, p.end - 1);
  int n = p.first_urge != kNoTime && p.first_urge <= lim;
  if (p.by != kNoTime && urge_every_ > 0 && lim > p.by) n += int((lim - p.by) / urge_every_);
  return n;
}

// Escalation [XA23 二(四), SL24 §32]: Policy::escalate at the ticket's events (return,
// rework, urges, evaluations, reopening, the cut-off) and at the end of every working day it
// is open (the daily scan). While a phase is open nothing the rules look at decreases
// (overdue and unresolved days, urges, returns), so the first checkpoint at which a rule not
// yet reported fires is found by bisection: one call when nothing fires. Each firing is
// one anomaly report (the first new rule), a rule is reported once per ticket.
void TicketNetwork::escalations(const Ticket& t, const Life& l, UnitIndex lead, bool unclear, UnitExtraCounts& x) {
  reported_.clear();
  bool any = false;
  EscalationResult e;
  // A policy that escalates without naming a rule counts as one unnamed rule ("").
  static const std::string kUnnamed;
  auto fires_new = [&](const TicketStatus& st) {
    e = policy_.escalate(st);
    if (!e.escalate) return false;
    if (e.reasons.empty()) return std::find(reported_.begin(), reported_.end(), kUnnamed) == reported_.end();
    for (const TraceStep& r : e.reasons)
      if (std::find(reported_.begin(), reported_.end(), r.rule) == reported_.end()) return true;
    return false;
  };
  auto report = [&](AnomalyReason why, Time at) {
    const std::string* first = nullptr;
    if (e.reasons.empty()) {
      first = &kUnnamed;
      reported_.push_back(kUnnamed);
    }
    for (const TraceStep& r : e.reasons)
      if (std::find(reported_.begin(), reported_.end(), r.rule) == reported_.end()) {
        if (!first) first = &r.rule;
        reported_.push_back(r.rule);
      }
    any = true;
    ++x.anomalies;
    ++r_.anomalies_by_reason[std::size_t(why)];
    if (r_.anomalies.size() < TicketNetworkResult::kSampleCap)
      r_.anomalies.push_back({t.id, lead, why, first ? *first : std::string(), at});
  };
  const int urges0 = urges_upto(l.phase[0], cutoff_);
  auto status = [&](int p, Time now) {
    TicketStatus st;
    st.now = now;
    st.dispatched = l.dispatched;
    st.reply_by = l.phase[p].by;
    st.returns = (l.return_at != kNoTime && l.return_at <= now) + (l.rework_at != kNoTime && l.rework_at <= now) + p;
    st.urges = p == 0 ? urges_upto(l.phase[0], now) : urges0 + urges_upto(l.phase[1], now);
    st.unclear = unclear;
    return st;
  };
  const Time kNone = kNoTime;
  for (int p = 0; p < l.phases; ++p) {
    const Life::Phase& ph = l.phase[p];
    // Checkpoints in (from, end): working-day ends, urges, the return and the rework; the
    // reopening at `from` (phase 1); the cut-off when still open.
    auto is_working = [&](DayNumber day) { return cal_.is_working_day(day); };
    auto next_scan = [&](Time at) -> Time {  // first working-day end >= at, < end
      DayNumber day = cst_day(at);
      if (cst_midnight(day) == at && at > ph.from && is_working(day - 1)) return at;
      for (; cst_midnight(day + 1) < ph.end; ++day)
        if (cst_midnight(day + 1) > ph.from && is_working(day)) return cst_midnight(day + 1);
      return kNone;
    };
    auto next_urge = [&](Time at) -> Time {
      if (ph.first_urge != kNoTime && ph.first_urge >= at && ph.first_urge < ph.end) return ph.first_urge;
      if (ph.by == kNoTime || urge_every_ <= 0) return kNone;
      const Time k = at <= ph.by ? 1 : std::max<Time>(1, (at - ph.by + urge_every_ - 1) / urge_every_);
      const Time u = ph.by + k * urge_every_;
      return u < ph.end ? u : kNone;
    };
    auto earliest = [](Time a, Time b) { return a == kNoTime ? b : b == kNoTime ? a : std::min(a, b); };
    auto next_checkpoint = [&](Time at) {
      Time c = earliest(next_scan(at), next_urge(at));
      for (Time ev : {l.return_at, l.rework_at, p == 1 ? ph.from : kNone})
        if (ev != kNoTime && ev >= at && ev < ph.end) c = earliest(c, ev);
      if (ph.open_at_cutoff && c == kNoTime) c = ph.end;
      return c;
    };
    // The last checkpoint: the cut-off if open, else the latest of the others.
    Time last = kNone;
    if (ph.open_at_cutoff) {
      last = ph.end;
    } else {
      for (DayNumber day = cst_day(ph.end - 1) - 1; cst_midnight(day + 1) > ph.from; --day)
        if (is_working(day)) { last = cst_midnight(day + 1); break; }
      if (ph.by != kNoTime && urge_every_ > 0 && ph.end - 1 > ph.by) {
        const Time u = ph.by + (ph.end - 1 - ph.by) / urge_every_ * urge_every_;
        if (u > ph.by) last = std::max(last, u);  // kNone is the smallest Time
      }
      for (Time ev : {ph.first_urge, l.return_at, l.rework_at, p == 1 ? ph.from : kNone})
        if (ev != kNoTime && ev >= ph.from && ev < ph.end) last = std::max(last, ev);
    }
    Time lo = ph.from - 1;  // nothing new fires at or before lo
    while (last != kNone && last > lo && fires_new(status(p, last))) {
      // Bisect (lo, last] down to a day, then walk that day's checkpoints.
      Time a = lo, b = last;
      while (b - a > kSecondsPerDay) {
        const Time m = a + (b - a) / 2;
        (fires_new(status(p, m)) ? b : a) = m;
      }
      Time cp = next_checkpoint(a + 1);
      while (cp != kNone && cp < last && !fires_new(status(p, cp))) cp = next_checkpoint(cp + 1);
      if (cp == kNone || cp > last) cp = last;
      const TicketStatus st = status(p, cp);
      if (!fires_new(st)) { lo = cp; continue; }  // (a policy that is not monotone)
      const bool overdue = ph.by != kNoTime && cp > ph.by;
      const bool returned = cp == l.return_at || cp == l.rework_at || (p == 1 && cp == ph.from);
      const bool urged = cp == next_urge(cp);
      AnomalyReason why = overdue ? AnomalyReason::SeriouslyOverdue : AnomalyReason::Other;
      if (returned && st.returns >= 2) why = AnomalyReason::ReturnedTwice;
      else if (urged && st.urges >= 3) why = AnomalyReason::UrgedRepeatedly;
      report(why, cp);
      lo = cp;
    }
    // The evaluation at the reply.
    if (!ph.open_at_cutoff) {
      TicketStatus st = status(p, ph.end);
      st.closed = true;
      st.satisfaction = p == 0 ? l.sat1 : l.sat2;
      if (fires_new(st))
        report(st.satisfaction == Satisfaction::Unsatisfied ? AnomalyReason::Unsatisfied
               : st.returns >= 2                              ? AnomalyReason::ReturnedTwice
                                                              : AnomalyReason::Other,
               ph.end);
    }
  }
  if (any) ++x.escalations, ++r_.escalations;
}

void TicketNetwork::replay_all() {
  replay_->for_each_ticket(sc_.start, end_, [&](const Ticket& rec) {
    ticket_ = rec;
    ticket_.accepted = ticket_.returned = ticket_.extended = ticket_.replied = ticket_.closed = kNoTime;
    ticket_.lead_unit.clear();
    ticket_.co_units.clear();
    ticket_.copied_units.clear();
    ticket_.satisfaction = Satisfaction::None;
    ticket_.reopen_count = 0;
    ++r_.replayed;
    // Keyed by the ticket id: the same ticket draws the same numbers under any rule set.
    process(ticket_, hash_name(rec.id), true);
  });
}

TicketNetworkResult TicketNetwork::finish() {
  if (replay_) replay_all();
  else online_until(kInf);
  return std::move(r_);
}

std::vector<TicketRun> run_ticket_replications(const ScenarioConfig& sc, const ExperimentOptions& opt,
                                               const OrgGraph& org, const WorkCalendar& cal) {
  if (!opt.policy_factory) throw std::invalid_argument("the ticket network needs a rule set (policy factory)");
  std::vector<TicketRun> runs(std::size_t(opt.replications));
  for (int r = 0; r < opt.replications; ++r) {
    const std::unique_ptr<Policy> policy = opt.policy_factory();
    const std::uint64_t seed = replication_seed(opt.seed, r);
    TicketNetwork net(sc, *policy, org, cal, seed);
    RunOptions ro;
    ro.seed = seed;
    ro.policy = policy.get();
    ro.sink = &net;
    ro.drain = opt.drain;
    if (r == 0) ro.progress = opt.first_run_progress;
    runs[std::size_t(r)].calls = run_call_centre(sc, ro);
    runs[std::size_t(r)].tickets = net.finish();
    if (opt.progress) opt.progress(r + 1, opt.replications);
  }
  return runs;
}

}  // namespace hotline::sim
