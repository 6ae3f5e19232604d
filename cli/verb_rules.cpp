// `hotline rules check|test|explain|diff|bench`: validate a rule set, run its tests, explain
// one decision with its trace, compare two sets as data, and measure decisions per second.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cli/verb.hpp"
#include "hotline/hotline.hpp"
#include "rules/engine.hpp"
#include "rules/rule_tests.hpp"
#include "rules/ruleset_diff.hpp"
#include "rules/trace_text.hpp"
#include "rules/ticket_io.hpp"
#include "rules/loader.hpp"

namespace {
using namespace hotline;
using namespace hotline::rules;

struct Options {
  std::string ruleset, other, ticket_file, lang = "zh";
  bool json = false, no_tests = false;
  std::size_t tickets = 200000;
  std::vector<std::string> allow_folders;  // --allow-folder: where org/calendar paths may lead
};

bool zh(const Options& o) { return o.lang != "en"; }
const char* tr(const Options& o, const char* zh_text, const char* en_text) { return zh(o) ? zh_text : en_text; }

// `arg` (a folder or a shipped name) with the folders --allow-folder lets its org and calendar name.
std::shared_ptr<const RuleSet> load(const Options& o, const std::string& arg, bool tests) {
  LoadOptions opt;
  opt.run_tests = tests;
  for (const std::string& f : o.allow_folders) opt.allowed_folders.emplace_back(f);
  return load_rule_set(find_ruleset(arg), opt);
}

void check(const Options& o) {
  auto rs = load(o, o.ruleset, !o.no_tests);
  const ManifestInfo& m = rs->manifest();
  std::size_t tests = 0;
  if (!o.no_tests) {
    RuleEngine engine(rs);
    tests = run_rule_tests(engine).size();
  }
  fmt::print("{} {}  {}\n", tr(o, "规则集", "Rule set"), m.id, m.name);
  fmt::print("{}: {}  {}: {}  {}: {}\n", tr(o, "版本", "Version"), m.version, tr(o, "生效", "Effective"), m.effective,
             tr(o, "修订", "Revision"), rs->revision());
  fmt::print("{}: {} ({} {})  {}: {} {}-{}\n", tr(o, "组织", "Org graph"), m.org, rs->org().size(), tr(o, "个单位", "units"),
             tr(o, "日历", "Calendar"), m.calendar, rs->calendar().first_year(), rs->calendar().last_year());
  for (const auto& s : m.sources) fmt::print("  {} {}\n", tr(o, "依据", "Source"), s);
  std::size_t fn_rows = 0;
  for (const auto& r : rs->tables().catalog) fn_rows += r.function >= 0;
  fmt::print("{}: {}\n", tr(o, "受理规则", "Intake rules"), rs->tables().intake_rows.size());
  fmt::print("{}: {} {} / {} {} ({} {})\n", tr(o, "派单目录", "Dispatch catalog"), rs->tables().catalog.size(), tr(o, "行", "rows"),
             rs->category_count(), tr(o, "个类别", "categories"), fn_rows, tr(o, "行含函数", "rows with a function"));
  fmt::print("{}: {} {} / {} {} / {} {}\n", tr(o, "时限表", "Limit tables"), rs->tables().accept.rows.size(), tr(o, "签收", "accept"),
             rs->tables().return_window.rows.size(), tr(o, "退单", "return"), rs->tables().reply.rows.size(), tr(o, "办结/反馈", "reply"));
  fmt::print("{}: {}  {}: {}  {}: {}  {}: {}\n", tr(o, "退单审核", "Return refusals"), rs->tables().return_refusals.size(),
             tr(o, "异常上报", "Escalation rules"), rs->tables().escalation_rows.size(), tr(o, "评价类别", "Unit classes"),
             rs->tables().unit_classes.size(), tr(o, "分流规则", "Diversion rules"), rs->tables().diversion_rows.size());
  if (o.no_tests) fmt::print("{}\n", tr(o, "测试：未运行（--no-tests）", "Tests: not run (--no-tests)"));
  else fmt::print("{}: {} {}\n", tr(o, "测试", "Tests"), tests, tr(o, "例全部通过", "cases, all passed"));
}

// The rule set in the public Engine, as production systems run it; tests run by the caller.
hotline::api::Engine engine_without_tests(const Options& o) {
  hotline::api::EngineOptions eo;
  eo.run_rule_tests = false;
  eo.allowed_folders = o.allow_folders;
  return hotline::api::Engine(o.ruleset, eo);
}

void test(const Options& o) {
  const hotline::api::Engine engine = engine_without_tests(o);
  int passed = 0, failed = 0;
  for (const hotline::api::RuleTestCase& r : engine.rule_tests()) {
    if (r.passed) ++passed;
    else ++failed;
    fmt::print("{} {}:{}: {}{}{}\n", r.passed ? "PASS" : "FAIL", r.file, r.line, r.name, r.passed ? "" : ": ", r.message);
  }
  fmt::print("{}: {} {}, {} {}\n", engine.info().id, passed, tr(o, "通过", "passed"), failed, tr(o, "失败", "failed"));
  if (failed > 0) cli::exit_code() = 1;
}

std::string show_time(hotline::api::Time t) { return t == hotline::api::no_time ? "-" : hotline::api::format_time(t); }

std::string read_ticket_file(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file, 0, "", "cannot read the ticket file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void print_decision(const Options& o, const hotline::api::Decision& d, const std::string& ruleset_id) {
  auto unit = [](const hotline::api::Unit& u) { return u.name + " (" + u.id + ")"; };
  auto units = [&](const std::vector<hotline::api::Unit>& v) {
    std::string s;
    for (const auto& u : v) s += (s.empty() ? "" : ", ") + unit(u);
    return s.empty() ? std::string("-") : s;
  };
  fmt::print("{} {}  {} {}@{}\n", tr(o, "工单", "Ticket"), d.ticket_id, tr(o, "规则集", "rule set"), ruleset_id, d.revision);
  fmt::print("{}: {}{}\n", tr(o, "受理", "Intake"), d.route, d.target.empty() ? "" : " -> " + d.target);
  if (d.manual) fmt::print("{}: {}\n", tr(o, "人工派单", "Manual dispatch"), d.error);
  if (d.route == "ticket" && !d.manual) {
    fmt::print("{}: {}\n{}: {}\n{}: {}\n", tr(o, "主办", "Lead"), d.lead ? unit(*d.lead) : "-", tr(o, "协办", "Co-handling"),
               units(d.co), tr(o, "抄送", "Copied"), units(d.copied));
    if (d.escalate_to) fmt::print("{}: {}\n", tr(o, "协调不成上报", "Unresolved goes to"), unit(*d.escalate_to));
    fmt::print("{}: {}\n{}: {}\n{}: {}\n{}: {}\n", tr(o, "签收时限", "Accept by"), show_time(d.accept_by),
               tr(o, "退单时限", "Return by"), show_time(d.return_by), tr(o, "办结时限", "Reply by"), show_time(d.reply_by),
               tr(o, "最多延期", "Max extensions"), d.max_extensions);
  }
  if (!d.merged_into.empty()) fmt::print("{}: {}\n", tr(o, "并入工单", "Merged into"), d.merged_into);
  fmt::print("{}:\n", tr(o, "决策轨迹", "Trace"));
  int i = 0;
  for (const hotline::api::TraceStep& s : d.trace)
    fmt::print("  {}. {}  {}  {}{}\n", ++i, s.rule, s.clause, trace_text(s.row, zh(o)),
               s.detail.empty() ? "" : "  [" + trace_text(s.detail, zh(o)) + "]");
}

void explain(const Options& o) {
  const hotline::api::Engine engine = engine_without_tests(o);
  const std::string text = read_ticket_file(o.ticket_file);
  try {
    if (o.json) {
      fmt::print("{}\n", nlohmann::json::parse(engine.decide_json(text)).dump(2));
      return;
    }
    print_decision(o, engine.decide(hotline::api::parse_ticket_json(text)), engine.info().id);
  } catch (const hotline::api::Error& e) {  // the ticket: name the file it came from
    std::vector<InputProblem> problems;
    for (const hotline::api::Problem& p : e.problems()) problems.push_back({o.ticket_file, 0, p.field, p.reason});
    throw InputError(std::move(problems));
  }
}

void diff(const Options& o) {
  auto a = load(o, o.ruleset, false);
  auto b = load(o, o.other, false);
  fmt::print("{} {}@{} -> {}@{}\n", tr(o, "比较", "Compare"), a->manifest().id, a->revision(), b->manifest().id, b->revision());
  int changed = 0, added = 0, removed = 0, same = 0;
  using Change = ParameterDiff::Change;
  auto text = [&](const std::string& s) { return trace_text(s, zh(o)); };
  for (const ParameterDiff& d : diff_parameters(*a, *b)) {
    if (d.change == Change::Added) fmt::print("+ {}: {}\n", d.name, text(d.after)), ++added;
    else if (d.change == Change::Removed) fmt::print("- {}: {}\n", d.name, text(d.before)), ++removed;
    else if (d.change == Change::Changed) fmt::print("~ {}: {} -> {}\n", d.name, text(d.before), text(d.after)), ++changed;
    else ++same;
  }
  fmt::print("{}: {} {}, {} {}, {} {}, {} {}\n", tr(o, "合计", "Total"), changed, tr(o, "项变更", "changed"), added,
             tr(o, "项新增", "added"), removed, tr(o, "项删除", "removed"), same, tr(o, "项相同", "unchanged"));
}

void bench(const Options& o) {
  auto rs = load(o, o.ruleset, false);
  RuleEngine engine(rs);
  engine.set_log_sink([](std::string_view, std::string_view) {});
  std::vector<Ticket> tickets = synthetic_tickets(*rs, std::min<std::size_t>(o.tickets, 100000), 20250101);
  TicketDecision d;
  auto rate = [&](unsigned stages) {
    for (const Ticket& t : tickets) engine.decide_stages(t, d, stages);  // warm up
    auto start = std::chrono::steady_clock::now();
    std::size_t n = 0;
    while (n < o.tickets)
      for (const Ticket& t : tickets) {
        engine.decide_stages(t, d, stages);
        if (++n == o.tickets) break;
      }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return std::pair{double(n) / s, s / double(n) * 1e9};
  };
  std::fprintf(stderr, "rules bench: %zu decisions per stage on one thread...\n", o.tickets);
  auto [full, full_ns] = rate(RuleEngine::kAll);
  auto [intake, intake_ns] = rate(RuleEngine::kIntake);
  auto [dispatch, dispatch_ns] = rate(RuleEngine::kIntake | RuleEngine::kDispatch);
  fmt::print("{} {}@{}, {} {}\n", tr(o, "规则集", "Rule set"), rs->manifest().id, rs->revision(), o.tickets,
             tr(o, "次决策/阶段（合成工单组合）", "decisions per stage (synthetic ticket mix)"));
  fmt::print("{}: {:.0f} {}/s ({:.0f} ns)\n", tr(o, "完整决策", "Full decisions"), full, tr(o, "次", "decisions"), full_ns);
  fmt::print("  {}: {:.0f} ns\n  {}: {:.0f} ns\n  {}: {:.0f} ns\n", tr(o, "受理", "intake"), intake_ns, tr(o, "派单", "dispatch"),
             dispatch_ns - intake_ns, tr(o, "时限", "deadlines"), full_ns - dispatch_ns);
  fmt::print("{}: {}\n", tr(o, "人工派单", "Manual dispatch"), engine.manual_count());
}

void setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* rules = app.add_subcommand("rules", "Check, test, explain, compare and benchmark a rule set (a folder of Lua files)");
  rules->require_subcommand(1);
  auto ruleset_arg = [&](CLI::App* c) {
    c->add_option("RULESET", o->ruleset, "Rule set folder, or the name of a shipped one (shangluo-2024, xian-2023)")->required();
    c->add_option("--allow-folder", o->allow_folders,
                  "A folder outside the rule set and the shipped data that its org and calendar paths may name (repeatable)");
  };
  auto lang = [&](CLI::App* c) { c->add_option("--lang", o->lang, "Report language: zh (default) or en")->check(CLI::IsMember({"zh", "en"})); };

