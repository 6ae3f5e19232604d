// JSON for tickets and decisions, and the synthetic ticket mix (labelled synthetic: shares
// from the Shangluo January 2025 bulletin [SL24 bulletin], the rest assumed).
#include "rules/ticket_io.hpp"

#include <random>
#include <stdexcept>

#include "core/redact.hpp"
#include "core/text.hpp"
#include "rules/ruleset.hpp"

namespace hotline::rules {

namespace {
// Caps on a ticket's text fields, in bytes, as at import (docs/import.md "Text fields").
constexpr std::size_t kMaxIdBytes = 64, kMaxTextBytes = 256;

// A string field: valid UTF-8 without control characters, at most `max_bytes`. Messages
// quote at most a masked excerpt, never the caller.
std::string text(const nlohmann::json& j, const char* field, std::size_t max_bytes, bool required = false) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) {
    if (required) throw std::invalid_argument(std::string(field) + ": missing");
    return "";
  }
  if (!it->is_string()) throw std::invalid_argument(std::string(field) + ": expected a string");
  std::string s = it->get<std::string>();
  if (std::string why = text_problem(s, max_bytes); !why.empty())
    throw std::invalid_argument(std::string(field) + ": " + why);
  return s;
}

// Times as text (try_parse_time) or integer Unix seconds, years 2000 to 2099 either way.
Time time_field(const nlohmann::json& j, const char* field, Time fallback) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return fallback;
  static const Time first = make_time({2000, 1, 1}), last = make_time({2100, 1, 1}) - 1;
  Time t = 0;
  std::string why;
  if (it->is_number_unsigned()) {
    const std::uint64_t u = it->get<std::uint64_t>();
    t = u > std::uint64_t(last) ? last + 1 : Time(u);
  } else if (it->is_number_integer()) {
    t = it->get<Time>();
  } else if (!it->is_string() || !try_parse_time(it->get<std::string>(), &t, &why)) {
    throw std::invalid_argument(std::string(field) + ": bad time" + (why.empty() ? "" : " (" + why + ")"));
  }
  if (t < first || t > last) throw std::invalid_argument(std::string(field) + ": out of range (years 2000 to 2099)");
  return t;
}
template <class E>
E enum_field(const nlohmann::json& j, const char* field, E fallback) {
  std::string s = text(j, field, kMaxTextBytes);
  if (s.empty()) return fallback;
  auto e = enum_from<E>(s);
  if (!e) throw std::invalid_argument(std::string(field) + ": unknown value " + excerpt(s) + "; one of " + enum_keys<E>());
  return *e;
}
}  // namespace

Ticket ticket_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("expected a JSON object");
  Ticket t;
  t.id = text(j, "id", kMaxIdBytes, true);
  t.type = enum_field(j, "type", RequestType::Help);
  t.urgency = enum_field(j, "urgency", Urgency::Normal);
  t.channel = enum_field(j, "channel", Channel::Phone);
  t.category = text(j, "category", kMaxTextBytes, true);
  t.district = text(j, "district", kMaxTextBytes);
  t.street = text(j, "street", kMaxTextBytes);
  t.caller_key = text(j, "caller", kMaxIdBytes);
  if (auto it = j.find("enterprise"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) throw std::invalid_argument("enterprise: expected true or false");
    t.enterprise = it->get<bool>();
  }
  t.created = time_field(j, "created", kNoTime);
  t.dispatched = time_field(j, "dispatched", kNoTime);
  if (t.created == kNoTime) t.created = t.dispatched;
  if (t.created == kNoTime) throw std::invalid_argument("created: missing (or give dispatched)");
  if (t.dispatched != kNoTime && t.dispatched < t.created)
    throw std::invalid_argument("dispatched: " + format_time(t.dispatched) + " is before created " +
                                format_time(t.created));
  return t;
}

nlohmann::json decision_to_json(const Ticket& t, const TicketDecision& d, const RuleSet& rs) {
  auto unit = [&](UnitIndex u) -> nlohmann::json {
    if (u == kNoUnit) return nullptr;
    return {{"id", rs.org().unit(u).id}, {"name", rs.org().unit(u).name}};
  };
  auto units = [&](const std::vector<UnitIndex>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (UnitIndex u : v) a.push_back(unit(u));
    return a;
  };
  auto time = [](Time x) -> nlohmann::json { return x == kNoTime ? nlohmann::json(nullptr) : nlohmann::json(format_time(x)); };
  nlohmann::json j = {{"id", t.id}, {"route", route_key(d.route)}, {"revision", d.revision}};
  if (!d.route_target.empty()) j["target"] = d.route_target;
  if (d.route == IntakeRoute::Ticket) {
    j["lead"] = unit(d.lead);
    j["co"] = units(d.co_units);
    j["copied"] = units(d.copied_units);
    j["accept_by"] = time(d.accept_by);
    j["return_by"] = time(d.return_by);
    j["reply_by"] = time(d.reply_by);
    j["max_extensions"] = d.max_extensions;
    if (d.escalate_to != kNoUnit) j["escalate_to"] = unit(d.escalate_to);
  }
  if (!d.merged_into.empty()) j["merged_into"] = d.merged_into;
  if (d.manual) {
    j["manual"] = true;
    j["error"] = mask_personal(d.error);  // a rule's message may quote the ticket
  }
  nlohmann::json trace = nlohmann::json::array();
  for (const TraceStep& s : d.trace) {
    nlohmann::json step = {{"rule", s.rule}, {"row", s.row}, {"clause", s.clause}};
    if (!s.detail.empty()) step["detail"] = s.detail;
    trace.push_back(step);
  }
  j["trace"] = trace;
  return j;
}

