// `hotline fit`: a scenario fitted to a call-by-call trace (docs/validation.md). Arrival
// counts per interval and call type, service time per type (exponential, lognormal, gamma,
// Weibull by maximum likelihood, the best by KS), patience by Kaplan-Meier on the queued
// calls, voice-menu time and hang-up share, agents per interval from the agents' own
// service records. The scenario is written as scenario.lua that `hotline simulate` runs.
#pragma once

#include <string>
#include <vector>

#include "core/call_trace.hpp"
#include "sim/fit.hpp"

namespace hotline::sim {

struct TypeFit {
  std::string name;
  int offered = 0, served = 0, abandoned = 0;
  std::vector<FitResult> service;  // best first; empty with fewer than 2 positive times
};

struct TraceFit {
  int interval_s = 1800;
  int days = 1;
  std::vector<TypeFit> types;                 // in the trace's order
  std::vector<std::vector<double>> arrivals;  // [type][interval of the day]: mean calls per day entering the menu
  DurationSpec talk;                          // the scenario's talk time (one agent pool)
  double talk_ks = 1;                         // its KS statistic against all service times
  std::string talk_choice;                    // "gamma over all types", "mixture of per-type fits" ...
  std::vector<FitResult> vru;                 // voice-menu time of offered calls, best first
  double vru_hangup_share = 0;                // hang up in the menu
  std::vector<KmStep> patience_km;
  double patience_tail_mean = 0;              // censored exponential MLE (the tail beyond the data)
  DurationSpec patience;                      // empirical, from the KM curve
  std::vector<double> agents;                 // [interval of the day]: mean agents on duty
  int queued = 0, abandoned_in_queue = 0;
  int dropped_service = 0, dropped_vru = 0;   // zero times not used for fitting
};

struct TraceFitOptions {
  int interval_s = 1800;
  // An agent's session ends after this long without a call (agents per interval are the
  // session time in the interval / its length).
  double session_gap_s = 1800;
  int min_type_calls = 30;  // types with fewer served calls join the overall service fit
};

TraceFit fit_trace(const CallTrace& trace, const TraceFitOptions& options = {});

struct ScenarioText {
  std::string name, start = "2025-01-06", source;  // source: the trace and profile, for comments
  double sl_threshold_s = 20;
};
// scenario.lua for the fitted model.
std::string fitted_scenario_lua(const TraceFit& fit, const ScenarioText& text);

}  // namespace hotline::sim
