// Tests of the staffing editor's grid: shifts expanded to intervals, a plan adopted, edits
// applied back to the scenario, and the simulator staffing the applied grid as the shifts.
#include <catch2/catch.hpp>

#include "gui/agent_grid.hpp"
#include "rules/scenario_loader.hpp"

using namespace hotline;
using namespace hotline::gui;

namespace {
ShiftSpec shift(SkillQueue s, int start_min, int length_min, int agents, bool weekdays = true, bool weekends = true,
                bool holidays = true) {
  return ShiftSpec{s, start_min * 60, length_min * 60, agents, weekdays, weekends, holidays};
}
constexpr auto W = std::size_t(DayType::Weekday), E = std::size_t(DayType::Weekend), H = std::size_t(DayType::Holiday);
constexpr auto G = std::size_t(SkillQueue::General), X = std::size_t(SkillQueue::Enterprise);
}  // namespace

TEST_CASE("shifts count in the intervals they cover for at least half, past midnight on the next day",
          "[gui][staffing][grid]") {
  ScenarioConfig sc;
  sc.interval_s = 1800;
  sc.shifts = {shift(SkillQueue::General, 8 * 60 + 10, 60, 3, true, false, false),  // 08:10-09:10 weekdays
               shift(SkillQueue::General, 22 * 60, 4 * 60, 2),                       // 22:00-02:00 every day
               shift(SkillQueue::Enterprise, 8 * 60 + 20, 30, 1, false, true),       // 08:20-08:50 weekends, holidays
               shift(SkillQueue::General, 9 * 60, 60, 4, false, false, true)};       // 09:00-10:00 holidays
  const AgentGrid g = AgentGrid::from_scenario(sc);
  REQUIRE(g.intervals() == 48);
  CHECK(g.agents[W][16][G] == 3);  // 08:00-08:30: 20 minutes covered
  CHECK(g.agents[W][17][G] == 3);  // 08:30-09:00
  CHECK(g.agents[W][18][G] == 0);  // 09:00-09:30: 10 minutes only
  CHECK(g.agents[E][16][G] == 0);  // a weekday shift
  CHECK(g.agents[E][16][X] == 0);  // 08:20-08:30: 10 minutes
  CHECK(g.agents[E][17][X] == 1);  // 08:30-08:50: 20 minutes
  for (int i : {44, 45, 46, 47, 0, 1, 2, 3}) CHECK(g.agents[W][std::size_t(i)][G] == 2);
  CHECK(g.agents[W][4][G] == 0);
  CHECK(g.total(DayType::Weekday, 17) == 3);
  CHECK(g.agent_hours(DayType::Weekday) == Approx(3 * 1.0 + 2 * 4.0));
  CHECK(g.agent_hours(DayType::Weekend) == Approx(0.5 + 2 * 4.0));
  CHECK(g.agents[H][16][G] == 0);  // the weekday shift does not work holidays
  CHECK(g.agents[H][17][X] == 1);
  CHECK(g.agents[H][18][G] == 4);  // the holiday shift
  CHECK(g.agents[W][18][G] == 0);
  CHECK(g.agent_hours(DayType::Holiday) == Approx(0.5 + 2 * 4.0 + 4 * 1.0));
}

TEST_CASE("without shifts the grid is the scenario's per-interval agents", "[gui][staffing][grid]") {
  ScenarioConfig sc;
  sc.interval_s = 3600;
  sc.skills[G].agents[W] = std::vector<int>(24, 4);
  sc.skills[X].agents[E] = {1, 2};  // the rest missing: 0
  const AgentGrid g = AgentGrid::from_scenario(sc);
  REQUIRE(g.intervals() == 24);
  CHECK(g.agents[W][10][G] == 4);
  CHECK(g.agents[E][1][X] == 2);
  CHECK(g.agents[E][2][X] == 0);
  CHECK(g.agents[H][1][X] == 2);  // no holiday agents: the weekend's
  CHECK(g.agent_hours(DayType::Weekday) == Approx(96));
}

TEST_CASE("edits are clamped and applied to the scenario as per-interval agents", "[gui][staffing][grid]") {
  ScenarioConfig sc;
  sc.shifts = {shift(SkillQueue::General, 0, 24 * 60, 5)};
  AgentGrid g = AgentGrid::from_scenario(sc);
  g.set(DayType::Weekday, 20, SkillQueue::General, 9);
  g.set(DayType::Weekend, 3, SkillQueue::Enterprise, -4);
  CHECK(g.agents[E][3][X] == 0);
  const ScenarioConfig out = g.apply(sc);
  CHECK(out.shifts.empty());
  REQUIRE(out.skills[G].agents[W].size() == 48);
  CHECK(out.skills[G].agents[W][20] == 9);
  CHECK(out.skills[G].agents[W][21] == 5);
  CHECK(out.skills[G].agents[E][20] == 5);
  CHECK(AgentGrid::from_scenario(out) == g);  // round trip
  ScenarioConfig hourly = sc;
  hourly.interval_s = 3600;
  CHECK_THROWS_AS(g.apply(hourly), std::invalid_argument);
}

TEST_CASE("a plan replaces the day types it planned", "[gui][staffing][grid]") {
  ScenarioConfig sc;
  sc.shifts = {shift(SkillQueue::General, 0, 24 * 60, 5)};
  const AgentGrid base = AgentGrid::from_scenario(sc);
  sim::StaffingPlan p;
  sim::DayPlan d;
  d.type = DayType::Weekend;
  d.agents.assign(48, {7, 1, 0});
  p.days.push_back(d);
  const AgentGrid g = AgentGrid::from_plan(p, base);
  CHECK(g.agents[E][30][G] == 7);
  CHECK(g.agents[E][30][X] == 1);
  CHECK(g.agents[W] == base.agents[W]);
  p.days[0].agents.pop_back();
  CHECK_THROWS_AS(AgentGrid::from_plan(p, base), std::invalid_argument);
}

TEST_CASE("the simulator staffs the shipped scenario's grid as it staffs its shifts", "[gui][staffing][grid]") {
  ScenarioConfig sc = load_scenario("shangluo-2025-01");
  sc.days = 4;  // 2025-01-01 (a holiday), the 2nd and 3rd (weekdays), the 4th (Saturday): all day types
  REQUIRE_FALSE(sc.shifts.empty());
  const ScenarioConfig grid = AgentGrid::from_scenario(sc).apply(sc);
  REQUIRE(grid.shifts.empty());
  sim::RunOptions o;
  o.seed = 5;
  const sim::RunResult a = sim::run_call_centre(sc, o), b = sim::run_call_centre(grid, o);
  REQUIRE(a.intervals == b.intervals);
  // the shifts start and end on half hours: the same agents on duty in every interval
  for (int i = 0; i < a.intervals; ++i) {
    INFO("interval " << i);
    CHECK(b.interval_total(i).staffed_agent_s == Approx(a.interval_total(i).staffed_agent_s).margin(1e-6));
  }
}
