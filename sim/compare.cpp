// Rule-set comparison (sim/compare.hpp): both sides' replications with common random
// numbers, paired deltas per unit and overall, and the tickets decided differently in
// replication 0 with both traces. See docs/tickets.md, "Comparing rule sets".
#include "sim/compare.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <string_view>
#include <unordered_map>

#include "sim/random.hpp"

namespace hotline::sim {

namespace {

bool is_county(const Unit& u) { return u.kind == UnitKind::District || u.kind == UnitKind::Zone; }

std::string route_name(const TicketDecision& d) { return d.manual ? "manual" : std::string(route_key(d.route)); }

// What is compared: the route, the lead unit (by id: the two org graphs may differ) and the
// reply deadline; the unit and deadline only for a dispatched ticket.
bool dispatched(const TicketDecision& d) { return !d.manual && d.route == IntakeRoute::Ticket && d.lead != kNoUnit; }

// One ticket's decision, compactly: its id's hash, the route in the top 3 bits of the lead
// unit id's hash, and the reply deadline.
struct Key {
  std::uint64_t id = 0, where = 0;
  Time reply_by = kNoTime;
};
constexpr std::uint64_t kRouteShift = 61;

Key key_of(const Ticket& t, const TicketDecision& d, const OrgGraph& org) {
  Key k;
  k.id = mix64(std::hash<std::string_view>{}(t.id));
  const std::uint64_t route = d.manual ? 7 : std::uint64_t(d.route);
  k.where = route << kRouteShift;
  if (dispatched(d)) {
    k.where |= mix64(std::hash<std::string_view>{}(org.unit(d.lead).id)) >> 3;
    k.reply_by = d.reply_by;
  }
  return k;
}

DecisionView view(const TicketDecision& d, const OrgGraph& org) {
  DecisionView v;
  v.route = route_name(d);
  if (dispatched(d)) {
    v.unit = org.unit(d.lead).id;
    v.unit_name = org.unit(d.lead).name;
    v.reply_by = d.reply_by;
  }
  v.trace = d.trace;
  return v;
}

// Per unit id and per replication: handled summed over the months and the side's indicators.
struct UnitSample {
  std::vector<double> handled, on_time_rate, satisfaction_rate, composite;
};
struct SideSample {
  std::map<std::string, UnitSample> units;
  std::vector<double> created, closed, late, on_time_rate, manual;
};

SideSample collect(const std::vector<TicketRun>& runs, const CompareSide& side) {
  const std::unique_ptr<Policy> policy = side.factory();
  const OrgGraph& org = *side.org;
  SideSample s;
  const std::size_t n = runs.size();
  for (std::size_t r = 0; r < n; ++r) {
    const TicketNetworkResult& t = runs[r].tickets;
    std::vector<UnitPeriodCounts> sum(org.size());
    for (UnitIndex u = 0; u < sum.size(); ++u) sum[u].unit = u;
    for (const TicketPeriod& p : t.periods)
      for (const UnitPeriodCounts& c : p.units) {
        UnitPeriodCounts& a = sum[c.unit];
        a.handled += c.handled, a.accepted_in_time += c.accepted_in_time, a.resolved += c.resolved;
        a.closed += c.closed, a.on_time += c.on_time, a.late += c.late, a.overdue_open += c.overdue_open;
        a.satisfied += c.satisfied, a.basically_satisfied += c.basically_satisfied, a.unsatisfied += c.unsatisfied;
      }
    std::vector<UnitPeriodCounts> active;
    int handled = 0, on_time = 0, late = 0;
    for (const UnitPeriodCounts& c : sum)
      if (c.handled > 0) active.push_back(c), handled += c.handled, on_time += c.on_time, late += c.late;
    for (const UnitIndicators& in : policy->indicators(active)) {
      UnitSample& u = s.units[org.unit(in.unit).id];
      u.handled.resize(n), u.on_time_rate.resize(n), u.satisfaction_rate.resize(n), u.composite.resize(n);
      u.handled[r] = sum[in.unit].handled;
      u.on_time_rate[r] = in.on_time_rate;
      u.satisfaction_rate[r] = in.satisfaction_rate;
      u.composite[r] = in.composite;
    }
    s.created.push_back(double(t.created));
    s.closed.push_back(double(t.closed));
    s.late.push_back(late);
    s.on_time_rate.push_back(handled ? double(on_time) / handled : 0);
    s.manual.push_back(double(t.manual));
  }
  return s;
}

// Base and revised samples of equal length (a missing side counts zero).
PairedEstimate paired(std::vector<double> b, std::vector<double> r, std::size_t n) {
  b.resize(n), r.resize(n);
  std::vector<double> d(n);
  for (std::size_t i = 0; i < n; ++i) d[i] = r[i] - b[i];
  return {estimate(b), estimate(r), estimate(d)};
}

std::map<std::string, int> ranks(const SideSample& s) {
  std::vector<std::pair<double, std::string>> v;
  for (const auto& [id, u] : s.units) v.emplace_back(-estimate(u.composite).mean, id);
  std::sort(v.begin(), v.end());
  std::map<std::string, int> r;
  for (std::size_t i = 0; i < v.size(); ++i) r[v[i].second] = int(i) + 1;
  return r;
}

void check_side(const CompareSide& s, const char* role) {
  if (!s.factory || !s.org || !s.calendar)
    throw std::invalid_argument(std::string("compare: the ") + role + " side needs a policy factory, org graph and calendar");
}

// Paired deltas of one unit present on either side (a missing side counts zero).
UnitDelta unit_delta(const Unit& u, const SideSample& A, const SideSample& B, const std::map<std::string, int>& ra,
                     const std::map<std::string, int>& rb, std::size_t n) {
  const bool a = A.units.count(u.id), b = B.units.count(u.id);
  static const UnitSample kNone{};
  const UnitSample& ua = a ? A.units.at(u.id) : kNone;
  const UnitSample& ub = b ? B.units.at(u.id) : kNone;
  UnitDelta d;
  d.id = u.id;
  d.name = u.name;
  d.county = is_county(u);
  d.handled = paired(ua.handled, ub.handled, n);
  d.on_time_rate = paired(ua.on_time_rate, ub.on_time_rate, n);
  d.satisfaction_rate = paired(ua.satisfaction_rate, ub.satisfaction_rate, n);
  d.composite = paired(ua.composite, ub.composite, n);
  d.rank_base = a ? ra.at(u.id) : 0;
  d.rank_revised = b ? rb.at(u.id) : 0;
  return d;
}

// One comparison: both sides' replications, the decisions of replication 0 paired ticket
// by ticket, the sample of tickets decided differently, and the deltas.
class Comparison {
 public:
  Comparison(const ScenarioConfig& sc, const CompareSide& base, const CompareSide& revised, const CompareOptions& opt)
      : sc_(sc), base_(base), revised_(revised), opt_(opt), reps_(std::max(1, opt.replications)),
        steps_(2.0 * reps_ + 1), sample_(std::size_t(std::max(0, opt.diff_sample))) {
    res.replications = reps_;
    res.seed = opt.seed;
  }
  void run_sides();
  void base_traces();
  void deltas();
  CompareResult res;

