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
      urge_every_(Time(sc.tickets.urge_every_days * double(kSecondsPerDay))), keep_(1 - sc.tickets.urge_speedup),
      sigma_(std::sqrt(std::log1p(sc.tickets.handling_cv * sc.tickets.handling_cv))), online_stream_(seed, "tickets.online"),
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

// One dispatched ticket on its way through the phases of process(): the lead and the limit
// as a return and extensions change them, and the times of its work. Lives for one call.
struct TicketNetwork::Flow {
  Flow(Ticket& ticket, const Draws& draws, std::uint64_t k, TicketPeriod& p)
      : t(ticket), d(draws), key(k), period(p), created(ticket.created), urgent(ticket.urgency == Urgency::Urgent) {}
  Ticket& t;
  const Draws& d;
  std::uint64_t key;
  TicketPeriod& period;  // the dispatch month: everything about the ticket counts there [SL24 bulletin]
  Time created;
  bool urgent;
  bool away = false;     // the A post was away at acceptance
  UnitIndex lead = kNoUnit;  // after a return: the unit it was re-dispatched to
  Time reply_by = kNoTime;   // restarted by a return, extended by approved extensions
  Time limit_by = kNoTime;   // reply_by before the extensions (urging's first urge is measured on it)
  Time dispatched = 0, accepted = 0;
  bool in_time = true;   // accepted within the accept limit (judged on the first unit)
  int returns = 0, extensions = 0;
  // The lead's handling.
  const TicketSpec::UnitTuning* tune = nullptr;
  double cat_scale = 1, mean_h = 0, hours = 0;
  Time start = 0, own_end = 0;  // the lead's own part
  Time parts_end = 0, reply = 0;  // every part done; the approved reply (after a rework)
  bool rework_drawn = false;
  double rework_h = 0;
  Satisfaction final_sat = Satisfaction::None;
  Life life;
  UnitPeriodCounts& counts() const { return period.units[lead]; }
  UnitExtraCounts& extra() const { return period.extra[lead]; }
};

void TicketNetwork::process(Ticket& t, std::uint64_t key, bool replayed) {
  Stream s(mix64(seed_ ^ mix64(key)), "ticket");
  const Draws d(s);
  ++r_.created;
  draw_attributes(t, key, replayed, d);
  if (!decide(t)) return;
  Flow f(t, d, key, r_.periods[std::size_t(std::max(0, period_of(t.created)))]);
  accept_or_return(f);
  work(f);
  reply_or_extension(f);
  evaluate(f);
  record_life(f);
}

// The attributes a generated ticket draws (type of an online one, id, category, district,
// urgency, caller); a replayed ticket keeps its own.
void TicketNetwork::draw_attributes(Ticket& t, std::uint64_t key, bool replayed, const Draws& d) const {
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
}

// The policy's decision (intake, dispatch, deadlines) into decision_, shown to the observer;
// a ticket that reaches no unit is counted here.
bool TicketNetwork::decide(const Ticket& t) {
  policy_.decide_into(t, decision_);
  if (observer_) observer_(t, decision_);
  if (decision_.manual || (decision_.route == IntakeRoute::Ticket && decision_.lead == kNoUnit)) {
    ++r_.manual;
    if (r_.manual_queue.size() < TicketNetworkResult::kSampleCap) r_.manual_queue.push_back(t.id);
    return false;
  }
  if (decision_.route == IntakeRoute::Merged) { ++r_.merged; return false; }
  if (decision_.route != IntakeRoute::Ticket) { ++r_.routed; return false; }
  return true;
}

// Acceptance by the lead (duty post, A/B posts), and a return when it was dispatched wrongly.
void TicketNetwork::accept_or_return(Flow& f) {
  f.away = f.d.away < spec_.a_away;
  f.reply_by = decision_.reply_by;
  f.lead = decision_.lead;
  f.dispatched = f.created;
  f.accepted = accept_after(f.created, f.d.accept, f.urgent, f.away, f.lead);
  f.in_time = decision_.accept_by == kNoTime || f.accepted <= decision_.accept_by;
  const double wrong =
      tuning_[f.lead] && tuning_[f.lead]->wrong_dispatch >= 0 ? tuning_[f.lead]->wrong_dispatch : spec_.wrong_dispatch;
  if (f.d.wrong < wrong && f.accepted != kNever) ask_return(f);
  f.life.dispatched = f.dispatched;
}

