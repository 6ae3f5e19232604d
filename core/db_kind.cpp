// Database kinds: PRAGMA application_id read and checked at open, legacy files (id 0)
// recognised by their tables, and the read-only check of an output before a long run.
#include "core/db_kind.hpp"

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "core/error.hpp"
#include "core/sqlite.hpp"

namespace hotline {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(const fs::path& file, const std::string& is, DbKind expected) {
  throw InputError("", 0, "", file.string() + " is " + is + ", not " + std::string(db_kind_name(expected)) +
                           "; refused before anything was written");
}

// The first column of the first row of `sql`; throws naming the file on an error, and says
// "not a SQLite database" for SQLITE_NOTADB (a CSV file, a PNG, random bytes).
std::int64_t first_int(sqlite3* db, const fs::path& file, const char* sql, DbKind expected) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
  const sqlite::Stmt st(raw);
  if (rc == SQLITE_OK) rc = sqlite3_step(raw);
  if (rc == SQLITE_ROW) return sqlite3_column_int64(raw, 0);
  if (rc == SQLITE_DONE) return 0;
  if (sqlite3_errcode(db) == SQLITE_NOTADB || rc == SQLITE_NOTADB) refuse(file, "not a SQLite database", expected);
  throw std::runtime_error(file.string() + ": cannot read the database: " + sqlite3_errmsg(db));
}

// A file written before the kinds (application_id 0), by its tables: the results database
// always had `runs`; a traffic store has `calls` or `tickets` (readers of replayed traffic
// take a bare `calls` table). Nothing for no tables at all; Count for somebody else's tables.
std::optional<DbKind> legacy_kind(sqlite3* db, const fs::path& file, DbKind expected) {
  auto has = [&](const char* names) {
    const std::string sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (" +
                            std::string(names) + ")";
    return first_int(db, file, sql.c_str(), expected) > 0;
  };
  if (has("'runs'")) return DbKind::Results;
  if (has("'calls', 'tickets'")) return DbKind::Traffic;
  if (first_int(db, file, "SELECT count(*) FROM sqlite_master", expected) == 0) return std::nullopt;
  return DbKind::Count;
}

std::string hex_id(std::int64_t id) {
  char b[32];
  std::snprintf(b, sizeof b, "0x%08llX", static_cast<unsigned long long>(std::uint32_t(id)));
  return b;
}

}  // namespace

bool check_db_kind(sqlite3* db, const fs::path& file, DbKind expected) {
  const std::int64_t id = first_int(db, file, "PRAGMA application_id", expected);
  for (std::size_t k = 0; k < std::size_t(DbKind::Count); ++k)
    if (id == kDbKindId[k]) {
      if (DbKind(k) != expected) refuse(file, std::string(db_kind_name(DbKind(k))), expected);
      return false;
    }
  if (id != 0) refuse(file, "not a hotline database (SQLite application_id " + hex_id(id) + ")", expected);
  const std::optional<DbKind> legacy = legacy_kind(db, file, expected);
  if (!legacy) return true;  // new and empty
  if (*legacy == DbKind::Count) refuse(file, "not a hotline database (it has tables of another program)", expected);
  if (*legacy != expected) refuse(file, std::string(db_kind_name(*legacy)), expected);
  return true;
}

void stamp_db_kind(sqlite3* db, const fs::path& file, DbKind expected) {
  const std::string sql = "PRAGMA application_id = " + std::to_string(db_kind_id(expected));
  char* msg = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    const std::string m = msg ? msg : sqlite3_errmsg(db);
    sqlite3_free(msg);
    throw std::runtime_error(file.string() + ": cannot record the database kind: " + m);
  }
}

void check_db_file(const fs::path& file, DbKind expected, int max_version) {
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec))
      throw std::runtime_error(file.string() + ": no such folder " + folder.string() + " (nothing was run)");
    if (::access(folder.c_str(), W_OK) != 0)
      throw std::runtime_error(file.string() + ": folder " + folder.string() + " is not writable (nothing was run)");
    return;
  }
  if (fs::is_directory(file, ec)) refuse(file, "a folder", expected);
  // Read-write without create, though it only reads: a read-only connection to a WAL
  // database leaves empty -wal and -shm files behind; this one removes them on close.
  const sqlite::Db db = sqlite::open(file, sqlite::Mode::ReadWrite);
  sqlite3* raw = db.get();
  check_db_kind(raw, file, expected);
  const std::int64_t v = first_int(raw, file, "PRAGMA user_version", expected);
  if (max_version > 0 && v > max_version)
    throw std::runtime_error(file.string() + ": schema version " + std::to_string(v) +
                             " is newer than this hotline build knows (" + std::to_string(max_version) +
                             "); update hotline (nothing was run)");
}

}  // namespace hotline
