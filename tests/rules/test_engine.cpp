// The engine's fault paths: a rule that errors, loops or exhausts memory fails only that
// decision (manual dispatch, counted, logged, file:line: message); the stricter statutory
// limit wins; one engine per thread gives the same decisions.
#include <catch2/catch.hpp>

#include <thread>

#include "core/error.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/ticket_io.hpp"
#include "ruleset_fixture.hpp"

using namespace hotline;
using namespace hotline::rules;
using hotline::test::edit;
using hotline::test::line_of;
using hotline::test::scratch_ruleset;

namespace {
Ticket ticket(const char* category, const char* street = "sz-chengguan") {
  return hotline::test::shangluo_ticket(std::string("T-") + category, category, street);
}
// The Shangluo set with the rural-utilities function replaced by `body`.
std::shared_ptr<const RuleSet> with_choose(const std::string& name, const std::string& body) {
  auto dir = scratch_ruleset("shangluo-2024", name);
  edit(dir / "dispatch.lua", "if t.street and hotline.org.kind(t.street) == \"street\" then return \"water\" end", body);
  LoadOptions opt;
  opt.run_tests = false;
  opt.limits.instructions = 1'000'000;
  opt.limits.memory_bytes = std::size_t(16) << 20;
  return load_rule_set(dir, opt);
}
}  // namespace

TEST_CASE("a rule that errors, loops or exhausts memory sends only that ticket to manual dispatch", "[rules][engine][fault]") {
  struct Fault {
    const char* name;
    const char* body;
    const char* message;
  };
  for (const Fault& f : {Fault{"error", "error('no rule for ' .. t.category)", "no rule for 农村水电"},
                         Fault{"index", "return t.missing.field", "attempt to index a nil value (field 'missing')"},
                         Fault{"loop", "while true do end", "instruction budget of 1000000 exceeded"},
                         Fault{"swallow", "while true do pcall(function() while true do end end) end", "instruction budget"},
                         Fault{"memory", "local s = 'x' while true do s = s .. s end", "memory cap of 16384 KiB exceeded"},
                         Fault{"table-error", "error({reason = 'x'})", "error object is a table value"},
                         Fault{"bad-row", "return 'no_such_row'", "choose returned unknown row 'no_such_row'"},
                         Fault{"bad-type", "return 42", "choose must return a row id or nil, not a number"},
                         Fault{"write-global", "answer = 1", "read-only"}}) {
    INFO(f.name);
    auto rs = with_choose(std::string("fault-") + f.name, f.body);
    RuleEngine engine(rs);
    std::vector<std::string> log;
    engine.set_log_sink([&](std::string_view, std::string_view m) { log.emplace_back(m); });
    TicketDecision d = engine.decide(ticket("农村水电"));
    CHECK(d.manual);
    CHECK(d.lead == kNoUnit);
    CHECK(d.reply_by == kNoTime);
    CHECK(d.revision == rs->revision());
    CHECK(d.error.find(f.message) != std::string::npos);
    // file:line of the failing rule: the function's own line, or the row for C++-side checks
    int fn_line = line_of(rs->folder() / "dispatch.lua", f.body);
    int row_line = line_of(rs->folder() / "dispatch.lua", "id = \"rural_utilities\"");
    bool located = d.error.rfind("fault-" + std::string(f.name) + "/dispatch.lua:" + std::to_string(fn_line) + ": ", 0) == 0 ||
                   d.error.rfind("fault-" + std::string(f.name) + "/dispatch.lua:" + std::to_string(row_line) + ": ", 0) == 0;
    INFO(d.error);
    CHECK(located);
    REQUIRE_FALSE(d.trace.empty());
    CHECK(d.trace.back().rule == "engine.manual_dispatch");
    CHECK(engine.manual_count() == 1);
    REQUIRE(log.size() == 1);
    CHECK(log[0].find("T-农村水电 to manual dispatch") != std::string::npos);
    // The engine goes on: the next tickets are decided normally.
    TicketDecision next = engine.decide(ticket("供水"));
    CHECK_FALSE(next.manual);
    CHECK(rs->org().unit(next.lead).id == "zlsgs");
    CHECK(engine.decide(ticket("农村水电")).manual);
    CHECK(engine.manual_count() == 2);
  }
}

TEST_CASE("a date outside the calendar fails the decision, not the engine", "[rules][engine][fault]") {
  LoadOptions opt;
  opt.run_tests = false;
  auto rs = load_rule_set(data_dir() / "rulesets" / "shangluo-2024", opt);
  RuleEngine engine(rs);
  engine.set_log_sink([](std::string_view, std::string_view) {});
  Ticket t = ticket("物业管理");
  t.dispatched = make_time({rs->calendar().last_year() + 2, 3, 3}, 10);
  TicketDecision d = engine.decide(t);
  CHECK(d.manual);
  CHECK(d.error.rfind("shangluo-2024/deadlines.lua:", 0) == 0);
  CHECK(d.error.find(std::to_string(rs->calendar().last_year() + 2)) != std::string::npos);
  CHECK(engine.manual_count() == 1);
}

