// The results database (SQLite C API, prepared statements, one transaction per write):
// versioned schema (PRAGMA user_version), runs, ticket tables and rule-set comparisons.
#include "sim/results_db.hpp"

#include <sqlite3.h>

#include <cmath>
#include <memory>
#include <numeric>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/db_kind.hpp"
#include "core/sqlite.hpp"
#include "sim/report.hpp"
#include "sim/staffing.hpp"

namespace hotline::sim {

namespace {

using Db = sqlite::Db;
using Stmt = sqlite::Stmt;

// Schema version 1: the tables before versioning. CREATE ... IF NOT EXISTS, so that a
// database written before versioning (user_version 0) is taken up as it is.
const char* const kSchemaV1 = R"sql(
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


// Schema version 2: rule-set comparisons (`hotline compare --out`). A comparison links the
// two runs it wrote (baseline, revised); its per-unit and overall paired estimates are rows
// of comparison_metrics (unit_id '' = overall); the sampled tickets decided differently
// carry both traces as JSON arrays of {rule, row, clause, detail}.
const char* const kCompareV2 = R"sql(
CREATE TABLE comparisons(
  comparison_id INTEGER PRIMARY KEY,
  created_unix INTEGER NOT NULL,
  scenario TEXT NOT NULL,
  base_run_id INTEGER NOT NULL REFERENCES runs(run_id),
  revised_run_id INTEGER NOT NULL REFERENCES runs(run_id),
  base_ruleset TEXT NOT NULL, base_revision TEXT NOT NULL,
  revised_ruleset TEXT NOT NULL, revised_revision TEXT NOT NULL,
  replications INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  compared INTEGER NOT NULL,   -- replication 0: tickets under both rule sets
  differing INTEGER NOT NULL,  -- of those, decided differently: route, else lead unit, else reply deadline
  unmatched INTEGER NOT NULL,  -- tickets under one rule set only
  route_changed INTEGER NOT NULL, unit_changed INTEGER NOT NULL, deadline_changed INTEGER NOT NULL);
CREATE TABLE comparison_units(
  comparison_id INTEGER NOT NULL REFERENCES comparisons(comparison_id),
  seq INTEGER NOT NULL,
  unit_id TEXT NOT NULL, unit_name TEXT NOT NULL, county INTEGER NOT NULL,
  rank_base INTEGER NOT NULL, rank_revised INTEGER NOT NULL,  -- by mean composite; 0: no tickets
  PRIMARY KEY(comparison_id, unit_id));
CREATE TABLE comparison_metrics(
  comparison_id INTEGER NOT NULL REFERENCES comparisons(comparison_id),
  unit_id TEXT NOT NULL,  -- '' for the overall figures
  metric TEXT NOT NULL,   -- unit: handled, on_time_rate, satisfaction_rate, composite;
                          -- overall: created, closed, late, on_time_rate, manual
  base REAL, base_ci REAL, revised REAL, revised_ci REAL,
  delta REAL, delta_ci REAL,  -- revised - baseline, paired over replications; *_ci: 95% half-width
  PRIMARY KEY(comparison_id, unit_id, metric));
CREATE TABLE comparison_tickets(
  comparison_id INTEGER NOT NULL REFERENCES comparisons(comparison_id),
  seq INTEGER NOT NULL,
  ticket_id TEXT NOT NULL, created_unix INTEGER NOT NULL, category TEXT NOT NULL, district TEXT NOT NULL,
  base_route TEXT NOT NULL, base_unit TEXT NOT NULL, base_unit_name TEXT NOT NULL, base_reply_by INTEGER,
  revised_route TEXT NOT NULL, revised_unit TEXT NOT NULL, revised_unit_name TEXT NOT NULL, revised_reply_by INTEGER,
  base_trace_json TEXT NOT NULL, revised_trace_json TEXT NOT NULL,
  PRIMARY KEY(comparison_id, seq));
)sql";

// Schema version 3: the ticket model's further counts (overdue open at the cut-off, refused
// extensions, reopenings, urges, reworks, anomaly reports) per replication and per unit, and
// the sample of anomaly reports with the rule that fired.
const char* const kTicketCountsV3 = R"sql(
ALTER TABLE ticket_replications ADD COLUMN overdue_open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_replications ADD COLUMN extensions_refused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_replications ADD COLUMN reopens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_replications ADD COLUMN urges INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_replications ADD COLUMN reworks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_replications ADD COLUMN anomalies INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_unit_counts ADD COLUMN extensions_refused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_unit_counts ADD COLUMN reopens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_unit_counts ADD COLUMN urges INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_unit_counts ADD COLUMN reworks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_unit_counts ADD COLUMN anomalies INTEGER NOT NULL DEFAULT 0;
CREATE TABLE ticket_anomalies(
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  replication INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  ticket_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  reason TEXT NOT NULL,  -- unsatisfied, returned_twice, seriously_overdue, urged_repeatedly, other
  rule TEXT NOT NULL,    -- the escalation rule that fired
  at_unix INTEGER NOT NULL,
  PRIMARY KEY(run_id, replication, seq));
)sql";

