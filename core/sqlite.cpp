// The one SQLite layer (sqlite.hpp).
#include "core/sqlite.hpp"

namespace hotline::sqlite {

Db open(const std::filesystem::path& file, Mode mode, int flags) {
  const int how = mode == Mode::ReadOnly    ? SQLITE_OPEN_READONLY
                  : mode == Mode::ReadWrite ? SQLITE_OPEN_READWRITE
                                            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &raw, how | flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK)
    throw DbError(file.string(), std::string("cannot open the database: ") + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

std::string file_of(sqlite3* db) {
  const char* f = db ? sqlite3_db_filename(db, "main") : nullptr;
  return f && *f ? f : std::string("(temporary database)");
}

void fail(sqlite3* db, std::string_view what) {
  throw DbError(file_of(db), std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no database"));
}

void check(sqlite3* db, int rc, std::string_view what) {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) fail(db, what);
}

Stmt prepare(sqlite3* db, std::string_view sql, std::string_view what) {
  sqlite3_stmt* st = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), int(sql.size()), &st, nullptr);
  Stmt out(st);
  if (rc != SQLITE_OK) fail(db, what);
  return out;
}

bool step(sqlite3* db, sqlite3_stmt* st, std::string_view what) {
  const int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db, what);
}

void run(sqlite3* db, sqlite3_stmt* st, std::string_view what) {
  const int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) fail(db, what);
}

void exec(sqlite3* db, const char* sql, std::string_view what) {
  char* msg = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) == SQLITE_OK) return;
  std::string m = msg ? msg : sqlite3_errmsg(db);
  sqlite3_free(msg);
  throw DbError(file_of(db), std::string(what) + ": " + m);
}

std::int64_t scalar(sqlite3* db, const char* sql, std::string_view what) {
  Stmt st = prepare(db, sql, what);
  return step(db, st.get(), what) ? sqlite3_column_int64(st.get(), 0) : 0;
}

Transaction::Transaction(sqlite3* db) : db_(db) { exec(db_, "BEGIN IMMEDIATE", "begin a transaction"); }

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  exec(db_, "COMMIT", "commit");
  done_ = true;
}

}  // namespace hotline::sqlite
