// `hotline fit TRACE --profile P --out scenario.lua`: fits a scenario to a call-by-call trace
// (arrivals per interval and type, service times by MLE with KS statistics, patience by
// Kaplan-Meier, voice-menu time, agents from their service records). docs/validation.md.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <unistd.h>

#include "cli/progress.hpp"
#include "cli/verb.hpp"
#include "core/call_trace.hpp"
#include "core/error.hpp"
#include "sim/trace_fit.hpp"

namespace {
using namespace hotline;
namespace fs = std::filesystem;

struct Args {
  std::string trace, profile, out, name, start = "2025-01-06", lang = "zh";
  int interval_min = 30;
  double sl_threshold = 20;
};

const char* L(bool en, const char* zh, const char* english) { return en ? english : zh; }

void print_quirks(const CallTrace& t, bool en) {
  const TraceQuirks& q = t.quirks;
  std::printf(L(en, "记录 %zu 条（%d 天，%zu 种呼叫类型，%zu 名座席）；已计数的特殊情况：\n",
                    "%zu calls (%d days, %zu call types, %zu agents); quirks counted:\n"),
              t.calls.size(), t.days, t.types.size(), t.agents.size());
  std::printf(L(en, "  忽略(PHANTOM) %d，语音菜单内挂机 %d，未排队即接通 %d，接通但无座席 %d，服务时长为 0 %d，无服务时间 %d，\n"
                    "  服务开始早于出队：时钟偏差内 %d，超出偏差 %d；语音菜单退出早于进入 %d\n",
                    "  ignored (PHANTOM) %d, hung up in the voice menu %d, served without queueing %d, served with no agent %d, "
                    "service time 0 %d, no service times %d,\n  service start before the queue exit: within the clock skew %d, beyond it %d; menu exit before entry %d\n"),
              q.ignored, q.vru_only, q.never_queued_served, q.served_no_agent, q.zero_service, q.served_no_times,
              q.service_before_exit, q.early_service, q.vru_exit_before_entry);
}

void print_fits(const char* label, const std::vector<sim::FitResult>& fits) {
  std::printf("  %-10s", label);
  for (const auto& f : fits) std::printf("  %s KS %.4f (mean %.1f)", f.name().c_str(), f.ks, f.spec.mean);
  std::printf("\n");
}

void print_types(const sim::TraceFit& f, bool en) {
  std::printf(L(en, "\n服务时长（最大似然拟合，按 KS 统计量排序，最优在前）：\n",
                    "\nService time (maximum likelihood, by KS statistic, best first):\n"));
  for (const auto& t : f.types) {
    std::printf(L(en, "  %-4s 呼入 %d，接通 %d，放弃 %d\n", "  %-4s offered %d, served %d, abandoned %d\n"), t.name.c_str(),
                t.offered, t.served, t.abandoned);
    if (!t.service.empty()) print_fits(t.name.c_str(), t.service);
  }
  std::printf(L(en, "  模型通话时长：%s，KS %.4f，均值 %.1f 秒\n", "  model talk time: %s, KS %.4f, mean %.1f s\n"),
              f.talk_choice.c_str(), f.talk_ks, f.talk.mean);
  if (!f.vru.empty()) {
    std::printf(L(en, "语音菜单时长（转人工的呼叫）：\n", "Voice-menu time (calls offered to agents):\n"));
    print_fits("VRU", f.vru);
  }
  std::printf(L(en, "  语音菜单内挂机比例 %.2f%%\n", "  hang-up share in the voice menu %.2f%%\n"), 100 * f.vru_hangup_share);
}

double survival_at(const std::vector<sim::KmStep>& km, double t) {
  double s = 1;
  for (const auto& k : km)
    if (k.t <= t) s = k.survival;
  return s;
}

void print_patience(const sim::TraceFit& f, bool en) {
  std::printf(L(en, "\n耐心（Kaplan-Meier，排队呼叫 %d，放弃=事件 %d，接通=删失）：\n",
                    "\nPatience (Kaplan-Meier on %d queued calls, abandoned = event %d, served = censored):\n"),
              f.queued, f.abandoned_in_queue);
  std::printf("  S(30s) %.3f  S(60s) %.3f  S(120s) %.3f  S(300s) %.3f", survival_at(f.patience_km, 30),
              survival_at(f.patience_km, 60), survival_at(f.patience_km, 120), survival_at(f.patience_km, 300));
  std::printf(L(en, "；尾部指数均值 %.1f 秒；经验分布均值 %.1f 秒\n", "; exponential tail mean %.1f s; empirical mean %.1f s\n"),
              f.patience_tail_mean, f.patience.mean);
}

void print_intervals(const sim::TraceFit& f, const CallTrace& t, bool en) {
  std::printf(L(en, "\n每时段到达（日均，进入语音菜单）与在岗座席：\n时段   ", "\nArrivals per interval (mean per day, entering the menu) and agents on duty:\nstart  "));
  for (const auto& name : t.types) std::printf(" %6s", name.c_str());
  std::printf(L(en, "   合计   座席\n", "  total agents\n"));
  for (std::size_t i = 0; i < f.agents.size(); ++i) {
    double total = 0;
    for (const auto& a : f.arrivals) total += a[i];
    if (total == 0 && f.agents[i] == 0) continue;
    const int m = int(i) * f.interval_s / 60;
    std::printf("%02d:%02d  ", m / 60, m % 60);
    for (const auto& a : f.arrivals) std::printf(" %6.1f", a[i]);
    std::printf(" %7.1f %6.2f\n", total, f.agents[i]);
  }
}

void write_atomically(const fs::path& out, const std::string& text) {
  const fs::path tmp = out.string() + ".tmp-" + std::to_string(getpid());
  {
    std::ofstream o(tmp, std::ios::binary);
    if (!o) throw InputError(out.string(), 0, "--out", "cannot write");
    o << text;
    if (!o.flush()) throw InputError(out.string(), 0, "--out", "cannot write");
  }
  fs::rename(tmp, out);
}

void run(const Args& a) {
  const bool en = a.lang == "en";
  const auto t0 = std::chrono::steady_clock::now();
  cli::Progress progress("fit");
  progress.show("reading " + a.trace);
  const TraceProfile profile = load_trace_profile(a.profile);
  const CallTrace trace = read_call_trace(a.trace, profile);
  progress.show("fitting " + std::to_string(trace.calls.size()) + " calls");
  sim::TraceFitOptions o;
  o.interval_s = a.interval_min * 60;
  const sim::TraceFit f = sim::fit_trace(trace, o);
  sim::ScenarioText st;
  st.name = a.name.empty() ? fs::path(a.out).stem().string() : a.name;
  st.start = a.start;
  st.source = fs::path(a.trace).filename().string() + ", profile " + fs::path(a.profile).filename().string();
  st.sl_threshold_s = a.sl_threshold;
  write_atomically(a.out, sim::fitted_scenario_lua(f, st));
  progress.finish();
  std::printf(L(en, "拟合 %s（轨迹配置 %s）\n", "Fit of %s (trace profile %s)\n"), a.trace.c_str(), a.profile.c_str());
  print_quirks(trace, en);
  print_types(f, en);
  print_patience(f, en);
  print_intervals(f, trace, en);
  std::printf(L(en, "\n已写入场景 %s\n", "\nwrote scenario %s\n"), a.out.c_str());
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!cli::quiet()) std::fprintf(stderr, "fit: %zu calls in %.3f s\n", trace.calls.size(), s);
}

void setup(CLI::App& app) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("fit", "Fit a scenario to a call-by-call trace (arrivals, service, patience, agents)");
  cmd->add_option("TRACE", args->trace, "call-by-call trace CSV")->required()->check(CLI::ExistingFile);
  cmd->add_option("--profile", args->profile, "trace profile (TOML, e.g. scenarios/profiles/bank-1999.toml)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", args->out, "scenario.lua to write")->required();
  cmd->add_option("--name", args->name, "scenario name (default: the output file's stem)");
  cmd->add_option("--start", args->start, "first day of the fitted scenario, YYYY-MM-DD (default 2025-01-06)");
  cmd->add_option("--interval", args->interval_min, "interval in minutes (default 30)")->check(CLI::IsMember({15, 30, 60}));
  cmd->add_option("--sl-threshold", args->sl_threshold, "service-level threshold in seconds written to the scenario (default 20)");
  cmd->add_option("--lang", args->lang, "Report language: zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  cmd->callback([args] { run(*args); });
}
HOTLINE_VERB("fit", setup);

}  // namespace