std::vector<Ticket> synthetic_tickets(const RuleSet& rs, std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](const std::vector<double>& w) {
    std::discrete_distribution<std::size_t> d(w.begin(), w.end());
    return d(rng);
  };
  // Request types [SL24 bulletin]: help, consultation, complaint, report, suggestion.
  const RequestType types[] = {RequestType::Help, RequestType::Consultation, RequestType::Complaint, RequestType::Report,
                               RequestType::Suggestion};
  const std::vector<double> type_w = {75.74, 19.80, 3.96, 0.31, 0.19};
  // Channels [SL24 bulletin]: phone, provincial platform, online.
  const Channel channels[] = {Channel::Phone, Channel::ProvincialPlatform, Channel::WeChat};
  const std::vector<double> channel_w = {88.99, 10.17, 0.84};
  // Category groups [SL24 bulletin top five], the rest spread over other matters.
  struct Group {
    double share;
    std::vector<const char*> categories;
  };
  const std::vector<Group> groups = {
      {13.83, {"供水", "供电", "供气", "物业管理", "房产交易", "建筑施工", "市政设施", "不动产登记"}},
      {10.11, {"欠薪", "社会保险", "就业创业", "医疗保障"}},
      {8.29, {"社会治安", "交通管理", "户政管理"}},
      {7.15, {"农民权益", "农村建设", "农村水电"}},
      {6.98, {"道路运输", "城市客运", "高速公路"}},
      {53.64, {"市容环境", "消费维权", "环境污染", "教育", "医疗服务", "移动通信", "联通通信", "电信通信", "广电网络",
               "快递邮政", "保险理赔", "文化旅游", "噪声扰民", "邻里纠纷", "政策咨询", "办事指南", "供暖", "法律服务"}}};
  std::vector<double> group_w;
  for (const Group& g : groups) group_w.push_back(g.share);
  // County workloads [SL24 bulletin]: tickets handled in January 2025.
  const std::vector<std::pair<const char*, double>> counties = {{"shangzhou", 1043}, {"luonan", 967}, {"danfeng", 554},
                                                                {"shangnan", 425},   {"shanyang", 879}, {"zhenan", 363},
                                                                {"zhashui", 431},    {"gaoxin", 42}};
  std::vector<double> county_w;
  std::vector<std::vector<std::string>> streets;
  for (const auto& [id, w] : counties) {
    county_w.push_back(w);
    std::vector<std::string> s;
    UnitIndex d = rs.unit(id);
    if (d != kNoUnit)
      for (UnitIndex c : rs.org().children(d))
        if (rs.org().unit(c).kind == UnitKind::Street || rs.org().unit(c).kind == UnitKind::Town) s.push_back(rs.org().unit(c).id);
    streets.push_back(std::move(s));
  }
  const Time start = make_time({2025, 1, 1});
  std::uniform_int_distribution<Time> when(0, 31 * kSecondsPerDay - 1);
  std::uniform_real_distribution<double> u01(0, 1);
  std::vector<Ticket> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    Ticket& t = out[i];
    t.id = "S" + std::to_string(i + 1);
    t.type = types[pick(type_w)];
    t.channel = channels[pick(channel_w)];
    const Group& g = groups[pick(group_w)];
    t.category = g.categories[std::uniform_int_distribution<std::size_t>(0, g.categories.size() - 1)(rng)];
    std::size_t c = pick(county_w);
    t.district = counties[c].first;
    if (!streets[c].empty() && u01(rng) < 0.7)
      t.street = streets[c][std::uniform_int_distribution<std::size_t>(0, streets[c].size() - 1)(rng)];
    double x = u01(rng);
    t.urgency = x < 0.005 ? Urgency::Major : x < 0.03 ? Urgency::Urgent : Urgency::Normal;
    t.created = t.dispatched = start + when(rng);
  }
  return out;
}

}  // namespace hotline::rules
