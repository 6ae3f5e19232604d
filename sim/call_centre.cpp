// The call-centre model on the event kernel. Agents are counted per skill group, not
// tracked one by one: an agent's identity does not change any KPI, and counts make shift
// ends without preemption simple (the next agent of the group to finish leaves).
#include "sim/call_centre.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>

#include "sim/default_policy.hpp"
#include "sim/event_queue.hpp"
#include "sim/random.hpp"
#include "sim/traffic_replay.hpp"

namespace hotline::sim {

KpiCounters RunResult::interval_total(int interval) const {
  KpiCounters k;
  for (int s = 0; s < kSkills; ++s) k.add(at(interval, s));
  return k;
}

KpiCounters RunResult::total(std::vector<std::uint32_t>* h) const {
  KpiCounters k;
  for (const KpiCounters& c : kpi) k.add(c);
  // The longest queue over the run is the longest summed over the skills in any interval.
  k.max_queue = 0;
  for (int i = 0; i < intervals; ++i) k.max_queue = std::max(k.max_queue, interval_total(i).max_queue);
  if (h) {
    h->assign(kWaitBins, 0);
    for (std::size_t i = 0; i < wait_hist.size(); ++i) (*h)[i % kWaitBins] += wait_hist[i];
  }
  return k;
}

KpiCounters RunResult::skill_total(int skill) const {
  KpiCounters k;
  for (int i = 0; i < intervals; ++i) k.add(at(i, skill));
  return k;
}

namespace {

enum EventKind : std::uint32_t { kArrival, kIvrDone, kAbandon, kOverflow, kAgentFree, kInterval, kDay, kShift, kRedial };
// At equal times: staffing changes first, then agents becoming free, then callers.
constexpr std::uint8_t kPrioStaff = 0, kPrioAgent = 1, kPrioCaller = 2;
constexpr double kCallbackAttemptS = 30;  // an unanswered call-back attempt occupies the agent
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

struct CallRec {
  double offered_at = 0;  // time the call entered the agent queue
  double talk_s = 0, wrap_s = 0, patience_s = 0;
  double u_accept = 1;    // caller's draw for accepting a diversion offer
  EventHandle abandon, overflow;
  std::uint32_t gen = 0;  // bumped when the record is freed; queue entries check it
  std::uint32_t next_free = kNone;
  std::int32_t interval = 0;  // offered interval
  std::uint64_t seq = 0;      // the call's sequence number in the run (its tickets' key)
  SkillQueue skill = SkillQueue::General;
  RequestType type = RequestType::Help;
  bool direct = false;    // answered directly (no ticket) if answered
  bool waiting = false;
  bool redial = false;
};

struct QueueEntry {
  std::uint32_t call, gen;
};

class Model {
 public:
  Model(const ScenarioConfig& sc, const RunOptions& opt);
  RunResult run();

 private:
  // Entities.
  std::uint32_t new_call();
  void free_call(std::uint32_t c);
  void arrive(SkillQueue skill, double talk_override, bool redial);
  void offer(std::uint32_t c);
  void start_service(std::uint32_t c, int group);
  void abandon(std::uint32_t c);
  bool try_dispatch(int group);
  void dispatch_all();
  int pick_queue(int group);
  void agent_free(int group);
  void set_target(int group, int target);
  void schedule_next_arrival();
  // Events of run()'s loop.
  void on_arrival();
  void on_interval(bool shifts);
  void on_day();
  void on_shift(std::uint32_t target);
  // Accounting.
  void account();
  void close_interval();
  KpiCounters& kpi(int interval, SkillQueue s) { return res_.kpi[std::size_t(interval * kSkills + int(s))]; }

