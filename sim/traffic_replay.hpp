// Streams recorded calls from the `calls` table of a traffic SQLite database in arrival
// order, so a replay holds one row in memory at a time. Schema contract (docs/scenarios.md):
// calls(id INTEGER PRIMARY KEY, arrival INTEGER /*unix s*/, channel TEXT, skill TEXT,
//       caller_key TEXT, ivr_s, wait_s, talk_s, wrap_s INTEGER, outcome TEXT, agent TEXT)
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "core/enums.hpp"
#include "core/sqlite.hpp"
#include "core/time.hpp"

namespace hotline::sim {

struct ReplayCall {
  std::int64_t id = 0;
  Time arrival = 0;
  SkillQueue skill = SkillQueue::General;
  std::int32_t talk_s = 0;  // 0 when not recorded
};

class CallReplay {
 public:
  // Opens the database read-only and selects phone calls arriving in [from, to).
  // Throws InputError naming the file when the database or its calls table is unusable.
  CallReplay(const std::filesystem::path& db, Time from, Time to);
  ~CallReplay();
  CallReplay(const CallReplay&) = delete;
  CallReplay& operator=(const CallReplay&) = delete;
  // The next call; false at the end. Throws InputError (file, call id, field) on a bad row.
  bool next(ReplayCall* out);

 private:
  std::string file_;
  sqlite::Db db_;
  sqlite::Stmt stmt_;
};

}  // namespace hotline::sim
