// The SQLite traffic store: schema migrations (PRAGMA user_version), WAL, statements
// prepared once, record reads and writes.
#include "core/store.hpp"

#include <ctime>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/db_kind.hpp"
#include "core/error.hpp"

namespace hotline {

namespace {

// The ordered migration steps: kMigrations[i] takes a database from version i to i + 1.
// Append new steps at the end; never edit a released one.
constexpr const char* kMigrations[] = {
    // 1: the initial tables. `calls` is the simulator's contract: keep these columns.
    R"sql(
CREATE TABLE calls(
  id INTEGER PRIMARY KEY,
  arrival INTEGER NOT NULL,  -- unix seconds
  channel TEXT, skill TEXT, caller_key TEXT,
  ivr_s INTEGER, wait_s INTEGER, talk_s INTEGER, wrap_s INTEGER,
  outcome TEXT, agent TEXT);
CREATE INDEX calls_arrival ON calls(arrival);
CREATE TABLE tickets(
  id TEXT PRIMARY KEY,
  created INTEGER NOT NULL,
  channel TEXT NOT NULL, type TEXT NOT NULL, category TEXT NOT NULL DEFAULT '',
  district TEXT NOT NULL DEFAULT '', street TEXT NOT NULL DEFAULT '',
  enterprise INTEGER NOT NULL DEFAULT 0, urgency TEXT NOT NULL, caller_key TEXT,
  dispatched INTEGER, accepted INTEGER, returned INTEGER, extended INTEGER,
  replied INTEGER, closed INTEGER,  -- unix seconds, NULL: not happened
  satisfaction TEXT NOT NULL, reopen_count INTEGER NOT NULL DEFAULT 0);
CREATE INDEX tickets_created ON tickets(created);
CREATE TABLE ticket_units(
  ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK(role IN ('lead', 'co', 'copied')),
  seq INTEGER NOT NULL,
  unit TEXT NOT NULL,
  PRIMARY KEY(ticket_id, role, seq)) WITHOUT ROWID;
CREATE INDEX ticket_units_unit ON ticket_units(unit);
CREATE TABLE units(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, level INTEGER NOT NULL,
  parent TEXT NOT NULL DEFAULT '', utility INTEGER NOT NULL DEFAULT 0,
  vertical INTEGER NOT NULL DEFAULT 0, synthetic INTEGER NOT NULL DEFAULT 0);
CREATE TABLE imports(
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, path TEXT NOT NULL, content_hash TEXT NOT NULL,
  size INTEGER NOT NULL, rows INTEGER NOT NULL, rejected INTEGER NOT NULL,
  imported_at INTEGER NOT NULL, UNIQUE(kind, content_hash));
)sql",
    // 2: provenance: each imported row names the import (imports.id) it came from.
    R"sql(
ALTER TABLE calls ADD COLUMN import_id INTEGER;
ALTER TABLE tickets ADD COLUMN import_id INTEGER;
ALTER TABLE units ADD COLUMN import_id INTEGER;
)sql",
};
static_assert(std::size(kMigrations) == Store::kSchemaVersion);

void exec_sql(sqlite3* db, const char* sql) { sqlite::exec(db, sql, "SQLite"); }

int user_version(sqlite3* db) { return int(sqlite::scalar(db, "PRAGMA user_version", "reading the schema version")); }

// Binds text that outlives the step (SQLITE_STATIC: no copy).
void bind_text(sqlite3_stmt* st, int i, std::string_view s) {
  sqlite3_bind_text(st, i, s.data(), int(s.size()), SQLITE_STATIC);
}
void bind_time(sqlite3_stmt* st, int i, Time t) {
  if (t == kNoTime) sqlite3_bind_null(st, i);
  else sqlite3_bind_int64(st, i, t);
}
void bind_import(sqlite3_stmt* st, int i, std::int64_t import_id) {
  if (import_id > 0) sqlite3_bind_int64(st, i, import_id);
  else sqlite3_bind_null(st, i);
}
std::string_view column_text(sqlite3_stmt* st, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
  return p ? std::string_view(p, std::size_t(sqlite3_column_bytes(st, i))) : std::string_view();
}
Time column_time(sqlite3_stmt* st, int i) {
  return sqlite3_column_type(st, i) == SQLITE_NULL ? kNoTime : sqlite3_column_int64(st, i);
}