  const ScenarioConfig& sc_;
  RunOptions opt_;
  // Day type of each horizon day d at [d + 1], and of the day before the horizon at [0]
  // (its shifts may run into the first day).
  std::vector<DayType> day_types_;
  DayType day_type(int d) const { return day_types_[std::size_t(d + 1)]; }
  std::unique_ptr<Policy> own_policy_;
  Policy* policy_;
  EventQueue q_;
  double now_ = 0, horizon_ = 0;
  RunResult res_;

  // Streams: one per model part (common random numbers across variants).
  Stream s_arrival_, s_skill_, s_ivr_, s_patience_, s_talk_, s_wrap_, s_outcome_, s_divert_,
      s_redial_, s_callback_, s_busyness_;
  std::array<Distribution, kSkills> talk_;
  Distribution wrap_, patience_, ivr_, redial_delay_, callback_talk_;
  std::optional<PiecewisePoisson> profile_;
  std::unique_ptr<CallReplay> replay_;
  std::optional<ReplayCall> pending_replay_;
  double skill_cdf_[kSkills] = {};
  static constexpr int kTypes = int(RequestType::Count);
  double type_cdf_[kTypes] = {};
  bool by_type_ = false;
  double mean_handle_s_ = 0;

  std::vector<CallRec> calls_;
  std::uint32_t free_head_ = kNone;
  std::size_t live_calls_ = 0;
  std::uint64_t call_seq_ = 0;