// Wrong dispatch: the lead asks to return it within the window; the rules review [SL24 §14].
void TicketNetwork::ask_return(Flow& f) {
  ReturnRequest rq;
  rq.dispatched = f.created;
  rq.requested = decision_.return_by != kNoTime ? std::min(f.accepted, decision_.return_by) : f.accepted;
  rq.type = f.t.type;
  rq.urgency = f.t.urgency;
  const ReturnReview review = policy_.review_return(rq);
  if (!review.accepted) {
    ++f.period.extra[f.lead].returns_refused;
    return;
  }
  ++f.period.extra[f.lead].returns;
  ++r_.returns;
  ++f.returns;
  // Re-dispatch: where unclear matters go, else the county of the place, else keep.
  const UnitIndex county = org_.find(f.t.district);
  const UnitIndex to = decision_.escalate_to != kNoUnit            ? decision_.escalate_to
                       : county != kNoUnit && county != f.lead ? county
                                                                 : f.lead;
  if (f.reply_by != kNoTime) f.reply_by += rq.requested - f.created;  // the limit restarts
  f.lead = to;
  f.dispatched = rq.requested;
  f.life.return_at = rq.requested;
  f.accepted = accept_after(f.dispatched, f.d.accept2, f.urgent, f.away, f.lead);
  f.in_time = true;  // judged on the first unit's acceptance
}

double TicketNetwork::mean_hours(const Flow& f, UnitIndex u, bool district) const {
  return (district ? spec_.handling_mean_h_district : spec_.handling_mean_h_department) *
         (tuning_[u] ? tuning_[u]->handling_scale : 1.0) * f.cat_scale;
}

double TicketNetwork::lognormal(double mean, double z) const { return mean * std::exp(sigma_ * z - sigma_ * sigma_ / 2); }

// When a handler of unit u takes work ready at `ready` (its handlers are created on first use).
Time TicketNetwork::take_handler(UnitIndex u, bool district, Time ready) {
  auto& h = handlers_[u];
  if (h.empty())
    for (int i = 0; i < (district ? spec_.handlers_district : spec_.handlers_department); ++i) h.push(kNoTime);
  const Time at = std::max(ready, h.top());
  h.pop();
  return at;
}

// The reply waits for every part, then for the rework when the platform sends it back.
void TicketNetwork::combine(Flow& f) const {
  f.parts_end = f.own_end;
  for (const CoPart& p : co_) f.parts_end = std::max(f.parts_end, p.end);
  f.reply = f.rework_drawn && f.parts_end <= cutoff_ ? work_end(f.parts_end, f.rework_h) : f.parts_end;
}

// Urging's effect (urging.speedup): an urge at `at` shortens the work remaining after it.
Time TicketNetwork::shorten(Time from, Time end, Time at) const {
  if (end == kNever || end <= at) return end;
  const Time f = std::max(from, at);
  return f >= cutoff_ ? end : work_end(f, keep_ * cal_.working_hours_between(f, end));
}

// An urge at `at` shortens every part still running, or the rework under way.
void TicketNetwork::urge_work(Flow& f, Time at) {
  if (at >= f.parts_end) {
    f.reply = shorten(f.parts_end, f.reply, at);
    return;
  }
  f.own_end = shorten(f.start, f.own_end, at);
  for (CoPart& p : co_) p.end = shorten(p.start, p.end, at);
  combine(f);
}

// Handling: a free handler of the lead, lognormal working hours by unit scale; the
// co-handlers' parts; the platform's review of the reply [SL24 §13]: a share is sent back,
// and the lead's handler reworks it for a share of the original work; the first urge.
void TicketNetwork::work(Flow& f) {
  const bool county = is_county(org_.unit(f.lead));
  f.tune = tuning_[f.lead];
  const auto cat = category_scale_.empty() ? category_scale_.end() : category_scale_.find(f.t.category);
  f.cat_scale = cat != category_scale_.end() ? cat->second : 1.0;
  f.mean_h = mean_hours(f, f.lead, county);
  f.hours = lognormal(f.mean_h, f.returns ? f.d.handling2_z : f.d.handling_z);
  f.start = take_handler(f.lead, county, f.accepted);
  // Work starting after the cut-off ends after it: its exact time is not needed (and may lie
  // beyond the loaded calendar years).
  f.own_end = work_end(f.start, f.hours);
  co_handle(f);
  f.rework_drawn = f.d.review < spec_.review_rework;
  f.rework_h = spec_.rework_share * f.hours;
  combine(f);
  // Urging (催办) at `urging.at` of the original limit.
  if (keep_ < 1 && f.reply_by != kNoTime && spec_.urge_at > 0) {
    const Time u = f.dispatched + Time(spec_.urge_at * double(f.reply_by - f.dispatched));
    if (u < f.reply && u <= cutoff_) urge_work(f, u);
  }
  ++f.counts().handled;
  if (f.in_time) ++f.counts().accepted_in_time;
}

