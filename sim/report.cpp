// Report formatting for `hotline simulate`, `hotline staff` and bulletin tables.
#include "sim/report.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace hotline::sim {

namespace {

int display_width(const std::string& s) {
  int w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2 : 1;  // CJK and full-width characters are 3-byte sequences
    i += std::size_t(len);
  }
  return w;
}

std::string num(double v, int decimals) {
  if (!std::isfinite(v)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

bool is_rate(Metric m) {
  return m == Metric::AnswerRate || m == Metric::ServiceLevel || m == Metric::Occupancy ||
         m == Metric::WaitProbability || m == Metric::AbandonRate;
}

std::string value(const Estimate& e, Metric m) {
  if (is_rate(m)) return num(100 * e.mean, 2) + "%";
  return num(e.mean, m == Metric::Asa || m == Metric::MeanWait || m == Metric::P90Wait ? 1 : 0);
}

std::string ci(const Estimate& e, Metric m) {
  if (e.n < 2) return "-";
  if (is_rate(m)) return "±" + num(100 * e.half_width, 2);
  return "±" + num(e.half_width, 1);
}

std::string label(Metric m, Lang lang) {
  const MetricName& n = metric_name(m);
  return std::string(lang == Lang::Zh ? n.zh : n.en);
}

std::string hhmm(int interval, int interval_s) {
  const int minute = interval * interval_s / 60;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute / 60) % 24, minute % 60);
  return buf;
}

nlohmann::json estimates_json(const MetricEstimates& e) {
  nlohmann::json j;
  for (std::size_t m = 0; m < e.size(); ++m)
    j[std::string(metric_name(Metric(m)).key)] = {{"mean", e[m].mean}, {"ci95", e[m].half_width}};
  return j;
}

// Days of each type in the horizon, by the national calendar the simulator uses.
std::array<int, std::size_t(DayType::Count)> day_type_counts(const ScenarioConfig& sc) {
  std::array<int, std::size_t(DayType::Count)> n{};
  for (DayType t : sc.day_types(WorkCalendar::national_shared())) ++n[std::size_t(t)];
  return n;
}

nlohmann::json header_json(const ScenarioConfig& sc, const ExperimentOptions& opt) {
  nlohmann::json types;
  const auto n = day_type_counts(sc);
  for (std::size_t t = 0; t < n.size(); ++t) types[std::string(enum_key(DayType(t)))] = n[t];
  return {{"scenario", sc.name},
          {"start", format_time(sc.start)},
          {"days", sc.days},
          {"day_types", types},
          {"replications", opt.replications},
          {"seed", opt.seed},
          {"ruleset", sc.ruleset},
          {"service_level_definition", sl_definition(sc, Lang::En)},
          {"answer_rate_definition", "answered / offered"}};
}

}  // namespace

std::string pad(const std::string& text, int width, bool right) {
  const int fill = std::max(0, width - display_width(text));
  return right ? std::string(std::size_t(fill), ' ') + text : text + std::string(std::size_t(fill), ' ');
}

std::string sl_definition(const ScenarioConfig& sc, Lang lang) {
  const std::string t = num(sc.sl_threshold_s, 0);
  if (lang == Lang::Zh)
    return "服务水平 = 等待 ≤ " + t + " 秒接通的呼叫 / 呼入量(含放弃、分流); 接通率 = 接通量 / 呼入量; "
           "平均应答时长 = 接通呼叫的平均等待";
  return "service level = calls answered within " + t +
         " s / calls offered (abandoned and diverted included); answer rate = answered / offered; "
         "ASA = mean wait of answered calls";
}

