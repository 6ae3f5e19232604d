// `hotline dispatch --rules RULESET < tickets.jsonl > decisions.jsonl`: streaming dispatch
// for production integration. One decision per input line; a bad line gets an error record
// with its line number and the stream goes on.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/verb.hpp"
#include "core/redact.hpp"
#include "hotline/hotline.hpp"

namespace {
using namespace hotline;

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

// The error record of line `n`: "stdin:n: field: reason", masked, never the line itself.
nlohmann::json error_record(std::size_t n, const std::vector<hotline::api::Problem>& problems) {
  std::string text;
  for (const hotline::api::Problem& p : problems)
    text += (text.empty() ? "" : "; ") + ("stdin:" + std::to_string(n) + ": ") + (p.field.empty() ? "" : p.field + ": ") + p.reason;
  return {{"line", n}, {"error", mask_personal(text)}};
}

// Each line is decoded and decided on its own by the public Engine (the rule set's tests run
// at load: a set that fails them never dispatches); nothing of a bad line reaches the next.
void run(const Options& o) {
  hotline::api::EngineOptions eo;
  eo.allowed_folders = o.allow_folders;
  const hotline::api::Engine engine(o.ruleset, eo);
  std::ios::sync_with_stdio(false);
  std::string line;
  std::size_t n = 0, decided = 0, errors = 0;
  bool too_long = false;
  while (read_line(*std::cin.rdbuf(), line, too_long)) {
    ++n;
    if (!too_long && line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      if (too_long) throw hotline::api::Error({{"ticket", 0, "", "line longer than 1 MiB"}});
      std::cout << engine.decide_json(line) << '\n';
      ++decided;
    } catch (const hotline::api::Error& e) {
      // replace: a byte that is not UTF-8 can never make dump() throw and end the stream.
      std::cout << error_record(n, e.problems()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      ++errors;
    }
    if (n % 100000 == 0) std::fprintf(stderr, "hotline dispatch: %zu lines\n", n);
  }
  std::cout.flush();
  const hotline::api::RuleSetInfo info = engine.info();
  std::fprintf(stderr, "hotline dispatch: %zu decisions (%llu manual), %zu bad lines, rule set %s@%s\n", decided,
               static_cast<unsigned long long>(engine.manual_count()), errors, info.id.c_str(), info.revision.c_str());
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
