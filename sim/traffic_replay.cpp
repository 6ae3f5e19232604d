// Reads recorded calls for replay, one prepared statement (core/sqlite.hpp).
#include "sim/traffic_replay.hpp"

#include <sqlite3.h>

#include <string>

#include "core/db_kind.hpp"
#include "core/error.hpp"

namespace hotline::sim {

CallReplay::CallReplay(const std::filesystem::path& db, Time from, Time to) : file_(db.string()) {
  if (!std::filesystem::exists(db)) throw InputError(file_, 0, "", "traffic database not found");
  db_ = sqlite::open(db, sqlite::Mode::ReadOnly);
  sqlite3* raw = db_.get();
  check_db_kind(raw, db, DbKind::Traffic);  // a results database is refused by its kind
  sqlite3_stmt* st = nullptr;
  const char* sql =
      "SELECT id, arrival, skill, talk_s FROM calls WHERE arrival >= ?1 AND arrival < ?2 "
      "AND (channel IS NULL OR channel = 'phone') ORDER BY arrival, id";
  if (sqlite3_prepare_v2(raw, sql, -1, &st, nullptr) != SQLITE_OK)
    throw InputError(file_, 0, "calls", std::string("unusable calls table: ") + sqlite3_errmsg(raw));
  stmt_.reset(st);
  sqlite3_bind_int64(st, 1, from);
  sqlite3_bind_int64(st, 2, to);
}

CallReplay::~CallReplay() = default;

bool CallReplay::next(ReplayCall* out) {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_DONE) return false;
  if (rc != SQLITE_ROW) throw InputError(file_, 0, "calls", sqlite3_errmsg(db_.get()));
  sqlite3_stmt* st = stmt_.get();
  out->id = sqlite3_column_int64(st, 0);
  out->arrival = sqlite3_column_int64(st, 1);
  const auto* skill = reinterpret_cast<const char*>(sqlite3_column_text(st, 2));
  const std::string where = "calls id " + std::to_string(out->id);
  if (!skill || !*skill) {
    out->skill = SkillQueue::General;
  } else if (auto s = enum_from<SkillQueue>(skill)) {
    out->skill = *s;
  } else {
    throw InputError(file_, 0, where + ": skill", "unknown skill '" + std::string(skill) +
                                                      "' (expected " + enum_keys<SkillQueue>() + ")");
  }
  const std::int64_t talk = sqlite3_column_int64(st, 3);
  if (talk < 0) throw InputError(file_, 0, where + ": talk_s", "negative talk time");
  out->talk_s = std::int32_t(talk);
  return true;
}

}  // namespace hotline::sim
