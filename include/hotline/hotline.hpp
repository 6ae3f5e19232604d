// hotline/hotline.hpp: the rule engine as a library, the small stable C++ API
// (docs/embedding.md). An Engine is loaded from a rule-set folder, decides tickets (intake,
// dispatch, deadlines, with the trace of the rules that fired) and answers calendar
// questions on the rule set's working calendar. Only standard-library types appear here;
// the implementation is behind a pointer, so it can change without breaking callers.
//
// Thread safety: every const member function may be called from any number of threads on
// one shared Engine. Each concurrent caller gets its own Lua state on the shared compiled
// rule set (a pool that grows to the number of simultaneous callers); tickets that may be
// merged as duplicates (a rule set with a merge window, a ticket with a caller key) are
// decided one at a time on one shared state, because merging remembers earlier tickets.
// reload() may run while other threads decide: a call in progress finishes on the revision
// it started with, later calls see the new one. Moving or destroying an Engine while another
// thread uses it is not allowed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hotline/errors.hpp"
#include "hotline/export.h"
#include "hotline/version.hpp"

namespace hotline::api {

// An instant: seconds since 1970-01-01T00:00:00Z. The rules read it in China Standard Time
// (UTC+8, no daylight saving).
using Time = std::int64_t;
inline constexpr Time no_time = std::numeric_limits<Time>::min();  // "not given" / "none"

// "2025-01-24 10:00", "2025-01-24T10:00:00+08:00", "2025-01-24" (00:00 CST); no offset means
// CST. Throws Error (field "time") on bad text.
HOTLINE_API Time parse_time(std::string_view text);
// "2025-01-24T10:00:00+08:00"
HOTLINE_API std::string format_time(Time t);
// The version of the library loaded at run time ("0.1.0").
HOTLINE_API const char* library_version() noexcept;

// A ticket as the intake desk registers it. Enumerations are the keys of the JSON form
// (docs/embedding.md "Ticket JSON").
struct Ticket {
  std::string id;                  // required
  std::string type = "help";       // consultation, help, complaint, report, suggestion, praise
  std::string category;            // required: dispatch-catalog category, e.g. "供水"
  std::string district;            // district or county, by id or name; may be empty
  std::string street;              // street or town, by id or name; may be empty
  std::string urgency = "normal";  // normal, urgent, major
  std::string channel = "phone";   // phone, web, wechat, email, platform, grid
  bool enterprise = false;
  std::string caller;              // pseudonymised caller key, for duplicate merging; never a phone number
  Time created = no_time;          // required unless dispatched is given
  Time dispatched = no_time;       // deadlines count from here when given
};

// A ticket in the JSON form of `hotline dispatch` (docs/embedding.md "Ticket JSON"). Throws
// Error (file "ticket") for bad JSON, a wrong type or a bad time; required fields are
// checked when the ticket is decided.
HOTLINE_API Ticket parse_ticket_json(std::string_view json);

struct Unit {
  std::string id;    // "zlsgs"
  std::string name;  // "商洛市自来水公司"
};

// One step of the trace: which rule fired, on which row, under which policy clause.
struct TraceStep {
  std::string rule;    // "dispatch.water"
  std::string row;     // the matched row as written in the rule file
  std::string clause;  // "[SL24 §11(二)]"
  std::string detail;
};

struct Decision {
  std::string ticket_id;
  std::string route;   // ticket, emergency, out_of_scope, direct_answer, merged
  std::string target;  // where a non-ticket goes ("110", the legal route, ...); may be empty
  std::optional<Unit> lead;  // for route "ticket"
  std::vector<Unit> co;      // co-handling units (协办)
  std::vector<Unit> copied;  // copied units (抄送)
  std::optional<Unit> escalate_to;  // unclear responsibility: where it goes if the lead cannot settle it
  Time accept_by = no_time, return_by = no_time, reply_by = no_time;
  int max_extensions = 0;
  std::string merged_into;  // the earlier ticket's id, for route "merged"
  bool manual = false;      // a rule failed: the ticket waits for manual dispatch
  std::string error;        // then "file:line: message"
  std::string revision;     // content hash of the rule set that decided
  std::vector<TraceStep> trace;
};

struct EngineOptions {
  // The shipped data (rulesets/, orgs/, calendars/). Empty: $HOTLINE_DATA, else the
  // install prefix's share/hotline beside the library (docs/embedding.md "Where the data is").
  std::string data_folder;
  // A folder of calendar files (*.csv, docs/calendar.md, loaded in name order) replacing
  // the rule set's calendar. Empty: the rule set's own.
  std::string calendar_folder;
  std::int64_t instruction_budget = 20'000'000;  // Lua VM instructions per rule call
  std::size_t memory_cap_bytes = std::size_t(64) << 20;  // per Lua state
  // Refuse a rule set whose own tests (tests/*.lua) fail. On by default; off only for tools.
  bool run_rule_tests = true;
  // Folders outside the rule set and the shipped data that the rule set's `org` and
  // `calendar` paths may name; by default such paths (absolute, or with "..") are refused.
  std::vector<std::string> allowed_folders;
  // Receives manual-dispatch notices and hotline.log() lines of rules, from any thread that
  // decides (so it must be thread-safe). Empty: dropped (the decision carries its error).
  std::function<void(std::string_view)> log;
};

struct RuleSetInfo {
  std::string id, name, version, effective;  // from ruleset.lua
  std::string revision;                      // content hash of the folder's files
  std::string folder;                        // absolute path
};

// One case of a rule set's own tests (tests/*.lua in the rule-set folder).
struct RuleTestCase {
  std::string file;     // "tests/dispatch.lua"
  int line = 0;         // where the case starts
  std::string name;     // the case's name, as written
  bool passed = false;
  std::string message;  // why it failed; empty when it passed
};

// The outcome of reload(): ok and the revision now in use, or the problems of the refused
// revision (the previous revision stays in use).
struct ReloadResult {
  bool ok = false;
  bool changed = false;   // ok, and the revision differs from the previous one
  std::string revision;   // the revision in use after the call
  std::vector<Problem> problems;
  HOTLINE_API std::string message() const;  // every problem on its own line; "" when ok
};

class HOTLINE_API Engine {
 public:
  // Loads, compiles, validates and tests a rule set: a folder, or the name of a shipped set
  // ("shangluo-2024"). Throws Error listing every problem (file:line: field: reason).
  explicit Engine(const std::string& ruleset, const EngineOptions& options = {});
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Intake, dispatch and deadlines for one ticket. A failing rule is not an exception: the
  // decision comes back with manual = true. Throws Error for a bad ticket (a required field
  // missing, an unknown type, urgency or channel).
  Decision decide(const Ticket& ticket) const;
  // The same for many tickets, in order, on one Lua state: every ticket is checked first,
  // and Error lists all bad ones ("ticket[3]: category: missing") before any is decided.
  std::vector<Decision> decide_batch(std::span<const Ticket> tickets) const;