// Schema version 4: co-handling (协办) [XA23 三(一)3]: parts worked by co-handling units and
// those finished after the lead's reply limit, per replication and per unit.
const char* const kCoHandlingV4 = R"sql(
ALTER TABLE ticket_replications ADD COLUMN co_handled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_replications ADD COLUMN co_late INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_unit_counts ADD COLUMN co_handled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_unit_counts ADD COLUMN co_late INTEGER NOT NULL DEFAULT 0;
)sql";

// kMigrations[i] takes a results database from version i to i + 1. Append; never edit one.
const char* const kMigrations[] = {kSchemaV1, kCompareV2, kTicketCountsV3, kCoHandlingV4};  // not constexpr: clang-14 refuses
constexpr int kSchemaVersion = int(sizeof kMigrations / sizeof kMigrations[0]);

int user_version(sqlite3* db) { return int(sqlite::scalar(db, "PRAGMA user_version", "read the schema version")); }

// Opens (creating if missing) and brings the schema up to date, each step in its own transaction.
Db open(const std::filesystem::path& path) {
  Db db = sqlite::open(path, sqlite::Mode::Create);
  sqlite3* raw = db.get();
  const bool stamp = check_db_kind(raw, path, DbKind::Results);  // a traffic store is refused untouched
  int v = user_version(raw);
  if (v > kSchemaVersion)
    throw std::runtime_error(path.string() + ": results database schema version " + std::to_string(v) +
                             " is newer than this hotline build knows (" + std::to_string(kSchemaVersion) + ")");
  for (; v < kSchemaVersion; ++v) {
    sqlite::Transaction tx(raw);
    sqlite::exec(raw, kMigrations[v], "create tables");
    const std::string pragma = "PRAGMA user_version = " + std::to_string(v + 1);
    sqlite::exec(raw, pragma.c_str(), "set the schema version");
    tx.commit();
  }
  if (stamp) stamp_db_kind(raw, path, DbKind::Results);
  return db;
}

Stmt prepare(sqlite3* db, std::string_view sql) { return sqlite::prepare(db, sql); }
void step(sqlite3* db, sqlite3_stmt* st) { sqlite::run(db, st, "insert"); }

// Binds values 1..n in order.
struct Binder {
  sqlite3_stmt* st;
  int i = 1;
  Binder& operator<<(std::int64_t v) { sqlite3_bind_int64(st, i++, v); return *this; }
  Binder& operator<<(int v) { sqlite3_bind_int64(st, i++, v); return *this; }
  Binder& operator<<(double v) { sqlite3_bind_double(st, i++, v); return *this; }
  Binder& operator<<(const std::string& v) { sqlite3_bind_text(st, i++, v.c_str(), int(v.size()), SQLITE_TRANSIENT); return *this; }
  Binder& operator<<(std::nullptr_t) { sqlite3_bind_null(st, i++); return *this; }
};