// Resets a cached statement when a read or write is over, also on exceptions.
struct ResetGuard {
  sqlite3_stmt* st;
  ~ResetGuard() { sqlite3_reset(st); }
};

const char* const kSql[] = {
    /*kInsertCall*/
    "INSERT INTO calls(id, arrival, channel, skill, caller_key, ivr_s, wait_s, talk_s, wrap_s,"
    " outcome, agent, import_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    /*kInsertCallBatch*/ nullptr,  // built by call_batch_sql()
    /*kInsertTicket*/
    "INSERT INTO tickets(id, created, channel, type, category, district, street, enterprise,"
    " urgency, caller_key, dispatched, accepted, returned, extended, replied, closed,"
    " satisfaction, reopen_count, import_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
    " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    /*kInsertTicketUnit*/
    "INSERT INTO ticket_units(ticket_id, role, seq, unit) VALUES(?1, ?2, ?3, ?4)",
    /*kInsertUnit*/
    "INSERT INTO units(id, name, kind, level, parent, utility, vertical, synthetic, import_id)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    /*kInsertImport*/
    "INSERT INTO imports(kind, path, content_hash, size, rows, rejected, imported_at)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    /*kSetImportCounts*/ "UPDATE imports SET rows = ?2, rejected = ?3 WHERE id = ?1",
    /*kDeleteUnit*/ "DELETE FROM units WHERE id = ?1",
    /*kCallsInRange*/
    "SELECT id, arrival, channel, skill, caller_key, ivr_s, wait_s, talk_s, wrap_s, outcome,"
    " agent FROM calls WHERE arrival >= ?1 AND arrival < ?2 ORDER BY arrival, id",
    /*kCountCalls*/ "SELECT count(*) FROM calls WHERE arrival >= ?1 AND arrival < ?2",
    /*kTicketsInRange*/
    "SELECT id, created, channel, type, category, district, street, enterprise, urgency,"
    " caller_key, dispatched, accepted, returned, extended, replied, closed, satisfaction,"
    " reopen_count FROM tickets WHERE created >= ?1 AND created < ?2 ORDER BY created, id",
    /*kTicketById*/
    "SELECT id, created, channel, type, category, district, street, enterprise, urgency,"
    " caller_key, dispatched, accepted, returned, extended, replied, closed, satisfaction,"
    " reopen_count FROM tickets WHERE id = ?1",
    /*kTicketUnits*/ "SELECT role, unit FROM ticket_units WHERE ticket_id = ?1 ORDER BY role, seq",
    /*kUnits*/
    "SELECT id, name, kind, level, parent, utility, vertical, synthetic FROM units ORDER BY id",
    /*kHasUnit*/ "SELECT 1 FROM units WHERE id = ?1",
    /*kImports*/
    "SELECT id, kind, path, content_hash, size, rows, rejected, imported_at FROM imports ORDER BY id",
    /*kFindImport*/
    "SELECT id, kind, path, content_hash, size, rows, rejected, imported_at FROM imports"
    " WHERE kind = ?1 AND content_hash = ?2",
    /*kMaxCallId*/ "SELECT max(id) FROM calls",
};

constexpr int kCallFields = 11;  // parameters per call besides import_id

// The batch statement: row k's fields are parameters 2 + k * kCallFields onwards, and every
// row shares ?1, the import id, so it is bound once per batch instead of once per row.
const std::string& call_batch_sql() {
  static const std::string sql = [] {
    std::string s =
        "INSERT OR FAIL INTO calls(id, arrival, channel, skill, caller_key, ivr_s, wait_s, talk_s,"
        " wrap_s, outcome, agent, import_id) VALUES";
    int p = 2;
    for (std::size_t i = 0; i < Store::kCallBatch; ++i) {
      s += i ? ",(" : "(";
      for (int j = 0; j < kCallFields; ++j) s += "?" + std::to_string(p++) + ",";
      s += "?1)";
    }
    return s;
  }();
  return sql;
}