TEST_CASE("the stricter statutory limit wins over the table", "[rules][engine]") {
  auto dir = scratch_ruleset("shangluo-2024", "statutory");
  edit(dir / "dispatch.lua", "{ id = \"wages\",        category = \"欠薪\",     to = \"district\", clause = locality },",
       "{ id = \"wages\", category = \"欠薪\", to = \"district\", clause = locality,\n"
       "  statutory = { working_days = 3, basis = \"a test law with a 3-working-day limit\" } },\n"
       "{ id = \"loose\", category = \"社会保险\", to = \"district\", clause = locality,\n"
       "  statutory = { working_days = 9, basis = \"a test law with a looser limit\" } },");
  edit(dir / "dispatch.lua", "{ id = \"social_insurance\", category = \"社会保险\", to = \"district\", clause = locality },", "");
  LoadOptions opt;
  opt.run_tests = false;
  RuleEngine engine(load_rule_set(dir, opt));
  TicketDecision strict = engine.decide(ticket("欠薪"));
  CHECK(format_time(strict.reply_by) == "2025-03-07T00:00:00+08:00");  // 3 working days, not 5
  CHECK(strict.trace.back().rule == "deadlines.extensions");
  CHECK(std::any_of(strict.trace.begin(), strict.trace.end(),
                    [](const TraceStep& s) { return s.detail == "a test law with a 3-working-day limit"; }));
  TicketDecision loose = engine.decide(ticket("社会保险"));
  CHECK(format_time(loose.reply_by) == "2025-03-11T00:00:00+08:00");  // the table's 5 days stay
}

TEST_CASE("engines made by the factory on worker threads decide alike", "[rules][engine]") {
  LoadOptions opt;
  opt.run_tests = false;
  auto rs = load_rule_set(data_dir() / "rulesets" / "xian-2023", opt);
  auto factory = engine_factory(rs);
  std::vector<Ticket> tickets;
  for (const char* c : {"物业管理", "欠薪", "供水", "农村水电", "边界争议", "噪声扰民", "火灾"})
    for (const char* s : {"sz-chengguan", "sz-shahezi", ""}) tickets.push_back(ticket(c, s));
  auto run = [&](std::vector<TicketDecision>* out) {
    auto policy = factory();
    for (const Ticket& t : tickets) out->push_back(policy->decide(t));
  };
  std::vector<TicketDecision> a, b;
  std::thread ta(run, &a), tb(run, &b);
  ta.join();
  tb.join();
  REQUIRE(a.size() == tickets.size());
  REQUIRE(b.size() == tickets.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].lead == b[i].lead);
    CHECK(a[i].reply_by == b[i].reply_by);
    CHECK(a[i].trace.size() == b[i].trace.size());
    CHECK_FALSE(a[i].manual);
  }
}

TEST_CASE("decide_into reuses the decision and leaves nothing from the last ticket", "[rules][engine]") {
  LoadOptions opt;
  opt.run_tests = false;
  RuleEngine engine(load_rule_set(data_dir() / "rulesets" / "xian-2023", opt));
  TicketDecision d;
  engine.decide_into(ticket("欠薪"), d);
  CHECK_FALSE(d.co_units.empty());
  engine.decide_into(ticket("火灾"), d);
  CHECK(d.route == IntakeRoute::Emergency);
  CHECK(d.co_units.empty());
  CHECK(d.lead == kNoUnit);
  CHECK(d.reply_by == kNoTime);
  CHECK(d.trace.size() == 1);
}

TEST_CASE("the synthetic ticket mix is deterministic, has the bulletin shares and decides without failures", "[rules][engine]") {
  LoadOptions opt;
  opt.run_tests = false;
  for (const char* name : {"shangluo-2024", "xian-2023"}) {
    INFO(name);
    auto rs = load_rule_set(data_dir() / "rulesets" / name, opt);
    auto a = synthetic_tickets(*rs, 20000, 7);
    auto b = synthetic_tickets(*rs, 20000, 7);
    REQUIRE(a.size() == 20000);
    int help = 0, consultation = 0, phone = 0, same = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      same += a[i].category == b[i].category && a[i].street == b[i].street && a[i].created == b[i].created && a[i].type == b[i].type;
      help += a[i].type == RequestType::Help;
      consultation += a[i].type == RequestType::Consultation;
      phone += a[i].channel == Channel::Phone;
    }
    CHECK(same == 20000);
    CHECK(std::abs(help / 20000.0 - 0.7574) < 0.02);
    CHECK(std::abs(consultation / 20000.0 - 0.1980) < 0.02);
    CHECK(std::abs(phone / 20000.0 - 0.8899) < 0.02);
    RuleEngine engine(rs);
    TicketDecision d;
    int tickets = 0;
    for (const Ticket& t : a) {
      engine.decide_into(t, d);
      tickets += d.route == IntakeRoute::Ticket;
      if (d.route == IntakeRoute::Ticket) REQUIRE(d.lead != kNoUnit);
    }
    CHECK(engine.manual_count() == 0);
    CHECK(tickets > 19000);
  }
}