// Runs f inside BEGIN IMMEDIATE ... COMMIT; rolls back on any exception.
template <class F>
std::int64_t transaction(sqlite3* db, F&& f) {
  sqlite::Transaction tx(db);
  const std::int64_t id = f();
  tx.commit();
  return id;
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
  Stmt rep = prepare(d,
                     "INSERT INTO ticket_replications(run_id, replication, created, from_calls, online, closed, "
                     "open_end, merged, routed, manual, returns, extensions, escalations, overdue_open, "
                     "extensions_refused, reopens, urges, reworks, anomalies, co_handled, co_late) "
                     "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt uc = prepare(d,
                    "INSERT INTO ticket_unit_counts(run_id, replication, period, unit_id, unit_name, unit_kind, "
                    "handled, accepted_in_time, resolved, closed, on_time, late, overdue_open, satisfied, "
                    "basically_satisfied, unsatisfied, returns, returns_refused, extensions, escalations, "
                    "extensions_refused, reopens, urges, reworks, anomalies, co_handled, co_late) "
                    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt an = prepare(d, "INSERT INTO ticket_anomalies VALUES(?,?,?,?,?,?,?,?)");
  Stmt ui = prepare(d, "INSERT INTO ticket_unit_indicators VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt man = prepare(d, "INSERT INTO ticket_manual VALUES(?,?,?)");
  auto i64 = [](std::uint64_t v) { return std::int64_t(v); };
  for (std::size_t r = 0; r < tt.runs.size(); ++r) {
    const TicketNetworkResult& t = *tt.runs[r];
    Binder b{rep.get()};
    b << run << int(r) << i64(t.created) << i64(t.from_calls) << i64(t.online) << i64(t.closed) << i64(t.open_end)
      << i64(t.merged) << i64(t.routed) << i64(t.manual) << i64(t.returns) << i64(t.extensions) << i64(t.escalations)
      << i64(t.overdue_open) << i64(t.extensions_refused) << i64(t.reopens) << i64(t.urges) << i64(t.reworks)
      << i64(std::accumulate(t.anomalies_by_reason.begin(), t.anomalies_by_reason.end(), std::uint64_t(0)))
      << i64(t.co_handled) << i64(t.co_late);
    step(d, rep.get());
    for (std::size_t k = 0; k < t.anomalies.size(); ++k) {
      const TicketAnomaly& a = t.anomalies[k];
      Binder m{an.get()};
      m << run << int(r) << std::int64_t(k) << a.ticket << (a.unit != kNoUnit ? tt.org->unit(a.unit).id : std::string())
        << std::string(anomaly_reason_key(a.reason)) << a.rule << std::int64_t(a.at);
      step(d, an.get());
    }
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
        if (c.handled + c.closed + c.overdue_open + x.returns + x.returns_refused + x.escalations + x.extensions_refused +
                x.reopens + x.urges + x.reworks + x.anomalies + x.co_handled ==
            0)
          continue;
        const Unit& unit = tt.org->unit(UnitIndex(u));
        Binder c2{uc.get()};
        c2 << run << int(r) << per.name << unit.id << unit.name << std::string(enum_key(unit.kind)) << c.handled
           << c.accepted_in_time << c.resolved << c.closed << c.on_time << c.late << c.overdue_open << c.satisfied
           << c.basically_satisfied << c.unsatisfied << x.returns << x.returns_refused << x.extensions << x.escalations
           << x.extensions_refused << x.reopens << x.urges << x.reworks << x.anomalies << x.co_handled << x.co_late;
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
  Db db = sqlite::open(path, sqlite::Mode::ReadOnly);
  check_db_kind(db.get(), path, DbKind::Results);
  return db;
}

}  // namespace

void check_results_output(const std::filesystem::path& db) { check_db_file(db, DbKind::Results, kSchemaVersion); }

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

struct StaffingReader::Db {
  sqlite::Db db;
};

StaffingReader::StaffingReader(const std::filesystem::path& path) : path_(path), db_(std::make_unique<Db>()) {
  db_->db = open_existing(path);
}
StaffingReader::~StaffingReader() = default;

namespace {
double sum_column(sqlite3_stmt* st, int i) {
  return sqlite3_column_type(st, i) == SQLITE_NULL ? std::nan("") : sqlite3_column_double(st, i);
}
// A statement of a reader: a bad one (a table missing) says the file is not a results database.
Stmt reader_statement(sqlite3* d, const std::filesystem::path& path, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(d, sql, -1, &raw, nullptr) != SQLITE_OK)
    throw InputError(path.string(), 0, "", std::string("not a results database: ") + sqlite3_errmsg(d));
  return Stmt(raw);
}
}  // namespace

StaffingReader::Run StaffingReader::latest_run(const char* kind) const {
  sqlite3* d = db_->db.get();
  Stmt st = reader_statement(d, path_, "SELECT run_id, replications, interval_s, scenario FROM runs "
                                       "WHERE kind = ?1 ORDER BY run_id DESC LIMIT 1");
  sqlite3_bind_text(st.get(), 1, kind, -1, SQLITE_TRANSIENT);
  Run r;
  if (sqlite::step(d, st.get(), "read the runs")) {
    r.run_id = sqlite3_column_int64(st.get(), 0);
    r.replications = sqlite3_column_int64(st.get(), 1);
    r.interval_s = sqlite3_column_int64(st.get(), 2);
    r.scenario = sqlite::text(st.get(), 3);
  }
  return r;
}

std::string StaffingReader::summary_json(std::int64_t run) const {
  sqlite3* d = db_->db.get();
  Stmt st = reader_statement(d, path_, "SELECT summary_json FROM runs WHERE run_id = ?1");
  sqlite3_bind_int64(st.get(), 1, run);
  return sqlite::step(d, st.get(), "read the runs") ? sqlite::text(st.get(), 0) : std::string();
}

std::vector<StaffingReader::IntervalTotals> StaffingReader::interval_totals(std::int64_t run) const {
  sqlite3* d = db_->db.get();
  Stmt st = reader_statement(d, path_,
                             "SELECT interval, MIN(start_unix), SUM(offered), SUM(answered), SUM(answered_in_sl), "
                             "SUM(busy_agent_s), SUM(staffed_agent_s), SUM(wait_answered_s) FROM call_interval_kpis "
                             "WHERE run_id = ?1 GROUP BY interval ORDER BY interval");
  sqlite3_bind_int64(st.get(), 1, run);
  std::vector<IntervalTotals> out;
  while (sqlite::step(d, st.get(), "read call_interval_kpis")) {
    sqlite3_stmt* x = st.get();
    out.push_back({sqlite3_column_int64(x, 0), sqlite3_column_int64(x, 1), sum_column(x, 2), sum_column(x, 3),
                   sum_column(x, 4), sum_column(x, 5), sum_column(x, 6), sum_column(x, 7)});
  }
  return out;
}

std::vector<StaffingReader::PlanCell> StaffingReader::plan_cells(std::int64_t run) const {
  sqlite3* d = db_->db.get();
  Stmt st = reader_statement(d, path_,
                             "SELECT day_type, skill, interval, agents, erlang_agents FROM staffing_plan WHERE run_id = ?1 "
                             "ORDER BY day_type, interval, skill");
  sqlite3_bind_int64(st.get(), 1, run);
  std::vector<PlanCell> out;
  while (sqlite::step(d, st.get(), "read staffing_plan")) {
    sqlite3_stmt* x = st.get();
    out.push_back({sqlite::text(x, 0), sqlite::text(x, 1), sqlite3_column_int64(x, 2), sum_column(x, 3), sum_column(x, 4)});
  }
  return out;
}

std::vector<std::string> results_tables(const std::filesystem::path& path) {
  Db db = open_existing(path);
  Stmt st = prepare(db.get(), "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  std::vector<std::string> out;
  while (sqlite::step(db.get(), st.get(), "list the tables")) out.push_back(sqlite::text(st.get(), 0));
  return out;
}

std::vector<TicketRunSummary> list_ticket_runs(const std::filesystem::path& path) {
  Db db = open_existing(path);
  sqlite3* d = db.get();
  if (sqlite::scalar(d, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('runs', 'ticket_unit_counts')",
                     "list the tables") != 2)
    return {};
  Stmt runs = prepare(d,
                      "SELECT run_id, scenario, ruleset, replications, summary_json FROM runs r WHERE EXISTS("
                      "SELECT 1 FROM ticket_unit_counts t WHERE t.run_id = r.run_id) ORDER BY run_id DESC");
  Stmt periods = prepare(d, "SELECT DISTINCT period FROM ticket_unit_counts WHERE run_id = ?1 ORDER BY period");
  std::vector<TicketRunSummary> out;
  while (sqlite::step(d, runs.get(), "read the runs")) {
    TicketRunSummary r;
    r.run_id = sqlite3_column_int64(runs.get(), 0);
    r.scenario = sqlite::text(runs.get(), 1);
    r.ruleset = sqlite::text(runs.get(), 2);
    r.replications = sqlite3_column_int(runs.get(), 3);
    const nlohmann::json j = nlohmann::json::parse(sqlite::text(runs.get(), 4), nullptr, false);
    if (j.is_object() && j.contains("compare") && j["compare"].contains("role") && j["compare"]["role"].is_string())
      r.role = j["compare"]["role"].get<std::string>();
    sqlite3_bind_int64(periods.get(), 1, r.run_id);
    while (sqlite::step(d, periods.get(), "read the periods")) r.periods.push_back(sqlite::text(periods.get(), 0));
    sqlite3_reset(periods.get());
    out.push_back(std::move(r));
  }
  return out;
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
  sqlite::check(d, sqlite3_step(n.get()), "count replications");
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
  sqlite::check(d, rc, "read unit counts");
  if (out.empty()) throw std::runtime_error("run " + std::to_string(run_id) + ": no ticket counts for period " + period);
  return out;
}

namespace {

// One simulation run's rows (inside the caller's transaction); returns its run id.
std::int64_t insert_simulation(sqlite3* d, const ScenarioConfig& sc, const ExperimentOptions& opt,
                               const std::vector<RunResult>& runs, const std::string& json,
                               const TicketTables* tickets) {
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
}

}  // namespace

std::int64_t write_simulation(const std::filesystem::path& path, const ScenarioConfig& sc,
                              const ExperimentOptions& opt, const std::vector<RunResult>& runs,
                              const std::string& json, const TicketTables* tickets) {
  Db db = open(path);
  sqlite3* d = db.get();
  return transaction(d, [&] { return insert_simulation(d, sc, opt, runs, json, tickets); });
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
          b << run << std::string(enum_key(dp.type)) << int(i) << std::string(hhmm)
            << std::string(enum_key(SkillQueue(s))) << dp.erlang_start[i][std::size_t(s)] << dp.agents[i][std::size_t(s)]
            << ar.mean << ar.half_width << sl.mean << sl.half_width;
          step(d, st.get());
        }
    return run;
  });
}

