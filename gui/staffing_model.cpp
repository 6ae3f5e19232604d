// View model of the staffing window: checks on the series, agent-hours, and loading the
// series, wait grid and staffing plan from a results database (through its reader,
// sim::StaffingReader).
#include "gui/staffing_model.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>

#include "core/error.hpp"
#include "core/time.hpp"
#include "sim/results_db.hpp"

namespace hotline::gui {

void IntervalSeries::check() const {
  if (!(interval_s > 0)) throw std::invalid_argument("staffing series: interval length must be > 0");
  auto same = [&](const std::vector<double>& v, const char* name) {
    if (v.size() != start_s.size())
      throw std::invalid_argument(std::string("staffing series: ") + name + " has " + std::to_string(v.size()) +
                                  " values for " + std::to_string(start_s.size()) + " intervals");
  };
  same(offered, "offered");
  same(scheduled, "scheduled");
  same(required, "required");
  same(answer_rate, "answer_rate");
  same(service_level, "service_level");
  if (!planned.empty()) same(planned, "planned");
  for (std::size_t i = 1; i < start_s.size(); ++i)
    if (!(start_s[i] > start_s[i - 1]))
      throw std::invalid_argument("staffing series: interval starts not ascending at index " + std::to_string(i));
}

double IntervalSeries::agent_hours(const std::vector<double>& agents) const {
  double sum = 0;
  for (double a : agents)
    if (!std::isnan(a)) sum += a;
  return sum * interval_s / 3600.0;
}

void WaitGrid::check() const {
  if (intervals <= 0 || mean_wait_s.size() != days.size() * std::size_t(intervals))
    throw std::invalid_argument("wait grid: " + std::to_string(mean_wait_s.size()) + " values for " +
                                std::to_string(days.size()) + " days x " + std::to_string(intervals) + " intervals");
}


namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(double a, double b) { return b > 0 ? a / b : kNaN; }
}  // namespace

