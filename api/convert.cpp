// Conversions between the public API's types and the internal ones, and the public error
// type's formatting (the same "file:line: field: reason" as core's InputProblem).
#include "api/convert.hpp"

#include <stdexcept>

#include "core/time.hpp"
#include "core/redact.hpp"
#include "rules/ruleset.hpp"
#include "rules/ticket_io.hpp"

namespace hotline::api {

std::string Problem::to_string() const { return InputProblem{file, line, field, reason}.to_string(); }

namespace {
std::string join(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) out += (out.empty() ? "" : "\n") + p.to_string();
  return out;
}
}  // namespace

Error::Error(std::vector<Problem> problems) : std::runtime_error(join(problems)), problems_(std::move(problems)) {}
Error::~Error() = default;

std::string ReloadResult::message() const { return join(problems); }

namespace detail {

namespace {
template <class E>
bool enum_in(const std::string& text, E& out, const char* field, const std::string& where, std::vector<Problem>& problems) {
  auto e = enum_from<E>(text);
  if (e) {
    out = *e;
    return true;
  }
  problems.push_back({where, 0, field, "unknown value " + excerpt(text) + "; one of " + enum_keys<E>()});
  return false;
}
}  // namespace

void check_time(Time t, const std::string& where, const char* field) {
  static const Time first = make_time({1000, 1, 1}), last = make_time({10000, 1, 1}) - 1;
  if (t < first || t > last) throw Error({{where, 0, field, "out of range (years 1000-9999)"}});
}

void check_times(const hotline::Ticket& t, const std::string& where) {
  check_time(t.created, where, "created");
  if (t.dispatched != kNoTime) check_time(t.dispatched, where, "dispatched");
}

bool to_internal(const api::Ticket& in, hotline::Ticket& out, const std::string& where, std::vector<Problem>& problems) {
  const std::size_t before = problems.size();
  if (in.id.empty()) problems.push_back({where, 0, "id", "missing"});
  if (in.category.empty()) problems.push_back({where, 0, "category", "missing"});
  if (in.created == no_time && in.dispatched == no_time) problems.push_back({where, 0, "created", "missing (or give dispatched)"});
  enum_in(in.type, out.type, "type", where, problems);
  enum_in(in.urgency, out.urgency, "urgency", where, problems);
  enum_in(in.channel, out.channel, "channel", where, problems);
  for (auto [field, t] : {std::pair{"created", in.created}, std::pair{"dispatched", in.dispatched}}) {
    if (t == no_time) continue;
    try {
      check_time(t, where, field);
    } catch (const Error& e) {
      problems.push_back(e.problems()[0]);
    }
  }
  if (problems.size() != before) return false;
  out.id = in.id;
  out.category = in.category;
  out.district = in.district;
  out.street = in.street;
  out.enterprise = in.enterprise;
  out.caller_key = in.caller;
  out.created = in.created != no_time ? in.created : in.dispatched;
  out.dispatched = in.dispatched == no_time ? kNoTime : in.dispatched;
  return true;
}

api::Ticket to_public(const hotline::Ticket& t) {
  api::Ticket out;
  out.id = t.id;
  out.type = std::string(enum_key(t.type));
  out.category = t.category;
  out.district = t.district;
  out.street = t.street;
  out.urgency = std::string(enum_key(t.urgency));
  out.channel = std::string(enum_key(t.channel));
  out.enterprise = t.enterprise;
  out.caller = t.caller_key;
  out.created = t.created == kNoTime ? no_time : t.created;
  out.dispatched = t.dispatched == kNoTime ? no_time : t.dispatched;
  return out;
}

api::Decision to_public(const hotline::Ticket& t, const TicketDecision& d, const rules::RuleSet& rs) {
  auto unit = [&](UnitIndex u) { return Unit{rs.org().unit(u).id, rs.org().unit(u).name}; };
  auto units = [&](const std::vector<UnitIndex>& v) {
    std::vector<Unit> out;
    out.reserve(v.size());
    for (UnitIndex u : v) out.push_back(unit(u));
    return out;
  };
  auto time = [](Time x) { return x == kNoTime ? no_time : x; };
  api::Decision out;
  out.ticket_id = t.id;
  out.route = std::string(rules::route_key(d.route));
  out.target = d.route_target;
  if (d.lead != kNoUnit) out.lead = unit(d.lead);
  out.co = units(d.co_units);
  out.copied = units(d.copied_units);
  if (d.escalate_to != kNoUnit) out.escalate_to = unit(d.escalate_to);
  out.accept_by = time(d.accept_by);
  out.return_by = time(d.return_by);
  out.reply_by = time(d.reply_by);
  out.max_extensions = d.max_extensions;
  out.merged_into = d.merged_into;
  out.manual = d.manual;
  out.error = d.error;
  out.revision = d.revision;
  out.trace.reserve(d.trace.size());
  for (const hotline::TraceStep& s : d.trace) out.trace.push_back({s.rule, s.row, s.clause, s.detail});
  return out;
}

std::vector<Problem> to_public(const std::vector<InputProblem>& problems) {
  std::vector<Problem> out;
  out.reserve(problems.size());
  for (const InputProblem& p : problems) out.push_back({p.file, p.line, mask_personal(p.field), mask_personal(p.reason)});
  return out;
}

std::vector<Problem> problems_of(const std::exception_ptr& e, const std::string& where) {
  try {
    std::rethrow_exception(e);
  } catch (const Error& x) {
    return x.problems();
  } catch (const InputError& x) {
    return to_public(x.problems());
  } catch (const std::exception& x) {
    return {{where, 0, "", mask_personal(x.what())}};
  } catch (...) {
    return {{where, 0, "", "unknown error"}};
  }
}

void rethrow_as_error(const std::string& where) { throw Error(problems_of(std::current_exception(), where)); }

}  // namespace detail

Time parse_time(std::string_view text) {
  Time t = 0;
  std::string why;
  if (!try_parse_time(text, &t, &why)) throw Error({{"", 0, "time", "bad time " + excerpt(text) + (why.empty() ? "" : " (" + why + ")")}});
  return t;
}

std::string format_time(Time t) {
  detail::check_time(t, "", "time");
  return hotline::format_time(t);
}

const char* library_version() noexcept { return HOTLINE_VERSION_STRING; }

}  // namespace hotline::api
