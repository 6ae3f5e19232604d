// The ticket network (sim/ticket_network.hpp): per-ticket life computed at arrival on the
// working calendar [SL24 §12-§14, §32; SL24 bulletin]. See docs/tickets.md.
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

bool is_county(const Unit& u) { return u.kind == UnitKind::District || u.kind == UnitKind::Zone; }
}  // namespace

// Every draw of one ticket, made up front in a fixed order (common random numbers).
struct TicketNetwork::Draws {
  double category, district, urgent, caller, type, accept, wrong, extension, satisfaction, accept2;
  double handling_z, handling2_z;
  explicit Draws(Stream& s)
      : category(s.uniform()), district(s.uniform()), urgent(s.uniform()), caller(s.uniform()), type(s.uniform()),
        accept(s.uniform()), wrong(s.uniform()), extension(s.uniform()), satisfaction(s.uniform()),
        accept2(s.uniform()), handling_z(s.normal()), handling2_z(s.normal()) {}
};

TicketNetwork::TicketNetwork(const ScenarioConfig& sc, Policy& policy, const OrgGraph& org, const WorkCalendar& cal,
                             std::uint64_t seed)
    : sc_(sc), spec_(sc.tickets), policy_(policy), org_(org), cal_(cal), seed_(seed),
      end_(sc.start + Time(sc.days) * kSecondsPerDay),
      cutoff_(end_ + Time(sc.tickets.follow_up_days) * kSecondsPerDay), online_stream_(seed, "tickets.online"),
      handlers_(org.size()), tuning_(org.size(), nullptr) {
  if (spec_.categories.empty() || spec_.districts.empty())
    throw std::invalid_argument(sc.file + ": tickets: the category and district mixes are required");
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
  // The follow-up runs on the working calendar up to the cut-off.
  for (Time t : {sc.start, cutoff_ - 1})
    if (!cal.covers(date_of(cst_day(t)).year))
      throw InputError(sc.file, 0, "tickets.follow_up_days",
                       "the working calendar does not cover " + std::to_string(date_of(cst_day(t)).year) +
                           " (the horizon and its follow-up must lie in loaded calendar years)");
  r_.follow_up_end = cutoff_;
  const double rate = spec_.online_per_day / double(kSecondsPerDay);
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
  constexpr Time kNever = std::numeric_limits<Time>::max();
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
    process(ticket_, kOnlineKey | online_seq_++);
    next_online_ += online_stream_.exponential(1 / rate);
  }
}

void TicketNetwork::ticket(const TicketRequest& req) {
  online_until(req.time);
  if (req.time >= double(end_ - sc_.start)) return;
  ticket_.created = sc_.start + Time(req.time);
  ticket_.channel = Channel::Phone;
  ticket_.type = req.type;
  ++r_.from_calls;
  process(ticket_, req.call);
}

