// `hotline staff SCENARIO`: the interval staffing plan that meets an answer-rate [XA23] or
// service-level target in every interval at the lowest agent-hours found (sim/staffing.hpp).
#include <cstdio>
#include <optional>
#include <thread>

#include "cli/outputs.hpp"
#include "cli/progress.hpp"
#include "cli/options.hpp"
#include "cli/verb.hpp"
#include "core/error.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/report.hpp"
#include "sim/results_db.hpp"
#include "sim/staffing.hpp"

namespace {

struct Args {
  std::string scenario;
  std::optional<double> answer_rate;
  std::string sl;  // "0.8@15s"
  std::optional<std::string> threshold;  // or the threshold on its own, as in `erlang`
  int replications = 10;
  std::uint64_t seed = 1;
  int threads = 0;
  int rounds = 40;
  std::string out;
  bool json = false;
  std::string lang = "zh";
};

void run(const Args& a) {
  using namespace hotline::sim;
  hotline::ScenarioConfig sc = hotline::load_scenario(a.scenario);
  hotline::cli::check_results_out(a.out, sc);  // before the rounds, not after them
  StaffingTarget t;
  t.answer_rate = a.answer_rate;
  t.sl_threshold_s = sc.sl_threshold_s;
  if (!a.sl.empty()) {
    const hotline::cli::ServiceLevelTarget sl = hotline::cli::parse_service_level(a.sl);
    t.service_level = sl.share;
    t.sl_threshold_s = hotline::cli::threshold_of(sl, a.threshold, sc.sl_threshold_s);
    sc.sl_threshold_s = t.sl_threshold_s;
  } else if (a.threshold) {
    throw hotline::InputError("--threshold", 0, "", "needs --target-sl (the threshold of which service level?)");
  }
  if (!t.answer_rate && !t.service_level) throw hotline::InputError("--target-answer-rate", 0, "", "give a target (or --target-sl)");
  ExperimentOptions opt;
  opt.replications = a.replications;
  opt.seed = a.seed;
  opt.threads = a.threads > 0 ? a.threads : int(std::max(1u, std::thread::hardware_concurrency()));
  hotline::cli::Progress progress("staff");
  const StaffingPlan plan = plan_staffing(sc, t, opt, a.rounds, [&](hotline::DayType d, int it) {
    progress.show(std::string(enum_key(d)) + " round " + std::to_string(it) + " (at most " + std::to_string(a.rounds) +
                  ")");
  });
  progress.finish();
  const nlohmann::json j = staffing_json(sc, opt, plan);
  if (!a.out.empty()) {
    const std::int64_t id = write_staffing_plan(a.out, sc, opt, plan, j.dump());
    std::fprintf(stderr, "staff: wrote plan (run %lld) to %s\n", static_cast<long long>(id), a.out.c_str());
  }
  if (a.json) std::printf("%s\n", j.dump(2).c_str());
  else std::fputs(format_staffing(sc, opt, plan, a.lang == "en" ? hotline::Lang::En : hotline::Lang::Zh).c_str(), stdout);
  for (const DayPlan& d : plan.days)
    if (!d.met) hotline::cli::exit_code() = 2;
}

void setup(CLI::App& app) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("staff",
                                 "Plan agents per interval and skill: Erlang A start, then simulate the whole day and "
                                 "add/remove agents until every interval meets the target");
  cmd->add_option("SCENARIO", args->scenario, "scenario.lua, its folder, or a scenario name")->required();
  cmd->add_option("--target-answer-rate", args->answer_rate, "Minimum answer rate per interval, e.g. 0.95 [XA23]")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--target-sl", args->sl, "Minimum service level per interval, SHARE[@SECONDS], e.g. 0.8@15s or 0.8 with --threshold");
  cmd->add_option("--threshold", args->threshold, "Service-level threshold: 15, 15s or 1m (default: the scenario's)");
  cmd->add_option("--replications,-r", args->replications, "Replications per round (default 10)")->check(CLI::Range(1, 10000));
  cmd->add_option("--seed", args->seed, "Base random seed (default 1)");
  cmd->add_option("--threads", args->threads, "Worker threads (default: all cores)")->check(CLI::Range(0, 1024));
  cmd->add_option("--rounds", args->rounds, "Maximum simulation rounds per day type (default 40)")->check(CLI::Range(1, 1000));
  cmd->add_option("--out", args->out, "Write the plan to this results SQLite database");
  cmd->add_flag("--json", args->json, "Print JSON instead of the table");
  cmd->add_option("--lang", args->lang, "Report language: zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  cmd->callback([args] { run(*args); });
}
HOTLINE_VERB("staff", setup);

}  // namespace
