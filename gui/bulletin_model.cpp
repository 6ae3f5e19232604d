// View model of the bulletin window: ticket runs, one run's bulletin with rank changes, export.
#include "gui/bulletin_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/paths.hpp"
#include "gui/i18n.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "sim/report.hpp"
#include "sim/results_db.hpp"

namespace hotline::gui {

std::string TicketRunInfo::label(Lang lang) const {
  const bool zh = lang == Lang::Zh;
  std::string s = (zh ? "运行 " : "run ") + std::to_string(run_id) + (zh ? "：" : ": ") + scenario + ", " +
                  std::filesystem::path(ruleset).filename().string();
  if (!role.empty()) s += zh ? (role == "baseline" ? "（基线）" : "（修订）") : " (" + role + ")";
  return s;
}

std::vector<TicketRunInfo> list_ticket_runs(const std::filesystem::path& path) {
  std::vector<TicketRunInfo> out;
  for (sim::TicketRunSummary& r : sim::list_ticket_runs(path)) out.push_back(TicketRunInfo{std::move(r)});
  return out;
}

std::pair<std::int64_t, std::int64_t> default_runs(const std::vector<TicketRunInfo>& runs) {
  if (runs.empty()) return {0, 0};
  // compare --out writes the baseline, then the revised run: the revised is newest
  if (runs.size() > 1 && runs[0].role == "revised" && runs[1].role == "baseline") return {runs[0].run_id, runs[1].run_id};
  return {runs[0].run_id, 0};
}

std::optional<int> BulletinRow::rank_change() const {
  if (!compare_rank) return std::nullopt;
  return *compare_rank - rank;
}

namespace {
// The number a cell shows ("95.5%" -> 95.5, "12" -> 12); NaN for text such as "/" or a name.
double number(const std::string& s) {
  if (s.empty()) return NAN;
  std::string t = s.back() == '%' ? s.substr(0, s.size() - 1) : s;
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  return end && *end == '\0' && end != t.c_str() ? v : NAN;
}
}  // namespace

void BulletinTable::sort(std::size_t column, bool ascending) {
  auto key = [&](const BulletinRow& r) -> std::pair<double, std::string> {
    if (column == 0) return {double(r.rank), {}};
    if (column <= headers.size()) {
      const std::string& c = r.cells[column - 1];
      return {number(c), c};
    }
    auto ch = r.rank_change();
    return {ch ? double(*ch) : NAN, {}};
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const BulletinRow& a, const BulletinRow& b) {
    if (a.group != b.group) return a.group < b.group;
    const auto ka = key(a), kb = key(b);
    const bool na = std::isnan(ka.first), nb = std::isnan(kb.first);
    if (na != nb) return nb;  // numbers before text and blanks, either direction
    if (!na && ka.first != kb.first) return ascending ? ka.first < kb.first : ka.first > kb.first;
    if (na && ka.second != kb.second) return ascending ? ka.second < kb.second : ka.second > kb.second;
    return a.rank < b.rank;  // ties: the rule set's order
  });
}

std::string BulletinTable::title(Lang lang) const {
  const bool zh = lang == Lang::Zh;
  std::string s = (zh ? "模拟通报 " : "Simulated bulletin ") + period + (zh ? "（" : " (") + scenario +
                  (zh ? "，运行 " : ", run ") + std::to_string(run_id) + (zh ? "，规则集 " : ", rule set ") + ruleset +
                  (zh ? "，" : ", ") + (zh ? "" : "mean of ") + std::to_string(replications) +
                  (zh ? "次重复均值" : " replications");
  if (compare_run_id) s += (zh ? "；名次变化对比运行 " : "; rank changes against run ") + std::to_string(compare_run_id);
  return s + (zh ? "）" : ")");
}

Bulletin BulletinTable::shown(Lang lang) const {
  Bulletin b;
  b.headers.push_back(std::string(tr(Text::Rank, lang)));
  b.headers.insert(b.headers.end(), headers.begin(), headers.end());
  if (compare_run_id) b.headers.push_back(std::string(tr(Text::RankChange, lang)));
  for (const std::string& g : groups) b.groups.push_back(Bulletin::Group{g, {}});
  for (const BulletinRow& r : rows) {
    std::vector<std::string> cells{std::to_string(r.rank)};
    cells.insert(cells.end(), r.cells.begin(), r.cells.end());
    if (compare_run_id) {
      auto ch = r.rank_change();
      cells.push_back(ch ? (*ch > 0 ? "+" : "") + std::to_string(*ch) + " (" + std::to_string(*r.compare_rank) + (lang == Lang::Zh ? "→" : "->") +
                               std::to_string(r.rank) + ")"
                         : "-");
    }
    b.groups[std::size_t(r.group)].rows.push_back(std::move(cells));
  }
  return b;
}

