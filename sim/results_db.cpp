// The results database writer (SQLite C API, prepared statements, one transaction per run).
#include "sim/results_db.hpp"

#include <sqlite3.h>

#include <memory>
#include <stdexcept>

#include "sim/staffing.hpp"

namespace hotline::sim {

namespace {

struct DbClose {
  void operator()(sqlite3* d) const { sqlite3_close(d); }
};
struct StmtFinalize {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbClose>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

const char* const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs(
  run_id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,                -- 'simulate' or 'staff'
  scenario TEXT NOT NULL,
  scenario_file TEXT NOT NULL,
  ruleset TEXT NOT NULL,
  created_unix INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  replications INTEGER NOT NULL,
  interval_s INTEGER NOT NULL,
  sl_threshold_s REAL NOT NULL,
  sl_definition TEXT NOT NULL,
  summary_json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS run_replications(
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  replication INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  offered INTEGER, answered INTEGER, abandoned INTEGER, diverted INTEGER, in_system_end INTEGER,
  answer_rate REAL, service_level REAL, asa_s REAL, mean_wait_s REAL, p90_wait_s REAL,
  occupancy REAL, events INTEGER,
  PRIMARY KEY(run_id, replication));
CREATE TABLE IF NOT EXISTS call_interval_kpis(
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  replication INTEGER NOT NULL,
  interval INTEGER NOT NULL,
  start_unix INTEGER NOT NULL,
  skill TEXT NOT NULL,
  offered INTEGER, queued INTEGER, answered INTEGER, answered_in_sl INTEGER, abandoned INTEGER,
  short_abandoned INTEGER, diverted INTEGER, overflowed INTEGER, redials INTEGER,
  ivr_self_served INTEGER, ivr_hangups INTEGER, callbacks_made INTEGER, callbacks_reached INTEGER,
  callbacks_expired INTEGER, tickets INTEGER, direct_answers INTEGER, max_queue INTEGER,
  wait_answered_s REAL, wait_abandoned_s REAL, busy_agent_s REAL, staffed_agent_s REAL,
  PRIMARY KEY(run_id, replication, interval, skill));
CREATE TABLE IF NOT EXISTS staffing_plan(
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  day_type TEXT NOT NULL,
  interval INTEGER NOT NULL,
  start_hhmm TEXT NOT NULL,
  skill TEXT NOT NULL,
  erlang_agents INTEGER NOT NULL,
  agents INTEGER NOT NULL,
  answer_rate REAL, answer_rate_ci REAL, service_level REAL, service_level_ci REAL,
  PRIMARY KEY(run_id, day_type, interval, skill));
)sql";

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string("results database: ") + what + ": " + sqlite3_errmsg(db));
}

Db open(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.string().c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Db db(raw);
  check(raw, rc, "open");
  check(raw, sqlite3_exec(raw, kSchema, nullptr, nullptr, nullptr), "create tables");
  return db;
}

Stmt prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  check(db, sqlite3_prepare_v2(db, sql, -1, &st, nullptr), "prepare");
  return Stmt(st);
}

void step(sqlite3* db, sqlite3_stmt* st) {
  check(db, sqlite3_step(st), "insert");
  sqlite3_reset(st);
}

// Binds values 1..n in order.
struct Binder {
  sqlite3_stmt* st;
  int i = 1;
  Binder& operator<<(std::int64_t v) { sqlite3_bind_int64(st, i++, v); return *this; }
  Binder& operator<<(int v) { sqlite3_bind_int64(st, i++, v); return *this; }
  Binder& operator<<(double v) { sqlite3_bind_double(st, i++, v); return *this; }
  Binder& operator<<(const std::string& v) { sqlite3_bind_text(st, i++, v.c_str(), int(v.size()), SQLITE_TRANSIENT); return *this; }
};

