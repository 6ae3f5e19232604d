// Distribution fitting and Kaplan-Meier (sim/fit.hpp, docs/validation.md).
#include "sim/fit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>
#include <boost/math/tools/roots.hpp>

#include "sim/random.hpp"

namespace hotline::sim {
namespace {

using Kind = DurationSpec::Kind;

struct LogMoments {
  double n = 0, mean = 0, mean_log = 0, var_log = 0;
};

LogMoments moments(const std::vector<double>& x) {
  if (x.size() < 2) throw std::invalid_argument("fitting needs at least 2 values");
  LogMoments m;
  m.n = double(x.size());
  for (double v : x) {
    if (!(v > 0)) throw std::invalid_argument("fitting needs positive values");
    m.mean += v / m.n;
    m.mean_log += std::log(v) / m.n;
  }
  for (double v : x) m.var_log += (std::log(v) - m.mean_log) * (std::log(v) - m.mean_log) / m.n;
  return m;
}

double log_likelihood(const std::vector<double>& x, const DurationSpec& d);

FitResult finish(const std::vector<double>& x, DurationSpec spec) {
  std::vector<double> s = x;
  std::sort(s.begin(), s.end());
  FitResult r;
  r.spec = std::move(spec);
  r.ks = ks_statistic(s, r.spec);
  r.log_likelihood = log_likelihood(x, r.spec);
  return r;
}

// Boost distribution objects of a spec (scale parameters from the mean and sd or shape).
boost::math::lognormal_distribution<> as_lognormal(const DurationSpec& d) {
  const double v = std::log(1 + d.sd * d.sd / (d.mean * d.mean));
  return {std::log(d.mean) - v / 2, std::sqrt(v)};
}
boost::math::gamma_distribution<> as_gamma(const DurationSpec& d) {
  const double k = d.mean * d.mean / (d.sd * d.sd);
  return {k, d.mean / k};
}
boost::math::weibull_distribution<> as_weibull(const DurationSpec& d) {
  return {d.shape, d.mean / std::tgamma(1 + 1 / d.shape)};
}

double log_likelihood(const std::vector<double>& x, const DurationSpec& d) {
  double ll = 0;
  for (double v : x) {
    double p = 0;
    switch (d.kind) {
      case Kind::Exponential: p = boost::math::pdf(boost::math::exponential_distribution<>(1 / d.mean), v); break;
      case Kind::Lognormal: p = boost::math::pdf(as_lognormal(d), v); break;
      case Kind::Gamma: p = boost::math::pdf(as_gamma(d), v); break;
      case Kind::Weibull: p = boost::math::pdf(as_weibull(d), v); break;
      default: throw std::invalid_argument("log likelihood: not a fitted family");
    }
    ll += std::log(std::max(p, std::numeric_limits<double>::min()));
  }
  return ll;
}

}  // namespace

std::string FitResult::name() const { return Distribution::kind_name(spec.kind); }

double fitted_cdf(const DurationSpec& d, double t) {
  if (t <= 0) return 0;
  switch (d.kind) {
    case Kind::Exponential: return boost::math::cdf(boost::math::exponential_distribution<>(1 / d.mean), t);
    case Kind::Lognormal: return boost::math::cdf(as_lognormal(d), t);
    case Kind::Gamma: return boost::math::cdf(as_gamma(d), t);
    case Kind::Weibull: return boost::math::cdf(as_weibull(d), t);
    case Kind::Mixture: {
      double f = 0, total = 0;
      for (std::size_t i = 0; i < d.parts.size(); ++i) {
        f += d.weights[i] * fitted_cdf(d.parts[i], t);
        total += d.weights[i];
      }
      return f / total;
    }
    default: throw std::invalid_argument("cdf: not a fitted family");
  }
}

double ks_statistic(const std::vector<double>& sorted, const DurationSpec& d) {
  const double n = double(sorted.size());
  double worst = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;  // ties: the empirical CDF jumps once over all of them
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    const double f = fitted_cdf(d, sorted[i]);
    worst = std::max({worst, double(j) / n - f, f - double(i) / n});
    i = j;
  }
  return worst;
}

FitResult fit_exponential(const std::vector<double>& x) {
  const LogMoments m = moments(x);
  return finish(x, {Kind::Exponential, m.mean, 0, 1, {}});
}

FitResult fit_lognormal(const std::vector<double>& x) {
  const LogMoments m = moments(x);
  if (!(m.var_log > 0)) throw std::invalid_argument("lognormal fit: all values equal");
  const double mean = std::exp(m.mean_log + m.var_log / 2);
  return finish(x, {Kind::Lognormal, mean, mean * std::sqrt(std::expm1(m.var_log)), 1, {}});
}