StaffingModel load_staffing(const std::filesystem::path& path) {
  auto fail = [&](const std::string& why) { throw InputError(path.string(), 0, "", why); };
  if (!std::filesystem::is_regular_file(path)) fail("no such results database");
  const sim::StaffingReader db(path);  // a traffic store or another file is refused by its kind
  StaffingModel m;
  const sim::StaffingReader::Run sim_run = db.latest_run("simulate");
  const std::int64_t run = sim_run.run_id, reps = sim_run.replications, interval_s = sim_run.interval_s;
  const std::string& scenario = sim_run.scenario;
  if (run < 0) fail("no simulate run in the runs table (write one with hotline simulate --out)");
  if (interval_s <= 0 || 86400 % interval_s != 0 || reps <= 0) fail("runs: run " + std::to_string(run) + ": bad interval_s or replications");
  const int per_day = int(86400 / interval_s);

  // Per interval of the horizon, summed over skills and replications.
  struct Sums {
    double offered = 0, answered = 0, in_sl = 0, busy = 0, staffed = 0, wait = 0;
    Time start = 0;
  };
  std::vector<Sums> iv;
  for (const sim::StaffingReader::IntervalTotals& t : db.interval_totals(run)) {
    const auto i = std::size_t(t.interval);
    if (i >= iv.size()) iv.resize(i + 1);
    iv[i] = Sums{t.offered, t.answered, t.answered_in_sl, t.busy_agent_s, t.staffed_agent_s, t.wait_answered_s, t.start_unix};
  }
  if (iv.empty()) fail("call_interval_kpis: no rows for run " + std::to_string(run));
  const int days = int((iv.size() + std::size_t(per_day) - 1) / std::size_t(per_day));
  m.source = "run " + std::to_string(run) + ": " + scenario + ", " + std::to_string(days) + " d x " + std::to_string(reps) + " rep";

  // Time of day: sums over the days, then means.
  std::vector<Sums> tod(static_cast<std::size_t>(per_day));
  for (std::size_t i = 0; i < iv.size(); ++i) {
    Sums& t = tod[i % std::size_t(per_day)];
    t.offered += iv[i].offered, t.answered += iv[i].answered, t.in_sl += iv[i].in_sl;
    t.busy += iv[i].busy, t.staffed += iv[i].staffed;
  }
  const double n = double(days) * double(reps);
  IntervalSeries s;
  s.interval_s = double(interval_s);
  for (int k = 0; k < per_day; ++k) {
    const Sums& t = tod[std::size_t(k)];
    s.start_s.push_back(double(k) * double(interval_s));
    s.offered.push_back(t.offered / n);
    s.scheduled.push_back(t.staffed / double(interval_s) / n);
    // offered load in Erlangs: offered x AHT / interval (AHT from busy time per answered call)
    s.required.push_back(t.answered > 0 ? std::ceil(t.offered / n * (t.busy / t.answered) / double(interval_s)) : 0.0);
    s.answer_rate.push_back(ratio(t.answered, t.offered));
    s.service_level.push_back(ratio(t.in_sl, t.offered));
  }

  // Wait grid: one row per simulated day.
  WaitGrid g;
  g.intervals = per_day;
  for (int d = 0; d < days; ++d) {
    g.days.push_back(format_date(cst_day(iv[std::size_t(d * per_day)].start)));
    for (int k = 0; k < per_day; ++k) {
      const std::size_t i = std::size_t(d * per_day + k);
      g.mean_wait_s.push_back(i < iv.size() ? ratio(iv[i].wait, iv[i].answered) : kNaN);
    }
  }

  // The newest staffing plan, if the database has one.
  const sim::StaffingReader::Run staff_run = db.latest_run("staff");
  const std::int64_t plan_run = staff_run.run_id;
  if (plan_run >= 0) {
    try {
      const auto j = nlohmann::json::parse(db.summary_json(plan_run));
      if (j.contains("target")) {
        const auto& t = j["target"];
        if (t.contains("service_level")) s.target = t["service_level"].get<double>();
        if (t.contains("answer_rate")) s.answer_target = t["answer_rate"].get<double>();
      }
    } catch (const nlohmann::json::exception& e) {
      fail("runs: run " + std::to_string(plan_run) + ": summary_json: " + e.what());
    }
    std::map<std::string, std::vector<double>> agents, erlang;
    // Per day type and interval, summed over the skills; and each skill's agents.
    for (const sim::StaffingReader::PlanCell& c : db.plan_cells(plan_run)) {
      const auto i = std::size_t(c.interval);
      for (auto* v : {&agents[c.day_type], &erlang[c.day_type]})
        if (v->size() <= i) v->resize(i + 1, 0.0);
      agents[c.day_type][i] += c.agents;
      erlang[c.day_type][i] += c.erlang_agents;
      const auto skill = enum_from<SkillQueue>(c.skill);
      const auto d = enum_from<DayType>(c.day_type);
      if (!skill || !d) continue;
      auto& day = m.plan_agents[std::size_t(*d)];
      if (day.size() <= i) day.resize(i + 1, {});
      day[i][std::size_t(*skill)] = int(c.agents);
    }
    const double current = s.agent_hours(s.scheduled);
    for (std::size_t d = 0; d < std::size_t(DayType::Count); ++d)  // day types in DayType order
      if (auto it = agents.find(std::string(enum_key(DayType(d)))); it != agents.end())
        m.plan.push_back(PlanRow{it->first, s.agent_hours(it->second), s.agent_hours(erlang[it->first]), current});
    for (const auto& [type, a] : agents)  // a key this build does not know: shown as written
      if (!enum_from<DayType>(type)) m.plan.push_back(PlanRow{type, s.agent_hours(a), s.agent_hours(erlang[type]), current});
    auto shown = agents.count("weekday") ? agents.find("weekday") : agents.begin();
    if (shown != agents.end() && shown->second.size() == s.size()) s.planned = shown->second;
  }
  m.series = std::move(s);
  m.waits = std::move(g);
  m.series->check();
  m.waits->check();
  return m;
}

}  // namespace hotline::gui