 private:
  struct Pending {
    std::uint64_t arrival = 0;
    std::size_t occurrence = 0;  // of its id among the baseline tickets (ids should be unique)
    DecidedDifferently x;
  };
  TicketRun run_one(const CompareSide& side, int r, TicketNetwork::DecisionObserver observer);
  void stop_check() const {
    if (opt_.stop.stop_requested()) throw Cancelled();
  }
  void pair_revised(const Ticket& t, const TicketDecision& d);

  const ScenarioConfig& sc_;
  const CompareSide& base_;
  const CompareSide& revised_;
  const CompareOptions& opt_;
  int reps_;
  // Steps: the replications of both sides and a second baseline replication 0 that picks up
  // the baseline traces of the sampled tickets (skipped when none differ).
  double steps_;
  int step_ = 0;
  std::size_t sample_;
  // Replication 0 of the baseline: a Key per ticket, then sorted by id (stable: a repeated id
  // pairs its n-th baseline ticket with its n-th revised one).
  std::vector<Key> keys_;
  std::vector<bool> matched_;
  std::vector<Pending> moved_, late_;  // route or unit changed; deadline only
  std::uint64_t arrival_ = 0;
};

TicketRun Comparison::run_one(const CompareSide& side, int r, TicketNetwork::DecisionObserver observer) {
  stop_check();
  const std::unique_ptr<Policy> policy = side.factory();
  const std::uint64_t seed = replication_seed(opt_.seed, r);
  TicketNetwork net(sc_, *policy, *side.org, *side.calendar, seed);
  if (observer) net.observe_decisions(std::move(observer));
  RunOptions ro;
  ro.seed = seed;
  ro.policy = policy.get();
  ro.sink = &net;
  ro.progress = [&](double f) {
    stop_check();
    if (opt_.progress) opt_.progress((step_ + std::clamp(f, 0.0, 1.0)) / steps_);
  };
  TicketRun t;
  t.calls = run_call_centre(sc_, ro);
  t.tickets = net.finish();
  ++step_;
  if (opt_.progress) opt_.progress(step_ / steps_);
  return t;
}

// A revised decision of replication 0 against the baseline's for the same ticket.
void Comparison::pair_revised(const Ticket& t, const TicketDecision& d) {
  const Key k = key_of(t, d, *revised_.org);
  ++arrival_;
  const auto first = std::lower_bound(keys_.begin(), keys_.end(), k.id, [](const Key& a, std::uint64_t id) { return a.id < id; });
  auto it = first;
  while (it != keys_.end() && it->id == k.id && matched_[std::size_t(it - keys_.begin())]) ++it;
  if (it == keys_.end() || it->id != k.id) { ++res.unmatched_count; return; }
  matched_[std::size_t(it - keys_.begin())] = true;
  ++res.compared_count;
  const char* change = (it->where >> kRouteShift) != (k.where >> kRouteShift) ? "route"
                       : it->where != k.where                                  ? "unit"
                       : it->reply_by != k.reply_by                            ? "deadline"
                                                                               : nullptr;
  if (!change) return;
  ++res.differing_count;
  ++(change[0] == 'r' ? res.route_changed : change[0] == 'u' ? res.unit_changed : res.deadline_changed);
  auto& list = change[0] == 'd' ? late_ : moved_;
  if (list.size() >= sample_) return;
  Pending& p = list.emplace_back();
  p.arrival = arrival_;
  p.occurrence = std::size_t(it - first);
  DecidedDifferently& x = p.x;
  x.change = change;
  x.ticket_id = t.id;
  x.created = t.created;
  x.category = t.category;
  x.district = t.district;
  x.revised = view(d, *revised_.org);
}

void Comparison::run_sides() {
  const TicketNetwork::DecisionObserver base_observer = [&](const Ticket& t, const TicketDecision& d) {
    keys_.push_back(key_of(t, d, *base_.org));
  };
  const TicketNetwork::DecisionObserver revised_observer = [&](const Ticket& t, const TicketDecision& d) {
    pair_revised(t, d);
  };
  for (int r = 0; r < reps_; ++r) res.runs[0].push_back(run_one(base_, r, r == 0 ? base_observer : nullptr));
  std::stable_sort(keys_.begin(), keys_.end(), [](const Key& a, const Key& b) { return a.id < b.id; });
  matched_.assign(keys_.size(), false);
  for (int r = 0; r < reps_; ++r) res.runs[1].push_back(run_one(revised_, r, r == 0 ? revised_observer : nullptr));
  res.unmatched_count += std::uint64_t(std::count(matched_.begin(), matched_.end(), false));
  std::vector<Key>().swap(keys_);
  std::vector<bool>().swap(matched_);
}

// The sample: route and unit changes first, then deadline-only ones, in arrival order; then
// the same baseline replication 0 again for its traces of the sampled tickets.
void Comparison::base_traces() {
  late_.resize(std::min(late_.size(), sample_ - std::min(sample_, moved_.size())));
  moved_.insert(moved_.end(), std::make_move_iterator(late_.begin()), std::make_move_iterator(late_.end()));
  std::sort(moved_.begin(), moved_.end(), [](const Pending& a, const Pending& b) { return a.arrival < b.arrival; });
  // Ticket id -> (occurrence, index in res.differing) of the sampled tickets.
  std::unordered_multimap<std::string, std::pair<std::size_t, std::size_t>> sampled;
  for (Pending& p : moved_) {
    sampled.emplace(p.x.ticket_id, std::make_pair(p.occurrence, res.differing.size()));
    res.differing.push_back(std::move(p.x));
  }
  if (!res.differing.empty()) {
    std::unordered_map<std::string, std::size_t> seen;  // sampled ids: occurrences so far
    run_one(base_, 0, [&](const Ticket& t, const TicketDecision& d) {
      const auto [from, to] = sampled.equal_range(t.id);
      if (from == to) return;
      const std::size_t n = seen[t.id]++;
      for (auto it = from; it != to; ++it)
        if (it->second.first == n) res.differing[it->second.second].base = view(d, *base_.org);
    });
  } else {
    ++step_;
  }
  if (opt_.progress) opt_.progress(1.0);
}

// Paired deltas overall and per unit: the baseline's units, then the revised side's others.
void Comparison::deltas() {
  const SideSample A = collect(res.runs[0], base_), B = collect(res.runs[1], revised_);
  const std::size_t n = std::size_t(reps_);
  res.overall = {paired(A.created, B.created, n), paired(A.closed, B.closed, n), paired(A.late, B.late, n),
                 paired(A.on_time_rate, B.on_time_rate, n), paired(A.manual, B.manual, n)};
  const auto ra = ranks(A), rb = ranks(B);
  auto add_unit = [&](const Unit& u) {
    if (A.units.count(u.id) || B.units.count(u.id)) res.units.push_back(unit_delta(u, A, B, ra, rb, n));
  };
  for (UnitIndex u = 0; u < base_.org->size(); ++u) add_unit(base_.org->unit(u));
  for (UnitIndex u = 0; u < revised_.org->size(); ++u)
    if (base_.org->find_id(revised_.org->unit(u).id) == kNoUnit) add_unit(revised_.org->unit(u));
}

}  // namespace

CompareResult compare_rulesets(const ScenarioConfig& sc, const CompareSide& base, const CompareSide& revised,
                               const CompareOptions& opt) {
  check_side(base, "baseline");
  check_side(revised, "revised");
  Comparison c(sc, base, revised, opt);
  c.run_sides();
  c.base_traces();
  c.deltas();
  return std::move(c.res);
}

std::string decided_label(const DecisionView& v, bool en) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"ticket", "工单"}, {"emergency", "紧急转办"}, {"out_of_scope", "不予受理"},
      {"direct_answer", "直接答复"}, {"merged", "并单"}, {"manual", "人工派单"}};
  if (!v.unit.empty()) return v.unit_name;
  for (const auto& [key, zh] : kNames)
    if (v.route == key) return "(" + std::string(en ? key : zh) + ")";
  return "(" + v.route + ")";
}

}  // namespace hotline::sim
