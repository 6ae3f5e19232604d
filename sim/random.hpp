// Named random streams and the distributions the models draw from. A stream is a pcg32
// seeded from (seed, stream name), so each model part (arrivals, patience, talk times ...)
// has its own sequence and two variants of a scenario share common random numbers.
// The distributions are written here (not <random>'s) so that values are identical on
// every standard library: golden values at fixed seeds are tested.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include <pcg_random.hpp>

#include "core/scenario.hpp"

namespace hotline::sim {

// 64-bit FNV-1a of a name; stable across platforms.
std::uint64_t hash_name(std::string_view name);
// SplitMix64 finaliser: a well-mixed 64-bit value from any input.
std::uint64_t mix64(std::uint64_t x);

class Stream {
 public:
  Stream(std::uint64_t seed, std::string_view name);
  // Uniform on (0, 1): never 0 or 1, so log() and inverse CDFs are safe.
  double uniform() { return (double(rng_() >> 11) + 0.5) * 0x1.0p-53; }
  std::uint64_t next_u64() { return rng_(); }
  // Exponential with the given mean (inversion).
  double exponential(double mean) { return -mean * std::log(uniform()); }
  // Standard normal (Marsaglia polar method; caches the second value).
  double normal();
  // Gamma with shape k and scale s (Marsaglia & Tsang 2000; k < 1 by boosting).
  double gamma(double shape, double scale);
  bool bernoulli(double p) { return uniform() < p; }

 private:
  pcg64 rng_;
  double spare_ = 0;
  bool has_spare_ = false;
};

// A duration distribution as scenarios declare it (core/scenario.hpp); seconds.
struct Distribution : DurationSpec {
  Distribution() = default;
  // Validates the parameters (throws std::invalid_argument with the reason) and sorts
  // empirical data.
  explicit Distribution(DurationSpec spec);

  static Distribution fixed(double value);
  static Distribution exponential(double mean);
  static Distribution lognormal(double mean, double sd);
  static Distribution gamma(double mean, double sd);
  static Distribution erlang(double mean, int phases);
  static Distribution empirical(std::vector<double> values);  // throws if empty
  static Distribution weibull(double mean, double shape);
  // A mixture: component i with probability weights[i] / sum(weights).
  static Distribution mixture(std::vector<DurationSpec> parts, std::vector<double> weights);

  double sample(Stream& s) const;
  // Analytic mean (the sample mean for empirical data).
  double expected() const;
  // "exponential", "lognormal" ... for files and errors.
  static const char* kind_name(Kind k);
  static bool kind_from(std::string_view name, Kind* out);

 private:
  void init_mixture();
  [[gnu::noinline]] double sample_mixture(Stream& s) const;
  [[gnu::noinline]] double sample_weibull(Stream& s) const;
  double scale_ = 0;                 // weibull: mean / Γ(1 + 1/shape)
  std::vector<Distribution> mixed_;  // mixture: the components, validated
  std::vector<double> cdf_;          // mixture: cumulative shares
};

// A Poisson process whose rate is constant on consecutive intervals of equal length
// (a half-hour profile), sampled by inversion of the cumulative rate: one Exp(1) draw per
// arrival. Rates are per second; the profile repeats only if asked by the caller.
class PiecewisePoisson {
 public:
  PiecewisePoisson(double start, double interval_s, std::vector<double> rates);
  // The next arrival strictly after `t`, or +inf when the remaining rate is zero.
  double next(double t, Stream& s) const;
  double end() const { return start_ + interval_s_ * double(rates_.size()); }

 private:
  double start_;
  double interval_s_;
  std::vector<double> rates_;
};

}  // namespace hotline::sim