FitResult fit_gamma(const std::vector<double>& x) {
  const LogMoments m = moments(x);
  const double s = std::log(m.mean) - m.mean_log;  // > 0 unless all values are equal
  if (!(s > 0)) throw std::invalid_argument("gamma fit: all values equal");
  double k = (3 - s + std::sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);  // Minka's start
  for (int i = 0; i < 50; ++i) {
    const double step = (std::log(k) - boost::math::digamma(k) - s) / (1 / k - boost::math::trigamma(k));
    k = std::max(k - step, k / 10);
    if (std::abs(step) < 1e-12 * k) break;
  }
  return finish(x, {Kind::Gamma, m.mean, m.mean / std::sqrt(k), 1, {}});
}

FitResult fit_weibull(const std::vector<double>& x) {
  const LogMoments m = moments(x);
  if (!(m.var_log > 0)) throw std::invalid_argument("weibull fit: all values equal");
  // Profile likelihood equation in the shape k: sum x^k ln x / sum x^k - 1/k - mean ln x = 0.
  auto equation = [&](double k) {
    double a = 0, b = 0, c = 0;
    for (double v : x) {
      const double l = std::log(v), p = std::exp(k * (l - m.mean_log));  // scaled x^k
      a += p;
      b += p * l;
      c += p * l * l;
    }
    const double f = b / a - 1 / k - m.mean_log;
    return std::make_pair(f, c / a - (b / a) * (b / a) + 1 / (k * k));
  };
  std::uintmax_t iterations = 100;
  const double k = boost::math::tools::newton_raphson_iterate(equation, 1.2 / std::sqrt(m.var_log), 1e-3, 1e3, 40, iterations);
  double sum = 0;
  for (double v : x) sum += std::pow(v, k) / m.n;
  const double scale = std::pow(sum, 1 / k);
  DurationSpec d{Kind::Weibull, scale * std::tgamma(1 + 1 / k), 0, 1, {}};
  d.shape = k;
  return finish(x, d);
}

std::vector<FitResult> fit_all(const std::vector<double>& x) {
  std::vector<FitResult> r = {fit_exponential(x), fit_lognormal(x), fit_gamma(x), fit_weibull(x)};
  std::stable_sort(r.begin(), r.end(), [](const FitResult& a, const FitResult& b) { return a.ks < b.ks; });
  return r;
}

std::vector<KmStep> kaplan_meier(const std::vector<double>& times, const std::vector<bool>& event) {
  if (times.size() != event.size()) throw std::invalid_argument("kaplan_meier: times and events differ in length");
  std::vector<std::size_t> order(times.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return times[a] < times[b]; });
  std::vector<KmStep> out;
  double s = 1;
  int at_risk = int(times.size());
  for (std::size_t i = 0; i < order.size();) {
    const double t = times[order[i]];
    int events = 0, gone = 0;
    for (; i < order.size() && times[order[i]] == t; ++i, ++gone) events += event[order[i]] ? 1 : 0;
    if (events > 0) {
      s *= 1 - double(events) / double(at_risk);
      out.push_back({t, s, at_risk, events});
    }
    at_risk -= gone;
  }
  return out;
}

double censored_exponential_mean(const std::vector<double>& times, const std::vector<bool>& event) {
  double exposure = 0;
  int events = 0;
  for (std::size_t i = 0; i < times.size(); ++i) {
    exposure += times[i];
    events += event[i] ? 1 : 0;
  }
  return events > 0 ? exposure / events : std::numeric_limits<double>::infinity();
}

DurationSpec km_distribution(const std::vector<KmStep>& km, double tail_mean, int points) {
  if (km.empty()) throw std::invalid_argument("km_distribution: no events (nothing to estimate)");
  if (points < 2) throw std::invalid_argument("km_distribution: at least 2 points");
  DurationSpec d{Kind::Empirical, 0, 0, 1, {}};
  const double s_end = km.back().survival;
  for (int i = 0; i < points; ++i) {
    const double p = (i + 0.5) / points;  // F = p, i.e. S = 1 - p
    if (1 - p >= s_end) {
      // The first step where S drops to 1 - p or below (S is a right-continuous step function).
      auto it = std::find_if(km.begin(), km.end(), [&](const KmStep& k) { return k.survival <= 1 - p; });
      d.data.push_back(it == km.end() ? km.back().t : it->t);
    } else {
      d.data.push_back(km.back().t + (std::isfinite(tail_mean) ? tail_mean * std::log(s_end / (1 - p)) : 0));
    }
  }
  for (double v : d.data) d.mean += v / points;
  return d;
}

}  // namespace hotline::sim
