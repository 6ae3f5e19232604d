// A scenario fitted to a call-by-call trace (sim/trace_fit.hpp, docs/validation.md).
#include "sim/trace_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "sim/random.hpp"

namespace hotline::sim {
namespace {

using Kind = DurationSpec::Kind;

int interval_of_day(double t, int interval_s) {
  const double in_day = std::fmod(std::max(0.0, t), 86400.0);
  return std::min(int(in_day / interval_s), 86400 / interval_s - 1);
}

std::vector<FitResult> fit_if_enough(const std::vector<double>& x) {
  return x.size() >= 2 ? fit_all(x) : std::vector<FitResult>{};
}

// The talk time: the best single family over all calls, or a mixture of the per-type best
// fits weighted by served calls (types with few calls pooled), whichever is closer by KS.
void fit_talk(TraceFit& f, const std::vector<std::vector<double>>& by_type, int min_calls) {
  std::vector<double> all, rest;
  for (const auto& v : by_type) all.insert(all.end(), v.begin(), v.end());
  if (all.size() < 2) throw std::invalid_argument("fit: fewer than 2 served calls with a service time");
  const FitResult best = fit_all(all).front();
  f.talk = best.spec;
  f.talk_ks = best.ks;
  f.talk_choice = best.name() + " over all types";
  DurationSpec mix{Kind::Mixture, 0, 0, 1, {}};
  for (std::size_t t = 0; t < by_type.size(); ++t) {
    if (int(by_type[t].size()) < min_calls) {
      rest.insert(rest.end(), by_type[t].begin(), by_type[t].end());
      continue;
    }
    mix.parts.push_back(f.types[t].service.front().spec);
    mix.weights.push_back(double(by_type[t].size()));
  }
  if (rest.size() >= 2) {
    mix.parts.push_back(fit_all(rest).front().spec);
    mix.weights.push_back(double(rest.size()));
  }
  if (mix.parts.size() < 2) return;
  std::sort(all.begin(), all.end());
  const double ks = ks_statistic(all, mix);
  if (ks >= f.talk_ks) return;
  mix.mean = 0;
  for (std::size_t i = 0; i < mix.parts.size(); ++i) mix.mean += mix.weights[i] * mix.parts[i].mean / double(all.size());
  f.talk = mix;
  f.talk_ks = ks;
  f.talk_choice = "mixture of per-type fits";
}

// Agents on duty per interval of the day: each agent's sessions (services less than
// `gap` apart joined), their time in each interval over the trace's days.
std::vector<double> agents_on_duty(const CallTrace& trace, const TraceFitOptions& o, int days) {
  std::map<int, std::vector<std::pair<double, double>>> services;
  for (const TraceCall& c : trace.calls)
    if (c.agent >= 0 && c.outcome == TraceOutcome::Served && c.service >= 0) services[c.agent].push_back({c.service_start, c.service_start + c.service});
  const int ipd = 86400 / o.interval_s;
  std::vector<double> seconds(std::size_t(ipd), 0);
  auto add = [&](double a, double b) {
    for (double t = a; t < b;) {
      const double end = std::min(b, (std::floor(t / o.interval_s) + 1) * o.interval_s);
      seconds[std::size_t(interval_of_day(t, o.interval_s))] += end - t;
      t = end;
    }
  };
  for (auto& [agent, v] : services) {
    std::sort(v.begin(), v.end());
    double a = v.front().first, b = v.front().second;
    for (const auto& [s, e] : v) {
      if (s - b > o.session_gap_s) {
        add(a, b);
        a = s;
      }
      b = std::max(b, e);
    }
    add(a, b);
  }
  for (double& s : seconds) s /= double(o.interval_s) * days;
  return seconds;
}

void fit_patience(TraceFit& f, const CallTrace& trace) {
  std::vector<double> times;
  std::vector<bool> events;
  for (const TraceCall& c : trace.calls) {
    if (!c.queued) continue;
    times.push_back(c.wait);
    events.push_back(c.outcome == TraceOutcome::Abandoned);
    f.abandoned_in_queue += c.outcome == TraceOutcome::Abandoned;
  }
  f.queued = int(times.size());
  f.patience_km = kaplan_meier(times, events);
  f.patience_tail_mean = censored_exponential_mean(times, events);
  if (f.patience_km.empty()) {
    f.patience = {Kind::Exponential, 0, 0, 1, {}};  // nobody abandoned: never abandon
    return;
  }
  f.patience = km_distribution(f.patience_km, f.patience_tail_mean);
}

}  // namespace

TraceFit fit_trace(const CallTrace& trace, const TraceFitOptions& o) {
  if (o.interval_s <= 0 || 86400 % o.interval_s != 0) throw std::invalid_argument("fit: the interval must divide a day");
  TraceFit f;
  f.interval_s = o.interval_s;
  f.days = std::max(1, trace.days);
  const std::size_t ipd = std::size_t(86400 / o.interval_s);
  f.types.resize(trace.types.size());
  f.arrivals.assign(trace.types.size(), std::vector<double>(ipd, 0));
  std::vector<std::vector<double>> service(trace.types.size());
  std::vector<double> vru;
  int vru_only = 0;
  for (const TraceCall& c : trace.calls) {
    TypeFit& t = f.types[std::size_t(c.type)];
    f.arrivals[std::size_t(c.type)][std::size_t(interval_of_day(c.vru_entry >= 0 ? c.vru_entry : c.arrival, o.interval_s))] += 1.0 / f.days;
    if (!c.offered) {
      ++vru_only;
      continue;
    }
    ++t.offered;
    const double menu = c.vru_exit - c.vru_entry;
    if (c.vru_entry >= 0 && menu > 0) vru.push_back(menu);
    else ++f.dropped_vru;
    if (c.outcome == TraceOutcome::Abandoned) { ++t.abandoned; continue; }
    ++t.served;
    if (c.service > 0) service[std::size_t(c.type)].push_back(c.service);
    else ++f.dropped_service;
  }
  for (std::size_t i = 0; i < f.types.size(); ++i) {
    f.types[i].name = trace.types[i];
    f.types[i].service = fit_if_enough(service[i]);
  }
  fit_talk(f, service, o.min_type_calls);
  f.vru = fit_if_enough(vru);
  f.vru_hangup_share = trace.calls.empty() ? 0 : double(vru_only) / double(trace.calls.size());
  fit_patience(f, trace);
  f.agents = agents_on_duty(trace, o, f.days);
  return f;
}

namespace {

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.6g", v);
  return b;
}

std::string lua_distribution(const DurationSpec& d) {
  std::string s = std::string("{ dist = \"") + Distribution::kind_name(d.kind) + "\"";
  switch (d.kind) {
    case Kind::Lognormal:
    case Kind::Gamma: s += ", mean = " + num(d.mean) + ", sd = " + num(d.sd); break;
    case Kind::Weibull: s += ", mean = " + num(d.mean) + ", shape = " + num(d.shape); break;
    case Kind::Empirical: {
      s += ", values = {";
      for (std::size_t i = 0; i < d.data.size(); ++i) s += (i % 10 == 0 ? "\n      " : " ") + num(d.data[i]) + ",";
      s += "\n    }";
      break;
    }
    case Kind::Mixture: {
      s += ", parts = {";
      for (std::size_t i = 0; i < d.parts.size(); ++i) {
        std::string part = lua_distribution(d.parts[i]);
        s += "\n      { weight = " + num(d.weights[i]) + ", " + part.substr(2);
        s += ",";
      }
      s += "\n    }";
      break;
    }
    default: s += ", mean = " + num(d.mean); break;
  }
  return s + " }";
}

std::string lua_list(const std::vector<double>& v, bool whole) {
  std::string s = "{";
  for (std::size_t i = 0; i < v.size(); ++i)
    s += (i % 12 == 0 ? "\n      " : " ") + (whole ? std::to_string(int(std::lround(v[i]))) : num(v[i])) + ",";
  return s + "\n    }";
}

}  // namespace