ImportRecord read_import(sqlite3_stmt* st) {
  ImportRecord r;
  r.id = sqlite3_column_int64(st, 0);
  r.kind = column_text(st, 1);
  r.path = column_text(st, 2);
  r.content_hash = column_text(st, 3);
  r.size = sqlite3_column_int64(st, 4);
  r.rows = sqlite3_column_int64(st, 5);
  r.rejected = sqlite3_column_int64(st, 6);
  r.imported_at = sqlite3_column_int64(st, 7);
  return r;
}

}  // namespace

void migrate(sqlite3* db, int target) {
  int v = user_version(db);
  if (v > Store::kSchemaVersion)
    throw std::runtime_error("the database has schema version " + std::to_string(v) +
                             ", newer than this hotline build knows (" +
                             std::to_string(Store::kSchemaVersion) + "); update hotline");
  for (; v < target; ++v) {
    sqlite::Transaction tx(db);
    exec_sql(db, kMigrations[v]);
    exec_sql(db, ("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    tx.commit();
  }
}

Store::Store(const std::filesystem::path& file, int version) : path_(file) {
  static_assert(std::size(kSql) == kQueryCount);
  // Memory statistics take a global mutex on every SQLite allocation (several per inserted
  // row); hotline does not use them. Only effective before SQLite initialises, once.
  static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memstatus_off;
  db_ = sqlite::open(file, sqlite::Mode::Create, SQLITE_OPEN_NOMUTEX);
  sqlite3* db = db_.get();
  // Before any pragma that writes (page size, WAL): a results database or another file
  // given as the store is refused untouched.
  const bool stamp = check_db_kind(db, file, DbKind::Traffic);
  try {
    // Larger pages for a new store: fewer B-tree pages and writes per bulk-loaded row.
    // (Only effective before the first table is created and before WAL is switched on.)
    exec_sql(db, "PRAGMA page_size = 16384");
    exec_sql(db, "PRAGMA journal_mode = WAL");
    // In WAL mode NORMAL syncs only at checkpoints: a commit is atomic and survives a killed
    // process; only a power cut may lose the last commits.
    exec_sql(db, "PRAGMA synchronous = NORMAL");
    exec_sql(db, "PRAGMA foreign_keys = ON");
    exec_sql(db, "PRAGMA cache_size = -65536");  // 64 MiB
    exec_sql(db, "PRAGMA temp_store = MEMORY");
    if (user_version(db) == 0 &&
        scalar("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") > 0)
      throw std::runtime_error("not a hotline store (it has tables but no schema version)");
    migrate(db, version);
    if (stamp) stamp_db_kind(db, file, DbKind::Traffic);
  } catch (const sqlite::DbError&) {
    throw;  // names the file already
  } catch (const std::exception& e) {
    throw std::runtime_error(file.string() + ": " + e.what());
  }
}

Store Store::open_existing(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw std::runtime_error(file.string() + ": no such traffic store (create one with hotline import)");
  return Store(file);
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

int Store::version() const { return user_version(db_.get()); }

void Store::exec(const char* sql) { exec_sql(db_.get(), sql); }

void Store::fail(const char* what) const {
  throw std::runtime_error(path_.string() + ": " + what + ": " + sqlite3_errmsg(db_.get()));
}

StmtPtr Store::prepare(std::string_view sql) const {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_.get(), sql.data(), int(sql.size()), &st, nullptr) != SQLITE_OK)
    fail("preparing a statement");
  return StmtPtr(st);
}

std::int64_t Store::scalar(std::string_view sql) const {
  StmtPtr st = prepare(sql);
  int rc = sqlite3_step(st.get());
  if (rc == SQLITE_ROW) return sqlite3_column_int64(st.get(), 0);
  if (rc != SQLITE_DONE) fail("running a query");
  return 0;
}

sqlite3_stmt* Store::stmt(Query q) const {
  StmtPtr& p = stmts_[q];
  if (!p) {
    sqlite3_stmt* st = nullptr;
    const char* sql = q == kInsertCallBatch ? call_batch_sql().c_str() : kSql[q];
    if (sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) !=
        SQLITE_OK)
      fail("preparing a statement");
    p.reset(st);
  }
  return p.get();
}

