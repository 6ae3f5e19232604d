// `hotline dispatch --rules RULESET < tickets.jsonl > decisions.jsonl`: streaming dispatch
// for production integration. One decision per input line; a bad line gets an error record
// with its line number and the stream goes on.
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/verb.hpp"
#include "core/redact.hpp"
#include "core/text.hpp"
#include "rules/engine.hpp"
#include "rules/ticket_io.hpp"

namespace {
using namespace hotline;
using namespace hotline::rules;

struct Options {
  std::string ruleset;
  std::vector<std::string> allow_folders;
};

// Lines longer than this (1 MiB) are skipped (read, not kept) and get an error record.
constexpr std::size_t kMaxLineBytes = 1 << 20;

// Reads one line of `in` into `line` (without the '\n'); false at the end of input. A
// line over kMaxLineBytes is read to its end but not kept: `too_long` is set.
bool read_line(std::streambuf& in, std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  int c = in.sbumpc();
  if (c == std::char_traits<char>::eof()) return false;
  for (; c != std::char_traits<char>::eof() && c != '\n'; c = in.sbumpc()) {
    if (line.size() < kMaxLineBytes) line += char(c);
    else too_long = true;
  }
  return true;
}

// Decides one line, or throws std::invalid_argument with a reason that quotes at most a
// short masked excerpt of the line. Each line is decoded on its own: nothing of a bad line
// reaches the next.
nlohmann::json decide_line(const std::string& line, RuleEngine& engine, const RuleSet& rs, TicketDecision& d) {
  if (const std::size_t at = invalid_utf8_at(line); at != std::string::npos)
    throw std::invalid_argument("not valid UTF-8 at byte " + std::to_string(at + 1));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::invalid_argument("not valid JSON at byte " + std::to_string(e.byte) + ": " + excerpt(line));
  }
  Ticket t = ticket_from_json(j);
  engine.decide_into(t, d);
  return decision_to_json(t, d, rs);
}

void run(const Options& o) {
  LoadOptions opt;  // tests run: a set that fails them never dispatches
  for (const std::string& f : o.allow_folders) opt.allowed_folders.emplace_back(f);
  auto rs = RuleSet::load(find_ruleset(o.ruleset), opt);
  RuleEngine engine(rs);
  std::ios::sync_with_stdio(false);
  std::string line;
  std::size_t n = 0, decided = 0, errors = 0;
  bool too_long = false;
  TicketDecision d;
  while (read_line(*std::cin.rdbuf(), line, too_long)) {
    ++n;
    if (!too_long && line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json out;
    try {
      if (too_long) throw std::invalid_argument("line longer than 1 MiB");
      out = decide_line(line, engine, *rs, d);
      ++decided;
    } catch (const std::exception& e) {
      out = {{"line", n}, {"error", mask_personal("stdin:" + std::to_string(n) + ": " + e.what())}};
      ++errors;
    }
    // replace: a byte that is not UTF-8 can never make dump() throw and end the stream.
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
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