std::string format_simulation(const ScenarioConfig& sc, const ExperimentOptions& opt, const KpiSummary& s, Lang lang) {
  const bool zh = lang == Lang::Zh;
  std::string out;
  out += (zh ? "场景 " : "Scenario ") + sc.name + " · " + format_date(cst_day(sc.start)) + (zh ? " 起 " : " + ") +
         std::to_string(sc.days) + (zh ? " 天 · " : " days · ") + std::to_string(opt.replications) +
         (zh ? " 次重复 · 种子 " : " replications · seed ") + std::to_string(opt.seed) + "\n";
  const auto n = day_type_counts(sc);
  out += zh ? "日类型(国家工作日历):" : "Day types (national calendar):";
  for (std::size_t t = 0; t < n.size(); ++t)
    out += std::string(t ? (zh ? "，" : ", ") : " ") + std::string(display_name(DayType(t), lang)) + " " +
           std::to_string(n[t]) + (zh ? " 天" : " d");
  out += "\n" + sl_definition(sc, lang) + "\n";
  out += (zh ? "置信区间: 各次重复的 Student-t 95% 区间" : "CI: Student-t 95% over replications") + std::string("\n\n");
  out += pad(zh ? "指标" : "KPI", 22, false) + pad(zh ? "均值" : "mean", 14) + pad(zh ? "95%置信区间" : "95% CI", 14) + "\n";
  for (std::size_t m = 0; m < s.total.size(); ++m)
    out += pad(label(Metric(m), lang), 22, false) + pad(value(s.total[m], Metric(m)), 14) +
           pad(ci(s.total[m], Metric(m)), 14) + "\n";
  out += pad(zh ? "期末在队" : "In queue at end", 22, false) + pad(num(s.in_system_end.mean, 1), 14) + "\n";
  out += "\n";
  for (int sk = 0; sk < kSkills; ++sk) {
    const MetricEstimates& e = s.skills[std::size_t(sk)];
    if (e[std::size_t(Metric::Offered)].mean <= 0) continue;
    out += pad(std::string(display_name(SkillQueue(sk), lang)), 14, false) + " " + label(Metric::Offered, lang) + " " +
           value(e[std::size_t(Metric::Offered)], Metric::Offered) + " · " + label(Metric::AnswerRate, lang) + " " +
           value(e[std::size_t(Metric::AnswerRate)], Metric::AnswerRate) + " · " + label(Metric::ServiceLevel, lang) +
           " " + value(e[std::size_t(Metric::ServiceLevel)], Metric::ServiceLevel) + "\n";
  }
  out += "\n" + std::string(zh ? "分时段(各天合计)" : "By time of day (all days together)") + "\n";
  const Metric cols[] = {Metric::Offered, Metric::AnswerRate, Metric::ServiceLevel, Metric::Asa,
                         Metric::P90Wait, Metric::Occupancy, Metric::MaxQueue, Metric::Diverted, Metric::Callbacks};
  out += pad(zh ? "时段" : "time", 7, false);
  for (Metric m : cols) out += pad(label(m, lang), 17);
  out += "\n";
  for (std::size_t j = 0; j < s.time_of_day.size(); ++j) {
    const MetricEstimates& e = s.time_of_day[j];
    if (e[std::size_t(Metric::Offered)].mean <= 0 && e[std::size_t(Metric::Occupancy)].mean <= 0) continue;
    out += pad(hhmm(int(j), 86400 / int(s.time_of_day.size())), 7, false);
    for (Metric m : cols) {
      const Estimate& x = e[std::size_t(m)];
      std::string cell = value(x, m);
      if (m == Metric::AnswerRate || m == Metric::ServiceLevel) cell += " " + ci(x, m);
      out += pad(cell, 17);
    }
    out += "\n";
  }
  return out;
}

nlohmann::json simulation_json(const ScenarioConfig& sc, const ExperimentOptions& opt, const KpiSummary& s) {
  nlohmann::json j = header_json(sc, opt);
  j["total"] = estimates_json(s.total);
  j["in_system_end"] = {{"mean", s.in_system_end.mean}, {"ci95", s.in_system_end.half_width}};
  for (int sk = 0; sk < kSkills; ++sk) j["skills"][std::string(enum_key(SkillQueue(sk)))] = estimates_json(s.skills[std::size_t(sk)]);
  j["time_of_day"] = nlohmann::json::array();
  for (std::size_t i = 0; i < s.time_of_day.size(); ++i) {
    nlohmann::json row = estimates_json(s.time_of_day[i]);
    row["start"] = hhmm(int(i), 86400 / int(s.time_of_day.size()));
    j["time_of_day"].push_back(row);
  }
  return j;
}

std::string format_staffing(const ScenarioConfig& sc, const ExperimentOptions& opt, const StaffingPlan& p, Lang lang) {
  const bool zh = lang == Lang::Zh;
  std::string out;
  out += (zh ? "排班方案 " : "Staffing plan ") + sc.name + " · " + std::to_string(opt.replications) +
         (zh ? " 次重复/轮 · 种子 " : " replications per round · seed ") + std::to_string(opt.seed) + "\n";
  out += zh ? "目标(每个时段、每个队列):" : "Target (every interval, every queue):";
  if (p.target.answer_rate) out += (zh ? " 接通率 ≥ " : " answer rate >= ") + num(100 * *p.target.answer_rate, 1) + "%";
  if (p.target.service_level)
    out += (zh ? " 服务水平 ≥ " : " service level >= ") + num(100 * *p.target.service_level, 1) + "% @ " +
           num(p.target.sl_threshold_s, 0) + (zh ? " 秒" : " s");
  out += "\n" + sl_definition(sc, lang) + "\n";
  for (const DayPlan& d : p.days) {
    out += "\n" + std::string(display_name(d.type, lang)) +
           " (" + format_date(cst_day(d.day)) + (zh ? ", 迭代 " : ", rounds ") + std::to_string(d.iterations) +
           (d.met ? "" : (zh ? ", 未全部达标" : ", target NOT met everywhere")) + ")\n";
    out += pad(zh ? "时段" : "time", 7, false) + pad(zh ? "综合" : "general", 9) + pad(zh ? "涉企" : "enterpr.", 9) +
           pad(zh ? "方言" : "dialect", 9) + pad(zh ? "合计" : "total", 7) + pad("Erlang A", 10) +
           pad(label(Metric::Offered, lang), 10) + pad(label(Metric::AnswerRate, lang), 18) +
           pad(label(Metric::ServiceLevel, lang), 18) + pad(label(Metric::Asa, lang), 18) +
           pad(label(Metric::Occupancy, lang), 12) + "\n";
    for (std::size_t i = 0; i < d.agents.size(); ++i) {
      const auto& a = d.agents[i];
      const auto& e = d.erlang_start[i];
      const MetricEstimates& k = d.achieved[i];
      out += pad(hhmm(int(i), sc.interval_s), 7, false);
      for (int s = 0; s < kSkills; ++s) out += pad(std::to_string(a[std::size_t(s)]), 9);
      out += pad(std::to_string(a[0] + a[1] + a[2]), 7) + pad(std::to_string(e[0] + e[1] + e[2]), 10);
      out += pad(value(k[std::size_t(Metric::Offered)], Metric::Offered), 10);
      for (Metric m : {Metric::AnswerRate, Metric::ServiceLevel})
        out += pad(value(k[std::size_t(m)], m) + " " + ci(k[std::size_t(m)], m), 18);
      out += pad(value(k[std::size_t(Metric::Asa)], Metric::Asa), 18);
      out += pad(value(k[std::size_t(Metric::Occupancy)], Metric::Occupancy), 12) + "\n";
    }
    out += (zh ? "座席工时 " : "Agent-hours ") + num(d.agent_hours, 1) + (zh ? " (Erlang A 起点 " : " (Erlang A start ") +
           num(d.erlang_agent_hours, 1) + ")\n";
  }
  return out;
}

