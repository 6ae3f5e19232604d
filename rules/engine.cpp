// The rule engine: intake -> dispatch -> deadlines with a full trace [SL24 §11-§14,
// XA23 三(一)-(四)], diversion, return review [SL24 §14], escalation [XA23 二(四), SL24 §32]
// and indicators [XA23 四(四), GB25 (六)] from the compiled tables of a RuleSet.
#include "rules/engine.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "rules/bindings.hpp"
#include "rules/lua_api.hpp"
#include "rules/lua_value.hpp"
#include "rules/rule_files.hpp"

namespace hotline::rules {

struct RuleEngine::Resolved {
  UnitIndex district = kNoUnit;
  UnitIndex street = kNoUnit;
};

RuleEngine::RuleEngine(std::shared_ptr<const RuleSet> rules) : rs_(std::move(rules)) {
  sandbox_ = std::make_unique<Sandbox>(rs_->limits(), rs_->folder(), rs_->folder().filename().string());
  sandbox_->set_module_files(&rs_->files());  // exactly the validated, hashed files
  bind_hotline(*sandbox_, &rs_->calendar(), &rs_->org());
  std::vector<int> refs;
  std::vector<InputProblem> problems;
  run_rule_files(*sandbox_, rs_->files(), &refs, &problems);
  if (!problems.empty()) throw InputError(problems);
  // Decisions must not see each other: the loaded state is frozen [docs/rules.md section 7].
  for (const std::string& p : sandbox_->freeze(refs)) problems.push_back({rs_->folder().string(), 0, "", p});
  if (!problems.empty()) throw InputError(problems);
  for (int r : refs) functions_.emplace_back(sandbox_->state(), r);
  manual_rule_.id = "engine.manual_dispatch";
  manual_rule_.text = "a rule failed: the ticket waits in the manual-dispatch queue";
}

RuleEngine::~RuleEngine() {
  functions_.clear();  // unref before the state closes
}

void RuleEngine::set_log_sink(LogSink sink) {
  log_ = sink;
  sandbox_->set_log_sink(std::move(sink));
}

TicketDecision RuleEngine::decide(const Ticket& ticket) {
  TicketDecision out;
  decide_stages(ticket, out, kAll);
  return out;
}

void RuleEngine::decide_into(const Ticket& ticket, TicketDecision& out) { decide_stages(ticket, out, kAll); }

namespace {
// Writes trace step n, reusing its strings' buffers.
void step(TicketDecision& out, std::size_t& n, const RuleSource& src, std::string_view detail = {}) {
  if (out.trace.size() <= n) out.trace.emplace_back();
  TraceStep& s = out.trace[n++];
  // Speed: a reused decision mostly repeats the same rules at the same step; skip the copies.
  if (s.origin != &src) {
    s.rule = src.id;
    s.row = src.text;
    s.clause = src.clause;
    s.origin = &src;
  }
  if (s.detail != detail) s.detail = detail;
}
void add_unique(std::vector<UnitIndex>& v, UnitIndex u, UnitIndex lead) {
  if (u != kNoUnit && u != lead && std::find(v.begin(), v.end(), u) == v.end()) v.push_back(u);
}
std::uint64_t mix(std::uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return (h ^ 0xff) * 1099511628211ull;
}
}  // namespace

void RuleEngine::decide_stages(const Ticket& t, TicketDecision& out, unsigned stages) {
  out.route = IntakeRoute::Ticket;
  out.route_target.clear();
  out.lead = kNoUnit;
  out.co_units.clear();
  out.copied_units.clear();
  out.accept_by = out.return_by = out.reply_by = kNoTime;
  out.max_extensions = 0;
  out.merged_into.clear();
  out.escalate_to = kNoUnit;
  out.manual = false;
  out.error.clear();
  out.revision = rs_->revision();
  std::size_t steps = 0;
  current_ = nullptr;
  try {
    run(t, out, stages, steps);
  } catch (const std::exception& e) {
    // A failing rule fails this decision only: manual dispatch, counted and logged.
    out.manual = true;
    out.error = current_ && current_->line > 0 && std::string_view(e.what()).find(".lua:") == std::string_view::npos
                    ? rs_->folder().filename().string() + "/" + current_->file + ":" + std::to_string(current_->line) + ": " + e.what()
                    : e.what();
    out.route = IntakeRoute::Ticket;
    out.lead = kNoUnit;
    out.co_units.clear();
    out.copied_units.clear();
    out.accept_by = out.return_by = out.reply_by = kNoTime;
    ++manual_;
    step(out, steps, manual_rule_, out.error);
    std::string line = "ticket " + t.id + " to manual dispatch: " + out.error;
    if (log_) log_("engine", line);
    else std::fprintf(stderr, "rules: %s\n", line.c_str());
  }
  out.trace.resize(steps);
}

void RuleEngine::run(const Ticket& t, TicketDecision& out, unsigned stages, std::size_t& steps) {
  const int cat = rs_->category(t.category);
  if (intake(t, cat, out, steps) || !(stages & kDispatch)) return;
  const Resolved where = locate(t);
  const Time base = t.dispatched != kNoTime ? t.dispatched : t.created;
  if (merge(t, where, base, out, steps)) return;
  const CatalogRow& row = dispatch(t, cat, where, out, steps);
  if (stages & kDeadlines) deadlines(t, row, base, out, steps);
}

// Intake [SL24 §7, §11(一), GB25 (二)]: a route other than a ticket decides it here.
bool RuleEngine::intake(const Ticket& t, int cat, TicketDecision& out, std::size_t& steps) {
  const CompiledTables& tb = rs_->tables();
  int ir = tb.intake_cells[std::size_t(cat + 1)][std::size_t(t.type)];
  if (ir >= 0 && tb.intake_rows[std::size_t(ir)].route != IntakeRoute::Ticket) {
    const IntakeRow& row = tb.intake_rows[std::size_t(ir)];
    out.route = row.route;
    out.route_target = row.target;
    step(out, steps, row.source);
    return true;
  }
  step(out, steps, ir >= 0 ? tb.intake_rows[std::size_t(ir)].source : tb.intake_default);
  return false;
}

// Where the matter is: its district (a zone counts as one) and street or town.
RuleEngine::Resolved RuleEngine::locate(const Ticket& t) const {
  const RuleSet& rs = *rs_;
  Resolved where;
  if (!t.district.empty()) {
    UnitIndex d = rs.unit(t.district);
    if (d != kNoUnit) {
      UnitKind k = rs.org().unit(d).kind;
      where.district = (k == UnitKind::District || k == UnitKind::Zone) ? d : rs.org().district_of(d);
    }
  }
  where.street = rs.street(t.street, where.district);
  if (where.district == kNoUnit && where.street != kNoUnit) where.district = rs.org().district_of(where.street);
  return where;
}

// Duplicate merging [GB25 (五)]: same caller, same matter, same place, within the window.
bool RuleEngine::merge(const Ticket& t, const Resolved& where, Time base, TicketDecision& out, std::size_t& steps) {
  const CompiledTables& tb = rs_->tables();
  if (!(tb.merge_window_hours > 0) || t.caller_key.empty()) return false;
  std::uint64_t key = mix(mix(1469598103934665603ull, t.caller_key), t.category) ^ (std::uint64_t(where.district) << 1);
  auto [it, fresh] = recent_.try_emplace(key, Recent{base, t.id});
  if (fresh) return false;
  if (base >= it->second.time && base - it->second.time <= Time(tb.merge_window_hours * 3600)) {
    out.route = IntakeRoute::Merged;
    out.merged_into = it->second.id;
    step(out, steps, tb.merge_rule, it->second.id);
    return true;
  }
  it->second = Recent{base, t.id};
  return false;
}

// Dispatch [SL24 §11, XA23 三(一)-(二)]: the catalog row (or the one its logic chooses), the
// lead, co-handlers and copies resolved to units, the district copied on a street's lead.
const CatalogRow& RuleEngine::dispatch(const Ticket& t, int cat, const Resolved& where, TicketDecision& out, std::size_t& steps) {
  const RuleSet& rs = *rs_;
  const CompiledTables& tb = rs.tables();
  int r = cat >= 0 ? tb.catalog_by_category[std::size_t(cat)] : -1;
  if (r < 0) r = tb.unmatched_row;
  const CatalogRow* row = &tb.catalog[std::size_t(r)];
  if (row->function >= 0) {
    current_ = &row->source;
    int chosen = choose(*row, t, where);
    if (chosen >= 0) row = &tb.catalog[std::size_t(chosen)];
  }
  current_ = &row->source;
  const UnitIndex root = rs.org().root();
  auto resolve = [&](const Target& target) -> UnitIndex {
    switch (target.kind) {
      case Target::Kind::Street: return where.street != kNoUnit ? where.street : where.district != kNoUnit ? where.district : root;
      case Target::Kind::District:
      case Target::Kind::Unclear: return where.district != kNoUnit ? where.district : root;
      case Target::Kind::City: return root;
      case Target::Kind::Unit: return target.unit;
      case Target::Kind::DistrictDepartment:
        if (where.district == kNoUnit) return root;
        return target.by_district[where.district] != kNoUnit ? target.by_district[where.district] : where.district;
    }
    return root;
  };
  out.lead = resolve(row->lead);
  if (row->lead.kind == Target::Kind::Unclear) out.escalate_to = root;
  for (const Target& c : row->co) add_unique(out.co_units, resolve(c), out.lead);
  for (const Target& c : row->copy) add_unique(out.copied_units, resolve(c), out.lead);
  step(out, steps, row->source, rs.org().unit(out.lead).name);
  if (tb.copy_district_for_street) {
    UnitKind k = rs.org().unit(out.lead).kind;
    if (k == UnitKind::Street || k == UnitKind::Town) {
      UnitIndex d = rs.org().district_of(out.lead);
      if (d != kNoUnit && std::find(out.copied_units.begin(), out.copied_units.end(), d) == out.copied_units.end()) {
        out.copied_units.push_back(d);
        step(out, steps, tb.double_dispatch, rs.org().unit(d).name);
      }
    }
  }
  return *row;
}

// Deadlines [SL24 §12, §14, §16; XA23 三(四)]: the calendar primitives; the stricter wins.
void RuleEngine::deadlines(const Ticket& t, const CatalogRow& row, Time base, TicketDecision& out, std::size_t& steps) {
  const CompiledTables& tb = rs_->tables();
  const std::size_t c = cell(t, row.deadline_class);
  const RuleSource* src = nullptr;
  out.accept_by = evaluate(tb.accept, c, base, &src);
  step(out, steps, *src);
  out.return_by = evaluate(tb.return_window, c, base, &src);
  step(out, steps, *src);
  out.reply_by = evaluate(tb.reply, c, base, &src);
  step(out, steps, *src);
  if (row.statutory.kind != LimitSpec::Kind::None) {
    current_ = &row.source;
    Time s = apply(row.statutory, base);
    if (out.reply_by == kNoTime || s < out.reply_by) {
      out.reply_by = s;
      step(out, steps, row.source, row.statutory_basis);
    }
  }
  if (!tb.extension_rule.id.empty()) {
    out.max_extensions = tb.max_extensions;
    step(out, steps, tb.extension_rule);
  }
}

std::size_t RuleEngine::cell(const Ticket& t, int deadline_class) const {
  return (std::size_t(t.type) * std::size_t(Urgency::Count) + std::size_t(t.urgency)) * rs_->tables().deadline_classes.size() +
         std::size_t(deadline_class);
}

Time RuleEngine::apply(const LimitSpec& spec, Time base) const {
  switch (spec.kind) {
    case LimitSpec::Kind::None: return kNoTime;
    case LimitSpec::Kind::Immediate: return base;
    case LimitSpec::Kind::Minutes: return base + std::llround(spec.amount * 60);
    case LimitSpec::Kind::Hours: return base + std::llround(spec.amount * 3600);
    case LimitSpec::Kind::Days: return base + std::llround(spec.amount * 86400);
    case LimitSpec::Kind::WorkingDays: return rs_->add_working_days(base, int(spec.amount));
    case LimitSpec::Kind::WorkingHours: return rs_->calendar().add_working_hours(base, spec.amount);
  }
  return kNoTime;
}

Time RuleEngine::evaluate(const LimitTable& table, std::size_t c, Time base, const RuleSource** row) const {
  const auto& rows = table.cells[c];
  Time best = kNoTime;
  *row = &table.rows[rows.front()];
  for (std::uint16_t i : rows) {
    const_cast<RuleEngine*>(this)->current_ = &table.rows[i];
    Time v = apply(table.limits[i], base);
    if (i == rows.front() || (v != kNoTime && (best == kNoTime || v < best))) {
      best = v;
      *row = &table.rows[i];
    }
  }
  return best;
}

int RuleEngine::choose(const CatalogRow& row, const Ticket& t, const Resolved& where) {
  std::string chosen;
  bool returned_other = false;
  std::string err = sandbox_->protect([&](lua_State* L) {
    functions_[std::size_t(row.function)].push();
    lua_createtable(L, 0, 12);
    auto set = [&](const char* k, std::string_view v) {
      push(L, v);
      lua_setfield(L, -2, k);
    };
    set("id", t.id);
    set("type", enum_key(t.type));
    set("urgency", enum_key(t.urgency));
    set("channel", enum_key(t.channel));
    set("category", t.category);
    if (where.district != kNoUnit) set("district", rs_->org().unit(where.district).id);
    if (where.street != kNoUnit) set("street", rs_->org().unit(where.street).id);
    lua_pushboolean(L, t.enterprise);
    lua_setfield(L, -2, "enterprise");
    lua_pushinteger(L, t.created);
    lua_setfield(L, -2, "created");
    lua_pushinteger(L, t.dispatched != kNoTime ? t.dispatched : t.created);
    lua_setfield(L, -2, "dispatched");
    lua_call(L, 1, 1);
    if (lua_type(L, -1) == LUA_TSTRING) chosen = std::string(to_view(L, -1)), returned_other = true;
    else if (!lua_isnil(L, -1)) chosen = luaL_typename(L, -1);
    lua_pop(L, 1);
  }, rs_->folder().filename().string() + "/" + row.source.file + ":" + std::to_string(row.source.line));
  if (!err.empty()) throw std::runtime_error(err);
  if (!returned_other && !chosen.empty())
    throw std::runtime_error("choose must return a row id or nil, not a " + chosen);
  if (!returned_other) return -1;
  auto it = rs_->tables().catalog_ids.find(chosen);
  if (it == rs_->tables().catalog_ids.end()) throw std::runtime_error("choose returned unknown row '" + chosen + "'");
  return it->second;
}

DiversionOffer RuleEngine::divert(const QueueState& q) {
  for (const DiversionRow& r : rs_->tables().diversion_rows) {
    if (!(r.skills >> std::size_t(q.skill) & 1)) continue;
    if (r.agents_free_at_least >= 0 && q.agents_free < r.agents_free_at_least) continue;
    if (r.wait_at_least_s >= 0 && q.expected_wait_s < r.wait_at_least_s) continue;
    if (r.wait_below_s >= 0 && q.expected_wait_s >= r.wait_below_s) continue;
    if (r.queue_at_least >= 0 && q.queue_length < r.queue_at_least) continue;
    return r.offer;
  }
  return DiversionOffer::KeepWaiting;
}

ReturnReview RuleEngine::review_return(const ReturnRequest& req) {
  // The return window applies to the ticket's type and urgency [SL24 §14]: 1 working day,
  // 30 minutes for urgent help.
  Ticket t;
  t.type = req.type;
  t.urgency = req.urgency;
  const RuleSource* src = nullptr;
  Time by = evaluate(rs_->tables().return_window, cell(t, 0), req.dispatched, &src);
  bool late = by != kNoTime && req.requested > by;
  auto fact = [&](const std::string& w) {
    if (w == "late") return late;
    if (w == "no_reason_or_basis") return !req.has_reason;
    if (w == "no_suggested_unit") return !req.has_suggested_unit;
    if (w == "reason_insufficient") return req.reason_insufficient;
    if (w == "own_duty_temporarily_impossible") return req.own_duty_temporarily_impossible;
    if (w == "assigned_by_joint_meeting") return req.assigned_by_joint_meeting;
    if (w == "returned_before_without_new_reason") return req.returned_before_without_new_reason;
    if (w == "answer_in_knowledge_base") return req.answer_in_knowledge_base;
    if (w == "registration_minor_mismatch") return req.registration_minor_mismatch;
    if (w == "needs_verification") return req.needs_verification;
    return false;
  };
  for (const ReturnRefusal& r : rs_->tables().return_refusals)
    if (fact(r.when)) return {false, {r.source.id, r.source.text, r.source.clause, late ? "return window ended " + format_time(by) : ""}};
  return {true, {rs_->tables().return_accept.id, rs_->tables().return_accept.text, rs_->tables().return_accept.clause, ""}};
}

ExtensionReview RuleEngine::review_extension(const ExtensionRequest& req) {
  // At most `max` extensions [SL24 §16]; then the refusal rows in order; else approved.
  const RuleSource& m = rs_->tables().extension_rule;
  if (req.granted_before >= rs_->tables().max_extensions)
    return {false, {m.id.empty() ? "deadlines.extensions" : m.id, m.text, m.clause,
                    std::to_string(req.granted_before) + " already granted"}};
  const bool late = req.reply_by != kNoTime && req.requested > req.reply_by;
  for (const ReturnRefusal& r : rs_->tables().extension_refusals) {
    const bool fires = (r.when == "after_deadline" && late) || (r.when == "no_citizen_consent" && !req.citizen_consent) ||
                       (r.when == "no_lead_consent" && !req.lead_consent) ||
                       (r.when == "emergency" && req.urgency == Urgency::Major);
    if (fires) return {false, {r.source.id, r.source.text, r.source.clause, late ? "limit was " + format_time(req.reply_by) : ""}};
  }
  return {true, {m.id, "extension approved (" + std::to_string(req.granted_before + 1) + " of " +
                           std::to_string(rs_->tables().max_extensions) + ")", m.clause, ""}};
}

EscalationResult RuleEngine::escalate(const TicketStatus& s) {
  EscalationResult out;
  const double day = 86400.0;
  auto value = [&](const std::string& f) -> double {
    if (f == "unsatisfied") return s.satisfaction == Satisfaction::Unsatisfied;
    if (f == "returns") return s.returns;
    if (f == "urges") return s.urges;
    if (f == "repeat_complaints") return s.repeat_complaints;
    if (f == "overdue_days") return !s.closed && s.reply_by != kNoTime && s.now > s.reply_by ? double(s.now - s.reply_by) / day : 0;
    if (f == "unresolved_days") return !s.closed ? double(s.now - s.dispatched) / day : 0;
    if (f == "unclear_days") return s.unclear && !s.closed ? double(s.now - s.dispatched) / day : 0;
    if (f == "sensitive")
      return std::any_of(rs_->tables().sensitive_words.begin(), rs_->tables().sensitive_words.end(),
                         [&](const std::string& w) { return s.text.find(w) != std::string::npos; });
    return 0;
  };
  for (const EscalationRow& r : rs_->tables().escalation_rows)
    if (value(r.fact) >= r.at_least) out.reasons.push_back({r.source.id, r.source.text, r.source.clause, ""});
  out.escalate = !out.reasons.empty();
  if (out.escalate) out.report_to = rs_->tables().report_to;
  return out;
}

std::vector<UnitIndicators> RuleEngine::indicators(const std::vector<UnitPeriodCounts>& counts) {
  std::vector<UnitIndicators> out;
  const RuleSet& rs = *rs_;
  for (const UnitPeriodCounts& c : counts) {
    UnitIndicators u;
    u.unit = c.unit;
    const UnitClass* cls = nullptr;
    if (c.unit != kNoUnit && c.unit < rs.org().size()) {
      UnitKind k = rs.org().unit(c.unit).kind;
      for (const UnitClass& uc : rs.tables().unit_classes)
        if (std::find(uc.kinds.begin(), uc.kinds.end(), k) != uc.kinds.end()) {
          cls = &uc;
          break;
        }
    }
    if (cls) u.unit_class = cls->id;
    auto rate = [](int a, int b) { return b > 0 ? double(a) / b : 0.0; };
    int evaluated = c.satisfied + c.basically_satisfied + c.unsatisfied;
    u.response_rate = rate(c.accepted_in_time, c.handled);
    u.resolution_rate = rate(c.resolved, c.closed);
    u.satisfaction_rate = rate(c.satisfied + c.basically_satisfied, evaluated);
    // 按期办结率 [SL24 bulletin]: on time over the tickets whose outcome is known at the
    // cut-off (closed on time, closed late, or overdue and open); tickets still open and not
    // yet due do not count. In the published January 2025 table on time + late + overdue open
    // = handled in every row, and this reproduces every published rate (e.g. 市联通公司 3 on
    // time, 1 late, 5 overdue open: 33.33%); on time / (on time + late) would give 75%.
    u.on_time_rate = rate(c.on_time, c.on_time + c.late + c.overdue_open);
    u.evaluated = evaluated > 0;
    // Weighted composite; without evaluations the satisfaction weight is spread over the rest.
    double w0 = rs.tables().weights[0], w1 = rs.tables().weights[1], w2 = rs.tables().weights[2];
    double score = evaluated > 0 ? (c.satisfied + rs.tables().basic_satisfied_value * c.basically_satisfied) / evaluated : 0;
    if (evaluated == 0 && w0 + w1 > 0) {
      w0 /= (w0 + w1);
      w1 = 1 - w0;
      w2 = 0;
    }
    u.composite = 100 * (w0 * u.response_rate + w1 * u.resolution_rate + w2 * score);
    if (cls)
      for (const auto& [name, min] : cls->tiers)
        if (u.composite >= min - 1e-9) {
          u.tier = name;
          break;
        }
    out.push_back(std::move(u));
  }
  return out;
}

namespace {
std::string percent(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", r * 100);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + "%";
}
struct Column {
  const char* key;
  const char* zh;
  const char* en;
};
constexpr Column kColumns[] = {
    {"unit", "联动单位", "Unit"}, {"handled", "承办件数", "Handled"}, {"on_time", "按期办结数", "Closed on time"},
    {"late", "逾期办结数", "Closed late"}, {"on_time_rate", "按期办结率", "On-time rate"},
    {"overdue_open", "逾期未办数", "Overdue open"}, {"satisfaction", "群众满意度", "Satisfaction"},
    {"response_rate", "响应率", "Response rate"}, {"resolution_rate", "解决率", "Resolution rate"},
    {"composite", "综合得分", "Composite score"}, {"tier", "档次", "Tier"},
    {"accepted_in_time", "按时签收数", "Accepted in time"}, {"resolved", "解决数", "Resolved"}};
}  // namespace

Bulletin RuleEngine::bulletin(const std::vector<UnitPeriodCounts>& counts, Lang lang) {
  const RuleSet& rs = *rs_;
  std::vector<UnitIndicators> ind = indicators(counts);
  Bulletin b;
  for (const std::string& col : rs.tables().bulletin.columns)
    for (const Column& c : kColumns)
      if (col == c.key) b.headers.push_back(lang == Lang::Zh ? c.zh : c.en);
  auto number_of = [&](std::size_t i, const std::string& col) -> double {
    const UnitPeriodCounts& c = counts[i];
    const UnitIndicators& u = ind[i];
    if (col == "handled") return c.handled;
    if (col == "on_time") return c.on_time;
    if (col == "late") return c.late;
    if (col == "on_time_rate") return u.on_time_rate;
    if (col == "overdue_open") return c.overdue_open;
    if (col == "satisfaction") return u.evaluated ? u.satisfaction_rate : -1;
    if (col == "response_rate") return u.response_rate;
    if (col == "resolution_rate") return u.resolution_rate;
    if (col == "composite") return u.composite;
    if (col == "accepted_in_time") return c.accepted_in_time;
    if (col == "resolved") return c.resolved;
    return 0;
  };
  auto cell = [&](std::size_t i, const std::string& col) -> std::string {
    const UnitIndicators& u = ind[i];
    if (col == "unit") return rs.org().unit(counts[i].unit).name;
    if (col == "tier") return u.tier;
    if (col == "satisfaction") return u.evaluated ? percent(u.satisfaction_rate) : "/";
    if (col == "on_time_rate" || col == "response_rate" || col == "resolution_rate") return percent(number_of(i, col));
    if (col == "composite") {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2f", u.composite);
      return buf;
    }
    return std::to_string(std::llround(number_of(i, col)));
  };
  for (const std::string& g : rs.tables().bulletin.groups) {
    const UnitClass& uc = *std::find_if(rs.tables().unit_classes.begin(), rs.tables().unit_classes.end(), [&](const UnitClass& u) { return u.id == g; });
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < counts.size(); ++i)
      if (ind[i].unit_class == g) members.push_back(i);
    std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b2) {
      for (const auto& [col, desc] : rs.tables().bulletin.sort) {
        double x = number_of(a, col), y = number_of(b2, col);
        if (x != y) return desc ? x > y : x < y;
      }
      return false;
    });
    Bulletin::Group group;
    group.title = lang == Lang::Zh ? uc.title_zh : uc.title_en;
    for (std::size_t i : members) {
      std::vector<std::string> row;
      for (const std::string& col : rs.tables().bulletin.columns) row.push_back(cell(i, col));
      group.rows.push_back(std::move(row));
    }
    b.groups.push_back(std::move(group));
  }
  return b;
}

std::function<std::unique_ptr<Policy>()> engine_factory(std::shared_ptr<const RuleSet> rules) {
  return [rules] { return std::make_unique<RuleEngine>(rules); };
}

}  // namespace hotline::rules