// Co-handling (协办) [XA23 三(一)3]: dispatched at once with the lead, each co-handling unit
// accepts and works on its part (co_handling.share of its own handling mean) with its own
// handlers; the lead answers for the whole (主办单位负总责) and replies when every part is
// done. Their draws come from the ticket's own co-handling stream, k-th unit k-th draws.
void TicketNetwork::co_handle(Flow& f) {
  co_.clear();
  if (spec_.co_share <= 0 || decision_.co_units.empty()) return;
  Stream cs(mix64(seed_ ^ mix64(f.key)), "ticket.co");
  for (const UnitIndex cu : decision_.co_units) {
    const double ua = cs.uniform(), z = cs.normal();
    if (cu == f.lead) continue;  // a return sent the ticket to this co-handler: its part is the lead's work
    const bool dist = is_county(org_.unit(cu));
    const Time cacc = accept_after(f.created, ua, f.urgent, false, cu);
    const Time cst = take_handler(cu, dist, cacc);
    co_.push_back({cu, cst, work_end(cst, spec_.co_share * lognormal(mean_hours(f, cu, dist), z))});
  }
}

// The reply against the limit: extensions when the work will overrun, urges after the
// (extended) limit every urging.every_days while open, the rework, and the handlers freed.
void TicketNetwork::reply_or_extension(Flow& f) {
  f.limit_by = f.reply_by;
  if (f.reply_by != kNoTime && f.reply > f.reply_by && decision_.max_extensions > 0 &&
      f.d.extension < spec_.extension_request)
    ask_extensions(f);
  if (keep_ < 1 && f.reply_by != kNoTime && urge_every_ > 0)
    for (Time u = f.reply_by + urge_every_; u < f.reply && u <= cutoff_; u += urge_every_) urge_work(f, u);
  const bool reworked = f.rework_drawn && f.parts_end <= cutoff_;
  if (reworked) {
    f.life.rework_at = f.parts_end;
    ++f.extra().reworks;
    ++r_.reworks;
  }
  free_handlers(f, reworked);
}

// Extensions [SL24 §16]: the unit asks an hour before the limit (or, for `extension_late` of
// the units, an hour after it), with the citizen's consent or not; the rules approve or
// refuse each request. An approved one adds the original limit again; a refusal ends the asking.
void TicketNetwork::ask_extensions(Flow& f) {
  UnitExtraCounts& x = f.extra();
  const Time span = std::max<Time>(f.reply_by - f.dispatched, 3600);
  ExtensionRequest rq;
  rq.dispatched = f.dispatched;
  rq.type = f.t.type;
  rq.urgency = f.t.urgency;
  rq.citizen_consent = f.d.extension_consent < spec_.extension_consent;
  const bool late_ask = f.d.extension_late < spec_.extension_late;
  while (f.reply > f.reply_by && f.extensions < decision_.max_extensions) {
    rq.reply_by = f.reply_by;
    rq.requested = std::max(f.dispatched, f.reply_by + (late_ask ? 3600 : -3600));
    rq.granted_before = f.extensions;
    if (!policy_.review_extension(rq).approved) {
      ++x.extensions_refused;
      ++r_.extensions_refused;
      break;
    }
    f.reply_by += span, ++f.extensions;
  }
  x.extensions += f.extensions;
  r_.extensions += std::uint64_t(f.extensions);
}

// The lead's handler is busy for its own part, and for the rework when there is one; each
// co-handler's for its part, counted for that unit.
void TicketNetwork::free_handlers(const Flow& f, bool reworked) {
  handlers_[f.lead].push(reworked ? f.reply : f.own_end);
  for (const CoPart& p : co_) {
    handlers_[p.unit].push(p.end);
    UnitExtraCounts& cx = f.period.extra[p.unit];
    ++cx.co_handled;
    ++r_.co_handled;
    // A part finished after the lead's (extended) limit made the reply late (known when the
    // limit has passed by the cut-off).
    if (f.reply_by != kNoTime && f.reply_by < cutoff_ && p.end > f.reply_by) ++cx.co_late, ++r_.co_late;
  }
}

