// `hotline simulate SCENARIO`: replications of the call-centre model with 95% CIs, a KPI
// table on stdout (or JSON), progress on stderr, and optionally a results database. When the
// scenario names a rule set, its engine is the Policy (diversion), and with a `tickets`
// section the ticket network runs behind the call centre (docs/tickets.md).
#include <cstdio>
#include <thread>

#include <filesystem>

#include "cli/outputs.hpp"
#include "cli/progress.hpp"
#include "cli/verb.hpp"
#include "core/paths.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/experiment.hpp"
#include "sim/report.hpp"
#include "sim/results_db.hpp"
#include "sim/ticket_network.hpp"

namespace {

struct Args {
  std::string scenario;
  int replications = 10;
  std::uint64_t seed = 1;
  int threads = 0;
  std::string out;
  bool json = false;
  std::string lang = "zh";
};

void run(const Args& a) {
  using namespace hotline::sim;
  const hotline::ScenarioConfig sc = hotline::load_scenario(a.scenario);
  hotline::cli::check_results_out(a.out, sc);  // before the run, not after it
  ExperimentOptions opt;
  opt.replications = a.replications;
  opt.seed = a.seed;
  opt.threads = a.threads > 0 ? a.threads : int(std::max(1u, std::thread::hardware_concurrency()));
  auto progress = std::make_shared<hotline::cli::Progress>("simulate");
  opt.progress = [progress](int done, int total) {
    progress->show(std::to_string(done) + "/" + std::to_string(total) + " replications");
    if (done == total) progress->finish();
  };
  if (sc.days > 30)
    opt.first_run_progress = [progress](double f) {  // every 10% of the horizon
      progress->show("replication 1 at " + std::to_string(10 * int(10 * f)) + "%");
    };
  std::fprintf(stderr, "simulate: %s, %d days, %d replications on %d threads\n", sc.name.c_str(), sc.days,
               opt.replications, std::min(opt.threads, opt.replications));
  std::shared_ptr<const hotline::rules::RuleSet> rs;
  if (!sc.ruleset.empty()) {
    rs = hotline::rules::load_rule_set(hotline::rules::find_ruleset(sc.ruleset));
    opt.policy_factory = hotline::rules::engine_factory(rs);
    std::fprintf(stderr, "simulate: rule set %s@%s\n", rs->manifest().id.c_str(), rs->revision().c_str());
  }
  std::vector<RunResult> runs;
  std::vector<TicketRun> ticket_runs;
  if (rs && sc.tickets.enabled) {
    ticket_runs = run_ticket_replications(sc, opt, rs->org(), rs->calendar());
    for (TicketRun& t : ticket_runs) runs.push_back(std::move(t.calls));
  } else {
    runs = run_replications(sc, opt);
  }
  const KpiSummary s = summarize(runs);
  nlohmann::json j = simulation_json(sc, opt, s);
  TicketTables tables;
  std::string ticket_text;
  if (!ticket_runs.empty()) {
    hotline::rules::RuleEngine engine(rs);
    tables = ticket_tables(ticket_runs, engine, rs->org());
    std::vector<double> created, closed, open, merged, manual, co_handled;
    for (const TicketRun& t : ticket_runs) {
      created.push_back(double(t.tickets.created));
      closed.push_back(double(t.tickets.closed));
      open.push_back(double(t.tickets.open_end));
      merged.push_back(double(t.tickets.merged));
      manual.push_back(double(t.tickets.manual));
      co_handled.push_back(double(t.tickets.co_handled));
    }
    const bool en = a.lang == "en";
    ticket_text = en ? "\nTicket network (mean ± 95% CI per replication):\n" : "\n工单网络（每次重复的均值 ± 95%置信区间）：\n";
    for (auto [zh, key, v] : {std::tuple{"工单", "created", &created}, {"办结", "closed", &closed},
                              {"期末未办结", "open_end", &open}, {"并单", "merged", &merged},
                              {"人工派单", "manual", &manual}, {"协办部分", "co_handled", &co_handled}}) {
      const Estimate e = estimate(*v);
      j["tickets"][key] = {{"mean", e.mean}, {"ci95", e.half_width}};
      char line[160];
      std::snprintf(line, sizeof line, "%s: %.1f ± %.1f\n", en ? key : zh, e.mean, e.half_width);
      ticket_text += line;
    }
  }
  if (!a.out.empty()) {
    const std::int64_t id = write_simulation(a.out, sc, opt, runs, j.dump(), ticket_runs.empty() ? nullptr : &tables);
    std::fprintf(stderr, "simulate: wrote run %lld to %s\n", static_cast<long long>(id), a.out.c_str());
  }
  if (a.json) std::printf("%s\n", j.dump(2).c_str());
  else std::fputs(format_simulation(sc, opt, s, a.lang == "en" ? hotline::Lang::En : hotline::Lang::Zh).c_str(), stdout);
  if (!a.json) std::fputs(ticket_text.c_str(), stdout);
}

void setup(CLI::App& app) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("simulate",
                                 "Simulate a scenario's call centre: replications, KPIs with 95% confidence intervals");
  cmd->add_option("SCENARIO", args->scenario, "scenario.lua, its folder, or a scenario name (e.g. shangluo-2025-01)")->required();
  cmd->add_option("--replications,-r", args->replications, "Independent replications (default 10)")->check(CLI::Range(1, 100000));
  cmd->add_option("--seed", args->seed, "Base random seed (default 1); the same seed gives the same numbers");
  cmd->add_option("--threads", args->threads, "Worker threads (default: all cores)")->check(CLI::Range(0, 1024));
  cmd->add_option("--out", args->out, "Write runs and per-interval KPIs to this results SQLite database");
  cmd->add_flag("--json", args->json, "Print JSON instead of the table");
  cmd->add_option("--lang", args->lang, "Report language: zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  cmd->callback([args] { run(*args); });
}
HOTLINE_VERB("simulate", setup);

}  // namespace
