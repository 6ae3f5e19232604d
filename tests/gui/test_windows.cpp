// Tests of the dashboard windows on an ImGui context without a renderer: each view draws
// without errors, and the staffing window plots what its view model holds.
#include <catch2/catch.hpp>

#include <imgui.h>
#include <imgui_internal.h>

#include <chrono>
#include <cmath>
#include <thread>
#include <cstdlib>
#include <filesystem>

#include <unistd.h>

#include "gui/dashboard.hpp"
#include "gui/plot.hpp"

using namespace hotline;
using namespace hotline::gui;

namespace {
struct Context {
  Context() {
    ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0f / 60;
    io.IniFilename = nullptr;
    unsigned char* px;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
  }
  ~Context() { ImGui::DestroyContext(ctx); }
  void frame(Dashboard& d) {
    ImGui::NewFrame();
    d.draw();
    ImGui::Render();
  }
  ImGuiContext* ctx;
};

std::size_t vertices_of(const ImDrawList* dl, Rgba c) {
  std::size_t n = 0;
  for (const ImDrawVert& v : dl->VtxBuffer) n += v.col == IM_COL32(c.r, c.g, c.b, c.a);
  return n;
}

StaffingModel day_of_data() {
  StaffingModel m;
  IntervalSeries s;
  for (int i = 16; i < 40; ++i) {  // 08:00-20:00 in half hours
    s.start_s.push_back(i * 1800.0);
    s.offered.push_back(20 + i);
    s.scheduled.push_back(8);
    s.required.push_back(6 + i % 5);
    s.answer_rate.push_back(0.9);
    s.service_level.push_back(0.8);
  }
  s.target = 0.8;
  m.series = s;
  WaitGrid g;
  g.days = {"d1", "d2"};
  g.intervals = 48;
  g.mean_wait_s.assign(96, 10.0);
  g.mean_wait_s[50] = 90;
  m.waits = g;
  return m;
}
}  // namespace

TEST_CASE("every view draws a frame in both languages without data", "[gui][windows]") {
  Context c;
  for (Lang lang : {Lang::Zh, Lang::En})
    for (std::size_t v = 0; v < std::size_t(View::Count); ++v) {
      AppState st;
      st.settings.lang = lang;
      DashboardOptions o;
      o.only_view = View(v);
      Dashboard d(st, o);
      c.frame(d);
      c.frame(d);
      std::string title = std::string(view_key(View(v)));
      INFO(title);
      bool found = false;
      for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        found |= w->Active && std::string(w->Name).ends_with("###" + title);
      CHECK(found);
    }
}

TEST_CASE("the staffing window plots its view model's series", "[gui][windows]") {
  Context c;
  AppState st;
  DashboardOptions o;
  o.only_view = View::Staffing;
  Dashboard d(st, o);
  c.frame(d);
  ImGuiWindow* w = nullptr;
  for (ImGuiWindow* x : ImGui::GetCurrentContext()->Windows)
    if (std::string(x->Name).ends_with("###staffing")) w = x;
  REQUIRE(w != nullptr);
  std::size_t empty_bars = vertices_of(w->DrawList, series_colour(0));
  d.set_staffing(day_of_data());
  c.frame(d);
  // 24 offered bars of 4 vertices each, beyond the legend swatches drawn before
  CHECK(vertices_of(w->DrawList, series_colour(0)) >= empty_bars + 24 * 4);
  CHECK(vertices_of(w->DrawList, series_colour(1)) > vertices_of(w->DrawList, series_colour(2)) / 2);
  // the heatmap's hottest cell is the one colour-map maximum
  CHECK(vertices_of(w->DrawList, colormap(1)) >= 4);
}

TEST_CASE("inconsistent staffing data is refused and the old data kept", "[gui][windows]") {
  Context c;
  AppState st;
  Dashboard d(st, DashboardOptions{});
  StaffingModel bad = day_of_data();
  bad.series->required.pop_back();
  CHECK_THROWS_AS(d.set_staffing(bad), std::invalid_argument);
  CHECK(d.staffing().empty());
}

