// `hotline calibrate SCENARIO --bulletin FILE`: fits the scenario's ticket volumes, handling
// scales and satisfaction to a published monthly bulletin [SL24 bulletin 2025-01], reports
// the fit per unit (published, simulated mean, 95% CI) and with --write stores the fitted
// values in the scenario's calibration file. See docs/calibration.md.
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

#include "cli/verb.hpp"
#include "core/error.hpp"
#include "core/file_safety.hpp"
#include "core/paths.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/calibrate.hpp"

namespace {
using namespace hotline;
namespace fs = std::filesystem;

struct Args {
  std::string scenario, bulletin, period, lang = "zh", format = "table";
  int replications = 20, iterations = 10, min_tickets = 20;
  std::uint64_t seed = 1;
  double tolerance = 3, min_scale = 0.05, max_scale = 5;
  bool write = false;
};

// Display width of UTF-8 text (CJK characters take two columns).
int width(const std::string& s) {
  int w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2 : 1;
    i += std::size_t(len);
  }
  return w;
}
std::string pad(const std::string& s, int w, bool right = false) {
  const std::string fill(std::size_t(std::max(0, w - width(s))), ' ');
  return right ? fill + s : s + fill;
}
std::string num(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}
std::string pct(double r) { return num("%.2f", 100 * r); }
std::string pct_ci(double mean, const sim::Estimate& ci) {
  return pct(mean) + (ci.n > 1 ? " ±" + num("%.2f", 100 * ci.half_width) : "");
}

// Where --write puts the calibration file. The tool never writes into its shipped data
// (core/paths.hpp): a scenario that lives there (given by name, or by a path into the data
// folder) is copied into the current folder first, as ./<its folder name>/, and the file is
// written into the copy. Decided before the fit, so that a refusal costs nothing.
struct WriteTarget {
  fs::path file;         // the calibration file to write
  fs::path copy_from;    // non-empty: the shipped scenario folder to copy ...
  fs::path copy_to;      // ... to this new folder in the current folder
};

WriteTarget write_target(const ScenarioConfig& sc, const fs::path& cal_file, const fs::path& bulletin) {
  const fs::path folder = fs::path(sc.file).parent_path();
  WriteTarget t{cal_file.empty() ? folder / "calibration.lua" : cal_file, {}, {}};
  const fs::path shipped = shipped_data_dir_of(t.file);
  if (!shipped.empty()) {
    std::error_code ec;
    const fs::path rel = fs::relative(fs::weakly_canonical(t.file, ec), fs::weakly_canonical(folder, ec), ec);
    if (ec || rel.empty() || rel.string().rfind("..", 0) == 0 || rel.is_absolute())
      throw InputError(t.file.string(), 0, "--write",
                       "the calibration file is in the shipped data folder " + shipped.string() +
                           ", outside the scenario's folder; hotline never writes there (nothing was written)");
    t.copy_from = fs::weakly_canonical(folder, ec);
    t.copy_to = fs::current_path() / t.copy_from.filename();
    if (!shipped_data_dir_of(t.copy_to).empty())
      throw InputError(t.copy_to.string(), 0, "--write",
                       "the current folder is inside the shipped data folder " + shipped.string() +
                           "; run calibrate --write from another folder (nothing was written)");
    if (fs::exists(fs::symlink_status(t.copy_to, ec)))
      throw InputError(t.copy_to.string(), 0, "--write",
                       "the scenario is shipped data (" + shipped.string() + "), which hotline never changes, and "
                       "its copy here exists already: calibrate the copy (hotline calibrate " + t.copy_to.string() +
                       " ...) or move it away (nothing was written)");
    t.file = t.copy_to / rel;
    return t;  // a new folder: it cannot be an input
  }
  refuse_overwriting_inputs({{"--write", t.file}}, {{"SCENARIO", sc.file}, {"--bulletin", bulletin}});
  return t;
}