namespace {

nlohmann::json trace_json(const std::vector<TraceStep>& trace) {
  nlohmann::json j = nlohmann::json::array();
  for (const TraceStep& t : trace) j.push_back({{"rule", t.rule}, {"row", t.row}, {"clause", t.clause}, {"detail", t.detail}});
  return j;
}

std::vector<TraceStep> trace_of(const std::string& text) {
  std::vector<TraceStep> out;
  for (const nlohmann::json& j : nlohmann::json::parse(text))
    out.push_back({j.value("rule", ""), j.value("row", ""), j.value("clause", ""), j.value("detail", "")});
  return out;
}

std::string column_text(sqlite3_stmt* st, int col) {
  const unsigned char* t = sqlite3_column_text(st, col);
  return t ? reinterpret_cast<const char*>(t) : std::string();
}

Time column_time(sqlite3_stmt* st, int col) {
  return sqlite3_column_type(st, col) == SQLITE_NULL ? kNoTime : Time(sqlite3_column_int64(st, col));
}

// Metric names of the comparison_metrics rows.
struct NamedEstimate {
  const char* name;
  PairedEstimate* value;
};
std::vector<NamedEstimate> unit_metrics(UnitDelta& u) {
  return {{"handled", &u.handled}, {"on_time_rate", &u.on_time_rate}, {"satisfaction_rate", &u.satisfaction_rate},
          {"composite", &u.composite}};
}
std::vector<NamedEstimate> overall_metrics(OverallDelta& o) {
  return {{"created", &o.created}, {"closed", &o.closed}, {"late", &o.late}, {"on_time_rate", &o.on_time_rate},
          {"manual", &o.manual}};
}

bool has_comparisons(sqlite3* d) {
  Stmt st = prepare(d, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'comparisons'");
  return sqlite3_step(st.get()) == SQLITE_ROW;
}

const char* const kComparisonColumns =
    "SELECT comparison_id, created_unix, scenario, base_run_id, revised_run_id, base_ruleset, base_revision, "
    "revised_ruleset, revised_revision, replications, seed, compared, differing, unmatched, route_changed, unit_changed, "
    "deadline_changed FROM comparisons ";

StoredComparison comparison_row(sqlite3_stmt* st) {
  StoredComparison c;
  c.id = sqlite3_column_int64(st, 0);
  c.created_unix = sqlite3_column_int64(st, 1);
  c.scenario = column_text(st, 2);
  c.base_run = sqlite3_column_int64(st, 3);
  c.revised_run = sqlite3_column_int64(st, 4);
  c.base_ruleset = column_text(st, 5);
  c.base_revision = column_text(st, 6);
  c.revised_ruleset = column_text(st, 7);
  c.revised_revision = column_text(st, 8);
  c.replications = sqlite3_column_int(st, 9);
  c.seed = std::uint64_t(sqlite3_column_int64(st, 10));
  c.compared = std::uint64_t(sqlite3_column_int64(st, 11));
  c.differing = std::uint64_t(sqlite3_column_int64(st, 12));
  c.unmatched = std::uint64_t(sqlite3_column_int64(st, 13));
  c.route_changed = std::uint64_t(sqlite3_column_int64(st, 14));
  c.unit_changed = std::uint64_t(sqlite3_column_int64(st, 15));
  c.deadline_changed = std::uint64_t(sqlite3_column_int64(st, 16));
  return c;
}

// The comparisons row of `c` (its runs already inserted); returns its id.
std::int64_t insert_comparison(sqlite3* d, const StoredComparison& c) {
  auto i64 = [](std::uint64_t v) { return std::int64_t(v); };
  Stmt cmp = prepare(d,
                     "INSERT INTO comparisons(created_unix, scenario, base_run_id, revised_run_id, base_ruleset, "
                     "base_revision, revised_ruleset, revised_revision, replications, seed, compared, differing, "
                     "unmatched, route_changed, unit_changed, deadline_changed) "
                     "VALUES(strftime('%s','now'),?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Binder b{cmp.get()};
  b << c.scenario << c.base_run << c.revised_run << c.base_ruleset << c.base_revision << c.revised_ruleset
    << c.revised_revision << c.replications << i64(c.seed) << i64(c.compared) << i64(c.differing)
    << i64(c.unmatched) << i64(c.route_changed) << i64(c.unit_changed) << i64(c.deadline_changed);
  step(d, cmp.get());
  return sqlite3_last_insert_rowid(d);
}

// The overall and per-unit paired deltas of comparison `id`.
void insert_comparison_deltas(sqlite3* d, std::int64_t id, const CompareResult& r) {
  Stmt units = prepare(d, "INSERT INTO comparison_units VALUES(?,?,?,?,?,?,?)");
  Stmt metric = prepare(d, "INSERT INTO comparison_metrics VALUES(?,?,?,?,?,?,?,?,?)");
  auto put = [&](const std::string& unit, const std::vector<NamedEstimate>& m) {
    for (const NamedEstimate& e : m) {
      const PairedEstimate& p = *e.value;
      Binder mb{metric.get()};
      mb << id << unit << std::string(e.name) << p.base.mean << p.base.half_width << p.revised.mean
         << p.revised.half_width << p.delta.mean << p.delta.half_width;
      step(d, metric.get());
    }
  };
  OverallDelta overall = r.overall;
  put("", overall_metrics(overall));
  for (std::size_t i = 0; i < r.units.size(); ++i) {
    UnitDelta u = r.units[i];
    Binder ub{units.get()};
    ub << id << int(i) << u.id << u.name << int(u.county) << u.rank_base << u.rank_revised;
    step(d, units.get());
    put(u.id, unit_metrics(u));
  }
}

// The sampled tickets decided differently, with both decisions and traces.
void insert_comparison_tickets(sqlite3* d, std::int64_t id, const CompareResult& r) {
  Stmt tk = prepare(d, "INSERT INTO comparison_tickets VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (std::size_t i = 0; i < r.differing.size(); ++i) {
    const DecidedDifferently& x = r.differing[i];
    Binder tb{tk.get()};
    tb << id << int(i) << x.ticket_id << std::int64_t(x.created) << x.category << x.district;
    for (const DecisionView* v : {&x.base, &x.revised}) {
      tb << v->route << v->unit << v->unit_name;
      if (v->reply_by == kNoTime) tb << nullptr;
      else tb << std::int64_t(v->reply_by);
    }
    tb << trace_json(x.base.trace).dump() << trace_json(x.revised.trace).dump();
    step(d, tk.get());
  }
}

}  // namespace

StoredComparison write_comparison(const std::filesystem::path& path, const ScenarioConfig& sc, const CompareSide& base,
                                  const CompareSide& revised, const CompareResult& r) {
  if (r.runs[0].empty() || r.runs[1].empty())
    throw std::invalid_argument("write_comparison: the comparison holds no runs (read back from a database?)");
  ExperimentOptions eo;
  eo.replications = r.replications;
  eo.seed = r.seed;
  const CompareSide* sides[2] = {&base, &revised};
  // Everything that can fail without the database first: the summaries and indicators.
  ScenarioConfig side_sc[2] = {sc, sc};
  std::vector<RunResult> calls[2];
  std::string json[2];
  TicketTables tables[2];
  std::unique_ptr<Policy> policies[2];
  for (int k = 0; k < 2; ++k) {
    side_sc[k].ruleset = sides[k]->folder;
    for (const TicketRun& t : r.runs[std::size_t(k)]) calls[k].push_back(t.calls);
    policies[k] = sides[k]->factory();
    tables[k] = ticket_tables(r.runs[std::size_t(k)], *policies[k], *sides[k]->org);
    nlohmann::json j = simulation_json(side_sc[k], eo, summarize(calls[k]));
    j["compare"] = {{"role", k ? "revised" : "baseline"}, {"baseline", base.id}, {"revised", revised.id}};
    json[k] = j.dump();
  }
  Db db = open(path);
  sqlite3* d = db.get();
  StoredComparison c;
  c.scenario = sc.name;
  c.base_ruleset = base.id, c.base_revision = base.revision;
  c.revised_ruleset = revised.id, c.revised_revision = revised.revision;
  c.replications = r.replications;
  c.seed = r.seed;
  c.compared = r.compared_count, c.differing = r.differing_count, c.unmatched = r.unmatched_count;
  c.route_changed = r.route_changed, c.unit_changed = r.unit_changed, c.deadline_changed = r.deadline_changed;
  transaction(d, [&] {
    c.base_run = insert_simulation(d, side_sc[0], eo, calls[0], json[0], &tables[0]);
    c.revised_run = insert_simulation(d, side_sc[1], eo, calls[1], json[1], &tables[1]);
    c.id = insert_comparison(d, c);
    insert_comparison_deltas(d, c.id, r);
    insert_comparison_tickets(d, c.id, r);
    return c.id;
  });
  Stmt when = prepare(d, "SELECT created_unix FROM comparisons WHERE comparison_id = ?1");
  sqlite3_bind_int64(when.get(), 1, c.id);
  if (sqlite3_step(when.get()) == SQLITE_ROW) c.created_unix = sqlite3_column_int64(when.get(), 0);
  return c;
}

std::vector<StoredComparison> read_comparisons(const std::filesystem::path& path) {
  Db db = open_existing(path);
  sqlite3* d = db.get();
  std::vector<StoredComparison> out;
  if (!has_comparisons(d)) return out;
  Stmt st = prepare(d, (std::string(kComparisonColumns) + "ORDER BY comparison_id DESC").c_str());
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) out.push_back(comparison_row(st.get()));
  sqlite::check(d, rc, "read comparisons");
  return out;
}

ComparisonRecord read_comparison(const std::filesystem::path& path, std::int64_t id) {
  Db db = open_existing(path);
  sqlite3* d = db.get();
  auto missing = [&] {
    return std::runtime_error(path.string() + ": no comparison " + std::to_string(id) +
                              " (write one with `hotline compare --out`)");
  };
  if (!has_comparisons(d)) throw missing();
  Stmt st = prepare(d, (std::string(kComparisonColumns) + "WHERE comparison_id = ?1").c_str());
  sqlite3_bind_int64(st.get(), 1, id);
  if (sqlite3_step(st.get()) != SQLITE_ROW) throw missing();
  ComparisonRecord rec;
  rec.info = comparison_row(st.get());
  CompareResult& r = rec.result;
  r.replications = rec.info.replications;
  r.seed = rec.info.seed;
  r.compared_count = rec.info.compared, r.differing_count = rec.info.differing, r.unmatched_count = rec.info.unmatched;
  r.route_changed = rec.info.route_changed, r.unit_changed = rec.info.unit_changed;
  r.deadline_changed = rec.info.deadline_changed;

  Stmt m = prepare(d,
                   "SELECT metric, base, base_ci, revised, revised_ci, delta, delta_ci FROM comparison_metrics "
                   "WHERE comparison_id = ?1 AND unit_id = ?2");
  auto get = [&](const std::string& unit, const std::vector<NamedEstimate>& want) {
    sqlite3_reset(m.get());
    sqlite3_bind_int64(m.get(), 1, id);
    sqlite3_bind_text(m.get(), 2, unit.c_str(), int(unit.size()), SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(m.get())) == SQLITE_ROW) {
      const std::string name = column_text(m.get(), 0);
      for (const NamedEstimate& e : want)
        if (name == e.name) {
          auto est = [&](int col) {
            return Estimate{sqlite3_column_double(m.get(), col), sqlite3_column_double(m.get(), col + 1),
                            r.replications};
          };
          *e.value = {est(1), est(3), est(5)};
        }
    }
    sqlite::check(d, rc, "read comparison metrics");
  };
  get("", overall_metrics(r.overall));
  Stmt u = prepare(d,
                   "SELECT unit_id, unit_name, county, rank_base, rank_revised FROM comparison_units "
                   "WHERE comparison_id = ?1 ORDER BY seq");
  sqlite3_bind_int64(u.get(), 1, id);
  int rc;
  while ((rc = sqlite3_step(u.get())) == SQLITE_ROW) {
    UnitDelta& x = r.units.emplace_back();
    x.id = column_text(u.get(), 0);
    x.name = column_text(u.get(), 1);
    x.county = sqlite3_column_int(u.get(), 2) != 0;
    x.rank_base = sqlite3_column_int(u.get(), 3);
    x.rank_revised = sqlite3_column_int(u.get(), 4);
  }
  sqlite::check(d, rc, "read comparison units");
  for (UnitDelta& x : r.units) get(x.id, unit_metrics(x));
  Stmt t = prepare(d,
                   "SELECT ticket_id, created_unix, category, district, base_route, base_unit, base_unit_name, "
                   "base_reply_by, revised_route, revised_unit, revised_unit_name, revised_reply_by, base_trace_json, "
                   "revised_trace_json FROM comparison_tickets WHERE comparison_id = ?1 ORDER BY seq");
  sqlite3_bind_int64(t.get(), 1, id);
  while ((rc = sqlite3_step(t.get())) == SQLITE_ROW) {
    sqlite3_stmt* s = t.get();
    DecidedDifferently& x = r.differing.emplace_back();
    x.ticket_id = column_text(s, 0);
    x.created = Time(sqlite3_column_int64(s, 1));
    x.category = column_text(s, 2);
    x.district = column_text(s, 3);
    x.base = {column_text(s, 4), column_text(s, 5), column_text(s, 6), column_time(s, 7), trace_of(column_text(s, 12))};
    x.revised = {column_text(s, 8), column_text(s, 9), column_text(s, 10), column_time(s, 11),
                 trace_of(column_text(s, 13))};
  }
  sqlite::check(d, rc, "read comparison tickets");
  return rec;
}

}  // namespace hotline::sim
