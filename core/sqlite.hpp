// One SQLite layer for every database of the project (the traffic store, the results
// database, the traffic replay and the dashboard's readers): owners for the connection and
// the statements, one open, prepare, step and exec that check every return code, a write
// transaction, and one error type, DbError, whose message names the file and what was being
// done ("results.sqlite: insert: database or disk is full").
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace hotline::sqlite {

// A database failure: the file and what failed. An InputError (line 0, no field), so that
// whatever reports bad input reports it the same way.
class DbError : public InputError {
 public:
  DbError(const std::string& file, const std::string& reason) : InputError(file, 0, "", reason) {}
};

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct Finalizer {
  void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};
using Db = std::unique_ptr<sqlite3, Closer>;
using Stmt = std::unique_ptr<sqlite3_stmt, Finalizer>;

enum class Mode { ReadOnly, ReadWrite, Create };

// Opens `file` (Create: read-write, made if missing) with a 5 s busy timeout; `flags` are
// added to the open flags (e.g. SQLITE_OPEN_NOMUTEX). Throws DbError
// "<file>: cannot open the database: <reason>".
Db open(const std::filesystem::path& file, Mode mode, int flags = 0);

// The file of a connection ("" for a temporary or in-memory database).
std::string file_of(sqlite3* db);

// Throws DbError "<file>: <what>: <SQLite's message>" unless rc is SQLITE_OK, _ROW or _DONE.
void check(sqlite3* db, int rc, std::string_view what);
[[noreturn]] void fail(sqlite3* db, std::string_view what);

// A prepared statement; throws DbError naming `what` on a bad statement.
Stmt prepare(sqlite3* db, std::string_view sql, std::string_view what = "prepare");
// Steps once: true with a row, false when done; throws DbError otherwise.
bool step(sqlite3* db, sqlite3_stmt* st, std::string_view what);
// Steps a statement that returns no rows (an insert, an update) and resets it for the next
// bindings; throws DbError naming `what`.
void run(sqlite3* db, sqlite3_stmt* st, std::string_view what);
// Runs one or more statements without results; throws DbError naming `what`.
void exec(sqlite3* db, const char* sql, std::string_view what);
// The first column of the first row of `sql` as an integer (0 without a row).
std::int64_t scalar(sqlite3* db, const char* sql, std::string_view what);

// A column as text ("" for NULL).
inline std::string text(sqlite3_stmt* st, int col) {
  const unsigned char* p = sqlite3_column_text(st, col);
  return p ? std::string(reinterpret_cast<const char*>(p), std::size_t(sqlite3_column_bytes(st, col))) : std::string();
}

// A write transaction: BEGIN IMMEDIATE at construction, ROLLBACK on destruction unless
// commit() ran.
class Transaction {
 public:
  explicit Transaction(sqlite3* db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  sqlite3* db_;
  bool done_ = false;
};

}  // namespace hotline::sqlite