// Copies the shipped scenario folder to t.copy_to: into a temporary folder beside it, renamed
// at the end, so that a failed copy leaves nothing behind.
void copy_scenario(const WriteTarget& t) {
  const fs::path tmp = t.copy_to.parent_path() / ("." + t.copy_to.filename().string() + ".tmp-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::copy(t.copy_from, tmp, fs::copy_options::recursive, ec);
  if (!ec) fs::rename(tmp, t.copy_to, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove_all(tmp, ignored);
    throw InputError(t.copy_to.string(), 0, "--write", "cannot copy the scenario here: " + ec.message());
  }
  std::fprintf(stderr, "calibrate: %s is shipped data, which hotline never changes; copied it to %s\n",
               t.copy_from.string().c_str(), t.copy_to.string().c_str());
}

// Writes the fitted values (`--write`) where write_target() decided, copying a shipped
// scenario first; the header names the bulletin relative to the scenario's folder.
void write_calibration(const WriteTarget& target, const ScenarioConfig& sc, const fs::path& cal_file,
                       const fs::path& bulletin, const sim::CalibrationResult& r, const OrgGraph& org,
                       const sim::CalibrationOptions& opt) {
  if (!target.copy_to.empty()) copy_scenario(target);
  const fs::path folder = fs::path(sc.file).parent_path();
  std::time_t now = std::time(nullptr);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
  std::error_code ec;
  fs::path rel = fs::relative(bulletin, folder, ec);
  if (ec || rel.empty() || rel.string().rfind("..", 0) == 0) rel = bulletin;
  sim::write_file_atomically(target.file, sim::calibration_lua(r, org, rel.string(), opt, date));
  std::fprintf(stderr, "calibrate: wrote %s\n", target.file.string().c_str());
  const fs::path scenario_file = target.copy_to.empty() ? fs::path(sc.file) : target.copy_to / fs::path(sc.file).filename();
  if (cal_file.empty())
    std::fprintf(stderr, "calibrate: add `calibration = \"calibration.lua\"` to %s to use it\n", scenario_file.c_str());
  else if (!target.copy_to.empty())
    std::fprintf(stderr, "calibrate: use it with `hotline simulate %s`\n", target.copy_to.c_str());
}

void run(const Args& a) {
  const bool en = a.lang == "en";
  fs::path cal_file;
  ScenarioLoadOptions lo;
  lo.apply_calibration = a.iterations == 0;  // a fit starts from the scenario as written
  lo.calibration_file = &cal_file;
  const ScenarioConfig sc = load_scenario(a.scenario, lo);
  if (!sc.tickets.enabled) throw InputError(sc.file, 0, "tickets", "the scenario has no tickets section (docs/tickets.md)");
  if (sc.ruleset.empty()) throw InputError(sc.file, 0, "ruleset", "the scenario names no rule set");
  const fs::path folder = fs::path(sc.file).parent_path();
  fs::path bulletin = a.bulletin;
  if (!fs::exists(bulletin) && bulletin.is_relative() && fs::exists(folder / bulletin)) bulletin = folder / bulletin;
  if (!fs::exists(bulletin)) throw InputError(a.bulletin, 0, "--bulletin", "no such file");

  if (a.write && a.iterations == 0) throw InputError("--write", 0, "--iterations", "nothing was fitted (0 iterations)");
  const WriteTarget target = a.write ? write_target(sc, cal_file, bulletin) : WriteTarget{};

  const auto rs = rules::load_rule_set(rules::find_ruleset(sc.ruleset));
  const sim::PublishedBulletin pub = sim::read_published_bulletin(bulletin, rs->org());

  sim::CalibrationOptions opt;
  opt.replications = a.replications;
  opt.seed = a.seed;
  opt.iterations = a.iterations;
  opt.period = a.period;
  opt.min_scale = a.min_scale;
  opt.max_scale = a.max_scale;
  opt.tolerance = a.tolerance / 100;
  opt.min_tickets = a.min_tickets;
  opt.policy_factory = rules::engine_factory(rs);
  opt.progress = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  std::fprintf(stderr, "calibrate: %s against %s (%zu units), rule set %s@%s, %d replications, seed %llu, %d iterations\n",
               sc.name.c_str(), bulletin.string().c_str(), pub.rows.size(), rs->manifest().id.c_str(),
               rs->revision().c_str(), a.replications, static_cast<unsigned long long>(a.seed), a.iterations);
  const sim::CalibrationResult r = sim::calibrate(sc, pub, rs->org(), rs->calendar(), opt);

  if (a.format == "csv") {
    std::printf("unit_id,unit,published_handled,handled,handled_ci,published_on_time_rate,on_time_rate,on_time_ci,"
                "published_satisfaction,satisfaction,satisfaction_ci,handling_scale,within_tolerance,note\n");
    for (const sim::UnitFit& u : r.units) {
      const sim::PublishedRow& p = *u.published;
      const sim::UnitFigures& s = u.simulated;
      std::printf("%s,%s,%d,%.3f,%.3f,%.6f,%s,%s,%s,%s,%s,%.4f,%d,%s\n", rs->org().unit(p.unit).id.c_str(), p.name.c_str(),
                  p.handled, s.handled.mean, s.handled.half_width, p.on_time_rate,
                  s.any ? num("%.6f", s.on_time_rate).c_str() : "", s.any ? num("%.6f", s.on_time_ci.half_width).c_str() : "",
                  p.satisfaction ? num("%.6f", *p.satisfaction).c_str() : "",
                  s.evaluated ? num("%.6f", s.satisfaction).c_str() : "",
                  s.evaluated ? num("%.6f", s.satisfaction_ci.half_width).c_str() : "", u.handling_scale,
                  u.on_time_ok && u.satisfaction_ok ? 1 : 0, u.note.c_str());
    }
    std::printf("total,total,%.0f,%.3f,%.3f,,,,,,,,%d,\n", r.published_total, r.simulated_total.mean,
                r.simulated_total.half_width, r.total_ok ? 1 : 0);
  } else {
    std::printf(en ? "Calibration of %s to %s (month %s): %d replications, seed %llu, %d iterations\n"
                     "Published value / simulated mean ±95%% CI; rates in %%; * outside ±%.0f points (units with >= %d tickets)\n\n"
                   : "%s 对 %s 的校准（%s 月）：%d 次重复，种子 %llu，%d 次迭代\n"
                     "公布值 / 模拟均值 ±95%%置信区间；比率为 %%；* 超出 ±%.0f 个百分点（承办件数 >= %d 的单位）\n\n",
                sc.name.c_str(), bulletin.filename().string().c_str(), r.period.c_str(), a.replications,
                static_cast<unsigned long long>(a.seed), a.iterations, a.tolerance, a.min_tickets);
    const int wu = 26;
    std::printf("%s %s %s %s %s %s %s %s %s\n", pad(en ? "unit" : "单位", wu).c_str(),
                pad(en ? "handled" : "承办件数", 8, true).c_str(), pad(en ? "simulated" : "模拟", 14, true).c_str(),
                pad(en ? "on-time" : "按期办结率", 10, true).c_str(), pad(en ? "simulated" : "模拟", 15, true).c_str(),
                pad(en ? "satisf." : "满意度", 8, true).c_str(), pad(en ? "simulated" : "模拟", 15, true).c_str(),
                pad(en ? "scale" : "时长倍数", 8, true).c_str(), en ? "note" : "说明");
    for (const sim::UnitFit& u : r.units) {
      const sim::PublishedRow& p = *u.published;
      const sim::UnitFigures& s = u.simulated;
      std::string note = u.note;
      if (!en) {
        if (note == "no category of the scenario is dispatched here") note = "场景中没有派往该单位的类别";
        else if (note == "handling scale at its bound") note = "处理时长倍数已到边界";
        else if (!note.empty()) note = "满意+基本满意已为1（逾期答复降低满意度）";
      }
      std::printf("%s %8d %14s %10s %15s %8s %15s %8.3f %s\n", pad(p.name, wu).c_str(), p.handled,
                  (num("%.1f", s.handled.mean) + " ±" + num("%.1f", s.handled.half_width)).c_str(),
                  pct(p.on_time_rate).c_str(), s.any ? (pct_ci(s.on_time_rate, s.on_time_ci) + (u.on_time_ok ? " " : "*")).c_str() : "-",
                  p.satisfaction ? pct(*p.satisfaction).c_str() : "/",
                  s.evaluated ? (pct_ci(s.satisfaction, s.satisfaction_ci) + (u.satisfaction_ok ? " " : "*")).c_str() : "/",
                  u.handling_scale, note.c_str());
    }
    std::printf(en ? "\nTotal handled: published %.0f, simulated %.1f ±%.1f (%+.2f%%)%s\n"
                   : "\n承办件数合计：公布 %.0f，模拟 %.1f ±%.1f（%+.2f%%）%s\n",
                r.published_total, r.simulated_total.mean, r.simulated_total.half_width,
                r.published_total > 0 ? 100 * (r.simulated_total.mean - r.published_total) / r.published_total : 0.0,
                r.total_ok ? "" : (en ? " * outside ±2%" : " * 超出 ±2%"));
    if (a.iterations > 0)
      std::printf(en ? "Fitted online tickets a day: %.2f (%.3f x the scenario's)\n" : "拟合的网络渠道日工单量：%.2f（场景值的 %.3f 倍）\n",
                  r.tickets.online_per_day, r.online_factor);
    if (!r.unpublished.empty()) {
      std::printf(en ? "Simulated units not in the bulletin (mean handled):" : "通报中没有的模拟单位（平均承办件数）：");
      for (const auto& [id, h] : r.unpublished) std::printf(" %s %.1f", id.c_str(), h);
      std::printf("\n");
    }
    std::printf(r.all_ok() ? (en ? "All units with >= %d tickets within tolerance.\n" : "承办件数 >= %d 的单位均在容差内。\n")
                           : (en ? "Some units with >= %d tickets are outside the tolerance (*).\n"
                                 : "部分承办件数 >= %d 的单位超出容差（*）。\n"),
                a.min_tickets);
  }

  if (a.write) write_calibration(target, sc, cal_file, bulletin, r, rs->org(), opt);
}

void setup(CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "calibrate",
      "Fit a scenario's ticket volumes, handling-time scales and satisfaction to a published monthly bulletin "
      "(docs/calibration.md)");
  cmd->add_option("SCENARIO", a->scenario, "scenario.lua, its folder, or a scenario name (e.g. shangluo-2025-01)")->required();
  cmd->add_option("--bulletin", a->bulletin,
                  "Published bulletin CSV (columns group, unit, handled, on_time, late, on_time_rate, overdue_open, "
                  "satisfaction); relative names are also looked up in the scenario's folder")
      ->required();
  cmd->add_option("--replications,-r", a->replications, "Replications per iteration (default 20)")->check(CLI::Range(1, 10000));
  cmd->add_option("--seed", a->seed, "Base random seed (default 1); every iteration reuses the same seeds");
  cmd->add_option("--iterations", a->iterations,
                  "Fit iterations (default 10); 0 evaluates the scenario as it is, with its calibration file")
      ->check(CLI::Range(0, 1000));
  cmd->add_option("--period", a->period, "Bulletin month YYYY-MM (default: the scenario's first month)");
  cmd->add_option("--tolerance", a->tolerance, "Points of on-time rate and satisfaction that count as a fit (default 3)")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--min-tickets", a->min_tickets, "Units with fewer published tickets are not flagged (default 20)")
      ->check(CLI::Range(0, 100000000));
  cmd->add_option("--min-scale", a->min_scale, "Lower bound of a unit's handling-time scale (default 0.05)")
      ->check(CLI::Range(0.001, 1.0));
  cmd->add_option("--max-scale", a->max_scale, "Upper bound of a unit's handling-time scale (default 5)")
      ->check(CLI::Range(1.0, 1000.0));
  cmd->add_flag("--write", a->write,
                "Write the fitted values to the scenario's calibration file (its `calibration` field, else "
                "calibration.lua beside scenario.lua), atomically; a shipped scenario (given by name) is "
                "first copied to ./NAME/ and the copy is written: the shipped data is never changed");
  cmd->add_option("--format", a->format, "table (default) or csv")->check(CLI::IsMember({"table", "csv"}));
  cmd->add_option("--lang", a->lang, "Report language: zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  cmd->callback([a] { run(*a); });
}
HOTLINE_VERB("calibrate", setup);
}  // namespace
