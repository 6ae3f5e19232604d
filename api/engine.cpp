// hotline::api::Engine over rules::RuleSet and rules::RuleEngine: one compiled rule set per
// revision shared by a pool of Lua states (one per concurrent caller), a single state for
// tickets that may merge as duplicates [GB25 (五)], and validate-then-swap reloads
// [docs/architecture.md "The rule set": a bad revision never takes effect].
#include <algorithm>
#include <atomic>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/convert.hpp"
#include "core/calendar.hpp"
#include "core/paths.hpp"
#include "core/redact.hpp"
#include "core/text.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/rule_tests.hpp"
#include "rules/ruleset.hpp"
#include "rules/ticket_io.hpp"

namespace hotline::api {

namespace {

// One loaded revision with its Lua states. Shared by the calls in progress on it; the last
// one out (after a reload) frees it.
struct Revision {
  std::shared_ptr<const rules::RuleSet> rs;
  rules::LogSink sink;
  std::mutex pool_mutex;
  std::vector<std::unique_ptr<rules::RuleEngine>> idle;  // states not in use
  std::mutex merge_mutex;                                 // guards merge_lane
  std::unique_ptr<rules::RuleEngine> merge_lane;          // the one state that remembers tickets

  std::unique_ptr<rules::RuleEngine> make_state() const {
    auto e = std::make_unique<rules::RuleEngine>(rs);
    e->set_log_sink(sink);
    return e;
  }
  bool may_merge(const hotline::Ticket& t) const { return rs->tables().merge_window_hours > 0 && !t.caller_key.empty(); }
};

// A state borrowed from the pool for one call, given back when done.
class Lease {
 public:
  explicit Lease(Revision& r) : r_(r) {
    {
      std::lock_guard lock(r_.pool_mutex);
      if (!r_.idle.empty()) {
        e_ = std::move(r_.idle.back());
        r_.idle.pop_back();
      }
    }
    if (!e_) e_ = r_.make_state();  // outside the lock: this runs the rule files
  }
  ~Lease() {
    std::lock_guard lock(r_.pool_mutex);
    r_.idle.push_back(std::move(e_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  rules::RuleEngine& operator*() { return *e_; }

 private:
  Revision& r_;
  std::unique_ptr<rules::RuleEngine> e_;
};

}  // namespace

struct Engine::Impl {
  EngineOptions options;
  mutable std::mutex mutex;  // guards current (the pointer, not the revision)
  std::shared_ptr<Revision> current;
  std::mutex reload_mutex;  // one reload at a time
  mutable std::atomic<std::uint64_t> manual{0};

  std::shared_ptr<Revision> snapshot() const {
    std::lock_guard lock(mutex);
    return current;
  }
  std::shared_ptr<Revision> load(const std::string& ruleset) const;
  void decide_one(Revision& r, rules::RuleEngine* state, const hotline::Ticket& t, TicketDecision& d) const;
};

std::shared_ptr<Revision> Engine::Impl::load(const std::string& ruleset) const {
  ScopedDataDir data(options.data_folder);
  rules::LoadOptions lo;
  lo.run_tests = options.run_rule_tests;
  for (const std::string& f : options.allowed_folders) lo.allowed_folders.emplace_back(f);
  lo.limits.instructions = options.instruction_budget;
  lo.limits.memory_bytes = options.memory_cap_bytes;
  if (!options.calendar_folder.empty())
    lo.calendar = std::make_shared<const WorkCalendar>(WorkCalendar::load_folder(options.calendar_folder));
  auto r = std::make_shared<Revision>();
  r->rs = rules::load_rule_set(rules::find_ruleset(ruleset), lo);
  if (options.log) {
    auto log = options.log;
    r->sink = [log](std::string_view where, std::string_view message) { log(std::string(where) + ": " + mask_personal(message)); };
  } else {
    r->sink = [](std::string_view, std::string_view) {};
  }
  r->idle.push_back(r->make_state());  // proves a state builds, and serves the first caller
  return r;
}

void Engine::Impl::decide_one(Revision& r, rules::RuleEngine* state, const hotline::Ticket& t, TicketDecision& d) const {
  if (r.may_merge(t)) {
    std::lock_guard lock(r.merge_mutex);
    if (!r.merge_lane) r.merge_lane = r.make_state();
    r.merge_lane->decide_into(t, d);
  } else if (state) {
    state->decide_into(t, d);
  } else {
    Lease lease(r);
    (*lease).decide_into(t, d);
  }
  if (d.manual) manual.fetch_add(1, std::memory_order_relaxed);
}

Engine::Engine(const std::string& ruleset, const EngineOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  try {
    impl_->current = impl_->load(ruleset);
  } catch (...) {
    detail::rethrow_as_error(ruleset);
  }
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

namespace {
const Engine::Impl& need(const std::unique_ptr<Engine::Impl>& impl) {
  if (!impl) throw Error({{"engine", 0, "", "used after being moved from"}});
  return *impl;
}
}  // namespace

Decision Engine::decide(const Ticket& ticket) const {
  const Impl& impl = need(impl_);
  std::vector<Problem> problems;
  hotline::Ticket t;
  if (!detail::to_internal(ticket, t, "ticket", problems)) throw Error(std::move(problems));
  auto r = impl.snapshot();
  TicketDecision d;
  impl.decide_one(*r, nullptr, t, d);
  return detail::to_public(t, d, *r->rs);
}

std::vector<Decision> Engine::decide_batch(std::span<const Ticket> tickets) const {
  const Impl& impl = need(impl_);
  std::vector<Problem> problems;
  std::vector<hotline::Ticket> in(tickets.size());
  for (std::size_t i = 0; i < tickets.size(); ++i)
    detail::to_internal(tickets[i], in[i], "ticket[" + std::to_string(i) + "]", problems);
  if (!problems.empty()) throw Error(std::move(problems));
  std::vector<Decision> out;
  out.reserve(in.size());
  if (in.empty()) return out;
  auto r = impl.snapshot();
  Lease lease(*r);
  TicketDecision d;  // reused: no allocation per ticket once warm
  for (const hotline::Ticket& t : in) {
    impl.decide_one(*r, &*lease, t, d);
    out.push_back(detail::to_public(t, d, *r->rs));
  }
  return out;
}

namespace {
// ticket_from_json's std::invalid_argument reads "field: reason".
Problem json_problem(const std::string& where, const std::string& what) {
  const auto colon = what.find(": ");
  if (colon == std::string::npos || what.find(' ') < colon) return {where, 0, "", mask_personal(what)};
  return {where, 0, mask_personal(what.substr(0, colon)), mask_personal(what.substr(colon + 2))};
}
// nlohmann-json's message with the token it last read (which may be a whole line, a phone
// number or bytes that are not UTF-8) cut to a short masked excerpt.
std::string json_error_text(std::string_view what) {
  constexpr std::string_view marker = "; last read: '";
  const std::size_t at = what.find(marker);
  if (at == std::string_view::npos) return mask_personal(what);
  std::string_view token = what.substr(at + marker.size());
  if (!token.empty() && token.back() == '\'') token.remove_suffix(1);
  return mask_personal(what.substr(0, at)) + "; last read: " + excerpt(token, 40);
}

// JSON text of a decision or an error record. Messages may quote bytes of the input or of a
// rule's error() that are not UTF-8 (a bad byte in a JSON line is quoted by the parser's
// "last read: ..."): they become U+FFFD rather than make dump() throw and fail the whole
// batch (found by fuzz/fuzz_capi.cpp).
std::string to_text(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

hotline::Ticket parse_ticket(std::string_view text, const std::string& where) {
  if (const std::size_t at = invalid_utf8_at(text); at != std::string_view::npos)
    throw Error({{where, 0, "", "invalid JSON: not valid UTF-8 at byte " + std::to_string(at + 1)}});
  try {
    hotline::Ticket t = rules::ticket_from_json(nlohmann::json::parse(text));
    detail::check_times(t, where);
    return t;
  } catch (const nlohmann::json::parse_error& e) {
    throw Error({{where, 0, "", "invalid JSON: syntax error at byte " + std::to_string(e.byte) + ": " + excerpt(text)}});
  } catch (const nlohmann::json::exception& e) {
    throw Error({{where, 0, "", "invalid JSON (" + json_error_text(e.what()) + ")"}});
  } catch (const std::invalid_argument& e) {
    throw Error({json_problem(where, e.what())});
  }
}
}  // namespace

Ticket parse_ticket_json(std::string_view json) { return detail::to_public(parse_ticket(json, "ticket")); }

std::string Engine::decide_json(std::string_view ticket_json) const {
  const Impl& impl = need(impl_);
  hotline::Ticket t = parse_ticket(ticket_json, "ticket");
  auto r = impl.snapshot();
  TicketDecision d;
  impl.decide_one(*r, nullptr, t, d);
  return to_text(rules::decision_to_json(t, d, *r->rs));
}

std::string Engine::decide_json_lines(std::string_view lines, std::string_view source, std::size_t* bad_lines) const {
  const Impl& impl = need(impl_);
  auto r = impl.snapshot();
  Lease lease(*r);
  TicketDecision d;
  std::string out;
  std::size_t n = 0, bad = 0;
  while (!lines.empty()) {
    const std::size_t end = std::min(lines.find('\n'), lines.size());
    const std::string_view line = lines.substr(0, end);
    lines.remove_prefix(std::min(end + 1, lines.size()));
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = std::string(source) + ":" + std::to_string(n);
    try {
      hotline::Ticket t = parse_ticket(line, where);
      impl.decide_one(*r, &*lease, t, d);
      out += to_text(rules::decision_to_json(t, d, *r->rs));
    } catch (const Error& e) {
      out += to_text(nlohmann::json{{"line", n}, {"error", e.what()}});
      ++bad;
    }
    out += '\n';
  }
  if (bad_lines) *bad_lines = bad;
  return out;
}

ReloadResult Engine::reload(const std::string& ruleset) {
  need(impl_);
  Impl& impl = *impl_;
  std::lock_guard serial(impl.reload_mutex);
  auto old = impl.snapshot();
  const std::string target = ruleset.empty() ? old->rs->folder().string() : ruleset;
  ReloadResult result;
  try {
    auto fresh = impl.load(target);
    result.ok = true;
    result.changed = fresh->rs->revision() != old->rs->revision();
    result.revision = fresh->rs->revision();
    std::lock_guard lock(impl.mutex);
    impl.current = std::move(fresh);
  } catch (...) {
    result.problems = detail::problems_of(std::current_exception(), target);
    result.revision = old->rs->revision();
  }
  return result;
}

std::string Engine::revision() const { return need(impl_).snapshot()->rs->revision(); }

RuleSetInfo Engine::info() const {
  auto r = need(impl_).snapshot();
  const rules::ManifestInfo& m = r->rs->manifest();
  return {m.id, m.name, m.version, m.effective, r->rs->revision(), r->rs->folder().string()};
}

std::vector<RuleTestCase> Engine::rule_tests() const {
  auto r = need(impl_).snapshot();
  auto state = r->make_state();  // the cases decide tickets, and merging remembers them
  std::vector<RuleTestCase> out;
  for (rules::RuleTestResult& c : rules::run_rule_tests(*state))
    out.push_back({std::move(c.file), c.line, mask_personal(c.name), c.passed, mask_personal(c.message)});
  return out;
}

std::uint64_t Engine::manual_count() const { return need(impl_).manual.load(std::memory_order_relaxed); }

namespace {
// Calls `f(calendar)` on the engine's current calendar, turning range errors into Error.
template <class F>
auto on_calendar(const std::unique_ptr<Engine::Impl>& impl, F f) {
  auto r = need(impl).snapshot();
  try {
    return f(r->rs->calendar());
  } catch (...) {
    detail::rethrow_as_error("calendar");
  }
}
}  // namespace

Time Engine::add_working_days(Time t, int n) const {
  detail::check_time(t, "calendar", "t");
  if (n < 0) throw Error({{"calendar", 0, "n", "must be >= 0"}});
  return on_calendar(impl_, [&](const WorkCalendar& c) { return c.add_working_days(t, n); });
}
Time Engine::add_working_hours(Time t, double hours) const {
  detail::check_time(t, "calendar", "t");
  if (!(hours >= 0 && hours <= 1e7)) throw Error({{"calendar", 0, "hours", "must be between 0 and 1e7"}});
  return on_calendar(impl_, [&](const WorkCalendar& c) { return c.add_working_hours(t, hours); });
}
double Engine::working_hours_between(Time a, Time b) const {
  detail::check_time(a, "calendar", "a");
  detail::check_time(b, "calendar", "b");
  return on_calendar(impl_, [&](const WorkCalendar& c) { return c.working_hours_between(a, b); });
}
int Engine::working_days_between(Time a, Time b) const {
  detail::check_time(a, "calendar", "a");
  detail::check_time(b, "calendar", "b");
  return on_calendar(impl_, [&](const WorkCalendar& c) { return c.working_days_between(a, b); });
}
bool Engine::is_working_day(Time t) const {
  detail::check_time(t, "calendar", "t");
  return on_calendar(impl_, [&](const WorkCalendar& c) { return c.is_working_day(cst_day(t)); });
}

}  // namespace hotline::api