std::string fitted_scenario_lua(const TraceFit& f, const ScenarioText& t) {
  std::vector<double> profile(f.agents.size(), 0);
  for (const auto& type : f.arrivals)
    for (std::size_t i = 0; i < type.size(); ++i) profile[i] += type[i];
  std::ostringstream o;
  o << "-- Fitted by `hotline fit` from " << t.source << " (docs/validation.md).\n"
    << "-- One agent pool for every call type; the talk time is " << f.talk_choice << " (KS " << num(f.talk_ks) << ");\n"
    << "-- patience from the Kaplan-Meier estimate on " << f.queued << " queued calls (" << f.abandoned_in_queue
    << " abandoned), tail beyond the data exponential with mean " << num(f.patience_tail_mean) << " s.\n"
    << "return {\n  name = \"" << t.name << "\",\n  description = \"fitted to " << t.source << "\",\n"
    << "  start = \"" << t.start << "\",\n  days = 1,\n  interval_minutes = " << f.interval_s / 60 << ",\n"
    << "  traffic = { profile = { all = " << lua_list(profile, false) << " } },\n"
    << "  ivr = { time = " << (f.vru.empty() ? std::string("{ dist = \"fixed\", mean = 0 }") : lua_distribution(f.vru.front().spec))
    << ", hangup = " << num(f.vru_hangup_share) << " },\n"
    << "  skills = { general = { share = 1,\n    talk = " << lua_distribution(f.talk) << ",\n"
    << "    agents = { all = " << lua_list(f.agents, true) << " } } },\n"
    << "  patience = " << lua_distribution(f.patience) << ",\n"
    << "  kpi = { sl_threshold_s = " << num(t.sl_threshold_s) << " },\n}\n";
  return o.str();
}

}  // namespace hotline::sim
