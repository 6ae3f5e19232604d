// Rule tests (tests/*.lua of a rule set): given a ticket (or a return request, a ticket
// status, period counts, a queue), expect this decision. Each case cites its clause.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/error.hpp"
#include "rules/rule_tests.hpp"
#include "rules/lua_api.hpp"
#include "rules/lua_value.hpp"

namespace hotline::rules {
namespace {

struct CaseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string str(const Value& v, const char* field) {
  if (v.is_nil()) return "";
  if (!v.is_string()) throw CaseError(std::string(field) + ": expected a string");
  return v.string;
}
Time time_of(const Value& v, const char* field) {
  if (v.is_number()) return Time(v.number);
  Time t = 0;
  std::string why;
  if (!v.is_string() || !try_parse_time(v.string, &t, &why)) throw CaseError(std::string(field) + ": bad time (" + why + ")");
  return t;
}
template <class E>
E enum_of(const Value& v, E fallback, const char* field) {
  if (v.is_nil()) return fallback;
  auto e = v.is_string() ? enum_from<E>(v.string) : std::nullopt;
  if (!e) throw CaseError(std::string(field) + ": unknown value; one of " + enum_keys<E>());
  return *e;
}
bool flag(const Value& v) { return v.kind == Value::Kind::Boolean && v.boolean; }
int integer(const Value& v) { return v.is_number() ? int(v.number) : 0; }

Ticket ticket_of(const Value& v) {
  Ticket t;
  t.id = v["id"].is_string() ? v["id"].string : "T-test";
  t.type = enum_of(v["type"], RequestType::Help, "ticket.type");
  t.urgency = enum_of(v["urgency"], Urgency::Normal, "ticket.urgency");
  t.channel = enum_of(v["channel"], Channel::Phone, "ticket.channel");
  t.category = str(v["category"], "ticket.category");
  t.district = str(v["district"], "ticket.district");
  t.street = str(v["street"], "ticket.street");
  t.enterprise = flag(v["enterprise"]);
  t.caller_key = str(v["caller"], "ticket.caller");
  t.created = v["created"].is_nil() ? time_of(v["dispatched"], "ticket.dispatched") : time_of(v["created"], "ticket.created");
  if (!v["dispatched"].is_nil()) t.dispatched = time_of(v["dispatched"], "ticket.dispatched");
  return t;
}

class Checker {
 public:
  explicit Checker(const RuleSet& rs) : rs_(rs) {}
  std::string failures;
  void fail(const std::string& field, const std::string& want, const std::string& got) {
    failures += (failures.empty() ? "" : "; ") + field + ": expected " + want + ", got " + got;
  }
  std::string unit_name(UnitIndex u) const { return u == kNoUnit ? "none" : rs_.org().unit(u).id; }
  UnitIndex unit(const std::string& s) const {
    UnitIndex u = rs_.unit(s);
    if (u == kNoUnit) throw CaseError("unknown unit '" + s + "' in the expectation");
    return u;
  }
  void time(const Value& want, Time got, const char* field) {
    if (want.is_nil()) return;
    Time w = want.is_string() && want.string == "none" ? kNoTime : time_of(want, field);
    if (w != got) fail(field, want.is_string() ? want.string : std::to_string(w), got == kNoTime ? "none" : format_time(got));
  }
  void units(const Value& want, const std::vector<UnitIndex>& got, const char* field) {
    if (want.is_nil()) return;
    std::vector<UnitIndex> w;
    for (const Value& x : want.is_string() ? std::vector<Value>{want} : want.array) w.push_back(unit(x.string));
    std::vector<UnitIndex> g = got;
    std::sort(w.begin(), w.end());
    std::sort(g.begin(), g.end());
    if (w != g) {
      std::string a, b;
      for (UnitIndex u : w) a += (a.empty() ? "" : ",") + unit_name(u);
      for (UnitIndex u : g) b += (b.empty() ? "" : ",") + unit_name(u);
      fail(field, "{" + a + "}", "{" + b + "}");
    }
  }
  void decision(const Value& e, const TicketDecision& d) {
    if (e["route"].is_string() && e["route"].string != route_key(d.route)) fail("route", e["route"].string, std::string(route_key(d.route)));
    if (e["target"].is_string() && e["target"].string != d.route_target) fail("target", e["target"].string, d.route_target);
    if (e["lead"].is_string() && unit(e["lead"].string) != d.lead) fail("lead", e["lead"].string, unit_name(d.lead));
    units(e["co"], d.co_units, "co");
    units(e["copied"], d.copied_units, "copied");
    if (e["escalate_to"].is_string() && unit(e["escalate_to"].string) != d.escalate_to) fail("escalate_to", e["escalate_to"].string, unit_name(d.escalate_to));
    time(e["accept_by"], d.accept_by, "accept_by");
    time(e["return_by"], d.return_by, "return_by");
    time(e["reply_by"], d.reply_by, "reply_by");
    if (e["max_extensions"].is_number() && integer(e["max_extensions"]) != d.max_extensions)
      fail("max_extensions", std::to_string(integer(e["max_extensions"])), std::to_string(d.max_extensions));
    if (e["merged_into"].is_string() && e["merged_into"].string != d.merged_into) fail("merged_into", e["merged_into"].string, d.merged_into);
    bool want_manual = flag(e["manual"]);
    if (want_manual != d.manual) fail("manual", want_manual ? "true" : "false", d.manual ? "true (" + d.error + ")" : "false");
    if (e["error"].is_string() && d.error.find(e["error"].string) == std::string::npos) fail("error", "containing '" + e["error"].string + "'", d.error);
    for (const Value& r : e["rule"].is_string() ? std::vector<Value>{e["rule"]} : e["rule"].array)
      if (std::none_of(d.trace.begin(), d.trace.end(), [&](const TraceStep& s) { return s.rule == r.string; })) {
        std::string fired;
        for (const TraceStep& s : d.trace) fired += (fired.empty() ? "" : ",") + s.rule;
        fail("rule", r.string + " in the trace", fired);
      }
    for (const TraceStep& s : d.trace)
      if (s.clause.empty() && s.rule != "engine.manual_dispatch") fail("trace", "a clause on every step", s.rule + " has none");
  }