  std::array<std::deque<QueueEntry>, kSkills> queue_;
  std::array<int, kSkills> waiting_{}, on_duty_{}, idle_{}, target_{};
  std::array<double, kSkills> busy_acc_{}, staffed_acc_{};
  double last_account_ = 0;
  int interval_ = 0;  // current wall-clock interval
  std::deque<double> callbacks_;  // deadlines of missed calls awaiting a call-back, FIFO
  bool ask_policy_ = false;  // a policy was given, or the default one can divert
};

Model::Model(const ScenarioConfig& sc, const RunOptions& opt)
    : sc_(sc), opt_(opt), q_(4096),
      s_arrival_(opt.seed, "arrivals"), s_skill_(opt.seed, "skill"), s_ivr_(opt.seed, "ivr"),
      s_patience_(opt.seed, "patience"), s_talk_(opt.seed, "talk"), s_wrap_(opt.seed, "wrap"),
      s_outcome_(opt.seed, "outcome"), s_divert_(opt.seed, "diversion"), s_redial_(opt.seed, "redial"),
      s_callback_(opt.seed, "callback"), s_busyness_(opt.seed, "busyness") {
  if (sc.interval_s <= 0 || kSecondsPerDay % sc.interval_s != 0)
    throw std::invalid_argument("interval must divide a day");
  if (sc.days < 1) throw std::invalid_argument("days must be >= 1");
  // Day types from the working calendar [statutory holidays, make-up working days].
  {
    const WorkCalendar& cal = opt.calendar ? *opt.calendar : WorkCalendar::national_shared();
    const std::vector<DayType> horizon = sc.day_types(cal);  // throws naming an uncovered year
    const DayNumber before = cst_day(sc.start) - 1;
    DayType first;
    try {
      first = cal.day_type(before);
    } catch (const CalendarRangeError&) {  // only the spill-over of the previous day's shifts
      first = is_weekend(before) ? DayType::Weekend : DayType::Weekday;
    }
    day_types_.push_back(first);
    day_types_.insert(day_types_.end(), horizon.begin(), horizon.end());
  }
  policy_ = opt.policy;
  ask_policy_ = opt.policy != nullptr || (sc.divert_queue_at_least > 0 && sc.divert_offer != DiversionOffer::KeepWaiting);
  if (!policy_) {
    own_policy_ = std::make_unique<DefaultPolicy>(sc.divert_offer, sc.divert_queue_at_least);
    policy_ = own_policy_.get();
  }
  for (int s = 0; s < kSkills; ++s) talk_[std::size_t(s)] = Distribution(sc.skills[std::size_t(s)].talk);
  wrap_ = Distribution(sc.wrap);
  patience_ = Distribution(sc.patience);
  ivr_ = Distribution(sc.ivr_time);
  redial_delay_ = Distribution(sc.redial_delay);
  callback_talk_ = Distribution(sc.callback_talk);
  double share_sum = 0;
  for (int s = 0; s < kSkills; ++s) share_sum += sc.skills[std::size_t(s)].share;
  if (!(share_sum > 0)) throw std::invalid_argument("skill shares must add up to more than 0");
  double cum = 0;
  for (int s = 0; s < kSkills; ++s) {
    cum += sc.skills[std::size_t(s)].share / share_sum;
    skill_cdf_[s] = cum;
    mean_handle_s_ += sc.skills[std::size_t(s)].share / share_sum * talk_[std::size_t(s)].expected();
  }
  skill_cdf_[kSkills - 1] = 1.0;
  double type_sum = 0;
  for (double x : sc.request_share) type_sum += x;
  by_type_ = type_sum > 0;
  cum = 0;
  for (int t = 0; t < kTypes && by_type_; ++t) {
    cum += sc.request_share[std::size_t(t)] / type_sum;
    type_cdf_[t] = cum;
  }
  type_cdf_[kTypes - 1] = 1.0;
  mean_handle_s_ += wrap_.expected() * sc.wrap_multiplier;

  const int n = sc.intervals(), ipd = sc.intervals_per_day();
  horizon_ = double(n) * sc.interval_s;
  res_.intervals = n;
  res_.interval_s = sc.interval_s;
  res_.kpi.assign(std::size_t(n) * kSkills, KpiCounters{});
  res_.wait_hist.assign(std::size_t(n) * kWaitBins, 0);
  if (sc.traffic == ScenarioConfig::Traffic::Profile) {
    std::vector<double> rates(static_cast<std::size_t>(n));
    for (int d = 0; d < sc.days; ++d) {
      const auto& prof = sc.profile_for(day_type(d));
      const double cv = sc.day_busyness_cv;
      const double busy = cv > 0 ? s_busyness_.gamma(1 / (cv * cv), cv * cv) : 1.0;
      for (int i = 0; i < ipd; ++i)
        rates[std::size_t(d * ipd + i)] = prof[std::size_t(i)] * sc.scale * busy / sc.interval_s;
    }
    profile_.emplace(0.0, double(sc.interval_s), std::move(rates));
  } else {
    replay_ = std::make_unique<CallReplay>(sc.replay_db, sc.start, sc.start + Time(horizon_));
  }
  calls_.reserve(1024);
}

std::uint32_t Model::new_call() {
  std::uint32_t c;
  if (free_head_ != kNone) {
    c = free_head_;
    free_head_ = calls_[c].next_free;
  } else {
    c = std::uint32_t(calls_.size());
    calls_.push_back(CallRec{});
  }
  CallRec& r = calls_[c];
  const std::uint32_t gen = r.gen;
  r = CallRec{};
  r.gen = gen;
  r.seq = ++call_seq_;
  ++live_calls_;
  res_.peak_calls = std::max(res_.peak_calls, live_calls_);
  return c;
}

void Model::free_call(std::uint32_t c) {
  calls_[c].gen++;
  calls_[c].waiting = false;
  calls_[c].next_free = free_head_;
  free_head_ = c;
  --live_calls_;
}

void Model::account() {
  const double dt = now_ - last_account_;
  if (dt > 0) {
    for (int g = 0; g < kSkills; ++g) {
      busy_acc_[std::size_t(g)] += double(on_duty_[std::size_t(g)] - idle_[std::size_t(g)]) * dt;
      staffed_acc_[std::size_t(g)] += double(on_duty_[std::size_t(g)]) * dt;
    }
  }
  last_account_ = now_;
}

void Model::close_interval() {
  account();
  if (interval_ < res_.intervals) {
    for (int g = 0; g < kSkills; ++g) {
      KpiCounters& k = kpi(interval_, SkillQueue(g));
      k.busy_agent_s += busy_acc_[std::size_t(g)];
      k.staffed_agent_s += staffed_acc_[std::size_t(g)];
    }
  }
  busy_acc_.fill(0);
  staffed_acc_.fill(0);
}

void Model::schedule_next_arrival() {
  if (profile_) {
    const double t = profile_->next(now_, s_arrival_);
    if (t < horizon_) q_.schedule(t, kArrival, 0, kPrioCaller);
    return;
  }
  ReplayCall rc;
  if (replay_->next(&rc)) {
    pending_replay_ = rc;
    q_.schedule(double(rc.arrival - sc_.start), kArrival, 0, kPrioCaller);
  } else {
    pending_replay_.reset();
  }
}

void Model::arrive(SkillQueue skill, double talk_override, bool redial) {
  const std::uint32_t c = new_call();
  CallRec& r = calls_[c];
  r.skill = skill;
  r.redial = redial;
  // Every attribute of the caller is drawn now, in arrival order, from its own stream.
  r.patience_s = patience_.mean > 0 || patience_.kind == DurationSpec::Kind::Empirical
                     ? patience_.sample(s_patience_) : std::numeric_limits<double>::infinity();
  r.talk_s = talk_override >= 0 ? talk_override : talk_[std::size_t(skill)].sample(s_talk_);
  r.wrap_s = wrap_.mean > 0 ? wrap_.sample(s_wrap_) * sc_.wrap_multiplier : 0.0;
  if (by_type_) {
    const double u = s_outcome_.uniform();
    int t = 0;
    while (t < kTypes - 1 && u >= type_cdf_[t]) ++t;
    r.type = RequestType(t);
    r.direct = s_outcome_.bernoulli(sc_.request_direct_share[std::size_t(t)]);
  } else {
    r.direct = s_outcome_.bernoulli(sc_.direct_answer_share);
  }
  if (ask_policy_) r.u_accept = s_divert_.uniform();
  double ivr = 0;
  if (ivr_.mean > 0 || ivr_.kind == DurationSpec::Kind::Empirical) ivr = ivr_.sample(s_ivr_);
  if (sc_.self_service_share > 0 || sc_.ivr_hangup_share > 0) {
    const double u = s_ivr_.uniform();
    if (u < sc_.self_service_share + sc_.ivr_hangup_share) {
      const int i = std::min(res_.intervals - 1, int(now_ / sc_.interval_s));
      if (u < sc_.self_service_share) kpi(i, skill).ivr_self_served++;
      else kpi(i, skill).ivr_hangups++;
      free_call(c);
      return;
    }
  }
  if (ivr > 0) {
    q_.schedule(now_ + ivr, kIvrDone, c, kPrioCaller);
    return;
  }
  offer(c);
}

void Model::offer(std::uint32_t c) {
  CallRec& r = calls_[c];
  if (now_ >= horizon_) {  // left the IVR after the horizon: never offered
    free_call(c);
    return;
  }
  r.offered_at = now_;
  r.interval = int(now_ / sc_.interval_s);
  const int s = int(r.skill);
  KpiCounters& k = kpi(r.interval, r.skill);
  k.offered++;
  if (r.redial) k.redials++;
  // An idle agent of the call's skill, or a general agent when overflow is immediate.
  if (idle_[std::size_t(s)] > 0) return start_service(c, s);
  if (s != 0 && sc_.overflow_after_s == 0 && idle_[0] > 0) return start_service(c, 0);
  // Diversion [XA23 智能分流]: the policy decides what to offer; a share accept.
  if (ask_policy_) {
    QueueState qs;
    qs.now = sc_.start + Time(now_);
    qs.skill = r.skill;
    qs.queue_length = waiting_[std::size_t(s)];
    qs.agents_free = idle_[std::size_t(s)];
    qs.agents_busy = on_duty_[std::size_t(s)] - idle_[std::size_t(s)];
    qs.expected_wait_s = (waiting_[std::size_t(s)] + 1) * mean_handle_s_ / std::max(1, on_duty_[std::size_t(s)]);
    const DiversionOffer o = policy_->divert(qs);
    if (o != DiversionOffer::KeepWaiting && r.u_accept < sc_.divert_accept_share) {
      k.diverted++;
      if ((o == DiversionOffer::VoiceMessage || o == DiversionOffer::Callback) && sc_.callbacks) {
        callbacks_.push_back(now_ + sc_.callback_within_s);
        dispatch_all();
      }
      free_call(c);
      return;
    }
  }
  r.waiting = true;
  k.queued++;
  queue_[std::size_t(s)].push_back({c, r.gen});
  const int w = ++waiting_[std::size_t(s)];
  KpiCounters& cur = kpi(std::min(interval_, res_.intervals - 1), r.skill);
  cur.max_queue = std::max<std::int64_t>(cur.max_queue, w);
  if (std::isfinite(r.patience_s)) r.abandon = q_.schedule_cancellable(now_ + r.patience_s, kAbandon, c, kPrioCaller);
  if (s != 0 && sc_.overflow_after_s > 0)
    r.overflow = q_.schedule_cancellable(now_ + sc_.overflow_after_s, kOverflow, c, kPrioCaller);
}

void Model::start_service(std::uint32_t c, int group) {
  CallRec& r = calls_[c];
  account();
  idle_[std::size_t(group)]--;
  const double wait = now_ - r.offered_at;
  if (r.waiting) {
    waiting_[std::size_t(r.skill)]--;
    q_.cancel(r.abandon);
    q_.cancel(r.overflow);
  }
  KpiCounters& k = kpi(r.interval, r.skill);
  k.answered++;
  k.wait_answered_s += wait;
  if (wait <= sc_.sl_threshold_s) k.answered_in_sl++;
  if (group != int(r.skill)) k.overflowed++;
  res_.wait_hist[std::size_t(r.interval) * kWaitBins + std::size_t(wait_bin(wait))]++;
  if (r.direct) {
    k.direct_answers++;
  } else {
    k.tickets++;
    if (opt_.sink) opt_.sink->ticket({now_ + r.talk_s, r.skill, r.type, r.seq});
  }
  q_.schedule(now_ + r.talk_s + r.wrap_s, kAgentFree, std::uint32_t(group), kPrioAgent);
  free_call(c);
}

void Model::abandon(std::uint32_t c) {
  CallRec& r = calls_[c];
  const double wait = now_ - r.offered_at;
  waiting_[std::size_t(r.skill)]--;
  q_.cancel(r.overflow);
  KpiCounters& k = kpi(r.interval, r.skill);
  k.abandoned++;
  k.wait_abandoned_s += wait;
  if (wait < sc_.short_abandon_s) k.short_abandoned++;
  if (sc_.redial_probability > 0 && s_redial_.bernoulli(sc_.redial_probability)) {
    const double at = now_ + redial_delay_.sample(s_redial_);
    if (at < horizon_) q_.schedule(at, kRedial, std::uint32_t(r.skill), kPrioCaller);
  }
  free_call(c);
  if (sc_.callbacks) {
    callbacks_.push_back(now_ + sc_.callback_within_s);
    dispatch_all();
  }
}

int Model::pick_queue(int group) {
  // Drop queue heads that abandoned (lazy removal), then choose among eligible heads the
  // smallest key: time offered minus the skill's priority credit.
  int best = -1;
  double best_key = std::numeric_limits<double>::infinity();
  for (int s = 0; s < kSkills; ++s) {
    if (s != group && !(group == 0 && sc_.overflow_after_s >= 0)) continue;
    auto& fifo = queue_[std::size_t(s)];
    while (!fifo.empty() && (calls_[fifo.front().call].gen != fifo.front().gen || !calls_[fifo.front().call].waiting))
      fifo.pop_front();
    if (fifo.empty()) continue;
    const CallRec& head = calls_[fifo.front().call];
    if (s != group && now_ - head.offered_at < sc_.overflow_after_s) continue;
    const double key = head.offered_at - sc_.skills[std::size_t(s)].priority_credit_s;
    if (key < best_key) {
      best_key = key;
      best = s;
    }
  }
  return best;
}

bool Model::try_dispatch(int group) {
  while (idle_[std::size_t(group)] > 0) {
    const int s = pick_queue(group);
    if (s >= 0) {
      const std::uint32_t c = queue_[std::size_t(s)].front().call;
      queue_[std::size_t(s)].pop_front();
      start_service(c, group);
      continue;
    }
    // No caller waiting: call back the oldest missed call still within its limit [GB25].
    if (now_ >= horizon_) return false;  // draining: no call-backs after the horizon
    while (!callbacks_.empty() && callbacks_.front() < now_) {
      callbacks_.pop_front();
      kpi(std::min(interval_, res_.intervals - 1), SkillQueue(group)).callbacks_expired++;
    }
    if (callbacks_.empty()) return false;
    callbacks_.pop_front();
    account();
    idle_[std::size_t(group)]--;
    KpiCounters& k = kpi(std::min(interval_, res_.intervals - 1), SkillQueue(group));
    k.callbacks_made++;
    double dur = kCallbackAttemptS;
    if (s_callback_.bernoulli(sc_.callback_reach_share)) {
      k.callbacks_reached++;
      dur = callback_talk_.sample(s_callback_);
    }
    q_.schedule(now_ + dur, kAgentFree, std::uint32_t(group), kPrioAgent);
  }
  return true;
}

void Model::dispatch_all() {
  for (int g = 0; g < kSkills; ++g)
    if (idle_[std::size_t(g)] > 0) try_dispatch(g);
}

void Model::agent_free(int group) {
  account();
  if (on_duty_[std::size_t(group)] > target_[std::size_t(group)]) {
    on_duty_[std::size_t(group)]--;  // shift over: leaves after finishing this call
    return;
  }
  idle_[std::size_t(group)]++;
  try_dispatch(group);
}

void Model::set_target(int group, int target) {
  account();
  const std::size_t g = std::size_t(group);
  target_[g] = std::max(0, target);
  if (on_duty_[g] < target_[g]) {
    const int add = target_[g] - on_duty_[g];
    on_duty_[g] += add;
    idle_[g] += add;
    try_dispatch(group);
  } else {
    // Idle agents leave now; busy ones leave when they finish (no preemption).
    const int drop = std::min(idle_[g], on_duty_[g] - target_[g]);
    idle_[g] -= drop;
    on_duty_[g] -= drop;
  }
}

// A new call from the profile (its skill drawn) or the next recorded call of a replay.
void Model::on_arrival() {
  if (profile_) {
    double u = s_skill_.uniform();
    int s = 0;
    while (s < kSkills - 1 && u >= skill_cdf_[s]) ++s;
    arrive(SkillQueue(s), -1, false);
  } else {
    const ReplayCall rc = *pending_replay_;
    const double talk = sc_.replay_talk_times && rc.talk_s > 0 ? double(rc.talk_s) : -1.0;
    // Scaling a replay: each recorded call arrives floor(scale) times, plus once more
    // with probability frac(scale).
    const double whole = std::floor(sc_.scale);
    const int copies = int(whole) + (s_arrival_.bernoulli(sc_.scale - whole) ? 1 : 0);
    for (int i = 0; i < copies; ++i) arrive(rc.skill, talk, false);
  }
  schedule_next_arrival();
}

// The start of an interval: the previous one closed, agents per interval set (without shifts).
void Model::on_interval(bool shifts) {
  const int ipd = sc_.intervals_per_day();
  if (now_ > 0) {
    close_interval();
    ++interval_;
  }
  for (int s = 0; s < kSkills; ++s) kpi(interval_, SkillQueue(s)).max_queue = waiting_[std::size_t(s)];
  if (!shifts) {
    const DayType type = day_type(interval_ / ipd);
    for (int g = 0; g < kSkills; ++g) {
      const auto& plan = sc_.skills[std::size_t(g)].agents_for(type);
      set_target(g, plan.empty() ? 0 : plan[std::size_t(interval_ % ipd) % plan.size()]);
    }
  }
  if (opt_.progress && interval_ % ipd == 0) opt_.progress(double(interval_) / res_.intervals);
  q_.schedule(now_ + sc_.interval_s, kInterval, 0, kPrioStaff);
}

// Schedules the shifts of this day (they may start before the horizon and run into it).
void Model::on_day() {
  const DayType type = day_type(int(std::floor(now_ / kSecondsPerDay)));
  for (std::size_t i = 0; i < sc_.shifts.size(); ++i) {
    const ShiftSpec& sh = sc_.shifts[i];
    if (!sh.works(type)) continue;
    const double begin = now_ + sh.start_s, end = begin + sh.length_s;
    if (end <= 0) continue;
    q_.schedule(std::max(0.0, begin), kShift, std::uint32_t(2 * i), kPrioStaff);
    q_.schedule(end, kShift, std::uint32_t(2 * i + 1), kPrioStaff);
  }
  q_.schedule(now_ + double(kSecondsPerDay), kDay, 0, kPrioStaff);
}

// A shift starts (even target) or ends (odd).
void Model::on_shift(std::uint32_t target) {
  const ShiftSpec& sh = sc_.shifts[target / 2];
  const int g = int(sh.skill);
  set_target(g, target_[std::size_t(g)] + ((target & 1) ? -sh.agents : sh.agents));
}

RunResult Model::run() {
  const bool shifts = !sc_.shifts.empty();
  q_.schedule(0, kInterval, 0, kPrioStaff);
  if (shifts) q_.schedule(-double(kSecondsPerDay), kDay, 0, kPrioStaff);  // shifts from the day before
  schedule_next_arrival();
  Event e;
  bool draining = false;
  while (q_.pop(&e)) {
    if (e.time() >= horizon_ && !draining) {
      if (!opt_.drain) break;
      now_ = horizon_;
      close_interval();  // agent time after the horizon is accumulated but never recorded
      draining = true;
    }
    if (draining) {
      if (waiting_[0] + waiting_[1] + waiting_[2] == 0) break;
      // No staffing changes, new days or new calls after the horizon.
      if (e.kind == kInterval || e.kind == kDay || e.kind == kShift || e.kind == kRedial) continue;
    }
    now_ = e.time();
    res_.events++;
    switch (e.kind) {
      case kArrival: on_arrival(); break;
      case kIvrDone: offer(e.target); break;
      case kAbandon: abandon(e.target); break;
      case kOverflow: {
        const CallRec& r = calls_[e.target];
        if (r.waiting && idle_[0] > 0) try_dispatch(0);
        break;
      }
      case kAgentFree: agent_free(int(e.target)); break;
      case kInterval: on_interval(shifts); break;
      case kDay: on_day(); break;
      case kShift: on_shift(e.target); break;
      case kRedial: arrive(SkillQueue(e.target), -1, true); break;
      default: break;
    }
  }
  if (!draining) {
    now_ = horizon_;
    close_interval();
  }
  for (int s = 0; s < kSkills; ++s) res_.in_system_end += waiting_[std::size_t(s)];
  return std::move(res_);
}

}  // namespace

RunResult run_call_centre(const ScenarioConfig& scenario, const RunOptions& options) {
  Model m(scenario, options);
  return m.run();
}

}  // namespace hotline::sim