std::filesystem::path ruleset_folder(const std::string& stored) {
  if (stored.empty()) throw std::runtime_error("the run names no rule set");
  return rules::find_ruleset(stored);
}

namespace {
struct RunBulletin {
  sim::StoredRun run;
  std::shared_ptr<const rules::RuleSet> rules;
  std::vector<UnitPeriodCounts> counts;
  Bulletin bulletin;
};

RunBulletin run_bulletin(const std::filesystem::path& db, std::int64_t run_id, const std::string& period, Lang lang) {
  RunBulletin r;
  r.run = sim::read_ticket_run(db, run_id);
  rules::LoadOptions lo;
  lo.run_tests = false;  // the set was tested when the run was made; the bulletin only needs its layout
  r.rules = rules::load_rule_set(ruleset_folder(r.run.ruleset), lo);
  r.counts = sim::read_unit_counts(db, r.run.run_id, period, r.rules->org());
  rules::RuleEngine engine(r.rules);
  r.bulletin = engine.bulletin(r.counts, lang);
  if (r.bulletin.headers.empty())
    throw InputError(r.rules->folder().string(), 0, "indicators.lua", "the rule set defines no bulletin");
  return r;
}
}  // namespace

BulletinTable load_bulletin(const std::filesystem::path& db, std::int64_t run_id, const std::string& period,
                            std::int64_t compare_run, Lang lang) {
  const RunBulletin own = run_bulletin(db, run_id, period, lang);
  BulletinTable t;
  t.run_id = own.run.run_id;
  t.period = period;
  t.scenario = own.run.scenario;
  t.ruleset = own.rules->manifest().id;
  t.replications = own.run.replications;
  t.headers = own.bulletin.headers;
  const auto& cols = own.rules->tables().bulletin.columns;
  t.unit_column = int(std::find(cols.begin(), cols.end(), "unit") - cols.begin());
  if (t.unit_column >= int(cols.size())) t.unit_column = -1;
  for (std::size_t g = 0; g < own.bulletin.groups.size(); ++g) {
    t.groups.push_back(own.bulletin.groups[g].title);
    int rank = 0;
    for (const auto& cells : own.bulletin.groups[g].rows) t.rows.push_back(BulletinRow{int(g), ++rank, std::nullopt, cells});
  }
  rules::RuleEngine engine(own.rules);
  const std::vector<UnitIndicators> ind = engine.indicators(own.counts);
  for (std::size_t i = 0; i < own.counts.size(); ++i) {
    const Unit& u = own.rules->org().unit(own.counts[i].unit);
    t.units.push_back(UnitFigures{u.id, u.name, own.counts[i], i < ind.size() ? ind[i] : UnitIndicators{}});
  }
  if (compare_run > 0 && t.unit_column >= 0) {
    const RunBulletin other = run_bulletin(db, compare_run, period, lang);
    const auto& ocols = other.rules->tables().bulletin.columns;
    const std::size_t oc = std::size_t(std::find(ocols.begin(), ocols.end(), "unit") - ocols.begin());
    if (oc >= ocols.size())
      throw InputError(other.rules->folder().string(), 0, "indicators.lua", "the bulletin has no unit column");
    std::map<std::string, int> ranks;
    for (const auto& g : other.bulletin.groups)
      for (std::size_t i = 0; i < g.rows.size(); ++i) ranks.emplace(g.rows[i][oc], int(i) + 1);
    t.compare_run_id = other.run.run_id;
    for (BulletinRow& r : t.rows)
      if (auto it = ranks.find(r.cells[std::size_t(t.unit_column)]); it != ranks.end()) r.compare_rank = it->second;
  }
  return t;
}

void export_bulletin(const BulletinTable& t, const std::string& format, const std::filesystem::path& file, Lang lang) {
  const std::string body = sim::format_bulletin(t.shown(lang), format, t.title(lang), lang);
  std::filesystem::path tmp = file;
  tmp += ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << body;
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw std::runtime_error(file.string() + ": cannot write the export");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    const std::string why = ec.message();
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error(file.string() + ": cannot write the export: " + why);
  }
}

std::filesystem::path export_path(const std::filesystem::path& db, const BulletinTable& t, const std::string& ext) {
  return db.parent_path() / ("bulletin-run" + std::to_string(t.run_id) + "-" + t.period + "." + ext);
}

}  // namespace hotline::gui
