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

const char* route_name(const TicketDecision& d) {
  if (d.manual) return "manual";
  switch (d.route) {
    case IntakeRoute::Ticket: return "ticket";
    case IntakeRoute::Emergency: return "emergency";
    case IntakeRoute::OutOfScope: return "out_of_scope";
    case IntakeRoute::DirectAnswer: return "direct_answer";
    case IntakeRoute::Merged: return "merged";
    case IntakeRoute::Count: break;
  }
  return "ticket";
}

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

}  // namespace

CompareResult compare_rulesets(const ScenarioConfig& sc, const CompareSide& base, const CompareSide& revised,
                               const CompareOptions& opt) {
  check_side(base, "baseline");
  check_side(revised, "revised");
  const int reps = std::max(1, opt.replications);
  // Steps: the replications of both sides and a second baseline replication 0 that picks up
  // the baseline traces of the sampled tickets (skipped when none differ).
  const double steps = 2.0 * reps + 1;
  int step = 0;
  auto stop_check = [&] {
    if (opt.stop.stop_requested()) throw Cancelled();
  };
  auto run_one = [&](const CompareSide& side, int r, TicketNetwork::DecisionObserver observer) {
    stop_check();
    const std::unique_ptr<Policy> policy = side.factory();
    const std::uint64_t seed = replication_seed(opt.seed, r);
    TicketNetwork net(sc, *policy, *side.org, *side.calendar, seed);
    if (observer) net.observe_decisions(std::move(observer));
    RunOptions ro;
    ro.seed = seed;
    ro.policy = policy.get();
    ro.sink = &net;
    ro.progress = [&](double f) {
      stop_check();
      if (opt.progress) opt.progress((step + std::clamp(f, 0.0, 1.0)) / steps);
    };
    TicketRun t;
    t.calls = run_call_centre(sc, ro);
    t.tickets = net.finish();
    ++step;
    if (opt.progress) opt.progress(step / steps);
    return t;
  };

  CompareResult res;
  res.replications = reps;
  res.seed = opt.seed;
  // Replication 0 of the baseline: a Key per ticket, then sorted by id (stable: a repeated id
  // pairs its n-th baseline ticket with its n-th revised one).
  std::vector<Key> keys;
  std::vector<bool> matched;
  const std::size_t sample = std::size_t(std::max(0, opt.diff_sample));
  struct Pending {
    std::uint64_t arrival = 0;
    std::size_t occurrence = 0;  // of its id among the baseline tickets (ids should be unique)
    DecidedDifferently x;
  };
  std::vector<Pending> moved, late;  // route or unit changed; deadline only
  std::uint64_t arrival = 0;
  const TicketNetwork::DecisionObserver base_observer = [&](const Ticket& t, const TicketDecision& d) { keys.push_back(key_of(t, d, *base.org)); };
  const TicketNetwork::DecisionObserver revised_observer = [&](const Ticket& t, const TicketDecision& d) {
    const Key k = key_of(t, d, *revised.org);
    ++arrival;
    const auto first = std::lower_bound(keys.begin(), keys.end(), k.id, [](const Key& a, std::uint64_t id) { return a.id < id; });
    auto it = first;
    while (it != keys.end() && it->id == k.id && matched[std::size_t(it - keys.begin())]) ++it;
    if (it == keys.end() || it->id != k.id) { ++res.unmatched_count; return; }
    matched[std::size_t(it - keys.begin())] = true;
    ++res.compared_count;
    const char* change = (it->where >> kRouteShift) != (k.where >> kRouteShift) ? "route"
                         : it->where != k.where                                  ? "unit"
                         : it->reply_by != k.reply_by                            ? "deadline"
                                                                                 : nullptr;
    if (!change) return;
    ++res.differing_count;
    ++(change[0] == 'r' ? res.route_changed : change[0] == 'u' ? res.unit_changed : res.deadline_changed);
    auto& list = change[0] == 'd' ? late : moved;
    if (list.size() >= sample) return;
    Pending& p = list.emplace_back();
    p.arrival = arrival;
    p.occurrence = std::size_t(it - first);
    DecidedDifferently& x = p.x;
    x.change = change;
    x.ticket_id = t.id;
    x.created = t.created;
    x.category = t.category;
    x.district = t.district;
    x.revised = view(d, *revised.org);
  };
  for (int r = 0; r < reps; ++r) res.runs[0].push_back(run_one(base, r, r == 0 ? base_observer : nullptr));
  std::stable_sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.id < b.id; });
  matched.assign(keys.size(), false);
  for (int r = 0; r < reps; ++r) res.runs[1].push_back(run_one(revised, r, r == 0 ? revised_observer : nullptr));
  res.unmatched_count += std::uint64_t(std::count(matched.begin(), matched.end(), false));
  std::vector<Key>().swap(keys);
  std::vector<bool>().swap(matched);

  // The sample: route and unit changes first, then deadline-only ones, in arrival order.
  late.resize(std::min(late.size(), sample - std::min(sample, moved.size())));
  moved.insert(moved.end(), std::make_move_iterator(late.begin()), std::make_move_iterator(late.end()));
  std::sort(moved.begin(), moved.end(), [](const Pending& a, const Pending& b) { return a.arrival < b.arrival; });
  // Ticket id -> (occurrence, index in res.differing) of the sampled tickets.
  std::unordered_multimap<std::string, std::pair<std::size_t, std::size_t>> sampled;
  for (Pending& p : moved) {
    sampled.emplace(p.x.ticket_id, std::make_pair(p.occurrence, res.differing.size()));
    res.differing.push_back(std::move(p.x));
  }
  if (!res.differing.empty()) {  // the same baseline replication 0 again: its traces of the sampled tickets
    std::unordered_map<std::string, std::size_t> seen;  // sampled ids: occurrences so far
    run_one(base, 0, [&](const Ticket& t, const TicketDecision& d) {
      const auto [from, to] = sampled.equal_range(t.id);
      if (from == to) return;
      const std::size_t n = seen[t.id]++;
      for (auto it = from; it != to; ++it)
        if (it->second.first == n) res.differing[it->second.second].base = view(d, *base.org);
    });
  } else {
    ++step;
  }
  if (opt.progress) opt.progress(1.0);

  const SideSample A = collect(res.runs[0], base), B = collect(res.runs[1], revised);
  const std::size_t n = std::size_t(reps);
  res.overall = {paired(A.created, B.created, n), paired(A.closed, B.closed, n), paired(A.late, B.late, n),
                 paired(A.on_time_rate, B.on_time_rate, n), paired(A.manual, B.manual, n)};
  const auto ra = ranks(A), rb = ranks(B);
  auto add_unit = [&](const Unit& u) {
    const bool a = A.units.count(u.id), b = B.units.count(u.id);
    if (!a && !b) return;
    static const UnitSample kNone{};
    const UnitSample& ua = a ? A.units.at(u.id) : kNone;
    const UnitSample& ub = b ? B.units.at(u.id) : kNone;
    UnitDelta& d = res.units.emplace_back();
    d.id = u.id;
    d.name = u.name;
    d.county = is_county(u);
    d.handled = paired(ua.handled, ub.handled, n);
    d.on_time_rate = paired(ua.on_time_rate, ub.on_time_rate, n);
    d.satisfaction_rate = paired(ua.satisfaction_rate, ub.satisfaction_rate, n);
    d.composite = paired(ua.composite, ub.composite, n);
    d.rank_base = a ? ra.at(u.id) : 0;
    d.rank_revised = b ? rb.at(u.id) : 0;
  };
  for (UnitIndex u = 0; u < base.org->size(); ++u) add_unit(base.org->unit(u));
  for (UnitIndex u = 0; u < revised.org->size(); ++u)
    if (base.org->find_id(revised.org->unit(u).id) == kNoUnit) add_unit(revised.org->unit(u));
  return res;
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