std::string Store::journal_mode() const {
  StmtPtr st = prepare("PRAGMA journal_mode");
  if (sqlite3_step(st.get()) != SQLITE_ROW) fail("reading the journal mode");
  return reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0));
}

Store::BulkJournal::BulkJournal(Store& store) : store_(&store) {
  StmtPtr st = store.prepare("PRAGMA journal_mode = DELETE");
  active_ = sqlite3_step(st.get()) == SQLITE_ROW &&
            std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0))) == "delete";
}

Store::BulkJournal::~BulkJournal() {
  if (active_) sqlite3_exec(store_->db_.get(), "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
}

namespace {
// Steps an insert: true when done, false on a uniqueness violation, throws otherwise.
bool step_insert(sqlite3_stmt* st, sqlite3* db, const std::filesystem::path& path) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc == SQLITE_DONE) return true;
  int ext = sqlite3_extended_errcode(db);
  if (ext == SQLITE_CONSTRAINT_PRIMARYKEY || ext == SQLITE_CONSTRAINT_UNIQUE) return false;
  throw std::runtime_error(path.string() + ": insert failed: " + sqlite3_errmsg(db));
}
}  // namespace

// Binds the kCallFields parameters of one call (all but the import id), from parameter
// number `first`. With `next_rowid` (the call's id is one more than the largest in the
// table) the id is bound as NULL: SQLite then assigns that same id from the end of the
// table instead of searching the B-tree for it.
void Store::bind_call(sqlite3_stmt* st, int first, const Call& c, bool next_rowid) {
  const int i = first;
  if (c.id != 0 && !next_rowid) sqlite3_bind_int64(st, i, c.id);
  else sqlite3_bind_null(st, i);
  sqlite3_bind_int64(st, i + 1, c.arrival);
  bind_text(st, i + 2, enum_key(c.channel));
  bind_text(st, i + 3, enum_key(c.skill));
  bind_text(st, i + 4, c.caller_key);
  sqlite3_bind_int(st, i + 5, c.ivr_s);
  sqlite3_bind_int(st, i + 6, c.wait_s);
  sqlite3_bind_int(st, i + 7, c.talk_s);
  sqlite3_bind_int(st, i + 8, c.wrap_s);
  bind_text(st, i + 9, enum_key(c.outcome));
  bind_text(st, i + 10, c.agent);
}

bool Store::insert_call(const Call& c, std::int64_t import_id) {
  sqlite3_stmt* st = stmt(kInsertCall);
  bind_call(st, 1, c);
  bind_import(st, kCallFields + 1, import_id);
  return step_insert(st, db_.get(), path_);
}

