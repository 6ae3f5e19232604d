// Named random streams (pcg64 from pcg-cpp) and hand-written distributions with values that
// do not depend on the standard library.
#include "sim/random.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace hotline::sim {

std::uint64_t hash_name(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

Stream::Stream(std::uint64_t seed, std::string_view name) {
  const std::uint64_t h = hash_name(name);
  const pcg_extras::pcg128_t state = (pcg_extras::pcg128_t(mix64(seed ^ h)) << 64) | mix64(h + seed);
  const pcg_extras::pcg128_t stream = (pcg_extras::pcg128_t(mix64(h)) << 64) | mix64(~seed);
  rng_ = pcg64(state, stream);
}

double Stream::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u, v, s;
  do {
    u = 2 * uniform() - 1;
    v = 2 * uniform() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  const double f = std::sqrt(-2 * std::log(s) / s);
  spare_ = v * f;
  has_spare_ = true;
  return u * f;
}

double Stream::gamma(double shape, double scale) {
  if (shape < 1) {
    // G(k) = G(k + 1) * U^(1/k)
    const double g = gamma(shape + 1, 1.0);
    return scale * g * std::pow(uniform(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3, c = 1.0 / std::sqrt(9 * d);
  for (;;) {
    double x, v;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return scale * d * v;
    if (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return scale * d * v;
  }
}

Distribution::Distribution(DurationSpec spec) : DurationSpec(std::move(spec)) {
  auto fail = [](const char* why) { throw std::invalid_argument(why); };
  if (kind == Kind::Empirical) {
    if (data.empty()) fail("empirical distribution needs values");
    for (double v : data)
      if (!(v >= 0)) fail("empirical values must be >= 0");
    std::sort(data.begin(), data.end());
    mean = std::accumulate(data.begin(), data.end(), 0.0) / double(data.size());
    return;
  }
  if (kind == Kind::Mixture) {
    init_mixture();
    return;
  }
  if (!(mean >= 0)) fail("mean must be >= 0");
  if (kind == Kind::Weibull) {
    if (!(shape > 0 && mean > 0)) fail("weibull needs mean > 0 and shape > 0");
    scale_ = mean / std::tgamma(1 + 1 / shape);
  }
  if ((kind == Kind::Lognormal || kind == Kind::Gamma) && !(sd > 0 && mean > 0))
    fail("lognormal and gamma need mean > 0 and sd > 0");
  if (kind == Kind::Erlang && phases < 1) fail("erlang needs phases >= 1");
}

void Distribution::init_mixture() {
  if (parts.empty() || parts.size() != weights.size())
    throw std::invalid_argument("mixture needs components, each with a weight");
  double total = 0;
  for (double w : weights) {
    if (!(w > 0)) throw std::invalid_argument("mixture weights must be > 0");
    total += w;
  }
  mean = 0;
  double acc = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    mixed_.emplace_back(parts[i]);
    acc += weights[i] / total;
    cdf_.push_back(acc);
    mean += weights[i] / total * mixed_.back().expected();
  }
  cdf_.back() = 1;
}

// Out of the switch (as the mixture) so that the common kinds' code stays as it was.
double Distribution::sample_weibull(Stream& s) const { return scale_ * std::pow(-std::log(s.uniform()), 1 / shape); }

double Distribution::sample_mixture(Stream& s) const {
  const double u = s.uniform();
  std::size_t i = 0;
  while (i + 1 < cdf_.size() && u >= cdf_[i]) ++i;
  return mixed_[i].sample(s);
}

Distribution Distribution::fixed(double value) { return Distribution({Kind::Fixed, value, 0, 1, {}}); }
Distribution Distribution::exponential(double mean) { return Distribution({Kind::Exponential, mean, 0, 1, {}}); }
Distribution Distribution::lognormal(double mean, double sd) { return Distribution({Kind::Lognormal, mean, sd, 1, {}}); }
Distribution Distribution::gamma(double mean, double sd) { return Distribution({Kind::Gamma, mean, sd, 1, {}}); }
Distribution Distribution::erlang(double mean, int phases) { return Distribution({Kind::Erlang, mean, 0, phases, {}}); }
Distribution Distribution::empirical(std::vector<double> values) {
  return Distribution({Kind::Empirical, 0, 0, 1, std::move(values)});
}
Distribution Distribution::weibull(double mean, double shape) {
  DurationSpec d{Kind::Weibull, mean, 0, 1, {}};
  d.shape = shape;
  return Distribution(std::move(d));
}
Distribution Distribution::mixture(std::vector<DurationSpec> parts, std::vector<double> weights) {
  DurationSpec d{Kind::Mixture, 0, 0, 1, {}};
  d.parts = std::move(parts);
  d.weights = std::move(weights);
  return Distribution(std::move(d));
}

double Distribution::sample(Stream& s) const {
  switch (kind) {
    case Kind::Fixed: return mean;
    case Kind::Exponential: return s.exponential(mean);
    case Kind::Lognormal: {
      // Parameters of the underlying normal from the mean and sd of the lognormal.
      const double v = std::log(1 + (sd * sd) / (mean * mean));
      return std::exp(std::log(mean) - v / 2 + std::sqrt(v) * s.normal());
    }
    case Kind::Gamma: {
      const double k = (mean * mean) / (sd * sd);  // the gamma shape
      return s.gamma(k, mean / k);
    }
    case Kind::Erlang: {
      // Product of uniforms: one log per sample.
      double p = 1;
      for (int i = 0; i < phases; ++i) p *= s.uniform();
      return -std::log(p) * mean / phases;
    }
    case Kind::Empirical: {
      // Resampling with linear interpolation between neighbouring order statistics.
      const double x = s.uniform() * double(data.size() - 1);
      const std::size_t i = std::size_t(x);
      if (i + 1 >= data.size()) return data.back();
      return data[i] + (x - double(i)) * (data[i + 1] - data[i]);
    }
    case Kind::Weibull: return sample_weibull(s);
    case Kind::Mixture: return sample_mixture(s);
    case Kind::Count: break;
  }
  return mean;
}

double Distribution::expected() const { return mean; }

const char* Distribution::kind_name(Kind k) {
  static const char* const names[] = {"fixed", "exponential", "lognormal", "gamma", "erlang", "empirical", "weibull", "mixture"};
  static_assert(std::size(names) == std::size_t(Kind::Count));
  return names[std::size_t(k)];
}

bool Distribution::kind_from(std::string_view name, Kind* out) {
  for (std::size_t i = 0; i < std::size_t(Kind::Count); ++i)
    if (name == kind_name(Kind(i))) {
      *out = Kind(i);
      return true;
    }
  return false;
}

PiecewisePoisson::PiecewisePoisson(double start, double interval_s, std::vector<double> rates)
    : start_(start), interval_s_(interval_s), rates_(std::move(rates)) {}

double PiecewisePoisson::next(double t, Stream& s) const {
  // Inversion: walk the intervals consuming the Exp(1) variate against rate * length.
  double e = s.exponential(1.0);
  if (t < start_) t = start_;
  std::size_t i = std::size_t((t - start_) / interval_s_);
  while (i < rates_.size()) {
    const double end = start_ + interval_s_ * double(i + 1);
    const double mass = rates_[i] * (end - t);
    if (e < mass) return t + e / rates_[i];
    e -= mass;
    t = end;
    ++i;
  }
  return std::numeric_limits<double>::infinity();
}

}  // namespace hotline::sim