// Urging (催办): at `urging.at` of the original limit, then every `urging.every_days` after
// the (extended) limit, while the ticket is open.
TicketNetwork::LifePhase TicketNetwork::life_phase(Time from, Time limit, Time by, Time done) const {
  LifePhase p;
  p.from = from;
  p.by = by;
  if (limit != kNoTime && spec_.urge_at > 0) p.first_urge = from + Time(spec_.urge_at * double(limit - from));
  p.end = std::min(done, cutoff_);
  p.open_at_cutoff = done > cutoff_;
  return p;
}

// The citizen's evaluation of a reply; a late one costs satisfaction.
Satisfaction TicketNetwork::satisfaction(const Flow& f, double u, bool late) const {
  const double sat0 = f.tune && f.tune->satisfied >= 0 ? f.tune->satisfied : spec_.satisfied;
  const double basic =
      f.tune && f.tune->basically_satisfied >= 0 ? f.tune->basically_satisfied : spec_.basically_satisfied;
  const double sat = std::max(0.0, sat0 - (late ? spec_.late_penalty : 0));
  return u < sat ? Satisfaction::Satisfied : u < sat + basic ? Satisfaction::BasicallySatisfied : Satisfaction::Unsatisfied;
}

// Closed by the cut-off: on time or late, the evaluation (after a reopening, the last one by
// the cut-off); else open at the cut-off: overdue if its (extended) limit has passed.
void TicketNetwork::evaluate(Flow& f) {
  f.life.phase[0] = life_phase(f.dispatched, f.limit_by, f.reply_by, f.reply);
  UnitPeriodCounts& c = f.counts();
  if (f.reply > cutoff_) {
    ++r_.open_end;
    if (f.reply_by != kNoTime && f.reply_by < cutoff_) ++c.overdue_open, ++r_.overdue_open;
    return;
  }
  ++r_.closed;
  ++c.closed;
  ++c.resolved;
  const bool late = f.reply_by != kNoTime && f.reply > f.reply_by;
  ++(late ? c.late : c.on_time);
  f.life.reply = f.reply;
  f.life.sat1 = f.final_sat = satisfaction(f, f.d.satisfaction, late);
  if (f.final_sat == Satisfaction::Unsatisfied && f.d.reopen < spec_.reopen) reopen(f);
  ++(f.final_sat == Satisfaction::Satisfied            ? c.satisfied
     : f.final_sat == Satisfaction::BasicallySatisfied ? c.basically_satisfied
                                                       : c.unsatisfied);
}

// Reopening (重办) of an unsatisfied ticket [SL24 §22]: back to the unit with the original
// limit, worked at once (no handler queue), evaluated again. On time or late stays judged on
// the first reply.
void TicketNetwork::reopen(Flow& f) {
  ++f.extra().reopens;
  ++r_.reopens;
  const Time span = decision_.reply_by != kNoTime ? decision_.reply_by - f.created : 0;
  const Time by2 = span > 0 ? f.reply + span : kNoTime;
  Time reply2 = work_end(f.reply, lognormal(f.mean_h, f.d.reopen_z));
  if (keep_ < 1 && by2 != kNoTime) {
    if (spec_.urge_at > 0) {
      const Time u = f.reply + Time(spec_.urge_at * double(by2 - f.reply));
      if (u < reply2 && u <= cutoff_) reply2 = shorten(f.reply, reply2, u);
    }
    if (urge_every_ > 0)
      for (Time u = by2 + urge_every_; u < reply2 && u <= cutoff_; u += urge_every_) reply2 = shorten(f.reply, reply2, u);
  }
  f.life.phase[1] = life_phase(f.reply, by2, by2, reply2);
  f.life.phases = 2;
  if (reply2 <= cutoff_) {
    f.life.reply2 = reply2;
    f.life.sat2 = f.final_sat = satisfaction(f, f.d.satisfaction2, by2 != kNoTime && reply2 > by2);
  }
}

