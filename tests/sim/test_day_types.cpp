// Statutory holidays and make-up working days in the call-centre model and the staffing
// planner: the day's type (from the national calendar) picks the profile, the agents and the
// shifts; holidays without data of their own use the weekend's; same seed, same numbers.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/call_centre.hpp"
#include "sim/experiment.hpp"
#include "sim/staffing.hpp"

using namespace hotline;
using namespace hotline::sim;

namespace {

// Saturday 25 Jan 2025 .. Wednesday 29 Jan 2025: a weekend day, the make-up working Sunday
// 26 Jan, Monday 27 Jan (a weekday), 28 and 29 Jan (Spring Festival holidays).
constexpr int kDays = 5;
const DayType kTypes[kDays] = {DayType::Weekend, DayType::Weekday, DayType::Weekday, DayType::Holiday,
                               DayType::Holiday};

ScenarioConfig spring_festival() {
  ScenarioConfig sc;
  sc.name = "spring-festival";
  sc.start = make_time({2025, 1, 25});
  sc.days = kDays;
  sc.profile[std::size_t(DayType::Weekday)].assign(48, 20);
  sc.profile[std::size_t(DayType::Weekend)].assign(48, 0);
  sc.profile[std::size_t(DayType::Holiday)].assign(48, 5);
  sc.skills[0].share = 1;
  sc.skills[0].talk = {DurationSpec::Kind::Exponential, 120, 0, 1, {}};
  sc.skills[0].agents[std::size_t(DayType::Weekday)].assign(48, 9);
  sc.skills[0].agents[std::size_t(DayType::Weekend)].assign(48, 1);
  sc.skills[0].agents[std::size_t(DayType::Holiday)].assign(48, 4);
  sc.patience = {DurationSpec::Kind::Exponential, 300, 0, 1, {}};
  return sc;
}

// Agent-hours on duty of a day with `agents` all day: agents leaving at a change of plan
// finish their call first, which may add minutes to the day.
bool staffed_all_day(double hours, int agents) { return hours >= 24.0 * agents - 1e-9 && hours < 24.0 * agents + 0.5; }

struct Day {
  std::int64_t offered = 0;
  double staffed_h = 0;
};
std::vector<Day> per_day(const RunResult& r) {
  std::vector<Day> d(std::size_t(r.intervals / 48));
  for (int i = 0; i < r.intervals; ++i) {
    const KpiCounters k = r.interval_total(i);
    d[std::size_t(i / 48)].offered += k.offered;
    d[std::size_t(i / 48)].staffed_h += k.staffed_agent_s / 3600;
  }
  return d;
}

}  // namespace

TEST_CASE("The day's type picks the profile and the agents: holidays and a make-up Sunday", "[sim][daytype]") {
  RunOptions o;
  o.seed = 7;
  const std::vector<Day> d = per_day(run_call_centre(spring_festival(), o));
  REQUIRE(d.size() == std::size_t(kDays));
  // Agents on duty: exactly the plan of the day's type, 24 hours a day.
  for (int i = 0; i < kDays; ++i) {
    INFO("day " << i);
    const int agents = kTypes[i] == DayType::Weekday ? 9 : kTypes[i] == DayType::Weekend ? 1 : 4;
    CHECK(staffed_all_day(d[std::size_t(i)].staffed_h, agents));
  }
  // Traffic: none on the weekend day, 960 expected on working days (the make-up Sunday too),
  // 240 on holidays (Poisson; +-6 sd bounds).
  CHECK(d[0].offered == 0);
  for (int i : {1, 2}) CHECK(std::abs(double(d[std::size_t(i)].offered) - 960) < 6 * 31);
  for (int i : {3, 4}) CHECK(std::abs(double(d[std::size_t(i)].offered) - 240) < 6 * 16);
}

TEST_CASE("Without holiday data, holidays have the weekend's traffic and agents", "[sim][daytype]") {
  ScenarioConfig sc = spring_festival();
  sc.profile[std::size_t(DayType::Holiday)].clear();
  sc.skills[0].agents[std::size_t(DayType::Holiday)].clear();
  RunOptions o;
  o.seed = 7;
  const std::vector<Day> d = per_day(run_call_centre(sc, o));
  for (int i : {3, 4}) {
    CHECK(d[std::size_t(i)].offered == 0);
    CHECK(staffed_all_day(d[std::size_t(i)].staffed_h, 1));
  }
  CHECK(d[1].offered > 600);  // the make-up Sunday is still a working day
}