void Store::insert_calls(std::span<const Call> calls, std::int64_t import_id,
                         std::vector<std::size_t>& duplicates) {
  std::size_t i = 0;
  sqlite3_stmt* batch = calls.size() >= kCallBatch ? stmt(kInsertCallBatch) : nullptr;
  // Ids that continue the table's largest one by one (the usual export) need no search.
  // `top` stays the table's largest id: every id seen is inserted or already there, and a
  // call without an id gets top + 1.
  std::int64_t top = 0;  // 0 for an empty table (NULL)
  if (batch) {
    bind_import(batch, 1, import_id);
    sqlite3_stmt* mx = stmt(kMaxCallId);
    const ResetGuard reset{mx};
    if (sqlite3_step(mx) != SQLITE_ROW) fail("reading the largest call id");
    top = sqlite3_column_int64(mx, 0);
  }
  for (; i + kCallBatch <= calls.size(); i += kCallBatch) {
    for (std::size_t k = 0; k < kCallBatch; ++k) {
      const Call& c = calls[i + k];
      const bool next = c.id != 0 && top < std::numeric_limits<std::int64_t>::max() && c.id == top + 1;
      bind_call(batch, 2 + int(k) * kCallFields, c, next);
      if (c.id == 0) top += top < std::numeric_limits<std::int64_t>::max();
      else if (c.id > top) top = c.id;
    }
    const int before = sqlite3_total_changes(db_.get());
    if (step_insert(batch, db_.get(), path_)) continue;
    // A duplicate id. OR FAIL keeps the rows before it (so SQLite needs no statement
    // journal, which cost a copy of every page the statement touched): go on from there.
    const std::size_t done = std::size_t(sqlite3_total_changes(db_.get()) - before);
    for (std::size_t k = i + done; k < i + kCallBatch; ++k)
      if (!insert_call(calls[k], import_id)) duplicates.push_back(k);
  }
  for (; i < calls.size(); ++i)
    if (!insert_call(calls[i], import_id)) duplicates.push_back(i);
}

bool Store::insert_ticket(const Ticket& t, std::int64_t import_id) {
  sqlite3_stmt* st = stmt(kInsertTicket);
  bind_text(st, 1, t.id);
  sqlite3_bind_int64(st, 2, t.created);
  bind_text(st, 3, enum_key(t.channel));
  bind_text(st, 4, enum_key(t.type));
  bind_text(st, 5, t.category);
  bind_text(st, 6, t.district);
  bind_text(st, 7, t.street);
  sqlite3_bind_int(st, 8, t.enterprise ? 1 : 0);
  bind_text(st, 9, enum_key(t.urgency));
  bind_text(st, 10, t.caller_key);
  bind_time(st, 11, t.dispatched);
  bind_time(st, 12, t.accepted);
  bind_time(st, 13, t.returned);
  bind_time(st, 14, t.extended);
  bind_time(st, 15, t.replied);
  bind_time(st, 16, t.closed);
  bind_text(st, 17, enum_key(t.satisfaction));
  sqlite3_bind_int(st, 18, t.reopen_count);
  bind_import(st, 19, import_id);
  if (!step_insert(st, db_.get(), path_)) return false;
  sqlite3_stmt* u = stmt(kInsertTicketUnit);
  auto add = [&](std::string_view role, int seq, const std::string& unit) {
    bind_text(u, 1, t.id);
    bind_text(u, 2, role);
    sqlite3_bind_int(u, 3, seq);
    bind_text(u, 4, unit);
    step_insert(u, db_.get(), path_);
  };
  if (!t.lead_unit.empty()) add("lead", 0, t.lead_unit);
  for (std::size_t i = 0; i < t.co_units.size(); ++i) add("co", int(i), t.co_units[i]);
  for (std::size_t i = 0; i < t.copied_units.size(); ++i) add("copied", int(i), t.copied_units[i]);
  return true;
}

bool Store::insert_unit(const Unit& u, std::int64_t import_id) {
  sqlite3_stmt* st = stmt(kInsertUnit);
  bind_text(st, 1, u.id);
  bind_text(st, 2, u.name);
  bind_text(st, 3, enum_key(u.kind));
  sqlite3_bind_int(st, 4, u.level);
  bind_text(st, 5, u.parent_id);
  sqlite3_bind_int(st, 6, u.utility);
  sqlite3_bind_int(st, 7, u.vertical);
  sqlite3_bind_int(st, 8, u.synthetic);
  bind_import(st, 9, import_id);
  return step_insert(st, db_.get(), path_);
}

