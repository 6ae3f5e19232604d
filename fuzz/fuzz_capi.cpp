// libFuzzer harness: the C API (include/hotline/hotline.h). One engine over the shipped
// Shangluo rule set is opened once per process (small instruction budget, no rule tests);
// each input goes to hotline_decide as one ticket and to hotline_decide_batch as JSON
// lines. Checked: the status is a known one; on success the output is there, on failure it
// is NULL and the message is NUL-terminated inside its buffer; a batch has one output line
// per non-blank input line; every returned string is freed (LeakSanitizer).
#include <algorithm>
#include <cstring>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "hotline/hotline.h"

namespace {

using hotline::fuzz::require;

hotline_engine* engine() {
  static hotline_engine* e = [] {
    char err[512];
    hotline_engine* opened = nullptr;
    const char* options = "{\"instruction_budget\": 200000, \"run_rule_tests\": false}";
    if (hotline_engine_open("shangluo-2024", options, &opened, err, sizeof err) != HOTLINE_OK) {
      std::fprintf(stderr, "fuzz_capi: cannot open the engine: %s\n", err);
      std::abort();
    }
    return opened;
  }();
  return e;
}

// The message buffer: filled with a canary so that a missing NUL is seen.
struct Message {
  char text[96];
  Message() { std::memset(text, 'x', sizeof text); }
  bool terminated() const { return std::memchr(text, '\0', sizeof text) != nullptr; }
};

void check_call(int status, char* out, const Message& err) {
  require(status >= HOTLINE_OK && status <= HOTLINE_E_INTERNAL, "a known status");
  if (status == HOTLINE_E_INTERNAL) std::fprintf(stderr, "fuzz_capi: internal error: %.96s\n", err.text);
  require(status != HOTLINE_E_INTERNAL, "no internal error");
  require(err.terminated(), "the message is NUL-terminated inside its buffer");
  require((status == HOTLINE_OK) == (out != nullptr), "an output exactly on success");
  if (status == HOTLINE_OK) require(err.text[0] == '\0', "no message on success");
}

std::size_t non_blank_lines(const std::string& text) {
  std::size_t n = 0, start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) ++n;
    start = end + 1;
  }
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(hotline::fuzz::as_text(data, size));
  if (text.find('\0') != std::string::npos) return 0;  // C strings: the bytes up to a NUL only
  hotline_engine* e = engine();

  Message err;
  char* decision = nullptr;
  int status = hotline_decide(e, text.c_str(), &decision, err.text, sizeof err.text);
  check_call(status, decision, err);
  hotline_free(decision);

  Message batch_err;
  char* decisions = nullptr;
  std::size_t bad = 0;
  status = hotline_decide_batch(e, text.c_str(), &decisions, &bad, batch_err.text, sizeof batch_err.text);
  check_call(status, decisions, batch_err);
  if (decisions) {
    const std::string out(decisions);
    const auto lines = std::size_t(std::count(out.begin(), out.end(), '\n'));
    require(lines == non_blank_lines(text), "one output line per non-blank input line");
    require(bad <= lines, "bad lines are among the output lines");
  }
  hotline_free(decisions);
  return 0;
}