// Runs f inside BEGIN IMMEDIATE ... COMMIT; rolls back on any exception.
template <class F>
std::int64_t transaction(sqlite3* db, F&& f) {
  check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), "begin");
  try {
    const std::int64_t id = f();
    check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
    return id;
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::int64_t insert_run(sqlite3* db, const char* kind, const ScenarioConfig& sc, const ExperimentOptions& opt,
                        const std::string& json) {
  Stmt st = prepare(db,
                    "INSERT INTO runs(kind, scenario, scenario_file, ruleset, created_unix, seed, replications, "
                    "interval_s, sl_threshold_s, sl_definition, summary_json) "
                    "VALUES(?,?,?,?,strftime('%s','now'),?,?,?,?,?,?)");
  Binder b{st.get()};
  b << std::string(kind) << sc.name << sc.file << sc.ruleset << std::int64_t(opt.seed) << opt.replications
    << sc.interval_s << sc.sl_threshold_s
    << std::string("service_level = calls answered with wait <= sl_threshold_s / calls offered");
  b << json;
  step(db, st.get());
  return sqlite3_last_insert_rowid(db);
}

}  // namespace

std::int64_t write_simulation(const std::filesystem::path& path, const ScenarioConfig& sc,
                              const ExperimentOptions& opt, const std::vector<RunResult>& runs,
                              const std::string& json) {
  Db db = open(path);
  sqlite3* d = db.get();
  return transaction(d, [&] {
    const std::int64_t run = insert_run(d, "simulate", sc, opt, json);
    Stmt rep = prepare(d, "INSERT INTO run_replications VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    Stmt iv = prepare(d, "INSERT INTO call_interval_kpis VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const RunResult& rr = runs[r];
      std::vector<std::uint32_t> h;
      const KpiCounters t = rr.total(&h);
      Binder b{rep.get()};
      b << run << int(r) << std::int64_t(replication_seed(opt.seed, int(r))) << t.offered << t.answered
        << t.abandoned << t.diverted << rr.in_system_end << metric_value(t, h.data(), Metric::AnswerRate)
        << metric_value(t, h.data(), Metric::ServiceLevel) << metric_value(t, h.data(), Metric::Asa)
        << metric_value(t, h.data(), Metric::MeanWait) << metric_value(t, h.data(), Metric::P90Wait)
        << metric_value(t, h.data(), Metric::Occupancy) << std::int64_t(rr.events);
      step(d, rep.get());
      for (int i = 0; i < rr.intervals; ++i)
        for (int s = 0; s < kSkills; ++s) {
          const KpiCounters& k = rr.at(i, s);
          Binder c{iv.get()};
          c << run << int(r) << i << std::int64_t(sc.start + Time(i) * sc.interval_s)
            << std::string(enum_key(SkillQueue(s))) << k.offered << k.queued << k.answered << k.answered_in_sl
            << k.abandoned << k.short_abandoned << k.diverted << k.overflowed << k.redials << k.ivr_self_served
            << k.ivr_hangups << k.callbacks_made << k.callbacks_reached << k.callbacks_expired << k.tickets
            << k.direct_answers << k.max_queue << k.wait_answered_s << k.wait_abandoned_s << k.busy_agent_s
            << k.staffed_agent_s;
          step(d, iv.get());
        }
    }
    return run;
  });
}

std::int64_t write_staffing_plan(const std::filesystem::path& path, const ScenarioConfig& sc,
                                 const ExperimentOptions& opt, const StaffingPlan& plan, const std::string& json) {
  Db db = open(path);
  sqlite3* d = db.get();
  return transaction(d, [&] {
    const std::int64_t run = insert_run(d, "staff", sc, opt, json);
    Stmt st = prepare(d, "INSERT INTO staffing_plan VALUES(?,?,?,?,?,?,?,?,?,?,?)");
    for (const DayPlan& dp : plan.days)
      for (std::size_t i = 0; i < dp.agents.size(); ++i)
        for (int s = 0; s < kSkills; ++s) {
          const int minute = int(i) * sc.interval_s / 60;
          char hhmm[16];
          std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", minute / 60, minute % 60);
          const Estimate& ar = dp.skill_answer_rate[i][std::size_t(s)];
          const Estimate& sl = dp.skill_service_level[i][std::size_t(s)];
          Binder b{st.get()};
          b << run << std::string(dp.type == DayType::Weekday ? "weekday" : "weekend") << int(i) << std::string(hhmm)
            << std::string(enum_key(SkillQueue(s))) << dp.erlang_start[i][std::size_t(s)] << dp.agents[i][std::size_t(s)]
            << ar.mean << ar.half_width << sl.mean << sl.half_width;
          step(d, st.get());
        }
    return run;
  });
}

}  // namespace hotline::sim