TEST_CASE("the staffing buttons run the scenario and the planner on the job runner and show the plan",
          "[gui][windows][staffing]") {
  Context c;
  AppState st;
  DashboardOptions o;
  o.scenario = "shangluo-2025-01";
  o.only_view = View::Staffing;
  Dashboard d(st, o);
  d.simulate_scenario(true);
  REQUIRE(d.busy());
  for (int i = 0; i < 60000 && d.busy(); ++i) {  // the UI thread keeps drawing while the job runs
    c.frame(d);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE_FALSE(d.busy());
  c.frame(d);
  REQUIRE(d.staffing().series);
  const IntervalSeries& s = *d.staffing().series;
  CHECK(s.size() == 48);
  REQUIRE(s.target);
  CHECK(*s.target == Approx(0.8));
  REQUIRE(s.answer_target);
  CHECK(*s.answer_target == Approx(0.9));
  CHECK(s.planned.size() == 48);
  REQUIRE(d.staffing().plan.size() == 3);  // weekday, weekend and holiday in January
  CHECK(d.staffing().plan[2].day_type == "holiday");
  for (const PlanRow& r : d.staffing().plan) CHECK(r.plan_hours > 0);
  // the editor can adopt the plan: per skill, the same agent-hours as the plan table
  REQUIRE(d.plan_grid());
  for (const PlanRow& r : d.staffing().plan)
    CHECK(d.plan_grid()->agent_hours(*enum_from<DayType>(r.day_type)) == Approx(r.plan_hours));
  CHECK(*d.plan_grid() != *d.staffing_grid());
  REQUIRE(d.staffing().waits);
  CHECK(d.staffing().waits->days.size() == 31);
}

namespace {
// Draws frames until the dashboard's jobs are done (the UI thread never waits on them).
void until_idle(Context& c, Dashboard& d) {
  for (int i = 0; i < 60000 && d.busy(); ++i) {
    c.frame(d);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE_FALSE(d.busy());
  c.frame(d);
}
// The same, pressing cancel on the first frame.
void until_idle_cancelling(Context& c, Dashboard& d) {
  d.cancel_job();
  until_idle(c, d);
}
}  // namespace

TEST_CASE("opening a compare database shows the revised run's bulletin with rank changes and colours the organisation",
          "[gui][windows][bulletin]") {
  const std::string db = std::string(HOTLINE_TEST_TMP) + "/gui-windows-compare-" + std::to_string(getpid()) + ".sqlite";
  std::filesystem::remove(db);
  REQUIRE(std::system(("'" + std::string(HOTLINE_BIN) +
                       "' compare shangluo-2025-01 --baseline shangluo-2024 --revised xian-2023 -r 2 --out '" + db +
                       "' > /dev/null 2>&1").c_str()) == 0);
  Context c;
  AppState st;
  DashboardOptions o;
  o.results = db;
  o.only_view = View::Bulletin;
  Dashboard d(st, o);
  until_idle(c, d);
  REQUIRE(d.ticket_runs().size() == 2);
  REQUIRE(d.bulletin());
  CHECK(d.bulletin()->run_id == d.ticket_runs()[0].run_id);
  CHECK(d.bulletin()->compare_run_id == d.ticket_runs()[1].run_id);
  CHECK(d.bulletin()->ruleset == "xian-2023");
  REQUIRE(d.org());
  CHECK(d.org()->has_figures());
  CHECK(d.org()->metric() == OrgMetric::Workload);
  // the rule lab shows the comparison stored with the runs
  REQUIRE(d.comparison());
  CHECK(d.comparison()->stored_id > 0);
  CHECK(d.comparison()->revised_id == "xian-2023");
  // another run, without comparison, on the job runner
  d.load_bulletin(d.ticket_runs()[1].run_id, "2025-01", 0);
  until_idle(c, d);
  REQUIRE(d.bulletin());
  CHECK(d.bulletin()->ruleset == "shangluo-2024");
  CHECK(d.bulletin()->compare_run_id == 0);
  // export next to the results file
  const std::filesystem::path md = d.export_shown_bulletin("md");
  CHECK(md.parent_path() == std::filesystem::absolute(db).parent_path());
  CHECK(std::filesystem::file_size(md) > 500);
  std::filesystem::remove(md);
  std::filesystem::remove(db);
}

TEST_CASE("edited agents per interval are what the re-simulation staffs", "[gui][windows][staffing]") {
  Context c;
  AppState st;
  DashboardOptions o;
  o.scenario = "shangluo-2025-01";
  o.only_view = View::Staffing;
  Dashboard d(st, o);
  c.frame(d);
  AgentGrid* g = d.staffing_grid();
  REQUIRE(g != nullptr);
  CHECK(g->agent_hours(DayType::Weekday) > 0);
  // The editor's day-type choice: the holiday grid is shown and drawn.
  CHECK(d.edit_day() == DayType::Weekday);
  d.set_edit_day(DayType::Holiday);
  c.frame(d);
  CHECK(d.edit_day() == DayType::Holiday);
  // Weekdays 3, weekend days 5, holidays 11 agents in every half hour.
  const int per_type[] = {3, 5, 11};
  for (std::size_t day = 0; day < g->agents.size(); ++day)
    for (int i = 0; i < g->intervals(); ++i) {
      g->set(DayType(day), i, SkillQueue::General, per_type[day]);
      g->set(DayType(day), i, SkillQueue::Enterprise, 0);
      g->set(DayType(day), i, SkillQueue::Dialect, 0);
    }
  CHECK(g->agent_hours(DayType::Holiday) == Approx(11 * 24));
  d.simulate_scenario(false, *g);
  REQUIRE(d.busy());
  until_idle(c, d);
  REQUIRE(d.staffing().series);
  // January 2025 has 19 weekdays (with the make-up Sunday 26 Jan), 7 weekend days and 5
  // holidays: the mean over the days of the agents on duty in every half hour (agents who
  // leave at midnight finish their call first: a few seconds more).
  for (double a : d.staffing().series->scheduled) CHECK(a == Approx((19 * 3 + 7 * 5 + 5 * 11) / 31.0).margin(0.02));
}

TEST_CASE("the rule lab compares two rule sets on the job runner and can be cancelled", "[gui][windows][rules]") {
  Context c;
  AppState st;
  DashboardOptions o;
  o.scenario = "shangluo-2025-01";
  o.only_view = View::Rules;
  o.baseline = "shangluo-2024";
  o.revised = "xian-2023";
  o.compare_replications = 2;
  Dashboard d(st, o);
  REQUIRE(d.busy());  // started with the dashboard
  until_idle(c, d);
  REQUIRE(d.comparison());
  CHECK(d.comparison()->result.replications == 2);
  CHECK_FALSE(d.comparison()->result.differing.empty());
  REQUIRE(d.rules_diff());
  CHECK(d.rules_diff()->changed > 0);
  // the fields are remembered in the settings and come back in the next session
  CHECK(st.settings.lab_baseline == "shangluo-2024");
  CHECK(st.settings.lab_revised == "xian-2023");
  CHECK(st.settings.lab_replications == 2);
  {
    AppState next;  // a session that compared the other way round (not the defaults)
    next.settings = parse_settings(format_settings(st.settings), "dashboard.conf");
    std::swap(next.settings.lab_baseline, next.settings.lab_revised);
    DashboardOptions plain;
    plain.only_view = View::Rules;
    Dashboard again(next, plain);
    CHECK(again.lab_baseline() == "xian-2023");
    CHECK(again.lab_revised() == "shangluo-2024");
    CHECK(again.lab_replications() == 2);
  }
  d.select_differing(1);
  c.frame(d);  // draws both traces of the selected ticket
  // a second comparison, cancelled at once: the first result stays, the window says why
  d.run_comparison();
  REQUIRE(d.busy());
  until_idle_cancelling(c, d);
  REQUIRE(d.comparison());
  CHECK(d.comparison_error() == "已取消");
}
