// The results database writer (SQLite C API, prepared statements, one transaction per run).
#include "sim/results_db.hpp"

#include <sqlite3.h>

#include <cmath>
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
CREATE TABLE IF NOT EXISTS ticket_replications(
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  replication INTEGER NOT NULL,
  created INTEGER, from_calls INTEGER, online INTEGER, closed INTEGER, open_end INTEGER, merged INTEGER,
  routed INTEGER, manual INTEGER, returns INTEGER, extensions INTEGER, escalations INTEGER,
  PRIMARY KEY(run_id, replication));
CREATE TABLE IF NOT EXISTS ticket_unit_counts(
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  replication INTEGER NOT NULL,
  period TEXT NOT NULL,              -- 'YYYY-MM'
  unit_id TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  unit_kind TEXT NOT NULL,
  handled INTEGER, accepted_in_time INTEGER, resolved INTEGER, closed INTEGER, on_time INTEGER, late INTEGER,
  overdue_open INTEGER, satisfied INTEGER, basically_satisfied INTEGER, unsatisfied INTEGER,
  returns INTEGER, returns_refused INTEGER, extensions INTEGER, escalations INTEGER,
  PRIMARY KEY(run_id, replication, period, unit_id));
CREATE TABLE IF NOT EXISTS ticket_unit_indicators(
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  replication INTEGER NOT NULL,
  period TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  unit_class TEXT, response_rate REAL, resolution_rate REAL, satisfaction_rate REAL, on_time_rate REAL,
  evaluated INTEGER, composite REAL, tier TEXT,
  PRIMARY KEY(run_id, replication, period, unit_id));
CREATE TABLE IF NOT EXISTS ticket_manual(
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  replication INTEGER NOT NULL,
  ticket_id TEXT NOT NULL,
  PRIMARY KEY(run_id, replication, ticket_id));
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

void write_tickets(sqlite3* d, std::int64_t run, const TicketTables& tt) {
  Stmt rep = prepare(d, "INSERT INTO ticket_replications VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt uc = prepare(d, "INSERT INTO ticket_unit_counts VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt ui = prepare(d, "INSERT INTO ticket_unit_indicators VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt man = prepare(d, "INSERT INTO ticket_manual VALUES(?,?,?)");
  auto i64 = [](std::uint64_t v) { return std::int64_t(v); };
  for (std::size_t r = 0; r < tt.runs.size(); ++r) {
    const TicketNetworkResult& t = *tt.runs[r];
    Binder b{rep.get()};
    b << run << int(r) << i64(t.created) << i64(t.from_calls) << i64(t.online) << i64(t.closed) << i64(t.open_end)
      << i64(t.merged) << i64(t.routed) << i64(t.manual) << i64(t.returns) << i64(t.extensions) << i64(t.escalations);
    step(d, rep.get());
    for (const std::string& id : t.manual_queue) {
      Binder m{man.get()};
      m << run << int(r) << id;
      step(d, man.get());
    }
    for (std::size_t p = 0; p < t.periods.size(); ++p) {
      const TicketPeriod& per = t.periods[p];
      for (std::size_t u = 0; u < per.units.size(); ++u) {
        const UnitPeriodCounts& c = per.units[u];
        const UnitExtraCounts& x = per.extra[u];
        if (c.handled + c.closed + c.overdue_open + x.returns + x.returns_refused + x.escalations == 0) continue;
        const Unit& unit = tt.org->unit(UnitIndex(u));
        Binder c2{uc.get()};
        c2 << run << int(r) << per.name << unit.id << unit.name << std::string(enum_key(unit.kind)) << c.handled
           << c.accepted_in_time << c.resolved << c.closed << c.on_time << c.late << c.overdue_open << c.satisfied
           << c.basically_satisfied << c.unsatisfied << x.returns << x.returns_refused << x.extensions << x.escalations;
        step(d, uc.get());
      }
      if (r < tt.indicators.size() && p < tt.indicators[r].size())
        for (const UnitIndicators& in : tt.indicators[r][p]) {
          Binder c3{ui.get()};
          c3 << run << int(r) << per.name << tt.org->unit(in.unit).id << in.unit_class << in.response_rate
             << in.resolution_rate << in.satisfaction_rate << in.on_time_rate << int(in.evaluated) << in.composite
             << in.tier;
          step(d, ui.get());
        }
    }
  }
}

Db open_existing(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.string().c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  Db db(raw);
  check(raw, rc, ("open " + path.string()).c_str());
  return db;
}

}  // namespace

TicketTables ticket_tables(const std::vector<TicketRun>& runs, Policy& policy, const OrgGraph& org) {
  TicketTables tables;
  tables.org = &org;
  for (const TicketRun& t : runs) {
    tables.runs.push_back(&t.tickets);
    auto& per = tables.indicators.emplace_back();
    for (const TicketPeriod& p : t.tickets.periods) {
      std::vector<UnitPeriodCounts> active;  // units with tickets this period
      for (const UnitPeriodCounts& c : p.units)
        if (c.handled + c.closed + c.overdue_open > 0) active.push_back(c);
      per.push_back(policy.indicators(active));
    }
  }
  return tables;
}

StoredRun read_ticket_run(const std::filesystem::path& path, std::int64_t run_id) {
  Db db = open_existing(path);
  sqlite3* d = db.get();
  Stmt st = prepare(d, run_id > 0
                           ? "SELECT run_id, scenario, ruleset, replications FROM runs WHERE run_id = ?1 AND EXISTS("
                             "SELECT 1 FROM ticket_replications t WHERE t.run_id = runs.run_id)"
                           : "SELECT run_id, scenario, ruleset, replications FROM runs WHERE EXISTS("
                             "SELECT 1 FROM ticket_replications t WHERE t.run_id = runs.run_id) "
                             "ORDER BY run_id DESC LIMIT 1");
  if (run_id > 0) sqlite3_bind_int64(st.get(), 1, run_id);
  if (sqlite3_step(st.get()) != SQLITE_ROW)
    throw std::runtime_error(path.string() + ": " +
                             (run_id > 0 ? "run " + std::to_string(run_id) + " has no ticket-network results"
                                         : std::string("no run with ticket-network results (run `hotline simulate --out` "
                                                       "on a scenario with a rule set and a tickets section)")));
  StoredRun r;
  r.run_id = sqlite3_column_int64(st.get(), 0);
  r.scenario = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 1));
  r.ruleset = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 2));
  r.replications = sqlite3_column_int(st.get(), 3);
  return r;
}