// The ticket's life as recorded: urges counted, escalations, and the life observer.
void TicketNetwork::record_life(const Flow& f) {
  int urges = 0;
  for (int p = 0; p < f.life.phases; ++p) urges += urges_upto(f.life.phase[p], cutoff_);
  f.extra().urges += urges;
  r_.urges += std::uint64_t(urges);

  escalations(f);

  if (!life_observer_) return;
  TicketLife l;
  l.ticket = &f.t;
  l.lead = f.lead;
  l.dispatched = f.dispatched;
  l.accepted = f.accepted;
  l.started = f.start;
  l.reply = f.reply;
  l.reply_by = f.reply_by;
  l.reopen_reply = f.life.phases == 2 ? (f.life.reply2 ? f.life.reply2 : kNever) : 0;
  l.lead_done = f.own_end;
  l.co_parts = int(co_.size());
  for (const CoPart& p : co_) l.co_done = std::max(l.co_done, p.end);
  l.returns = f.returns;
  l.extensions = f.extensions;
  l.urges = urges;
  l.away = f.away;
  l.reworked = f.life.rework_at != kNoTime;
  l.reopened = f.life.phases == 2;
  l.satisfaction = f.final_sat;
  life_observer_(l);
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
struct TicketNetwork::Escalation {
  Escalation(TicketNetwork& n, const Flow& flow) : net(n), f(flow) {}
  TicketNetwork& net;
  const Flow& f;
  const Life& l = f.life;
  const bool unclear = net.decision_.escalate_to != kNoUnit;
  const int urges0 = net.urges_upto(l.phase[0], net.cutoff_);
  EscalationResult e;  // the last call's result
  bool any = false;    // some anomaly was reported

  // A policy that escalates without naming a rule counts as one unnamed rule ("").
  static const std::string& unnamed() {
    static const std::string kUnnamed;
    return kUnnamed;
  }
  bool reported(const std::string& rule) const {
    return std::find(net.reported_.begin(), net.reported_.end(), rule) != net.reported_.end();
  }
  bool fires_new(const TicketStatus& st) {
    e = net.policy_.escalate(st);
    if (!e.escalate) return false;
    if (e.reasons.empty()) return !reported(unnamed());
    for (const TraceStep& r : e.reasons)
      if (!reported(r.rule)) return true;
    return false;
  }
  void report(AnomalyReason why, Time at) {
    const std::string* first = nullptr;
    if (e.reasons.empty()) {
      first = &unnamed();
      net.reported_.push_back(unnamed());
    }
    for (const TraceStep& r : e.reasons)
      if (!reported(r.rule)) {
        if (!first) first = &r.rule;
        net.reported_.push_back(r.rule);
      }
    any = true;
    ++f.extra().anomalies;
    TicketNetworkResult& r = net.r_;
    ++r.anomalies_by_reason[std::size_t(why)];
    if (r.anomalies.size() < TicketNetworkResult::kSampleCap)
      r.anomalies.push_back({f.t.id, f.lead, why, first ? *first : std::string(), at});
  }
  TicketStatus status(int p, Time now) const {
    TicketStatus st;
    st.now = now;
    st.dispatched = l.dispatched;
    st.reply_by = l.phase[p].by;
    st.returns = (l.return_at != kNoTime && l.return_at <= now) + (l.rework_at != kNoTime && l.rework_at <= now) + p;
    st.urges = p == 0 ? net.urges_upto(l.phase[0], now) : urges0 + net.urges_upto(l.phase[1], now);
    st.unclear = unclear;
    return st;
  }
  bool is_working(DayNumber day) const { return net.cal_.is_working_day(day); }
  // Checkpoints in (from, end) of phase p: working-day ends, urges, the return and the
  // rework; the reopening at `from` (phase 1); the cut-off when still open.
  Time next_scan(const LifePhase& ph, Time at) const {  // first working-day end >= at, < end
    DayNumber day = cst_day(at);
    if (cst_midnight(day) == at && at > ph.from && is_working(day - 1)) return at;
    for (; cst_midnight(day + 1) < ph.end; ++day)
      if (cst_midnight(day + 1) > ph.from && is_working(day)) return cst_midnight(day + 1);
    return kNoTime;
  }
  Time next_urge(const LifePhase& ph, Time at) const {
    const Time every = net.urge_every_;
    if (ph.first_urge != kNoTime && ph.first_urge >= at && ph.first_urge < ph.end) return ph.first_urge;
    if (ph.by == kNoTime || every <= 0) return kNoTime;
    const Time k = at <= ph.by ? 1 : std::max<Time>(1, (at - ph.by + every - 1) / every);
    const Time u = ph.by + k * every;
    return u < ph.end ? u : kNoTime;
  }
  static Time earliest(Time a, Time b) { return a == kNoTime ? b : b == kNoTime ? a : std::min(a, b); }
  Time next_checkpoint(int p, Time at) const {
    const LifePhase& ph = l.phase[p];
    Time c = earliest(next_scan(ph, at), next_urge(ph, at));
    for (Time ev : {l.return_at, l.rework_at, p == 1 ? ph.from : kNoTime})
      if (ev != kNoTime && ev >= at && ev < ph.end) c = earliest(c, ev);
    if (ph.open_at_cutoff && c == kNoTime) c = ph.end;
    return c;
  }
  // The last checkpoint: the cut-off if open, else the latest of the others.
  Time last_checkpoint(int p) const {
    const LifePhase& ph = l.phase[p];
    if (ph.open_at_cutoff) return ph.end;
    Time last = kNoTime;
    for (DayNumber day = cst_day(ph.end - 1) - 1; cst_midnight(day + 1) > ph.from; --day)
      if (is_working(day)) { last = cst_midnight(day + 1); break; }
    const Time every = net.urge_every_;
    if (ph.by != kNoTime && every > 0 && ph.end - 1 > ph.by) {
      const Time u = ph.by + (ph.end - 1 - ph.by) / every * every;
      if (u > ph.by) last = std::max(last, u);  // kNoTime is the smallest Time
    }
    for (Time ev : {ph.first_urge, l.return_at, l.rework_at, p == 1 ? ph.from : kNoTime})
      if (ev != kNoTime && ev >= ph.from && ev < ph.end) last = std::max(last, ev);
    return last;
  }
  // The events and daily scans of phase p, each new firing reported at its checkpoint.
  void scan(int p) {
    const LifePhase& ph = l.phase[p];
    const Time last = last_checkpoint(p);
    Time lo = ph.from - 1;  // nothing new fires at or before lo
    while (last != kNoTime && last > lo && fires_new(status(p, last))) {
      // Bisect (lo, last] down to a day, then walk that day's checkpoints.
      Time a = lo, b = last;
      while (b - a > kSecondsPerDay) {
        const Time m = a + (b - a) / 2;
        (fires_new(status(p, m)) ? b : a) = m;
      }
      Time cp = next_checkpoint(p, a + 1);
      while (cp != kNoTime && cp < last && !fires_new(status(p, cp))) cp = next_checkpoint(p, cp + 1);
      if (cp == kNoTime || cp > last) cp = last;
      const TicketStatus st = status(p, cp);
      if (!fires_new(st)) { lo = cp; continue; }  // (a policy that is not monotone)
      const bool overdue = ph.by != kNoTime && cp > ph.by;
      const bool returned = cp == l.return_at || cp == l.rework_at || (p == 1 && cp == ph.from);
      const bool urged = cp == next_urge(ph, cp);
      AnomalyReason why = overdue ? AnomalyReason::SeriouslyOverdue : AnomalyReason::Other;
      if (returned && st.returns >= 2) why = AnomalyReason::ReturnedTwice;
      else if (urged && st.urges >= 3) why = AnomalyReason::UrgedRepeatedly;
      report(why, cp);
      lo = cp;
    }
  }
  // The evaluation at the reply of phase p.
  void at_reply(int p) {
    const LifePhase& ph = l.phase[p];
    if (ph.open_at_cutoff) return;
    TicketStatus st = status(p, ph.end);
    st.closed = true;
    st.satisfaction = p == 0 ? l.sat1 : l.sat2;
    if (fires_new(st))
      report(st.satisfaction == Satisfaction::Unsatisfied ? AnomalyReason::Unsatisfied
             : st.returns >= 2                              ? AnomalyReason::ReturnedTwice
                                                            : AnomalyReason::Other,
             ph.end);
  }
};

void TicketNetwork::escalations(const Flow& f) {
  reported_.clear();
  Escalation esc(*this, f);
  for (int p = 0; p < f.life.phases; ++p) {
    esc.scan(p);
    esc.at_reply(p);
  }
  if (esc.any) ++f.extra().escalations, ++r_.escalations;
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