  auto* c = rules->add_subcommand("check", "Validate a rule set (files, units, limit tables, its tests) and print what it holds");
  ruleset_arg(c);
  lang(c);
  c->add_flag("--no-tests", o->no_tests, "Validate without running the rule set's tests");
  c->callback([o] { check(*o); });

  auto* t = rules->add_subcommand("test", "Run the rule set's tests/*.lua: one PASS/FAIL line per case and a summary; exit 1 on failure");
  ruleset_arg(t);
  lang(t);
  t->callback([o] { test(*o); });

  auto* e = rules->add_subcommand("explain", "Decide one ticket (JSON) and print the decision with its full trace");
  ruleset_arg(e);
  lang(e);
  e->add_option("--ticket", o->ticket_file, "Ticket as a JSON object: id, type, category, district, street, urgency, created ...")->required();
  e->add_flag("--json", o->json, "Print the decision as JSON");
  e->callback([o] { explain(*o); });

  auto* d = rules->add_subcommand("diff", "Compare two rule sets as data: catalog rows, limits, thresholds, weights, layout");
  ruleset_arg(d);
  d->add_option("OTHER", o->other, "The revised rule set (folder or shipped name)")->required();
  lang(d);
  d->callback([o] { diff(*o); });

  auto* b = rules->add_subcommand("bench", "Measure full decisions per second on one thread, with the per-stage split");
  ruleset_arg(b);
  lang(b);
  b->add_option("--tickets", o->tickets, "Decisions per stage (default 200000)")->check(CLI::Range(std::size_t(1000), std::size_t(100000000)));
  b->callback([o] { bench(*o); });
}
HOTLINE_VERB("rules", setup);
}  // namespace
