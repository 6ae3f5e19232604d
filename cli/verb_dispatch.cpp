// `hotline dispatch --rules RULESET < tickets.jsonl > decisions.jsonl`: streaming dispatch
// for production integration. One decision per input line; a bad line gets an error record
// with its line number and the stream goes on.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/verb.hpp"
#include "rules/engine.hpp"
#include "rules/ticket_io.hpp"

namespace {
using namespace hotline;
using namespace hotline::rules;

struct Options {
  std::string ruleset;
  std::vector<std::string> allow_folders;
};

void run(const Options& o) {
  LoadOptions opt;  // tests run: a set that fails them never dispatches
  for (const std::string& f : o.allow_folders) opt.allowed_folders.emplace_back(f);
  auto rs = RuleSet::load(find_ruleset(o.ruleset), opt);
  RuleEngine engine(rs);
  std::ios::sync_with_stdio(false);
  std::string line;
  std::size_t n = 0, decided = 0, errors = 0;
  TicketDecision d;
  while (std::getline(std::cin, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json out;
    try {
      Ticket t = ticket_from_json(nlohmann::json::parse(line));
      engine.decide_into(t, d);
      out = decision_to_json(t, d, *rs);
      ++decided;
    } catch (const std::exception& e) {
      out = {{"line", n}, {"error", std::string("stdin:") + std::to_string(n) + ": " + e.what()}};
      ++errors;
    }
    std::cout << out.dump() << '\n';
    if (n % 100000 == 0) std::fprintf(stderr, "hotline dispatch: %zu lines\n", n);
  }
  std::cout.flush();
  std::fprintf(stderr, "hotline dispatch: %zu decisions (%llu manual), %zu bad lines, rule set %s@%s\n", decided,
               static_cast<unsigned long long>(engine.manual_count()), errors, rs->manifest().id.c_str(), rs->revision().c_str());
}

void setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("dispatch",
                                 "Decide tickets streamed as JSON lines on stdin; write one decision (or error record) per line");
  cmd->add_option("--rules", o->ruleset, "Rule set folder, or the name of a shipped one")->required();
  cmd->add_option("--allow-folder", o->allow_folders,
                  "A folder outside the rule set and the shipped data that its org and calendar paths may name (repeatable)");
  cmd->callback([o] { run(*o); });
}
HOTLINE_VERB("dispatch", setup);
}  // namespace