  // JSON in and out, the form `hotline dispatch` reads and writes (docs/embedding.md).
  // One ticket object -> one decision object; Error for bad JSON or a bad ticket.
  std::string decide_json(std::string_view ticket_json) const;
  // JSON lines: one output line per non-blank input line, in order; a bad line becomes an
  // error record {"line": n, "error": "<source>:n: ..."} and the rest go on. `bad_lines`,
  // when given, receives the number of error records.
  std::string decide_json_lines(std::string_view lines, std::string_view source = "input",
                                std::size_t* bad_lines = nullptr) const;

  // Loads `ruleset` (empty: the folder in use, re-read) with this engine's options and
  // swaps it in only when it loads, compiles and passes its tests. Never throws for a bad
  // rule set; the result names the problems.
  ReloadResult reload(const std::string& ruleset = {});
  std::string revision() const;
  RuleSetInfo info() const;
  // Runs the rule set's own tests on the revision in use, on a Lua state of their own (the
  // states deciding tickets are not touched), and returns every case in file order. A
  // revision in use passed them when it was loaded, unless options.run_rule_tests was off.
  std::vector<RuleTestCase> rule_tests() const;
  // Decisions since construction that went to manual dispatch (a rule failed).
  std::uint64_t manual_count() const;

  // The working calendar of the rule set (or options.calendar_folder) [SL24 §12]. Throw
  // Error for a date outside the calendar's years.
  // The end (24:00 CST) of the n-th working day after the day of t (that day not counted).
  Time add_working_days(Time t, int n) const;
  // t + h hours counted inside working hours of working days.
  Time add_working_hours(Time t, double hours) const;
  // Working hours in [a, b); the inverse of add_working_hours.
  double working_hours_between(Time a, Time b) const;
  // Working days after the day of a whose end is not after b; the inverse of add_working_days.
  int working_days_between(Time a, Time b) const;
  bool is_working_day(Time t) const;

  struct Impl;  // opaque: defined and used only inside the library

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace hotline::api