std::int64_t Store::insert_import(const ImportRecord& r) {
  sqlite3_stmt* st = stmt(kInsertImport);
  bind_text(st, 1, r.kind);
  bind_text(st, 2, r.path);
  bind_text(st, 3, r.content_hash);
  sqlite3_bind_int64(st, 4, r.size);
  sqlite3_bind_int64(st, 5, r.rows);
  sqlite3_bind_int64(st, 6, r.rejected);
  sqlite3_bind_int64(st, 7, r.imported_at ? r.imported_at : Time(std::time(nullptr)));
  if (!step_insert(st, db_.get(), path_))
    throw std::runtime_error(path_.string() + ": this " + r.kind + " file was already imported");
  return sqlite3_last_insert_rowid(db_.get());
}

void Store::set_import_counts(std::int64_t import_id, std::int64_t rows, std::int64_t rejected) {
  sqlite3_stmt* st = stmt(kSetImportCounts);
  sqlite3_bind_int64(st, 1, import_id);
  sqlite3_bind_int64(st, 2, rows);
  sqlite3_bind_int64(st, 3, rejected);
  step_insert(st, db_.get(), path_);
}

bool Store::delete_unit(std::string_view id) {
  sqlite3_stmt* st = stmt(kDeleteUnit);
  bind_text(st, 1, id);
  step_insert(st, db_.get(), path_);
  return sqlite3_changes(db_.get()) > 0;
}

namespace {
template <class E>
E column_enum(sqlite3_stmt* st, int i, const std::filesystem::path& db, const char* table,
              std::string_view id, const char* column) {
  std::string_view text = column_text(st, i);
  if (auto e = enum_from<E>(text)) return *e;
  throw InputError(db.string(), 0, std::string(table) + " " + std::string(id) + " " + column,
                   "unknown value '" + std::string(text) + "' (expected " + enum_keys<E>() + ")");
}
}  // namespace

void Store::for_each_call(Time from, Time to, const std::function<void(const Call&)>& fn) const {
  sqlite3_stmt* st = stmt(kCallsInRange);
  ResetGuard guard{st};
  sqlite3_bind_int64(st, 1, from);
  sqlite3_bind_int64(st, 2, to);
  Call c;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    c.id = sqlite3_column_int64(st, 0);
    c.arrival = sqlite3_column_int64(st, 1);
    std::string id = std::to_string(c.id);
    c.channel = column_enum<Channel>(st, 2, path_, "calls", id, "channel");
    c.skill = column_enum<SkillQueue>(st, 3, path_, "calls", id, "skill");
    c.caller_key = column_text(st, 4);
    c.ivr_s = sqlite3_column_int(st, 5);
    c.wait_s = sqlite3_column_int(st, 6);
    c.talk_s = sqlite3_column_int(st, 7);
    c.wrap_s = sqlite3_column_int(st, 8);
    c.outcome = column_enum<CallOutcome>(st, 9, path_, "calls", id, "outcome");
    c.agent = column_text(st, 10);
    fn(c);
  }
  if (rc != SQLITE_DONE) fail("reading calls");
}

std::int64_t Store::count_calls(Time from, Time to) const {
  sqlite3_stmt* st = stmt(kCountCalls);
  ResetGuard guard{st};
  sqlite3_bind_int64(st, 1, from);
  sqlite3_bind_int64(st, 2, to);
  if (sqlite3_step(st) != SQLITE_ROW) fail("counting calls");
  return sqlite3_column_int64(st, 0);
}

std::optional<std::pair<Time, Time>> Store::call_span() const {
  StmtPtr st = prepare("SELECT min(arrival), max(arrival) FROM calls");
  if (sqlite3_step(st.get()) != SQLITE_ROW || sqlite3_column_type(st.get(), 0) == SQLITE_NULL)
    return std::nullopt;
  return std::pair{sqlite3_column_int64(st.get(), 0), sqlite3_column_int64(st.get(), 1)};
}

