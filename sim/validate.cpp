// Replay validation of a call-by-call trace (sim/validate.hpp, docs/validation.md).
#include "sim/validate.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/sqlite.hpp"
#include "sim/call_centre.hpp"

namespace hotline::sim {
namespace {

// The offered calls as a traffic database (`calls` table, docs/scenarios.md) for replay.
class ReplayDb {
 public:
  ReplayDb(const CallTrace& trace, Time start, const std::filesystem::path& dir) {
    static std::atomic<int> serial{0};
    path_ = dir / ("hotline-validate-" + std::to_string(getpid()) + "-" + std::to_string(serial++) + ".sqlite");
    std::filesystem::remove(path_);
    const sqlite::Db owner = sqlite::open(path_, sqlite::Mode::Create);
    sqlite3* db = owner.get();
    sqlite::exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;", "replay database");
    sqlite::Transaction tx(db);
    sqlite::exec(db, "CREATE TABLE calls(id INTEGER PRIMARY KEY, arrival INTEGER, channel TEXT, skill TEXT, talk_s INTEGER);",
                 "replay database");
    const sqlite::Stmt st = sqlite::prepare(
        db, "INSERT INTO calls(id, arrival, channel, skill, talk_s) VALUES(?1, ?2, 'phone', 'general', ?3)", "replay database");
    std::int64_t id = 0;
    for (const TraceCall& c : trace.calls) {
      if (!c.offered) continue;
      sqlite3_bind_int64(st.get(), 1, ++id);
      sqlite3_bind_int64(st.get(), 2, start + std::int64_t(std::llround(c.arrival)));
      sqlite3_bind_int64(st.get(), 3, c.outcome == TraceOutcome::Served && c.service > 0 ? std::int64_t(std::llround(c.service)) : 0);
      sqlite::run(db, st.get(), "replay database");
    }
    tx.commit();
    rows_ = id;
  }
  ~ReplayDb() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  ReplayDb(const ReplayDb&) = delete;
  ReplayDb& operator=(const ReplayDb&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::int64_t rows() const { return rows_; }

 private:
  std::filesystem::path path_;
  std::int64_t rows_ = 0;
};

std::vector<ValidationRow> recorded_rows(const CallTrace& trace, int days, double sl_s) {
  std::vector<ValidationRow> rows(std::size_t(days) * 24);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].day = int(i / 24);
    rows[i].hour = int(i % 24);
  }
  for (const TraceCall& c : trace.calls) {
    if (!c.offered) continue;
    const std::size_t h = std::size_t(std::clamp(int(c.arrival / 3600), 0, days * 24 - 1));
    HourFigures& r = rows[h].recorded;
    ++r.offered;
    if (c.outcome == TraceOutcome::Abandoned) {
      ++r.abandoned;
      continue;
    }
    ++r.answered;
    r.wait_answered_s += c.wait;
    if (c.wait <= sl_s) ++r.answered_in_sl;
  }
  return rows;
}

void add_simulated(std::vector<ValidationRow>& rows, const RunResult& run, double weight) {
  for (int i = 0; i < run.intervals; ++i) {
    const std::size_t h = std::size_t(std::min(int(rows.size()) - 1, i * run.interval_s / 3600));
    const KpiCounters k = run.interval_total(i);
    HourFigures& s = rows[h].simulated;
    s.offered += weight * double(k.offered);
    s.answered += weight * double(k.answered);
    s.abandoned += weight * double(k.abandoned);
    s.wait_answered_s += weight * k.wait_answered_s;
    s.answered_in_sl += weight * double(k.answered_in_sl);
  }
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

ValidationSummary summarise(const std::vector<ValidationRow>& rows, int min_calls) {
  std::vector<double> ab, asa, sl;
  for (const ValidationRow& r : rows) {
    if (r.recorded.offered < min_calls) continue;
    ab.push_back(std::abs(r.simulated.abandon_pct() - r.recorded.abandon_pct()));
    sl.push_back(std::abs(r.simulated.sl_pct() - r.recorded.sl_pct()));
    if (r.recorded.asa() > 0) asa.push_back(std::abs(r.simulated.asa() - r.recorded.asa()) / r.recorded.asa());
  }
  ValidationSummary s;
  s.hours = int(ab.size());
  s.median_abandon_pts = median(ab);
  s.median_asa_rel = median(asa);
  s.median_sl_pts = median(sl);
  s.worst_abandon_pts = ab.empty() ? 0 : *std::max_element(ab.begin(), ab.end());
  s.worst_asa_rel = asa.empty() ? 0 : *std::max_element(asa.begin(), asa.end());
  s.worst_sl_pts = sl.empty() ? 0 : *std::max_element(sl.begin(), sl.end());
  return s;
}

ValidationResult validate_trace(const CallTrace& trace, ScenarioConfig sc, const ValidationOptions& o) {
  if (o.replications < 1) throw std::invalid_argument("validate: at least one replication");
  sc.days = std::max(1, trace.days);
  const std::filesystem::path dir = o.work_dir.empty() ? std::filesystem::temp_directory_path() : o.work_dir;
  ReplayDb db(trace, sc.start, dir);
  sc.traffic = ScenarioConfig::Traffic::Replay;
  sc.replay_db = db.path().string();
  sc.replay_talk_times = o.recorded_service;
  sc.scale = 1;
  sc.ivr_time = {DurationSpec::Kind::Fixed, 0, 0, 1, {}};
  sc.self_service_share = sc.ivr_hangup_share = 0;
  sc.redial_probability = 0;  // recorded redials are in the trace already
  ValidationResult res;
  res.sl_threshold_s = sc.sl_threshold_s;
  res.replayed = db.rows();
  res.rows = recorded_rows(trace, sc.days, sc.sl_threshold_s);
  for (int r = 0; r < o.replications; ++r) {
    RunOptions ro;
    ro.seed = o.seed + std::uint64_t(r);
    add_simulated(res.rows, run_call_centre(sc, ro), 1.0 / o.replications);
  }
  res.summary = summarise(res.rows, o.min_calls);
  return res;
}

}  // namespace hotline::sim
