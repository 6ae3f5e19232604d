// `hotline validate TRACE --profile P --scenario S`: the trace's offered calls replayed call
// by call through the scenario's model, simulated vs recorded per hour, with a summary
// over the hours with at least --min-calls offered calls. docs/validation.md.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/progress.hpp"
#include "cli/verb.hpp"
#include "core/call_trace.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/validate.hpp"

namespace {
using namespace hotline;

struct Args {
  std::string trace, profile, scenario, lang = "zh";
  int replications = 10, min_calls = 50;
  std::uint64_t seed = 1;
  bool recorded_service = false;
};

const char* L(bool en, const char* zh, const char* english) { return en ? english : zh; }

std::string rel(double sim, double rec) {
  if (!(rec > 0)) return "    -";
  char b[32];
  std::snprintf(b, sizeof b, "%+5.0f%%", 100 * (sim - rec) / rec);
  return b;
}

void print_row(const sim::ValidationRow& r, int min_calls) {
  const auto& a = r.recorded;
  const auto& s = r.simulated;
  std::printf("%3d %02d:00 %6.0f %7.1f %6s %6.0f %7.1f %6.1f %6.1f %+6.1f %6.1f %6.1f %6s %6.1f %6.1f %+6.1f%s\n", r.day, r.hour,
              a.offered, s.offered, rel(s.offered, a.offered).c_str(), a.answered, s.answered, a.abandon_pct(),
              s.abandon_pct(), s.abandon_pct() - a.abandon_pct(), a.asa(), s.asa(), rel(s.asa(), a.asa()).c_str(), a.sl_pct(),
              s.sl_pct(), s.sl_pct() - a.sl_pct(), a.offered >= min_calls ? " *" : "");
}

void print_report(const sim::ValidationResult& v, const Args& a, bool en) {
  std::printf(L(en, "回放验证：%s 对场景 %s，%d 次重复，种子 %llu，服务时长%s；服务水平阈值 %.0f 秒\n",
                    "Replay validation: %s against scenario %s, %d replications, seed %llu, service times %s; SL threshold %.0f s\n"),
              a.trace.c_str(), a.scenario.c_str(), a.replications, static_cast<unsigned long long>(a.seed),
              a.recorded_service ? L(en, "用记录值", "recorded") : L(en, "按分布抽取", "drawn"), v.sl_threshold_s);
  std::printf(L(en, "每小时：记录值 / 模拟均值；误差 = 模拟 − 记录（比率为百分点，其余为相对误差）；* 呼入量 >= %d 的小时\n",
                    "Per hour: recorded / simulated mean; error = simulated - recorded (points for rates, relative otherwise); * hours with >= %d offered\n"),
              a.min_calls);
  std::printf(L(en, "日  小时   呼入  模拟   误差   接通   模拟  放弃%%  模拟   误差    ASA   模拟   误差   SL%%   模拟   误差\n",
                    "day hour   offer   sim    err answer    sim  aban%%   sim    err    ASA    sim    err   SL%%    sim    err\n"));
  for (const auto& r : v.rows)
    if (r.recorded.offered > 0 || r.simulated.offered >= 0.5) print_row(r, a.min_calls);
  const sim::ValidationSummary& s = v.summary;
  std::printf(L(en, "\n汇总（%d 个小时，呼入量 >= %d）：放弃率绝对误差 中位数 %.1f 个百分点，最大 %.1f；ASA 相对误差 中位数 %.0f%%，最大 %.0f%%；服务水平绝对误差 中位数 %.1f 个百分点，最大 %.1f\n",
                    "\nSummary (%d hours with >= %d offered): abandonment abs. error median %.1f points, worst %.1f; ASA rel. error median %.0f%%, worst %.0f%%; "
                    "service level abs. error median %.1f points, worst %.1f\n"),
              s.hours, a.min_calls, s.median_abandon_pts, s.worst_abandon_pts, 100 * s.median_asa_rel, 100 * s.worst_asa_rel,
              s.median_sl_pts, s.worst_sl_pts);
  std::printf(L(en, "注：轨迹中没有客户优先级字段，1.5 分钟的优先客户排队优先无法从本轨迹表达；所有呼叫类型由同一座席池服务。\n",
                    "Note: the trace has no customer-priority field, so the 1.5-minute head start of priority customers cannot be expressed "
                    "from it; every call type is served by one agent pool.\n"));
}

void run(const Args& a) {
  const bool en = a.lang == "en";
  const auto t0 = std::chrono::steady_clock::now();
  cli::Progress progress("validate");
  progress.show("reading " + a.trace);
  const CallTrace trace = read_call_trace(a.trace, load_trace_profile(a.profile));
  const ScenarioConfig sc = load_scenario(a.scenario);
  progress.show("replaying " + std::to_string(trace.calls.size()) + " calls");
  sim::ValidationOptions o;
  o.replications = a.replications;
  o.seed = a.seed;
  o.recorded_service = a.recorded_service;
  o.min_calls = a.min_calls;
  const sim::ValidationResult v = sim::validate_trace(trace, sc, o);
  progress.finish();
  print_report(v, a, en);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!cli::quiet())
    std::fprintf(stderr, "validate: %lld offered calls x %d replications in %.3f s\n", static_cast<long long>(v.replayed),
                 a.replications, secs);
}

void setup(CLI::App& app) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("validate", "Replay a call-by-call trace through a scenario: simulated vs recorded per hour");
  cmd->add_option("TRACE", args->trace, "call-by-call trace CSV")->required()->check(CLI::ExistingFile);
  cmd->add_option("--profile", args->profile, "trace profile (TOML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--scenario", args->scenario, "scenario.lua (e.g. written by `hotline fit`)")->required();
  cmd->add_option("--replications,-r", args->replications, "replications (default 10)")->check(CLI::Range(1, 10000));
  cmd->add_option("--seed", args->seed, "base random seed (default 1)");
  cmd->add_flag("--recorded-service", args->recorded_service, "replay the recorded service times instead of drawing them");
  cmd->add_option("--min-calls", args->min_calls, "hours in the summary need this many offered calls (default 50)")->check(CLI::Range(1, 1000000));
  cmd->add_option("--lang", args->lang, "Report language: zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  cmd->callback([args] { run(*args); });
}
HOTLINE_VERB("validate", setup);

}  // namespace
