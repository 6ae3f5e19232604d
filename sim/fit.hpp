// Fitting distributions to data (docs/validation.md): maximum-likelihood fits of the
// exponential, lognormal, gamma and Weibull families with their Kolmogorov-Smirnov
// statistics, and the Kaplan-Meier estimator of a censored time (patience: abandoned =
// event, served = censored) turned into an empirical distribution. CDFs and special
// functions come from Boost.Math.
#pragma once

#include <string>
#include <vector>

#include "core/scenario.hpp"

namespace hotline::sim {

struct FitResult {
  DurationSpec spec;    // the fitted distribution, as a scenario writes it
  double ks = 1;        // Kolmogorov-Smirnov statistic against the data
  double log_likelihood = 0;
  std::string name() const;  // "gamma" ...
};

// Each family fitted by maximum likelihood; throws std::invalid_argument for fewer than 2
// positive values (zeros and negatives are not passed in: the caller counts and drops them).
FitResult fit_exponential(const std::vector<double>& x);
FitResult fit_lognormal(const std::vector<double>& x);
FitResult fit_gamma(const std::vector<double>& x);
FitResult fit_weibull(const std::vector<double>& x);
// All four, best (smallest KS statistic) first.
std::vector<FitResult> fit_all(const std::vector<double>& x);

// The CDF of a fitted parametric distribution at t (exponential, lognormal, gamma, Weibull,
// and mixtures of these).
double fitted_cdf(const DurationSpec& d, double t);
// sup |F_n - F| over sorted data.
double ks_statistic(const std::vector<double>& sorted, const DurationSpec& d);

// Kaplan-Meier: S(t) just after each distinct event time.
struct KmStep {
  double t = 0;
  double survival = 1;
  int at_risk = 0;
  int events = 0;
};
// times[i] with event[i] (true: the event happened at times[i]; false: censored there).
// At equal times events come before censorings (the usual convention).
std::vector<KmStep> kaplan_meier(const std::vector<double>& times, const std::vector<bool>& event);

// An empirical distribution of `points` quantiles of the Kaplan-Meier curve; beyond the
// last event the tail is exponential with mean `tail_mean` (where the curve does not reach
// zero because long waits are censored).
DurationSpec km_distribution(const std::vector<KmStep>& km, double tail_mean, int points = 200);
// The censored exponential MLE of the mean: total time at risk / events (+inf: no events).
double censored_exponential_mean(const std::vector<double>& times, const std::vector<bool>& event);

}  // namespace hotline::sim
