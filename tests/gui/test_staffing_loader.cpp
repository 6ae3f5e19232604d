// Tests of loading the staffing view model from a results database written by the simulator.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "gui/staffing_model.hpp"
#include "rules/scenario_loader.hpp"
#include "sim/results_db.hpp"
#include "sim/staffing.hpp"

using namespace hotline;
using namespace hotline::gui;

namespace {
struct Fixture {
  ScenarioConfig sc;
  sim::ExperimentOptions opt;
  std::vector<sim::RunResult> runs;
  Fixture() {
    sc = load_scenario("shangluo-2025-01");
    sc.days = 2;
    opt.replications = 2;
    opt.seed = 7;
    runs = sim::run_replications(sc, opt);
  }
};
std::filesystem::path fresh(const char* name) {
  auto p = std::filesystem::path(HOTLINE_TEST_TMP) / name;
  std::filesystem::remove(p);
  return p;
}
}  // namespace

TEST_CASE("the staffing model reads the newest simulate run: time-of-day means and the wait grid",
          "[gui][staffing][results]") {
  Fixture f;
  auto db = fresh("gui-staffing.sqlite");
  sim::write_simulation(db, f.sc, f.opt, f.runs, "{}");
  StaffingModel m = load_staffing(db);
  REQUIRE(m.series);
  const IntervalSeries& s = *m.series;
  const int per_day = f.sc.intervals_per_day();
  REQUIRE(int(s.size()) == per_day);
  CHECK(s.interval_s == f.sc.interval_s);
  // offered: every call of the runs, averaged over days and replications
  double total = 0;
  for (const auto& r : f.runs)
    for (int i = 0; i < r.intervals; ++i) total += double(r.interval_total(i).offered);
  double sum = 0;
  for (double x : s.offered) sum += x;
  CHECK(sum == Approx(total / (2.0 * 2.0)));
  CHECK(sum > 0);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.offered[i] > 0) {
      CHECK(s.answer_rate[i] >= 0);
      CHECK(s.answer_rate[i] <= 1);
      CHECK(s.service_level[i] <= s.answer_rate[i] + 1e-12);
    }
    CHECK(s.scheduled[i] >= 0);
  }
  CHECK(s.agent_hours(s.scheduled) > 0);
  CHECK_FALSE(s.target);  // no plan, so no target is invented
  CHECK(s.planned.empty());
  REQUIRE(m.waits);
  CHECK(m.waits->days == std::vector<std::string>{"2025-01-01", "2025-01-02"});
  CHECK(m.waits->mean_wait_s.size() == std::size_t(2 * per_day));
  CHECK(m.plan.empty());
  CHECK_THAT(m.source, Catch::Contains("2 d x 2 rep"));
}

TEST_CASE("a staffing plan in the database gives the target, the planned agents and agent-hours",
          "[gui][staffing][results]") {
  Fixture f;
  auto db = fresh("gui-staffing-plan.sqlite");
  sim::write_simulation(db, f.sc, f.opt, f.runs, "{}");
  const int per_day = f.sc.intervals_per_day();
  sim::StaffingPlan plan;
  plan.target.service_level = 0.8;
  sim::DayPlan day;
  day.type = DayType::Weekday;
  for (int i = 0; i < per_day; ++i) {
    std::array<int, sim::kSkills> a{};
    a[0] = i < per_day / 2 ? 2 : 4;  // 2 agents in the first half of the day, 4 in the second
    day.agents.push_back(a);
    a[0] -= 1;
    day.erlang_start.push_back(a);
  }
  day.skill_answer_rate.resize(std::size_t(per_day));
  day.skill_service_level.resize(std::size_t(per_day));
  plan.days.push_back(day);
  sim::write_staffing_plan(db, f.sc, f.opt, plan, R"({"target":{"service_level":0.8,"sl_threshold_s":15}})");
  StaffingModel m = load_staffing(db);
  REQUIRE(m.series);
  REQUIRE(m.series->target);
  CHECK(*m.series->target == Approx(0.8));
  CHECK_FALSE(m.series->answer_target);
  REQUIRE(m.series->planned.size() == std::size_t(per_day));
  CHECK(m.series->planned.front() == 2);
  CHECK(m.series->planned.back() == 4);
  REQUIRE(m.plan.size() == 1);
  CHECK(m.plan[0].day_type == "weekday");
  const double h = f.sc.interval_s / 3600.0;
  CHECK(m.plan[0].plan_hours == Approx(h * (per_day / 2 * 2 + per_day / 2 * 4)));
  CHECK(m.plan[0].erlang_hours == Approx(h * (per_day / 2 * 1 + per_day / 2 * 3)));
  CHECK(m.plan[0].current_hours == Approx(m.series->agent_hours(m.series->scheduled)));
  CHECK(m.plan_agents[std::size_t(DayType::Holiday)].empty());
  // A holiday plan (stored with the key "holiday" in the same table) comes back as its own
  // day type, listed after the weekday.
  sim::StaffingPlan both = plan;
  day.type = DayType::Holiday;
  for (auto& a : day.agents) a[0] = 1;
  both.days.push_back(day);
  sim::write_staffing_plan(db, f.sc, f.opt, both, R"({"target":{"service_level":0.8,"sl_threshold_s":15}})");
  const StaffingModel n = load_staffing(db);
  REQUIRE(n.plan.size() == 2);
  CHECK(n.plan[0].day_type == "weekday");
  CHECK(n.plan[1].day_type == "holiday");
  CHECK(n.plan[1].plan_hours == Approx(h * per_day));
  REQUIRE(n.plan_agents[std::size_t(DayType::Holiday)].size() == std::size_t(per_day));
  CHECK(n.plan_agents[std::size_t(DayType::Holiday)][0][0] == 1);
  CHECK(n.series->planned.front() == 2);  // the weekday plan is the one drawn
}

TEST_CASE("a results database without a simulate run is an input error naming it", "[gui][staffing][results]") {
  auto db = fresh("gui-staffing-empty.sqlite");
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  REQUIRE(sqlite3_exec(raw, "CREATE TABLE runs(run_id, kind, scenario, replications, interval_s);", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  sqlite3_close(raw);
  CHECK_THROWS_WITH(load_staffing(db), Catch::Contains("gui-staffing-empty.sqlite") && Catch::Contains("no simulate run"));
  CHECK_THROWS_AS(load_staffing(fresh("gui-staffing-none.sqlite")), InputError);
}

TEST_CASE("loading the same database twice gives the same numbers", "[gui][staffing][results]") {
  Fixture f;
  auto db = fresh("gui-staffing-det.sqlite");
  sim::write_simulation(db, f.sc, f.opt, f.runs, "{}");
  StaffingModel a = load_staffing(db), b = load_staffing(db);
  CHECK(a.series->offered == b.series->offered);
  CHECK(a.series->scheduled == b.series->scheduled);
}
