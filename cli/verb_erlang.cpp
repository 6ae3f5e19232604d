// `hotline erlang`: Erlang C / Erlang A (M/M/n+M) for quick what-ifs, or the minimum agents
// for a target answer rate (话务接通率 [XA23]) or service level.
#include <cstdio>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/options.hpp"
#include "cli/verb.hpp"
#include "core/error.hpp"
#include "sim/erlang.hpp"
#include "sim/report.hpp"

namespace {

struct Args {
  double calls = 0;
  std::string interval = "30m";
  double aht = 0;
  int agents = 0;
  std::optional<std::string> threshold;  // seconds, or 20s / 1m
  double patience = 0;
  std::optional<double> target_answer_rate;
  std::optional<std::string> target_sl;  // SHARE[@SECONDS]
  bool json = false;
  std::string lang = "zh";
};

void run(const Args& a) {
  using namespace hotline::sim;
  const double interval_s = hotline::cli::parse_duration(a.interval, "--interval");
  if (!(interval_s > 0)) throw hotline::InputError("--interval", 0, "", "must be > 0");
  std::optional<double> target_sl;
  hotline::cli::ServiceLevelTarget sl;
  if (a.target_sl) target_sl = (sl = hotline::cli::parse_service_level(*a.target_sl)).share;
  const double threshold = hotline::cli::threshold_of(sl, a.threshold, 20);
  ErlangInput in{a.calls / interval_s, a.aht, a.agents, threshold, a.patience};
  const bool zh = a.lang != "en";
  const bool want_min = a.target_answer_rate || target_sl;
  if (want_min) {
    if (a.target_answer_rate && a.patience <= 0)
      throw hotline::InputError("--target-answer-rate", 0, "",
                                "needs --patience: without abandonment every call is answered (Erlang C)");
    in.agents = 1;
    const int n = min_agents(in, ErlangTarget{a.target_answer_rate, target_sl});
    if (n == 0) throw std::runtime_error("no agent count up to 100000 meets the target");
    in.agents = n;
  } else if (a.agents < 1) {
    throw hotline::InputError("--agents", 0, "", "required (>= 1) unless a target is given");
  }
  const ErlangResult r = erlang(in);
  if (a.json) {
    nlohmann::json j = {{"model", a.patience > 0 ? "erlang_a" : "erlang_c"},
                        {"arrival_rate_per_s", in.arrival_rate}, {"aht_s", a.aht}, {"agents", in.agents},
                        {"threshold_s", threshold}, {"patience_s", a.patience},
                        {"offered_load_erlangs", r.offered_load}, {"stable", r.stable},
                        {"p_wait", r.p_wait}, {"p_abandon", r.p_abandon}, {"answer_rate", r.answer_rate},
                        {"asa_s", r.asa_s}, {"mean_wait_answered_s", r.mean_wait_answered_s},
                        {"service_level", r.service_level}, {"occupancy", r.occupancy},
                        {"service_level_definition", "P(answered with wait <= threshold) over all arrivals"}};
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  auto row = [](const char* label, const char* format, auto v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    std::printf("%s %s\n", hotline::sim::pad(label, 24, false).c_str(), buf);
  };
  const char* model = a.patience > 0 ? "Erlang A (M/M/n+M)" : "Erlang C (M/M/n)";
  std::printf("%s%s\n", zh ? "模型: " : "Model: ", model);
  if (want_min) std::printf("%s%d\n", zh ? "满足目标的最少座席: " : "Minimum agents meeting the target: ", in.agents);
  row(zh ? "座席数 agents" : "agents", "%d", in.agents);
  row(zh ? "话务量(爱尔兰)" : "offered load (Erl)", "%.4f", r.offered_load);
  if (!r.stable) {
    std::printf("%s\n", zh ? "不稳定: 话务量 ≥ 座席数, 队列无限增长" : "unstable: load >= agents, the queue grows without bound");
    return;
  }
  row(zh ? "排队概率 P(wait)" : "P(wait)", "%.7f", r.p_wait);
  if (a.patience > 0) {
    row(zh ? "放弃率 P(abandon)" : "P(abandon)", "%.7f", r.p_abandon);
    row(zh ? "接通率" : "answer rate", "%.5f", r.answer_rate);
  }
  row(zh ? "服务水平" : "service level", "%.5f", r.service_level);
  row(zh ? "平均等待 ASA" : "ASA (all calls)", "%.3f s", r.asa_s);
  if (a.patience > 0) row(zh ? "接通呼叫平均等待" : "mean wait, answered", "%.3f s", r.mean_wait_answered_s);
  row(zh ? "座席占用率" : "occupancy", "%.5f", r.occupancy);
  std::printf("%s %.0f %s\n", zh ? "服务水平 = 等待 ≤" : "service level = P(answered with wait <=", threshold,
              zh ? "秒接通的概率(对全部来电); ASA = 全部来电的平均等待" : "s) over all arrivals; ASA = mean wait over all arrivals");
}

void setup(CLI::App& app) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("erlang",
                                 "Queueing formulas: Erlang C (M/M/n) or, with --patience, Erlang A (M/M/n+M); "
                                 "or the minimum agents for a target");
  cmd->add_option("--calls", args->calls, "Calls offered per interval")->required()->check(CLI::PositiveNumber);
  cmd->add_option("--interval", args->interval, "Interval length: 30m, 1h, 900s (default 30m)");
  cmd->add_option("--aht", args->aht, "Average handling time in seconds (talk + wrap-up)")->required()->check(CLI::PositiveNumber);
  cmd->add_option("--agents", args->agents, "Agents on duty (not needed with a target)");
  cmd->add_option("--threshold", args->threshold, "Service-level threshold: 20, 20s or 1m (default 20 s); or give it in --target-sl 0.8@20s");
  cmd->add_option("--patience", args->patience, "Mean patience in seconds: Erlang A (default 0: Erlang C)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--target-answer-rate", args->target_answer_rate, "Print the minimum agents for this answer rate (e.g. 0.95)")
                 ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--target-sl", args->target_sl, "Print the minimum agents for this service level: SHARE[@SECONDS], e.g. 0.8 or 0.8@20s");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->add_option("--lang", args->lang, "Report language: zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  cmd->callback([args] { run(*args); });
}
HOTLINE_VERB("erlang", setup);

}  // namespace
