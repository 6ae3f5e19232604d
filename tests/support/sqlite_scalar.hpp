// Test support: the single integer result of an SQL query on an SQLite database (results
// databases, which are not traffic stores, so hotline::Store does not open them).
#pragma once

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace hotline::test {

inline std::int64_t sql_scalar(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const std::int64_t v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

// Opens `file` read-only for the one query.
inline std::int64_t sql_scalar(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.string().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  const std::int64_t v = sql_scalar(db, sql);
  sqlite3_close(db);
  return v;
}

}  // namespace hotline::test
