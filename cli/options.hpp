// One option grammar across verbs: durations ("30m", "1h", "900s", plain seconds) and
// service-level targets ("0.8", "0.8@20s", "80%@20s") mean the same in `erlang`, `staff`
// and wherever else they are taken; `--threshold SECONDS` is the same option everywhere.
#pragma once

#include <cmath>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/redact.hpp"

namespace hotline::cli {

// Seconds from "30m", "1h", "900s", "20" (seconds); `option` names the option in errors.
inline double parse_duration(const std::string& text, const char* option) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    throw InputError(option, 0, "", "expected a duration like 30m, 1h, 900s or 20, got " + excerpt(text));
  }
  const std::string unit = text.substr(used);
  double seconds;
  if (unit.empty() || unit == "s") seconds = v;
  else if (unit == "m" || unit == "min") seconds = v * 60;
  else if (unit == "h") seconds = v * 3600;
  else throw InputError(option, 0, "", "unknown unit " + excerpt(unit) + " in " + excerpt(text) + " (use s, m or h)");
  if (!std::isfinite(seconds) || seconds < 0) throw InputError(option, 0, "", "must be a finite duration >= 0, got " + excerpt(text));
  return seconds;
}

// A service-level target: the share of calls answered within the threshold.
struct ServiceLevelTarget {
  double share = 0;
  std::optional<double> threshold_s;  // when written as SHARE@SECONDS
};

// "0.8", "0.8@20s", "0.8@20", "80%", "80%@20s". The share must be in (0, 1].
inline ServiceLevelTarget parse_service_level(const std::string& text, const char* option = "--target-sl") {
  ServiceLevelTarget t;
  const std::size_t at = text.find('@');
  std::string share = text.substr(0, at);
  const bool percent = !share.empty() && share.back() == '%';
  if (percent) share.pop_back();
  std::size_t used = 0;
  try {
    t.share = std::stod(share, &used);
  } catch (const std::exception&) {
    used = std::string::npos;
  }
  if (used != share.size() || share.empty())
    throw InputError(option, 0, "", "expected SHARE[@SECONDS], e.g. 0.8@20s, got " + excerpt(text));
  if (percent) t.share /= 100;
  if (!(t.share > 0 && t.share <= 1)) throw InputError(option, 0, "", "share must be in (0, 1], got " + excerpt(text));
  if (at != std::string::npos) t.threshold_s = parse_duration(text.substr(at + 1), option);
  return t;
}

// The threshold of a target given both ways: `--target-sl 0.8@20s` and `--threshold 20` must
// agree when both are given; either alone is the threshold; neither gives `fallback`.
inline double threshold_of(const ServiceLevelTarget& t, const std::optional<std::string>& threshold_option,
                           double fallback) {
  std::optional<double> opt;
  if (threshold_option) opt = parse_duration(*threshold_option, "--threshold");
  if (t.threshold_s && opt && *t.threshold_s != *opt)
    throw InputError("--threshold", 0, "", "disagrees with the threshold in --target-sl (give one of them)");
  if (t.threshold_s) return *t.threshold_s;
  return opt ? *opt : fallback;
}

}  // namespace hotline::cli
