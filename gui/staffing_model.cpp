// View model of the staffing window: checks on the series, agent-hours, and loading the
// series, wait grid and staffing plan from a results database (sim/results_db.cpp schema).
#include "gui/staffing_model.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>

#include "core/db_kind.hpp"
#include "core/error.hpp"
#include "core/sqlite.hpp"
#include "core/time.hpp"

namespace hotline::gui {

void IntervalSeries::check() const {
  if (!(interval_s > 0)) throw std::invalid_argument("staffing series: interval length must be > 0");
  auto same = [&](const std::vector<double>& v, const char* name) {
    if (v.size() != start_s.size())
      throw std::invalid_argument(std::string("staffing series: ") + name + " has " + std::to_string(v.size()) +
                                  " values for " + std::to_string(start_s.size()) + " intervals");
  };
  same(offered, "offered");
  same(scheduled, "scheduled");
  same(required, "required");
  same(answer_rate, "answer_rate");
  same(service_level, "service_level");
  if (!planned.empty()) same(planned, "planned");
  for (std::size_t i = 1; i < start_s.size(); ++i)
    if (!(start_s[i] > start_s[i - 1]))
      throw std::invalid_argument("staffing series: interval starts not ascending at index " + std::to_string(i));
}

double IntervalSeries::agent_hours(const std::vector<double>& agents) const {
  double sum = 0;
  for (double a : agents)
    if (!std::isnan(a)) sum += a;
  return sum * interval_s / 3600.0;
}

void WaitGrid::check() const {
  if (intervals <= 0 || mean_wait_s.size() != days.size() * std::size_t(intervals))
    throw std::invalid_argument("wait grid: " + std::to_string(mean_wait_s.size()) + " values for " +
                                std::to_string(days.size()) + " days x " + std::to_string(intervals) + " intervals");
}


namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A read-only connection; every failure is an InputError naming the file.
class Reader {
 public:
  explicit Reader(const std::filesystem::path& path) : path_(path) {
    if (!std::filesystem::is_regular_file(path)) fail("no such results database");
    db_ = sqlite::open(path, sqlite::Mode::ReadOnly);
    check_db_kind(db_.get(), path, DbKind::Results);  // a traffic store or another file is refused by its kind
  }
  [[noreturn]] void fail(const std::string& why) const { throw InputError(path_.string(), 0, "", why); }
  // Runs `sql` with integer parameters, calling row(stmt) per result row.
  template <class F>
  void query(const char* sql, std::initializer_list<std::int64_t> params, F&& row) const {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql, -1, &st, nullptr) != SQLITE_OK)
      fail(std::string("not a results database: ") + sqlite3_errmsg(db_.get()));
    const sqlite::Stmt stmt(st);
    int i = 0;
    for (std::int64_t p : params) sqlite3_bind_int64(st, ++i, p);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) row(st);
    if (rc != SQLITE_DONE) fail(std::string("reading: ") + sqlite3_errmsg(db_.get()));
  }

 private:
  std::filesystem::path path_;
  sqlite::Db db_;
};

double col(sqlite3_stmt* st, int i) { return sqlite3_column_type(st, i) == SQLITE_NULL ? kNaN : sqlite3_column_double(st, i); }
using sqlite::text;
double ratio(double a, double b) { return b > 0 ? a / b : kNaN; }
}  // namespace