TEST_CASE("the on-time rate is on time over closed plus overdue open, as in the published bulletin",
          "[rules][engine][indicators]") {
  LoadOptions opt;
  opt.run_tests = false;
  auto rs = load_rule_set(data_dir() / "rulesets" / "shangluo-2024", opt);
  RuleEngine engine(rs);
  // Rows of the January 2025 table [SL24 bulletin]: 市联通公司 9 handled, 3 on time, 1 late,
  // 5 overdue open -> 33.33%; 市移动公司 27, 16, 11, 0 -> 59.26%; 市司法局 3, 0, 0, 3 -> 0%.
  auto row = [&](const char* unit, int handled, int on_time, int late, int overdue) {
    UnitPeriodCounts c;
    c.unit = rs->org().find(unit);
    REQUIRE(c.unit != kNoUnit);
    c.handled = handled, c.on_time = on_time, c.late = late, c.overdue_open = overdue, c.closed = on_time + late;
    return c;
  };
  UnitPeriodCounts open_not_due = row("商州区", 10, 6, 2, 0);  // 2 open, not yet due: not counted
  const auto u = engine.indicators({row("市联通公司", 9, 3, 1, 5), row("市移动公司", 27, 16, 11, 0),
                                    row("市司法局", 3, 0, 0, 3), open_not_due, row("洛南县", 4, 0, 0, 0)});
  REQUIRE(u.size() == 5);
  CHECK(u[0].on_time_rate == Approx(3.0 / 9));
  CHECK(u[1].on_time_rate == Approx(16.0 / 27));
  CHECK(u[2].on_time_rate == 0);
  CHECK(u[3].on_time_rate == Approx(6.0 / 8));
  CHECK(u[4].on_time_rate == 0);  // nothing known yet
}

TEST_CASE("Extension requests are approved or refused by the rule set's extension rules", "[rules][engine][extension]") {
  LoadOptions opt;
  opt.run_tests = false;
  RuleEngine engine(load_rule_set(data_dir() / "rulesets" / "shangluo-2024", opt));
  ExtensionRequest rq;
  rq.dispatched = make_time({2025, 3, 3}, 10);
  rq.reply_by = make_time({2025, 3, 11});
  rq.requested = rq.reply_by - 3600;
  const ExtensionReview ok = engine.review_extension(rq);
  CHECK(ok.approved);
  CHECK(ok.rule.clause == "[SL24 §16, §21(二)]");
  rq.granted_before = 2;  // the third request
  CHECK_FALSE(engine.review_extension(rq).approved);
  CHECK(engine.review_extension(rq).rule.rule == "deadlines.extensions");
  rq.granted_before = 1;
  CHECK(engine.review_extension(rq).approved);
  rq.requested = rq.reply_by + 60;  // after the limit
  CHECK(engine.review_extension(rq).rule.rule == "deadlines.extension_after_deadline");
  rq.requested = rq.reply_by - 60;
  rq.citizen_consent = false;
  CHECK(engine.review_extension(rq).rule.rule == "deadlines.extension_no_consent");
  rq.citizen_consent = true;
  rq.urgency = Urgency::Major;  // 突发类事项 cannot be extended
  CHECK(engine.review_extension(rq).rule.rule == "deadlines.extension_emergency");
  CHECK_FALSE(engine.review_extension(rq).approved);
}

TEST_CASE("An unknown extension refusal fact is a load error naming the line", "[rules][engine][extension]") {
  auto dir = scratch_ruleset("shangluo-2024", "ext-fact");
  edit(dir / "deadlines.lua", "when = \"no_citizen_consent\"", "when = \"moon_phase\"");
  LoadOptions opt;
  opt.run_tests = false;
  try {
    load_rule_set(dir, opt);
    FAIL("loaded");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("deadlines.lua:" + std::to_string(line_of(dir / "deadlines.lua", "moon_phase"))) &&
                             Catch::Contains("extension_no_consent.when: unknown fact 'moon_phase'"));
  }
}