 private:
  const RuleSet& rs_;
};

// given ticket = {...} or tickets = {...} (in order, for merging): expect the last decision.
void ticket_case(RuleEngine& engine, const Value& c, const Value& e, Checker& check) {
  engine.reset_merge_memory();
  std::vector<Value> list = c["ticket"].is_table() ? std::vector<Value>{c["ticket"]} : c["tickets"].array;
  TicketDecision d;
  for (const Value& t : list) engine.decide_into(ticket_of(t), d);
  check.decision(e, d);
}

// given return_request = {...}: expect accepted and the rule [SL24 §14].
void return_case(RuleEngine& engine, const Value& c, const Value& e, Checker& check) {
  const Value& v = c["return_request"];
  ReturnRequest r;
  r.dispatched = time_of(v["dispatched"], "return_request.dispatched");
  r.requested = time_of(v["requested"], "return_request.requested");
  r.type = enum_of(v["type"], RequestType::Help, "return_request.type");
  r.urgency = enum_of(v["urgency"], Urgency::Normal, "return_request.urgency");
  r.has_reason = v["has_reason"].is_nil() || flag(v["has_reason"]);
  r.has_suggested_unit = v["has_suggested_unit"].is_nil() || flag(v["has_suggested_unit"]);
  r.reason_insufficient = flag(v["reason_insufficient"]);
  r.own_duty_temporarily_impossible = flag(v["own_duty_temporarily_impossible"]);
  r.assigned_by_joint_meeting = flag(v["assigned_by_joint_meeting"]);
  r.returned_before_without_new_reason = flag(v["returned_before_without_new_reason"]);
  r.answer_in_knowledge_base = flag(v["answer_in_knowledge_base"]);
  r.registration_minor_mismatch = flag(v["registration_minor_mismatch"]);
  r.needs_verification = flag(v["needs_verification"]);
  ReturnReview rv = engine.review_return(r);
  if (flag(e["accepted"]) != rv.accepted) check.fail("accepted", flag(e["accepted"]) ? "true" : "false", rv.accepted ? "true" : "false");
  if (e["rule"].is_string() && e["rule"].string != rv.rule.rule) check.fail("rule", e["rule"].string, rv.rule.rule);
}

// given status = {...}: expect escalate and its reasons.
void status_case(RuleEngine& engine, const Value& c, const Value& e, Checker& check) {
  const Value& v = c["status"];
  TicketStatus s;
  s.dispatched = time_of(v["dispatched"], "status.dispatched");
  s.now = time_of(v["now"], "status.now");
  if (!v["reply_by"].is_nil()) s.reply_by = time_of(v["reply_by"], "status.reply_by");
  s.closed = flag(v["closed"]);
  s.satisfaction = enum_of(v["satisfaction"], Satisfaction::None, "status.satisfaction");
  s.returns = integer(v["returns"]);
  s.urges = integer(v["urges"]);
  s.repeat_complaints = integer(v["repeat_complaints"]);
  s.unclear = flag(v["unclear"]);
  s.text = str(v["text"], "status.text");
  EscalationResult r = engine.escalate(s);
  if (flag(e["escalate"]) != r.escalate) check.fail("escalate", flag(e["escalate"]) ? "true" : "false", r.escalate ? "true" : "false");
  std::vector<std::string> want, got;
  for (const Value& x : e["reasons"].array) want.push_back(x.string);
  for (const TraceStep& s2 : r.reasons) got.push_back(s2.rule);
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  if (!e["reasons"].is_nil() && want != got) {
    std::string a, b;
    for (auto& x : want) a += (a.empty() ? "" : ",") + x;
    for (auto& x : got) b += (b.empty() ? "" : ",") + x;
    check.fail("reasons", "{" + a + "}", "{" + b + "}");
  }
}

// counts = {...}: one unit's period counts per row.
std::vector<UnitPeriodCounts> period_counts(const Value& c, Checker& check) {
  std::vector<UnitPeriodCounts> counts;
  for (const Value& v : c["counts"].array) {
    UnitPeriodCounts u;
    u.unit = check.unit(str(v["unit"], "counts.unit"));
    u.handled = integer(v["handled"]);
    u.accepted_in_time = v["accepted_in_time"].is_nil() ? u.handled : integer(v["accepted_in_time"]);
    u.on_time = integer(v["on_time"]);
    u.late = integer(v["late"]);
    u.overdue_open = integer(v["overdue_open"]);
    u.closed = v["closed"].is_nil() ? u.on_time + u.late : integer(v["closed"]);
    u.resolved = v["resolved"].is_nil() ? u.closed : integer(v["resolved"]);
    u.satisfied = integer(v["satisfied"]);
    u.basically_satisfied = integer(v["basic"]);
    u.unsatisfied = integer(v["unsatisfied"]);
    counts.push_back(u);
  }
  return counts;
}

// expect composite and tier per unit.
void check_indicators(RuleEngine& engine, const std::vector<UnitPeriodCounts>& counts, const Value& e, Checker& check) {
  std::vector<UnitIndicators> ind = engine.indicators(counts);
  for (const Value& x : e["composite"].array) {
    UnitIndex u = check.unit(str(x["unit"], "composite.unit"));
    for (const UnitIndicators& i : ind)
      if (i.unit == u && std::fabs(i.composite - x["value"].number) > 0.005)
        check.fail("composite of " + x["unit"].string, std::to_string(x["value"].number), std::to_string(i.composite));
  }
  for (const Value& x : e["tier"].array) {
    UnitIndex u = check.unit(str(x["unit"], "tier.unit"));
    for (const UnitIndicators& i : ind)
      if (i.unit == u && i.tier != x["name"].string) check.fail("tier of " + x["unit"].string, x["name"].string, i.tier);
  }
}

// expect the bulletin's headers, order and rows.
void check_bulletin(RuleEngine& engine, const std::vector<UnitPeriodCounts>& counts, const Value& e, Checker& check) {
  const RuleSet& rs = engine.rules();
  Bulletin b = engine.bulletin(counts, Lang::Zh);
  if (!e["headers"].is_nil()) {
    std::vector<std::string> want;
    for (const Value& x : e["headers"].array) want.push_back(x.string);
    if (want != b.headers) check.fail("headers", std::to_string(want.size()) + " columns as listed", "different headers");
  }
  if (!e["order"].is_nil()) {
    std::string got, want;
    for (const auto& g : b.groups)
      for (const auto& row : g.rows) got += (got.empty() ? "" : ",") + row.front();
    for (const Value& x : e["order"].array) want += (want.empty() ? "" : ",") + rs.org().unit(check.unit(x.string)).name;
    if (got != want) check.fail("bulletin order", want, got);
  }
  for (const Value& x : e["rows"].array) {
    std::vector<std::string> want;
    for (const Value& y : x.array) want.push_back(y.string);
    bool found = false;
    for (const auto& g : b.groups)
      for (const auto& row : g.rows) found = found || row == want;
    if (!found) {
      std::string w;
      for (auto& s : want) w += (w.empty() ? "" : " | ") + s;
      check.fail("bulletin row", w, "no such row");
    }
  }
}

// given queue = {...}: expect the IVR's offer.
void queue_case(RuleEngine& engine, const Value& c, const Value& e, Checker& check) {
  const Value& v = c["queue"];
  QueueState q;
  q.skill = enum_of(v["skill"], SkillQueue::General, "queue.skill");
  q.queue_length = integer(v["queue_length"]);
  q.agents_free = integer(v["agents_free"]);
  q.agents_busy = integer(v["agents_busy"]);
  q.expected_wait_s = v["expected_wait_s"].is_number() ? v["expected_wait_s"].number : 0;
  static const char* names[] = {"keep_waiting", "callback", "online", "voice_message"};
  std::string got = names[std::size_t(engine.divert(q))];
  if (e["offer"].is_string() && e["offer"].string != got) check.fail("offer", e["offer"].string, got);
}

void run_case(RuleEngine& engine, const Value& c, Checker& check) {
  const Value& e = c["expect"];
  if (!e.is_table()) throw CaseError("missing expect = { ... }");
  if (c["ticket"].is_table() || c["tickets"].is_table()) {
    ticket_case(engine, c, e, check);
  } else if (c["return_request"].is_table()) {
    return_case(engine, c, e, check);
  } else if (c["status"].is_table()) {
    status_case(engine, c, e, check);
  } else if (c["counts"].is_table()) {
    const std::vector<UnitPeriodCounts> counts = period_counts(c, check);
    check_indicators(engine, counts, e, check);
    check_bulletin(engine, counts, e, check);
  } else if (c["knowledge_question"].is_table()) {
    Time by = engine.knowledge_base_by(time_of(c["knowledge_question"]["asked"], "knowledge_question.asked"));
    check.time(e["answer_by"], by, "answer_by");
  } else if (c["queue"].is_table()) {
    queue_case(engine, c, e, check);
  } else {
    throw CaseError("a case gives ticket, tickets, return_request, status, counts, knowledge_question or queue");
  }
}

}  // namespace

std::vector<RuleTestResult> run_rule_tests(RuleEngine& engine) {
  std::vector<RuleTestResult> results;
  Sandbox& sb = engine.sandbox();
  for (const auto& entry : engine.rules().files()) {
    // Named references, not a structured binding: clang 14 cannot capture bindings (fuzz/).
    const std::string& file = entry.first;
    const std::string& text = entry.second;
    if (file.rfind("tests/", 0) != 0) continue;
    Value cases;
    std::vector<int> fns;
    std::string err = sb.protect([&](lua_State* L) {
      sb.load_text(text, sb.label() + "/" + file);
      lua_call(L, 0, 1);
      if (!lua_istable(L, -1)) luaL_error(L, "a test file returns a list of cases");
      cases = read_value(L, -1, &fns);
      lua_pop(L, 1);
    }, sb.label() + "/" + file);
    for (int r : fns) luaL_unref(sb.state(), LUA_REGISTRYINDEX, r);
    if (!err.empty()) {
      results.push_back({file, 0, "(loading)", false, err});
      continue;
    }
    for (const Value& c : cases.array) {
      RuleTestResult r;
      r.file = file;
      r.name = c["name"].is_string() ? c["name"].string : "(unnamed case)";
      r.line = line_of_key(text, "name", r.name);
      Checker check(engine.rules());
      try {
        if (!c["clause"].is_string()) check.fail("clause", "the clause the case tests", "none");
        run_case(engine, c, check);
      } catch (const std::exception& e) {
        check.fail("case", "a valid case", e.what());
      }
      r.passed = check.failures.empty();
      r.message = check.failures;
      results.push_back(std::move(r));
    }
  }
  return results;
}

}  // namespace hotline::rules
