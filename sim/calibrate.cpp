// Calibration of the ticket network to a published bulletin (sim/calibrate.hpp) [SL24
// bulletin 2025-01]: the bulletin CSV parser, the evaluation of a scenario's month and the
// fixed-point fit of volumes, handling scales and satisfaction. See docs/calibration.md.
#include "sim/calibrate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "sim/call_centre.hpp"
#include "sim/ticket_network.hpp"

namespace hotline::sim {

int PublishedBulletin::total_handled() const {
  int n = 0;
  for (const PublishedRow& r : rows) n += r.handled;
  return n;
}

bool CalibrationResult::all_ok() const {
  if (!total_ok) return false;
  for (const UnitFit& u : units)
    if (!u.on_time_ok || !u.satisfaction_ok) return false;
  return true;
}

namespace {

PublishedBulletin parse(CsvReader& csv, const OrgGraph& org) {
  PublishedBulletin b;
  b.file = csv.name();
  std::vector<std::string_view> f;
  if (!csv.next(f)) throw InputError(b.file, 0, "", "empty file (expected a header row)");
  const std::vector<std::string> required = {"unit", "handled", "on_time", "late", "on_time_rate", "overdue_open",
                                             "satisfaction"};
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < f.size(); ++i) col[std::string(f[i])] = i;
  for (const std::string& c : required)
    if (!col.count(c)) throw InputError(b.file, csv.line(), c, "missing column (expected: group, unit, handled, on_time, late, on_time_rate, overdue_open, satisfaction)");
  std::vector<int> seen(org.size(), 0);
  while (csv.next(f)) {
    const int line = csv.line();
    auto cell = [&](const std::string& c) -> std::string {
      const std::size_t i = col.at(c);
      if (i >= f.size()) throw InputError(b.file, line, c, "missing (the row has " + std::to_string(f.size()) + " fields)");
      return std::string(f[i]);
    };
    auto count = [&](const std::string& c) {
      const std::string s = cell(c);
      std::size_t used = 0;
      long v = -1;
      try {
        v = std::stol(s, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (s.empty() || used != s.size() || v < 0 || v > 100000000)
        throw InputError(b.file, line, c, "expected a whole number of tickets, got '" + s + "'");
      return int(v);
    };
    auto percent = [&](const std::string& c) -> std::optional<double> {
      std::string s = cell(c);
      if (s.empty()) return std::nullopt;
      if (s.back() == '%') s.pop_back();
      std::size_t used = 0;
      double v = -1;
      try {
        v = std::stod(s, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (s.empty() || used != s.size() || !(v >= 0 && v <= 100))
        throw InputError(b.file, line, c, "expected a percentage 0-100 (e.g. 95.57%), got '" + cell(c) + "'");
      return v / 100;
    };
    PublishedRow r;
    r.line = line;
    r.group = col.count("group") ? cell("group") : "";
    r.name = cell("unit");
    if (r.name.empty()) throw InputError(b.file, line, "unit", "required");
    r.unit = org.find(r.name);
    if (r.unit == kNoUnit) throw InputError(b.file, line, "unit", "'" + r.name + "' is not a unit of the rule set's org graph");
    if (seen[r.unit]) throw InputError(b.file, line, "unit", "'" + r.name + "' is listed twice (first on line " + std::to_string(seen[r.unit]) + ")");
    seen[r.unit] = line;
    r.handled = count("handled");
    r.on_time = count("on_time");
    r.late = count("late");
    r.overdue_open = count("overdue_open");
    if (r.on_time + r.late + r.overdue_open > r.handled)
      throw InputError(b.file, line, "handled", "on time + late + overdue open (" + std::to_string(r.on_time + r.late + r.overdue_open) +
                                                    ") exceed the tickets handled (" + std::to_string(r.handled) + ")");
    const std::optional<double> otr = percent("on_time_rate");
    if (!otr) throw InputError(b.file, line, "on_time_rate", "required");
    r.on_time_rate = *otr;
    r.satisfaction = percent("satisfaction");
    b.rows.push_back(std::move(r));
  }
  if (b.rows.empty()) throw InputError(b.file, 0, "", "no units (expected one row per unit after the header)");
  return b;
}

std::string month_of(Time t) {
  const Date d = date_of(cst_day(t));
  char name[16];
  std::snprintf(name, sizeof name, "%04d-%02d", d.year, d.month);
  return name;
}

void normalise(std::vector<TicketSpec::Share>& v) {
  double sum = 0;
  for (const auto& s : v) sum += s.share;
  if (sum > 0)
    for (auto& s : v) s.share /= sum;
}

// Multiplies each weight by the flow-weighted mean ratio of the units it feeds.
void ipf_step(std::vector<TicketSpec::Share>& weights, const std::vector<std::vector<double>>& flow,
              const std::vector<double>& ratio) {
  for (std::size_t i = 0; i < weights.size(); ++i) {
    double w = 0, wr = 0;
    for (std::size_t u = 0; u < ratio.size(); ++u)
      if (ratio[u] > 0 && flow[i][u] > 0) w += flow[i][u], wr += flow[i][u] * ratio[u];
    if (w > 0) weights[i].share *= wr / w;
  }
  normalise(weights);
}

std::string fixed(double v, int digits) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", digits, v);
  return b;
}

std::string lua_string(const std::string& s) {
  std::string o = "\"";
  for (char c : s) o += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  return o + "\"";
}

}  // namespace

PublishedBulletin read_published_bulletin(const std::filesystem::path& file, const OrgGraph& org) {
  CsvReader csv(file);
  return parse(csv, org);
}

PublishedBulletin parse_published_bulletin(std::string text, const std::string& name, const OrgGraph& org) {
  CsvReader csv(std::move(text), name);
  return parse(csv, org);
}

Evaluation evaluate_tickets(const ScenarioConfig& sc, const OrgGraph& org, const WorkCalendar& cal,
                            const CalibrationOptions& opt, const std::string& period) {
  if (!opt.policy_factory) throw std::invalid_argument("calibration needs a rule set (policy factory)");
  const TicketSpec& spec = sc.tickets;
  const std::size_t n = org.size();
  std::unordered_map<std::string, std::size_t> cat_ix, dist_ix;
  for (std::size_t i = 0; i < spec.categories.size(); ++i) cat_ix.emplace(spec.categories[i].name, i);
  for (std::size_t i = 0; i < spec.districts.size(); ++i) dist_ix.emplace(spec.districts[i].name, i);
  Evaluation ev;
  ev.units.resize(n);
  ev.category_flow.assign(spec.categories.size(), std::vector<double>(n, 0));
  ev.district_flow.assign(spec.districts.size(), std::vector<double>(n, 0));
  const std::unique_ptr<Policy> rules = opt.policy_factory();
  std::vector<UnitPeriodCounts> pooled(n);
  for (UnitIndex u = 0; u < n; ++u) pooled[u].unit = u;
  std::vector<std::vector<double>> handled(n), on_time(n), satisfaction(n);
  std::vector<double> totals;
  double created = 0, online = 0;
  for (int r = 0; r < opt.replications; ++r) {
    const std::unique_ptr<Policy> policy = opt.policy_factory();
    const std::uint64_t seed = replication_seed(opt.seed, r);
    TicketNetwork net(sc, *policy, org, cal, seed);
    net.observe_decisions([&](const Ticket& t, const TicketDecision& d) {
      if (d.manual || d.route != IntakeRoute::Ticket || d.lead == kNoUnit) return;
      if (auto c = cat_ix.find(t.category); c != cat_ix.end()) ev.category_flow[c->second][d.lead] += 1;
      if (auto c = dist_ix.find(t.district); c != dist_ix.end()) ev.district_flow[c->second][d.lead] += 1;
    });
    RunOptions ro;
    ro.seed = seed;
    ro.policy = policy.get();
    ro.sink = &net;
    run_call_centre(sc, ro);
    const TicketNetworkResult res = net.finish();
    const auto p = std::find_if(res.periods.begin(), res.periods.end(), [&](const TicketPeriod& x) { return x.name == period; });
    if (p == res.periods.end()) throw std::invalid_argument("the month " + period + " is not in the scenario's horizon");
    created += double(res.created), online += double(res.online);
    std::vector<UnitPeriodCounts> active;
    double total = 0;
    for (const UnitPeriodCounts& c : p->units) {
      UnitPeriodCounts& a = pooled[c.unit];
      a.handled += c.handled, a.accepted_in_time += c.accepted_in_time, a.resolved += c.resolved;
      a.closed += c.closed, a.on_time += c.on_time, a.late += c.late, a.overdue_open += c.overdue_open;
      a.satisfied += c.satisfied, a.basically_satisfied += c.basically_satisfied, a.unsatisfied += c.unsatisfied;
      handled[c.unit].push_back(c.handled);
      total += c.handled;
      if (c.handled > 0 || c.satisfied + c.basically_satisfied + c.unsatisfied > 0) active.push_back(c);
    }
    totals.push_back(total);
    for (const UnitIndicators& in : rules->indicators(active)) {
      const UnitPeriodCounts& c = p->units[in.unit];
      if (c.handled > 0) on_time[in.unit].push_back(in.on_time_rate);
      if (in.evaluated) satisfaction[in.unit].push_back(in.satisfaction_rate);
    }
  }
  std::vector<UnitPeriodCounts> active;
  for (const UnitPeriodCounts& c : pooled)
    if (c.handled > 0 || c.satisfied + c.basically_satisfied + c.unsatisfied > 0) active.push_back(c);
  for (const UnitIndicators& in : rules->indicators(active)) {
    UnitFigures& u = ev.units[in.unit];
    u.any = pooled[in.unit].handled > 0;
    u.on_time_rate = in.on_time_rate;
    u.evaluated = in.evaluated;
    u.satisfaction = in.satisfaction_rate;
  }
  for (UnitIndex u = 0; u < n; ++u) {
    ev.units[u].handled = estimate(handled[u]);
    ev.units[u].on_time_ci = estimate(on_time[u]);
    ev.units[u].satisfaction_ci = estimate(satisfaction[u]);
  }
  ev.total_handled = estimate(totals);
  ev.created = opt.replications ? created / opt.replications : 0;
  ev.online = opt.replications ? online / opt.replications : 0;
  return ev;
}

namespace {

// Which units some category of the scenario's mix is dispatched to.
std::vector<char> fed_units(const Evaluation& ev, std::size_t n) {
  std::vector<char> fed(n, 0);
  for (const auto& row : ev.category_flow)
    for (std::size_t u = 0; u < n; ++u) fed[u] |= row[u] > 0;
  return fed;
}

// The state of one calibration: the scenario being fitted, which tuning entry and which
// published row belong to each unit, and the bisection brackets of the handling scales.
class Fit {
 public:
  Fit(const ScenarioConfig& scenario, const PublishedBulletin& pub, const OrgGraph& org, const CalibrationOptions& opt)
      : sc(scenario), t(sc.tickets), pub_(pub), org_(org), opt_(opt), n_(org.size()), tuning_(n_, -1),
        pub_of_(n_, nullptr), s0_(t.satisfied), b0_(t.basically_satisfied),
        sat_share_(s0_ + b0_ > 0 ? s0_ / (s0_ + b0_) : 1), lo_(n_, opt.min_scale), hi_(n_, opt.max_scale),
        online0_(t.online_per_day) {
    res.scenario = sc.name;
    res.period = opt.period.empty() ? month_of(sc.start) : opt.period;
    res.published_total = pub.total_handled();
    add_tuning_entries();
  }
  void progress(int it, const Evaluation& ev) const;
  void fit_volume(const Evaluation& ev);
  void fit_mix(const Evaluation& ev);
  void fit_units(const Evaluation& ev);
  void finish(const Evaluation& ev);

  ScenarioConfig sc;  // the scenario with the values fitted so far
  TicketSpec& t;
  CalibrationResult res;

 private:
  void add_tuning_entries();
  // Satisfied + basic of a unit's tuning (the scenario's where it has none).
  double good(const TicketSpec::UnitTuning& u) const {
    return (u.satisfied >= 0 ? u.satisfied : s0_) + (u.basically_satisfied >= 0 ? u.basically_satisfied : b0_);
  }
  TicketSpec::UnitTuning& tuning_of(UnitIndex u) { return t.units[std::size_t(tuning_[u])]; }
  UnitFit unit_fit(const PublishedRow& r, const UnitFigures& simulated, bool fed) const;

  const PublishedBulletin& pub_;
  const OrgGraph& org_;
  const CalibrationOptions& opt_;
  std::size_t n_;
  std::vector<int> tuning_;                   // by UnitIndex: index into t.units, -1 none
  std::vector<const PublishedRow*> pub_of_;   // by UnitIndex
  double s0_, b0_, sat_share_;                // satisfied : basic as the scenario has it
  std::vector<double> lo_, hi_;               // handling-scale brackets by UnitIndex
  double online0_;
  static constexpr double kInner = 0.005;     // the bisection stops within half a point
};

// Every published unit gets a tuning entry (existing ones are kept and resolved).
void Fit::add_tuning_entries() {
  for (std::size_t i = 0; i < t.units.size(); ++i) {
    const UnitIndex u = org_.find(t.units[i].unit);
    if (u == kNoUnit)
      throw InputError(sc.file, t.units[i].line, "tickets.units." + std::to_string(i + 1) + ".unit",
                       "'" + t.units[i].unit + "' is not a unit of the rule set's org graph");
    tuning_[u] = int(i);
  }
  for (const PublishedRow& r : pub_.rows) {
    pub_of_[r.unit] = &r;
    if (tuning_[r.unit] < 0) {
      TicketSpec::UnitTuning u;
      u.unit = org_.unit(r.unit).id;
      tuning_[r.unit] = int(t.units.size());
      t.units.push_back(u);
    }
  }
}

// One progress line: the handled total and the worst errors of the units that count.
void Fit::progress(int it, const Evaluation& ev) const {
  if (!opt_.progress) return;
  double worst_ot = 0, worst_sat = 0;
  for (const PublishedRow& r : pub_.rows) {
    const UnitFigures& f = ev.units[r.unit];
    if (r.handled < opt_.min_tickets || !f.any) continue;
    worst_ot = std::max(worst_ot, std::abs(f.on_time_rate - r.on_time_rate));
    if (r.satisfaction && f.evaluated) worst_sat = std::max(worst_sat, std::abs(f.satisfaction - *r.satisfaction));
  }
  char line[256];
  std::snprintf(line, sizeof line,
                "calibrate: iteration %d/%d: %.1f tickets handled (published %.0f); units with >= %d tickets: worst "
                "on-time error %.2f pts, worst satisfaction error %.2f pts",
                it, opt_.iterations, ev.total_handled.mean, res.published_total, opt_.min_tickets, 100 * worst_ot,
                100 * worst_sat);
  opt_.progress(line);
}

// Total volume through the online tickets (their handled share as the calls').
void Fit::fit_volume(const Evaluation& ev) {
  const double per_created = ev.created > 0 ? ev.total_handled.mean / ev.created : 0;
  const double online_handled = ev.online * per_created;
  if (online0_ > 0 && online_handled > 0) {
    const double f = res.online_factor * std::max(0.0, 1 + (res.published_total - ev.total_handled.mean) / online_handled);
    res.online_factor = std::clamp(f, 0.0, 3.0);
    t.online_per_day = online0_ * res.online_factor;
  }
}

// Mix: published share / simulated share of every unit some weight feeds (a fed unit
// absent from the bulletin has published 0), 0.5 ticket of smoothing.
void Fit::fit_mix(const Evaluation& ev) {
  const std::vector<char> fed = fed_units(ev, n_);
  double pub_sum = 0, sim_sum = 0;
  for (std::size_t u = 0; u < n_; ++u)
    if (fed[u]) pub_sum += pub_of_[u] ? pub_of_[u]->handled : 0, sim_sum += ev.units[u].handled.mean;
  std::vector<double> ratio(n_, 0);
  if (pub_sum > 0 && sim_sum > 0)
    for (std::size_t u = 0; u < n_; ++u)
      if (fed[u]) {
        const double target = (pub_of_[u] ? pub_of_[u]->handled : 0) / pub_sum * sim_sum;
        ratio[u] = std::clamp((target + 0.5) / (ev.units[u].handled.mean + 0.5), 0.2, 5.0);
      }
  ipf_step(t.categories, ev.category_flow, ratio);
  ipf_step(t.districts, ev.district_flow, ratio);
}

// Handling scale (bisection on the on-time rate) and satisfaction, per published unit.
void Fit::fit_units(const Evaluation& ev) {
  for (const PublishedRow& r : pub_.rows) {
    const UnitFigures& f = ev.units[r.unit];
    TicketSpec::UnitTuning& u = tuning_of(r.unit);
    if (f.any && std::abs(f.on_time_rate - r.on_time_rate) > kInner) {
      double& l = lo_[r.unit];
      double& h = hi_[r.unit];
      if (f.on_time_rate < r.on_time_rate) {  // too slow
        h = u.handling_scale;
        if (l >= h) l = opt_.min_scale;
      } else {
        l = u.handling_scale;
        if (h <= l) h = opt_.max_scale;
      }
      u.handling_scale = std::sqrt(l * h);
    }
    if (r.satisfaction && f.evaluated) {
      const double g = std::clamp(good(u) + (*r.satisfaction - f.satisfaction), 0.0, 1.0);
      u.satisfied = g * sat_share_;
      u.basically_satisfied = g - u.satisfied;
    }
  }
}

// The fit of one published unit and the flags against the tolerance.
UnitFit Fit::unit_fit(const PublishedRow& r, const UnitFigures& simulated, bool fed) const {
  UnitFit fit;
  fit.published = &r;
  fit.simulated = simulated;
  fit.fed = fed || fit.simulated.any;
  const TicketSpec::UnitTuning& u = t.units[std::size_t(tuning_[r.unit])];
  fit.handling_scale = u.handling_scale;
  if (u.satisfied >= 0) fit.satisfied = u.satisfied;
  if (u.basically_satisfied >= 0) fit.basic = u.basically_satisfied;
  const bool counted = r.handled >= opt_.min_tickets;
  if (!fit.fed) {
    fit.note = "no category of the scenario is dispatched here";
    fit.on_time_ok = fit.satisfaction_ok = !counted;
    return fit;
  }
  fit.on_time_ok = !counted || std::abs(fit.simulated.on_time_rate - r.on_time_rate) <= opt_.tolerance + 1e-12;
  fit.satisfaction_ok = !counted || !r.satisfaction ||
                        (fit.simulated.evaluated && std::abs(fit.simulated.satisfaction - *r.satisfaction) <= opt_.tolerance + 1e-12);
  if (!fit.on_time_ok && (u.handling_scale <= opt_.min_scale * 1.01 || u.handling_scale >= opt_.max_scale / 1.01))
    fit.note = "handling scale at its bound";
  else if (!fit.satisfaction_ok && good(u) >= 1 - 1e-9)
    fit.note = "satisfied + basic at 1 (late replies cost satisfaction)";
  return fit;
}

// The result from the last evaluation.
void Fit::finish(const Evaluation& ev) {
  res.iterations = opt_.iterations;
  res.tickets = t;
  res.simulated_total = ev.total_handled;
  res.total_ok = res.published_total > 0 && std::abs(ev.total_handled.mean - res.published_total) <= 0.02 * res.published_total;
  const std::vector<char> fed = fed_units(ev, n_);
  for (const PublishedRow& r : pub_.rows) res.units.push_back(unit_fit(r, ev.units[r.unit], fed[r.unit]));
  for (UnitIndex u = 0; u < n_; ++u)
    if (!pub_of_[u] && ev.units[u].any) res.unpublished.emplace_back(org_.unit(u).id, ev.units[u].handled.mean);
}

}  // namespace

CalibrationResult calibrate(const ScenarioConfig& scenario, const PublishedBulletin& pub, const OrgGraph& org,
                            const WorkCalendar& cal, const CalibrationOptions& opt) {
  if (!scenario.tickets.enabled) throw InputError(scenario.file, 0, "tickets", "the scenario has no tickets section (docs/tickets.md)");
  if (opt.replications < 1) throw std::invalid_argument("calibration needs at least one replication");
  if (!(opt.min_scale > 0 && opt.min_scale <= 1 && opt.max_scale >= 1))
    throw std::invalid_argument("the handling-scale bounds must satisfy 0 < min <= 1 <= max");
  Fit fit(scenario, pub, org, opt);
  Evaluation ev;
  for (int it = 0;; ++it) {
    ev = evaluate_tickets(fit.sc, org, cal, opt, fit.res.period);
    fit.progress(it, ev);
    if (it == opt.iterations) break;
    fit.fit_volume(ev);
    fit.fit_mix(ev);
    fit.fit_units(ev);
  }
  fit.finish(ev);
  return std::move(fit.res);
}

std::string calibration_lua(const CalibrationResult& r, const OrgGraph& org, const std::string& bulletin,
                            const CalibrationOptions& opt, const std::string& date) {
  std::string o;
  o += "-- Generated by `hotline calibrate` on " + date + " from " + bulletin + " (month " + r.period + "), seed " +
       std::to_string(opt.seed) + ", " + std::to_string(opt.replications) + " replications, " +
       std::to_string(r.iterations) + " iterations.\n";
  o += "-- Do not edit; to reproduce: hotline calibrate " + r.scenario + " --bulletin " + bulletin + " -r " +
       std::to_string(opt.replications) + " --seed " + std::to_string(opt.seed) + " --iterations " +
       std::to_string(r.iterations) + (opt.period.empty() ? "" : " --period " + opt.period) + " --write\n";
  o += "-- (docs/calibration.md).\n";
  o += "-- Every value below is FITTED by hotline calibrate (not observed data): it replaces the scenario's\n";
  o += "-- tickets.online_per_day, categories, districts and units so that the simulated bulletin matches\n";
  o += "-- the published one.\n";
  o += "return {\n";
  o += "  generated = { by = \"hotline calibrate\", bulletin = " + lua_string(bulletin) + ", month = " + lua_string(r.period) +
       ", seed = " + std::to_string(opt.seed) + ", replications = " + std::to_string(opt.replications) +
       ", iterations = " + std::to_string(r.iterations) + ", date = " + lua_string(date) + " },\n";
  o += "  tickets = {\n";
  o += "    online_per_day = " + fixed(r.tickets.online_per_day, 6) + ",  -- " + fixed(r.online_factor, 4) +
       " x the scenario's online volume\n";
  for (const auto& [key, list] : {std::pair{"categories", &r.tickets.categories}, {"districts", &r.tickets.districts}}) {
    o += std::string("    ") + key + " = {\n";
    for (const TicketSpec::Share& s : *list)
      o += "      { name = " + lua_string(s.name) + ", share = " + fixed(s.share, 8) +
           (s.handling_scale != 1 ? ", handling_scale = " + fixed(s.handling_scale, 4) : std::string()) + " },\n";
    o += "    },\n";
  }
  o += "    units = {\n";
  for (const TicketSpec::UnitTuning& u : r.tickets.units) {
    const UnitIndex ui = org.find(u.unit);
    o += "      { unit = " + lua_string(ui != kNoUnit ? org.unit(ui).id : u.unit) + ", handling_scale = " +
         fixed(u.handling_scale, 4);
    if (u.satisfied >= 0) o += ", satisfied = " + fixed(u.satisfied, 4);
    if (u.basically_satisfied >= 0) o += ", basic = " + fixed(u.basically_satisfied, 4);
    if (u.accept_scale != 1) o += ", accept_scale = " + fixed(u.accept_scale, 4);  // not fitted: kept
    if (u.wrong_dispatch >= 0) o += ", wrong_dispatch = " + fixed(u.wrong_dispatch, 4);
    o += " },";
    if (ui != kNoUnit) o += "  -- " + org.unit(ui).name;
    o += "\n";
  }
  o += "    },\n  },\n}\n";
  return o;
}

}  // namespace hotline::sim