nlohmann::json staffing_json(const ScenarioConfig& sc, const ExperimentOptions& opt, const StaffingPlan& p) {
  nlohmann::json j = header_json(sc, opt);
  if (p.target.answer_rate) j["target"]["answer_rate"] = *p.target.answer_rate;
  if (p.target.service_level) j["target"]["service_level"] = *p.target.service_level;
  j["target"]["sl_threshold_s"] = p.target.sl_threshold_s;
  j["days"] = nlohmann::json::array();
  for (const DayPlan& d : p.days) {
    nlohmann::json dj = {{"day_type", enum_key(d.type)},
                         {"day", format_date(cst_day(d.day))},
                         {"rounds", d.iterations},
                         {"met", d.met},
                         {"agent_hours", d.agent_hours},
                         {"erlang_agent_hours", d.erlang_agent_hours}};
    for (std::size_t i = 0; i < d.agents.size(); ++i) {
      nlohmann::json row = estimates_json(d.achieved[i]);
      row["start"] = hhmm(int(i), sc.interval_s);
      for (int s = 0; s < kSkills; ++s) {
        row["agents"][std::string(enum_key(SkillQueue(s)))] = d.agents[i][std::size_t(s)];
        row["erlang_agents"][std::string(enum_key(SkillQueue(s)))] = d.erlang_start[i][std::size_t(s)];
      }
      dj["intervals"].push_back(row);
    }
    j["days"].push_back(dj);
  }
  return j;
}

}  // namespace hotline::sim

namespace hotline::sim {

namespace {
std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}
std::string html_cell(const std::string& s) {
  std::string o;
  for (char c : s) o += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
  return o;
}
std::string same(const std::string& s) { return s; }
std::string join(const std::vector<std::string>& cells, const char* sep, std::string (*f)(const std::string&)) {
  std::string s;
  for (std::size_t i = 0; i < cells.size(); ++i) s += (i ? sep : "") + f(cells[i]);
  return s;
}
}  // namespace

std::string format_bulletin(const Bulletin& b, const std::string& fmt, const std::string& title, Lang lang) {
  std::string o;
  if (fmt == "csv") {
    o += csv_cell(lang == Lang::En ? "group" : "分组") + "," + join(b.headers, ",", csv_cell) + "\n";
    for (const auto& g : b.groups)
      for (const auto& r : g.rows) o += csv_cell(g.title) + "," + join(r, ",", csv_cell) + "\n";
  } else if (fmt == "md") {
    o += "# " + title + "\n";
    for (const auto& g : b.groups) {
      o += "\n## " + g.title + "\n\n| " + join(b.headers, " | ", same) + " |\n|";
      for (std::size_t i = 0; i < b.headers.size(); ++i) o += i ? "---:|" : "---|";
      o += "\n";
      for (const auto& r : g.rows) o += "| " + join(r, " | ", same) + " |\n";
    }
  } else {
    o += "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html_cell(title) +
         "</title></head><body>\n<h1>" + html_cell(title) + "</h1>\n";
    for (const auto& g : b.groups) {
      o += "<h2>" + html_cell(g.title) + "</h2>\n<table>\n<tr><th>" + join(b.headers, "</th><th>", html_cell) +
           "</th></tr>\n";
      for (const auto& r : g.rows) o += "<tr><td>" + join(r, "</td><td>", html_cell) + "</td></tr>\n";
      o += "</table>\n";
    }
    o += "</body></html>\n";
  }
  return o;
}

}  // namespace hotline::sim