Ticket Store::read_ticket(sqlite3_stmt* st) const {
  Ticket t;
  t.id = column_text(st, 0);
  t.created = sqlite3_column_int64(st, 1);
  t.channel = column_enum<Channel>(st, 2, path_, "tickets", t.id, "channel");
  t.type = column_enum<RequestType>(st, 3, path_, "tickets", t.id, "type");
  t.category = column_text(st, 4);
  t.district = column_text(st, 5);
  t.street = column_text(st, 6);
  t.enterprise = sqlite3_column_int(st, 7) != 0;
  t.urgency = column_enum<Urgency>(st, 8, path_, "tickets", t.id, "urgency");
  t.caller_key = column_text(st, 9);
  t.dispatched = column_time(st, 10);
  t.accepted = column_time(st, 11);
  t.returned = column_time(st, 12);
  t.extended = column_time(st, 13);
  t.replied = column_time(st, 14);
  t.closed = column_time(st, 15);
  t.satisfaction = column_enum<Satisfaction>(st, 16, path_, "tickets", t.id, "satisfaction");
  t.reopen_count = sqlite3_column_int(st, 17);
  sqlite3_stmt* u = stmt(kTicketUnits);
  ResetGuard guard{u};
  bind_text(u, 1, t.id);
  while (sqlite3_step(u) == SQLITE_ROW) {
    std::string_view role = column_text(u, 0);
    std::string unit(column_text(u, 1));
    if (role == "lead") t.lead_unit = std::move(unit);
    else if (role == "co") t.co_units.push_back(std::move(unit));
    else t.copied_units.push_back(std::move(unit));
  }
  return t;
}

void Store::for_each_ticket(Time from, Time to,
                            const std::function<void(const Ticket&)>& fn) const {
  sqlite3_stmt* st = stmt(kTicketsInRange);
  ResetGuard guard{st};
  sqlite3_bind_int64(st, 1, from);
  sqlite3_bind_int64(st, 2, to);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) fn(read_ticket(st));
  if (rc != SQLITE_DONE) fail("reading tickets");
}

std::optional<Ticket> Store::ticket(std::string_view id) const {
  sqlite3_stmt* st = stmt(kTicketById);
  ResetGuard guard{st};
  bind_text(st, 1, id);
  if (sqlite3_step(st) != SQLITE_ROW) return std::nullopt;
  return read_ticket(st);
}

std::int64_t Store::count_tickets() const { return scalar("SELECT count(*) FROM tickets"); }

std::vector<Unit> Store::units() const {
  sqlite3_stmt* st = stmt(kUnits);
  ResetGuard guard{st};
  std::vector<Unit> out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    Unit& u = out.emplace_back();
    u.id = column_text(st, 0);
    u.name = column_text(st, 1);
    u.kind = column_enum<UnitKind>(st, 2, path_, "units", u.id, "kind");
    u.level = sqlite3_column_int(st, 3);
    u.parent_id = column_text(st, 4);
    u.utility = sqlite3_column_int(st, 5) != 0;
    u.vertical = sqlite3_column_int(st, 6) != 0;
    u.synthetic = sqlite3_column_int(st, 7) != 0;
  }
  return out;
}

bool Store::has_unit(std::string_view id) const {
  sqlite3_stmt* st = stmt(kHasUnit);
  ResetGuard guard{st};
  bind_text(st, 1, id);
  return sqlite3_step(st) == SQLITE_ROW;
}

std::vector<ImportRecord> Store::imports() const {
  sqlite3_stmt* st = stmt(kImports);
  ResetGuard guard{st};
  std::vector<ImportRecord> out;
  while (sqlite3_step(st) == SQLITE_ROW) out.push_back(read_import(st));
  return out;
}

std::optional<ImportRecord> Store::find_import(std::string_view kind,
                                               std::string_view content_hash) const {
  sqlite3_stmt* st = stmt(kFindImport);
  ResetGuard guard{st};
  bind_text(st, 1, kind);
  bind_text(st, 2, content_hash);
  if (sqlite3_step(st) != SQLITE_ROW) return std::nullopt;
  return read_import(st);
}

}  // namespace hotline