void TicketNetwork::process(Ticket& t, std::uint64_t key) {
  Stream s(mix64(seed_ ^ mix64(key)), "ticket");
  const Draws d(s);
  ++r_.created;
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
  t.dispatched = t.created;

  policy_.decide_into(t, decision_);
  if (observer_) observer_(t, decision_);
  if (decision_.manual || (decision_.route == IntakeRoute::Ticket && decision_.lead == kNoUnit)) {
    ++r_.manual;
    r_.manual_queue.push_back(t.id);
    return;
  }
  if (decision_.route == IntakeRoute::Merged) { ++r_.merged; return; }
  if (decision_.route != IntakeRoute::Ticket) { ++r_.routed; return; }

  const Time created = t.created;
  Time reply_by = decision_.reply_by;
  UnitIndex lead = decision_.lead;
  auto accept_after = [&](Time from, double u) {
    return spec_.accept_mean_h > 0 ? work_end(from, -spec_.accept_mean_h * std::log(u)) : from;
  };
  // Everything about the ticket counts in the month it was dispatched [SL24 bulletin].
  TicketPeriod& period = r_.periods[std::size_t(std::max(0, period_of(created)))];
  Time dispatched = created;
  Time accepted = accept_after(created, d.accept);
  bool in_time = decision_.accept_by == kNoTime || accepted <= decision_.accept_by;
  int returns = 0;

  // Wrong dispatch: the lead asks to return it within the window; the rules review [SL24 §14].
  if (d.wrong < spec_.wrong_dispatch) {
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
      accepted = accept_after(dispatched, d.accept2);
      in_time = true;  // judged on the first unit's acceptance above
    } else {
      ++period.extra[lead].returns_refused;
    }
  }

  // Handling: a free handler of the lead, lognormal working hours by unit scale.
  const Unit& unit = org_.unit(lead);
  const bool county = is_county(unit);
  const TicketSpec::UnitTuning* tune = tuning_[lead];
  const double mean_h = (county ? spec_.handling_mean_h_district : spec_.handling_mean_h_department) *
                        (tune ? tune->handling_scale : 1.0);
  const double sigma = std::sqrt(std::log1p(spec_.handling_cv * spec_.handling_cv));
  const double hours = mean_h * std::exp(sigma * (returns ? d.handling2_z : d.handling_z) - sigma * sigma / 2);
  auto& heap = handlers_[lead];
  if (heap.empty())
    for (int i = 0; i < (county ? spec_.handlers_district : spec_.handlers_department); ++i) heap.push(kNoTime);
  const Time start = std::max(accepted, heap.top());
  heap.pop();
  // Work starting after the cut-off ends after it: its exact time is not needed (and may lie
  // beyond the loaded calendar years).
  const Time reply = work_end(start, hours);
  heap.push(reply);

  UnitPeriodCounts& c = period.units[lead];
  UnitExtraCounts& x = period.extra[lead];
  ++c.handled;
  if (in_time) ++c.accepted_in_time;

  // Extensions when the work will overrun, each adding the original limit [SL24 §13].
  if (reply_by != kNoTime && reply > reply_by && decision_.max_extensions > 0 && d.extension < spec_.extension_request) {
    const Time span = std::max<Time>(reply_by - dispatched, 3600);
    int n = 0;
    while (reply > reply_by && n < decision_.max_extensions) reply_by += span, ++n;
    x.extensions += n;
    r_.extensions += std::uint64_t(n);
  }

  TicketStatus st;
  st.dispatched = dispatched;
  st.reply_by = reply_by;
  st.returns = returns;
  if (reply <= cutoff_) {
    ++r_.closed;
    ++c.closed;
    ++c.resolved;
    const bool late = reply_by != kNoTime && reply > reply_by;
    ++(late ? c.late : c.on_time);
    const double sat0 = tune && tune->satisfied >= 0 ? tune->satisfied : spec_.satisfied;
    const double basic = tune && tune->basically_satisfied >= 0 ? tune->basically_satisfied : spec_.basically_satisfied;
    const double sat = std::max(0.0, sat0 - (late ? spec_.late_penalty : 0));
    st.satisfaction = d.satisfaction < sat           ? Satisfaction::Satisfied
                      : d.satisfaction < sat + basic ? Satisfaction::BasicallySatisfied
                                                     : Satisfaction::Unsatisfied;
    ++(st.satisfaction == Satisfaction::Satisfied            ? c.satisfied
       : st.satisfaction == Satisfaction::BasicallySatisfied ? c.basically_satisfied
                                                              : c.unsatisfied);
    st.now = reply;
    st.closed = true;
  } else {
    // Open at the cut-off: overdue if its (extended) limit has passed, else not yet due.
    ++r_.open_end;
    if (reply_by != kNoTime && reply_by < cutoff_) ++c.overdue_open, ++r_.overdue_open;
    st.now = cutoff_;
  }
  if (policy_.escalate(st).escalate) ++x.escalations, ++r_.escalations;
}

TicketNetworkResult TicketNetwork::finish() {
  online_until(kInf);
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