TEST_CASE("Shifts work the day types they are for", "[sim][daytype]") {
  ScenarioConfig sc = spring_festival();
  for (auto& a : sc.skills[0].agents) a.clear();
  for (auto& p : sc.profile) p.assign(48, 0);  // no calls: agents leave exactly at shift end
  ShiftSpec weekday{SkillQueue::General, 8 * 3600, 8 * 3600, 5, true, false, false};
  ShiftSpec weekend{SkillQueue::General, 8 * 3600, 8 * 3600, 2, false, true, false};
  ShiftSpec holiday{SkillQueue::General, 9 * 3600, 6 * 3600, 3, false, false, true};
  ShiftSpec night{SkillQueue::General, 0, 8 * 3600, 1, true, true, true};
  sc.shifts = {weekday, weekend, holiday, night};
  RunOptions o;
  const std::vector<Day> d = per_day(run_call_centre(sc, o));
  const double expect[kDays] = {2 * 8 + 8, 5 * 8 + 8, 5 * 8 + 8, 3 * 6 + 8, 3 * 6 + 8};
  for (int i = 0; i < kDays; ++i) {
    INFO("day " << i);
    CHECK(d[std::size_t(i)].staffed_h == Approx(expect[i]));
  }
}

TEST_CASE("Holiday runs are deterministic: same seed, same numbers", "[sim][daytype]") {
  const ScenarioConfig sc = spring_festival();
  RunOptions o;
  o.seed = 11;
  const RunResult a = run_call_centre(sc, o), b = run_call_centre(sc, o);
  REQUIRE(a.kpi.size() == b.kpi.size());
  for (std::size_t i = 0; i < a.kpi.size(); ++i) {
    CHECK(a.kpi[i].offered == b.kpi[i].offered);
    CHECK(a.kpi[i].answered == b.kpi[i].answered);
    CHECK(a.kpi[i].wait_answered_s == b.kpi[i].wait_answered_s);
  }
  CHECK(a.wait_hist == b.wait_hist);
  o.seed = 12;
  CHECK(per_day(run_call_centre(sc, o))[3].offered != per_day(a)[3].offered);
}

TEST_CASE("A horizon outside the calendar's years is an error naming the year", "[sim][daytype]") {
  ScenarioConfig sc = spring_festival();
  sc.start = make_time({2026, 12, 30});
  sc.days = 3;
  CHECK_THROWS_WITH(run_call_centre(sc, RunOptions{}), Catch::Contains("year 2027"));
  // A calendar given in the options replaces the national one.
  WorkCalendar cal;
  cal.load_text("year,2027,test\n2027-01-01,off,New Year\n", "t.csv");
  cal.load_text("year,2026,test\n", "u.csv");
  RunOptions o;
  o.calendar = &cal;
  const std::vector<Day> d = per_day(run_call_centre(sc, o));
  CHECK(staffed_all_day(d[2].staffed_h, 4));  // 1 Jan 2027: a holiday in this calendar
  CHECK(staffed_all_day(d[0].staffed_h, 9));  // 30 Dec 2026: a Wednesday
}

TEST_CASE("The staffing planner plans the holiday as a day type of its own", "[sim][staffing][daytype]") {
  ScenarioConfig sc = spring_festival();
  sc.start = make_time({2025, 1, 27});  // Monday 27 (weekday), Tuesday 28 Jan (holiday)
  sc.days = 2;
  StaffingTarget t;
  t.answer_rate = 0.9;
  ExperimentOptions opt;
  opt.replications = 4;
  std::vector<DayType> seen;
  const StaffingPlan plan = plan_staffing(sc, t, opt, 40, [&](DayType d, int) {
    if (seen.empty() || seen.back() != d) seen.push_back(d);
  });
  REQUIRE(plan.days.size() == 2);
  CHECK(seen == std::vector<DayType>{DayType::Weekday, DayType::Holiday});
  CHECK(plan.days[0].type == DayType::Weekday);
  CHECK(plan.days[1].type == DayType::Holiday);
  CHECK(plan.days[1].day == make_time({2025, 1, 28}));
  CHECK(plan.days[0].met);
  CHECK(plan.days[1].met);
  // A quarter of the weekday traffic needs fewer agent-hours.
  CHECK(plan.days[1].agent_hours < plan.days[0].agent_hours);
  const ScenarioConfig applied = apply_plan(sc, plan);
  CHECK(applied.skills[0].agents_for(DayType::Holiday)[20] == plan.days[1].agents[20][0]);
  // Same seed, same plan.
  const StaffingPlan again = plan_staffing(sc, t, opt);
  CHECK(again.days[1].agents == plan.days[1].agents);
}
