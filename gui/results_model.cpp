// Opening a results database read-only for the dashboard.
#include "gui/results_model.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <memory>

#include "core/db_kind.hpp"
#include "core/error.hpp"

namespace hotline::gui {

bool ResultsFile::has_table(std::string_view name) const {
  return std::binary_search(tables.begin(), tables.end(), name);
}

ResultsFile open_results(const std::filesystem::path& path) {
  auto fail = [&](std::string reason) { throw InputError(path.string(), 0, "", std::move(reason)); };
  if (!std::filesystem::is_regular_file(path)) fail("no such results database");
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  if (rc != SQLITE_OK) fail(std::string("cannot open: ") + sqlite3_errstr(rc));
  check_db_kind(db.get(), path, DbKind::Results);  // a traffic store or another file is refused by its kind
  sqlite3_stmt* st = nullptr;
  rc = sqlite3_prepare_v2(db.get(), "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                          -1, &st, nullptr);
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(st, &sqlite3_finalize);
  if (rc != SQLITE_OK) fail(std::string("not a SQLite database: ") + sqlite3_errmsg(db.get()));
  ResultsFile out;
  out.path = path;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW)
    out.tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0)));
  if (rc != SQLITE_DONE) fail(std::string("not a SQLite database: ") + sqlite3_errmsg(db.get()));
  std::sort(out.tables.begin(), out.tables.end());
  return out;
}

}  // namespace hotline::gui