StaffingModel load_staffing(const std::filesystem::path& path) {
  Reader db(path);
  StaffingModel m;
  std::int64_t run = -1, reps = 0, interval_s = 0;
  std::string scenario;
  db.query("SELECT run_id, replications, interval_s, scenario FROM runs WHERE kind = 'simulate' ORDER BY run_id DESC LIMIT 1",
           {}, [&](sqlite3_stmt* st) {
             run = sqlite3_column_int64(st, 0);
             reps = sqlite3_column_int64(st, 1);
             interval_s = sqlite3_column_int64(st, 2);
             scenario = text(st, 3);
           });
  if (run < 0) db.fail("no simulate run in the runs table (write one with hotline simulate --out)");
  if (interval_s <= 0 || 86400 % interval_s != 0 || reps <= 0) db.fail("runs: run " + std::to_string(run) + ": bad interval_s or replications");
  const int per_day = int(86400 / interval_s);

  // Per interval of the horizon, summed over skills and replications.
  struct Sums {
    double offered = 0, answered = 0, in_sl = 0, busy = 0, staffed = 0, wait = 0;
    Time start = 0;
  };
  std::vector<Sums> iv;
  db.query("SELECT interval, MIN(start_unix), SUM(offered), SUM(answered), SUM(answered_in_sl), SUM(busy_agent_s), "
           "SUM(staffed_agent_s), SUM(wait_answered_s) FROM call_interval_kpis WHERE run_id = ? GROUP BY interval ORDER BY interval",
           {run}, [&](sqlite3_stmt* st) {
             const auto i = std::size_t(sqlite3_column_int64(st, 0));
             if (i >= iv.size()) iv.resize(i + 1);
             iv[i] = Sums{col(st, 2), col(st, 3), col(st, 4), col(st, 5), col(st, 6), col(st, 7), sqlite3_column_int64(st, 1)};
           });
  if (iv.empty()) db.fail("call_interval_kpis: no rows for run " + std::to_string(run));
  const int days = int((iv.size() + std::size_t(per_day) - 1) / std::size_t(per_day));
  m.source = "run " + std::to_string(run) + ": " + scenario + ", " + std::to_string(days) + " d x " + std::to_string(reps) + " rep";

  // Time of day: sums over the days, then means.
  std::vector<Sums> tod(static_cast<std::size_t>(per_day));
  for (std::size_t i = 0; i < iv.size(); ++i) {
    Sums& t = tod[i % std::size_t(per_day)];
    t.offered += iv[i].offered, t.answered += iv[i].answered, t.in_sl += iv[i].in_sl;
    t.busy += iv[i].busy, t.staffed += iv[i].staffed;
  }
  const double n = double(days) * double(reps);
  IntervalSeries s;
  s.interval_s = double(interval_s);
  for (int k = 0; k < per_day; ++k) {
    const Sums& t = tod[std::size_t(k)];
    s.start_s.push_back(double(k) * double(interval_s));
    s.offered.push_back(t.offered / n);
    s.scheduled.push_back(t.staffed / double(interval_s) / n);
    // offered load in Erlangs: offered x AHT / interval (AHT from busy time per answered call)
    s.required.push_back(t.answered > 0 ? std::ceil(t.offered / n * (t.busy / t.answered) / double(interval_s)) : 0.0);
    s.answer_rate.push_back(ratio(t.answered, t.offered));
    s.service_level.push_back(ratio(t.in_sl, t.offered));
  }

  // Wait grid: one row per simulated day.
  WaitGrid g;
  g.intervals = per_day;
  for (int d = 0; d < days; ++d) {
    g.days.push_back(format_date(cst_day(iv[std::size_t(d * per_day)].start)));
    for (int k = 0; k < per_day; ++k) {
      const std::size_t i = std::size_t(d * per_day + k);
      g.mean_wait_s.push_back(i < iv.size() ? ratio(iv[i].wait, iv[i].answered) : kNaN);
    }
  }

  // The newest staffing plan, if the database has one.
  std::int64_t plan_run = -1;
  std::string plan_json;
  db.query("SELECT run_id, summary_json FROM runs WHERE kind = 'staff' ORDER BY run_id DESC LIMIT 1", {},
           [&](sqlite3_stmt* st) {
             plan_run = sqlite3_column_int64(st, 0);
             plan_json = text(st, 1);
           });
  if (plan_run >= 0) {
    try {
      const auto j = nlohmann::json::parse(plan_json);
      if (j.contains("target")) {
        const auto& t = j["target"];
        if (t.contains("service_level")) s.target = t["service_level"].get<double>();
        if (t.contains("answer_rate")) s.answer_target = t["answer_rate"].get<double>();
      }
    } catch (const nlohmann::json::exception& e) {
      db.fail("runs: run " + std::to_string(plan_run) + ": summary_json: " + e.what());
    }
    std::map<std::string, std::vector<double>> agents, erlang;
    db.query("SELECT day_type, interval, SUM(agents), SUM(erlang_agents) FROM staffing_plan WHERE run_id = ? "
             "GROUP BY day_type, interval ORDER BY day_type, interval",
             {plan_run}, [&](sqlite3_stmt* st) {
               const std::string type = text(st, 0);
               const auto i = std::size_t(sqlite3_column_int64(st, 1));
               for (auto* v : {&agents[type], &erlang[type]})
                 if (v->size() <= i) v->resize(i + 1, 0.0);
               agents[type][i] = col(st, 2);
               erlang[type][i] = col(st, 3);
             });
    db.query("SELECT day_type, interval, skill, agents FROM staffing_plan WHERE run_id = ?", {plan_run},
             [&](sqlite3_stmt* st) {
               const std::string type = text(st, 0);
               const auto skill = enum_from<SkillQueue>(text(st, 2));
               const auto i = std::size_t(sqlite3_column_int64(st, 1));
               const auto d = enum_from<DayType>(type);
               if (!skill || !d) return;
               auto& day = m.plan_agents[std::size_t(*d)];
               if (day.size() <= i) day.resize(i + 1, {});
               day[i][std::size_t(*skill)] = int(sqlite3_column_int64(st, 3));
             });
    const double current = s.agent_hours(s.scheduled);
    for (std::size_t d = 0; d < std::size_t(DayType::Count); ++d)  // day types in DayType order
      if (auto it = agents.find(std::string(enum_key(DayType(d)))); it != agents.end())
        m.plan.push_back(PlanRow{it->first, s.agent_hours(it->second), s.agent_hours(erlang[it->first]), current});
    for (const auto& [type, a] : agents)  // a key this build does not know: shown as written
      if (!enum_from<DayType>(type)) m.plan.push_back(PlanRow{type, s.agent_hours(a), s.agent_hours(erlang[type]), current});
    auto shown = agents.count("weekday") ? agents.find("weekday") : agents.begin();
    if (shown != agents.end() && shown->second.size() == s.size()) s.planned = shown->second;
  }
  m.series = std::move(s);
  m.waits = std::move(g);
  m.series->check();
  m.waits->check();
  return m;
}

}  // namespace hotline::gui
