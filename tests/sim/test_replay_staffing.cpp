// Tests of traffic replay from a `calls` table, the staffing planner and the default policy.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>

#include "core/error.hpp"
#include "sim/call_centre.hpp"
#include "sim/default_policy.hpp"
#include "sim/staffing.hpp"
#include "sim/traffic_replay.hpp"

using namespace hotline;
using namespace hotline::sim;
namespace fs = std::filesystem;

namespace {

const Time kDay = make_time({2025, 1, 6});

// A traffic database with `n` calls at 08:00 + 10 s * i, every tenth an enterprise call.
fs::path make_traffic(const std::string& name, int n, const char* bad_skill = nullptr) {
  const fs::path p = fs::path(HOTLINE_TEST_TMP) / name;
  fs::remove(p);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(p.string().c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db,
                       "CREATE TABLE calls(id INTEGER PRIMARY KEY, arrival INTEGER, channel TEXT, skill TEXT, "
                       "caller_key TEXT, ivr_s INTEGER, wait_s INTEGER, talk_s INTEGER, wrap_s INTEGER, outcome TEXT, "
                       "agent TEXT); BEGIN;",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO calls VALUES(?,?,?,?,'k',0,0,?,0,'answered','')", -1, &st, nullptr);
  for (int i = 0; i < n; ++i) {
    // Inserted in reverse so that the reader's ORDER BY matters.
    const int k = n - 1 - i;
    sqlite3_bind_int(st, 1, k + 1);
    sqlite3_bind_int64(st, 2, kDay + 8 * 3600 + 10 * k);
    sqlite3_bind_text(st, 3, k % 7 == 6 ? "web" : "phone", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, bad_skill && k == 3 ? bad_skill : (k % 10 == 0 ? "enterprise" : "general"), -1,
                      SQLITE_STATIC);
    sqlite3_bind_int(st, 5, 100 + k);
    REQUIRE(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return p;
}

ScenarioConfig replay_scenario(const fs::path& db) {
  ScenarioConfig sc;
  sc.start = kDay;
  sc.traffic = ScenarioConfig::Traffic::Replay;
  sc.replay_db = db.string();
  sc.replay_talk_times = true;
  sc.skills[0].share = 1;
  for (int s = 0; s < 2; ++s)
    for (auto& a : sc.skills[std::size_t(s)].agents) a.assign(48, 50);
  sc.patience.mean = 0;
  return sc;
}

}  // namespace

TEST_CASE("Replay reads phone calls in arrival order within the horizon", "[sim][replay]") {
  const fs::path db = make_traffic("replay_order.sqlite", 100);
  CallReplay r(db, kDay, kDay + 86400);
  ReplayCall c;
  Time last = 0;
  int n = 0, enterprise = 0;
  while (r.next(&c)) {
    CHECK(c.arrival >= last);
    last = c.arrival;
    CHECK(c.talk_s == 100 + (c.arrival - kDay - 8 * 3600) / 10);
    enterprise += c.skill == SkillQueue::Enterprise;
    ++n;
  }
  CHECK(n == 100 - 14);  // every seventh call is a web contact, not replayed
  CHECK(enterprise > 0);
  CallReplay later(db, kDay + 86400, kDay + 2 * 86400);
  CHECK_FALSE(later.next(&c));
}

TEST_CASE("A replayed day offers exactly the recorded phone calls, scaled on request", "[sim][replay]") {
  const fs::path db = make_traffic("replay_model.sqlite", 200);
  ScenarioConfig sc = replay_scenario(db);
  const RunResult r = run_call_centre(sc, RunOptions{});
  const KpiCounters k = r.total();
  CHECK(k.offered == 200 - 28);
  CHECK(k.answered == k.offered);  // 50 agents, a call every 10 s
  // Recorded talk times: the agents' busy time is their sum.
  double talk = 0;
  for (int i = 0; i < 200; ++i)
    if (i % 7 != 6) talk += 100 + i;
  CHECK(k.busy_agent_s == Approx(talk));
  sc.scale = 2.0;
  CHECK(run_call_centre(sc, RunOptions{}).total().offered == 2 * (200 - 28));
}

TEST_CASE("Replay names the call id and field of a bad row, and a missing database", "[sim][replay]") {
  const fs::path db = make_traffic("replay_bad.sqlite", 10, "plumbing");
  CallReplay r(db, kDay, kDay + 86400);
  ReplayCall c;
  CHECK_THROWS_WITH([&] { while (r.next(&c)) {} }(),
                    db.string() + ": calls id 4: skill: unknown skill 'plumbing' (expected general|enterprise|dialect)");
  CHECK_THROWS_WITH(CallReplay("/nonexistent/traffic.sqlite", 0, 1), "/nonexistent/traffic.sqlite: traffic database not found");
}

TEST_CASE("The default policy diverts only with a full queue and no free agent", "[sim][policy]") {
  DefaultPolicy p(DiversionOffer::Online, 5);
  QueueState q;
  q.queue_length = 5;
  CHECK(p.divert(q) == DiversionOffer::Online);
  q.agents_free = 1;
  CHECK(p.divert(q) == DiversionOffer::KeepWaiting);
  q.agents_free = 0;
  q.queue_length = 4;
  CHECK(p.divert(q) == DiversionOffer::KeepWaiting);
  CHECK(DefaultPolicy(DiversionOffer::Online, 0).divert(QueueState{0, SkillQueue::General, 100, 0, 10, 0}) ==
        DiversionOffer::KeepWaiting);
  CHECK(p.decide(Ticket{}).manual);
}

TEST_CASE("The staffing plan meets the target in every interval and queue", "[sim][staffing]") {
  ScenarioConfig sc;
  sc.start = kDay;
  sc.days = 1;
  std::vector<double> profile(48, 5.0);
  for (int i = 16; i < 36; ++i) profile[std::size_t(i)] = 40 + 3 * (i - 16);  // a daytime ramp
  for (auto& p : sc.profile) p = profile;
  sc.skills[0].share = 0.9;
  sc.skills[1].share = 0.1;
  sc.skills[0].talk = {DurationSpec::Kind::Lognormal, 180, 100, 1, {}};
  sc.skills[1].talk = {DurationSpec::Kind::Lognormal, 240, 120, 1, {}};
  sc.patience = {DurationSpec::Kind::Exponential, 90, 0, 1, {}};
  StaffingTarget t;
  t.answer_rate = 0.95;
  ExperimentOptions opt;
  opt.replications = 6;
  opt.threads = 2;
  const StaffingPlan plan = plan_staffing(sc, t, opt);
  REQUIRE(plan.days.size() == 1);  // a Monday: only the weekday type occurs
  const DayPlan& d = plan.days[0];
  CHECK(d.met);
  for (int i = 0; i < 48; ++i)
    for (int s = 0; s < 2; ++s) {
      INFO("interval " << i << " skill " << s);
      CHECK(d.skill_answer_rate[std::size_t(i)][std::size_t(s)].mean >= 0.95);
    }
  // Answering 95% of the work needs at least 95% of the offered load in agent-hours.
  double load_hours = 0;
  for (double calls : profile) load_hours += calls * (0.9 * 180 + 0.1 * 240) / 3600;
  CHECK(d.agent_hours >= 0.95 * load_hours);
  // The simulation moved the plan away from the stationary Erlang A start somewhere.
  CHECK(d.agents != d.erlang_start);
  // The plan, applied to the scenario, reproduces the achieved KPIs (same seeds).
  const ScenarioConfig applied = apply_plan(sc, plan);
  CHECK(applied.skills[0].agents[0][20] == d.agents[20][0]);
}