std::vector<UnitPeriodCounts> read_unit_counts(const std::filesystem::path& path, std::int64_t run_id,
                                               const std::string& period, const OrgGraph& org, int replication) {
  Db db = open_existing(path);
  sqlite3* d = db.get();
  Stmt n = prepare(d, "SELECT COUNT(*) FROM ticket_replications WHERE run_id = ?1 AND (?2 < 0 OR replication = ?2)");
  sqlite3_bind_int64(n.get(), 1, run_id);
  sqlite3_bind_int(n.get(), 2, replication);
  check(d, sqlite3_step(n.get()), "count replications");
  const int reps = sqlite3_column_int(n.get(), 0);
  if (reps == 0) throw std::runtime_error("run " + std::to_string(run_id) + ": no such replication");
  Stmt st = prepare(d,
                    "SELECT unit_id, SUM(handled), SUM(accepted_in_time), SUM(resolved), SUM(closed), SUM(on_time), "
                    "SUM(late), SUM(overdue_open), SUM(satisfied), SUM(basically_satisfied), SUM(unsatisfied) "
                    "FROM ticket_unit_counts WHERE run_id = ?1 AND period = ?2 AND (?3 < 0 OR replication = ?3) "
                    "GROUP BY unit_id ORDER BY unit_id");
  sqlite3_bind_int64(st.get(), 1, run_id);
  sqlite3_bind_text(st.get(), 2, period.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(st.get(), 3, replication);
  std::vector<UnitPeriodCounts> out;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    const std::string id = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0));
    UnitPeriodCounts c;
    c.unit = org.find_id(id);
    if (c.unit == kNoUnit) throw std::runtime_error("run " + std::to_string(run_id) + ": unit '" + id + "' is not in the rule set's organisation list");
    auto mean = [&](int col) { return int(std::llround(double(sqlite3_column_int64(st.get(), col)) / reps)); };
    c.handled = mean(1), c.accepted_in_time = mean(2), c.resolved = mean(3), c.closed = mean(4), c.on_time = mean(5);
    c.late = mean(6), c.overdue_open = mean(7), c.satisfied = mean(8), c.basically_satisfied = mean(9);
    c.unsatisfied = mean(10);
    out.push_back(c);
  }
  check(d, rc, "read unit counts");
  if (out.empty()) throw std::runtime_error("run " + std::to_string(run_id) + ": no ticket counts for period " + period);
  return out;
}

std::int64_t write_simulation(const std::filesystem::path& path, const ScenarioConfig& sc,
                              const ExperimentOptions& opt, const std::vector<RunResult>& runs,
                              const std::string& json, const TicketTables* tickets) {
  Db db = open(path);
  sqlite3* d = db.get();
  return transaction(d, [&] {
    const std::int64_t run = insert_run(d, "simulate", sc, opt, json);
    if (tickets) write_tickets(d, run, *tickets);
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
