// `hotline bulletin --db results.sqlite [--run ID] --period 2025-01 --format md|csv|html`:
// the monthly bulletin table of a simulated run, laid out by the rule set's indicator
// script (Policy::bulletin) [SL24 bulletin 2025-01].
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/verb.hpp"
#include "core/paths.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "sim/report.hpp"
#include "sim/results_db.hpp"

namespace {
using namespace hotline;

struct Args {
  std::string db;
  std::int64_t run = 0;
  std::string period;
  std::string format = "md";
  int replication = 0;  // numbered from 1, as everywhere users see replications; 0: the mean
  std::string lang = "zh";
};

void run(const Args& a) {
  if (!std::filesystem::exists(a.db)) throw InputError(a.db, 0, "--db", "no such results database");
  const sim::StoredRun r = sim::read_ticket_run(a.db, a.run);
  if (r.ruleset.empty()) throw InputError(a.db, 0, "ruleset", "run " + std::to_string(r.run_id) + " names no rule set");
  auto rs = rules::load_rule_set(rules::find_ruleset(r.ruleset));
  rules::RuleEngine engine(rs);
  const auto counts = sim::read_unit_counts(a.db, r.run_id, a.period, rs->org(), a.replication - 1);
  const bool en = a.lang == "en";
  const Bulletin b = engine.bulletin(counts, en ? Lang::En : Lang::Zh);
  if (b.headers.empty()) throw InputError(rs->folder().string(), 0, "indicators.lua", "the rule set defines no bulletin");
  const std::string what = a.replication >= 1 ? (en ? "replication " : "第") + std::to_string(a.replication) + (en ? "" : "次重复")
                                              : (en ? "mean of " : "") + std::to_string(r.replications) + (en ? " replications" : "次重复均值");
  const std::string title = en ? "Simulated bulletin " + a.period + " (" + r.scenario + ", run " + std::to_string(r.run_id) + ", " + what + ")"
                               : "模拟通报 " + a.period + "（" + r.scenario + "，运行 " + std::to_string(r.run_id) + "，" + what + "）";
  std::fputs(sim::format_bulletin(b, a.format, title, en ? Lang::En : Lang::Zh).c_str(), stdout);
  std::fprintf(stderr, "bulletin: run %lld, period %s, %zu units, rule set %s\n", static_cast<long long>(r.run_id),
               a.period.c_str(), counts.size(), rs->manifest().id.c_str());
}

void setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "bulletin", "Print a simulated run's monthly bulletin table as the rule set's indicator script lays it out");
  cmd->add_option("--db", a->db, "Results SQLite database written by `hotline simulate --out`")->required();
  cmd->add_option("--run", a->run, "Run id (default: the latest run with ticket-network results)");
  cmd->add_option("--period", a->period, "Month, YYYY-MM (e.g. 2025-01)")->required();
  cmd->add_option("--format", a->format, "md (default), csv or html")->check(CLI::IsMember({"md", "csv", "html"}));
  cmd->add_option("--replication", a->replication,
                  "One replication, numbered from 1; default: the mean over all replications, rounded to whole tickets")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--lang", a->lang, "Headers: zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  cmd->callback([a] { run(*a); });
}
HOTLINE_VERB("bulletin", setup);
}  // namespace
