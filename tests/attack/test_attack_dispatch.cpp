// Attacks on the `hotline dispatch` stream (issue 12): bad lines of every kind interleaved
// with good ones; each bad line is one error record, every good line is still decided, and
// no phone number reaches stdout or stderr. Runs the real binary.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/attack/values_support.hpp"

using namespace hotline::attack;

namespace {

std::string good(int n) {
  return R"({"id": "G)" + std::to_string(n) +
         R"(", "type": "help", "category": "供水", "district": "luonan", "dispatched": "2025-03-03 10:00"})";
}

struct Stream {
  Result run;
  std::vector<nlohmann::json> records;  // one per output line
};

Stream dispatch(const std::string& name, const std::string& input) {
  Stream s;
  s.run = run_hotline(name, "dispatch --rules shangluo-2024", input);
  std::stringstream lines(s.run.out);
  for (std::string line; std::getline(lines, line);) s.records.push_back(nlohmann::json::parse(line));
  return s;
}

}  // namespace

TEST_CASE("bad lines of every kind are error records and every good line is still decided", "[attack][dispatch]") {
  const std::vector<std::string> bad = {
      "{\"id\": \"B\xC0\xAF\", \"type\": \"help\", \"category\": \"x\"}",        // overlong
      "{\"id\": \"B\xED\xA0\x80\", \"type\": \"help\", \"category\": \"x\"}",    // surrogate
      "{\"id\": \"B\xE4\xBE\", \"type\": \"help\", \"category\": \"x\"}",        // truncated
      "\xFF\xFE{}",                                                             // not UTF-8 at all
      "{\"id\": \"B" + std::string(1, '\0') + "\", \"type\": \"help\"}",            // a raw NUL
      R"({"id": "B", "type": "help", "category": "\u0000x"})",                  // an escaped NUL
      R"({"id": "B", "type": "help", "category": "\u001b[31m"})",               // an escaped control
      R"({"id": "B", "type": "help", "category": "\ud800"})",                   // a lone surrogate escape
      "{not json at all, call 139-1234-5678",                                   // bad JSON with a phone
      R"({"id": "B", "type": "139 1234 5678", "category": "供水"})",           // a phone as a type
      R"({"id": "B", "type": "help", "category": "供水", "created": "2025-03-03 10:00", "dispatched": "2025-03-03 09:59"})",
      R"({"id": "B", "type": "help", "category": "供水", "created": 99999999999999})",
      R"({"id": "B", "type": "help", "category": "供水", "created": -5})",
      R"({"id": ")" + std::string(65, 'i') + R"(", "type": "help", "category": "供水", "dispatched": "2025-03-03 10:00"})",
      R"({"id": "B", "type": "help", "category": ")" + std::string(300, 'c') + R"(", "dispatched": "2025-03-03 10:00"})",
      "{\"id\": \"B\", \"category\": \"" + std::string(2 << 20, 'x') + "\"}",  // a 2 MB line
      "[1, 2, 3]",
      "\"just a string\"",
  };
  std::string input;
  int line = 0, goods = 0;
  std::vector<int> bad_lines, good_lines;
  for (const std::string& b : bad) {
    input += good(goods++) + "\n";
    good_lines.push_back(++line);
    input += b + "\n";
    bad_lines.push_back(++line);
  }
  input += good(goods++) + "\n";  // the last line without a newline too
  good_lines.push_back(++line);
  input += good(goods++);
  good_lines.push_back(++line);
  Stream s = dispatch("dispatch-mix", input);
  INFO(s.run.err);
  CHECK(s.run.code == 0);
  REQUIRE(s.records.size() == bad.size() + std::size_t(goods));
  int g = 0;
  std::size_t b = 0;
  for (const nlohmann::json& r : s.records) {
    if (r.contains("error") && r.contains("line") && !r.contains("route")) {
      REQUIRE(b < bad_lines.size());
      INFO("bad line " << bad_lines[b] << ": " << r.dump());
      CHECK(r["line"] == bad_lines[b]);
      CHECK(r["error"].get<std::string>().rfind("stdin:" + std::to_string(bad_lines[b]) + ": ", 0) == 0);
      CHECK(r["error"].get<std::string>().size() < 300);  // a short excerpt at most
      ++b;
    } else {
      CHECK(r["id"] == "G" + std::to_string(g));
      CHECK(r["lead"]["id"] == "zlsgs");
      ++g;
    }
  }
  CHECK(g == goods);
  CHECK(b == bad.size());
  CHECK(has(s.run.err, std::to_string(goods) + " decisions (0 manual), " + std::to_string(bad.size()) + " bad lines"));
  CHECK_FALSE(leaks(s.run.out + s.run.err, "13912345678"));
}

TEST_CASE("dispatch error records name the reason without echoing the line", "[attack][dispatch]") {
  const std::pair<std::string, std::string> cases[] = {
      {"{\"id\": \"B\xC0\xAF\"}", "not valid UTF-8 at byte 10"},
      {"{\"id\": 13912345678", "invalid JSON: syntax error at byte "},
      {R"({"id": "B", "type": "help", "category": "x\u0007"})", "category: control character at byte 2"},
      {R"({"id": "B", "type": "help", "category": "供水", "created": "2025-03-03 10:00", "dispatched": "2025-03-02 10:00"})",
       "dispatched: 2025-03-02T10:00:00+08:00 is before created 2025-03-03T10:00:00+08:00"},
      {R"({"id": "B", "type": "help", "category": "供水", "created": 4102444800})", "created: out of range (years 2000 to 2099)"},
      {R"({"id": "B", "type": "+86 139 1234 5678", "category": "供水", "created": "2025-03-03 10:00"})", "type: unknown value '"},
      {R"({"id": ")" + std::string(65, 'i') + R"(", "category": "x"})", "id: 65 bytes; at most 64"},
      {"{\"id\": \"B\", \"category\": \"" + std::string(1 << 21, 'x') + "\"}", "line longer than 1 MiB"},
  };
  int i = 0;
  for (const auto& [line, reason] : cases) {
    INFO(reason);
    Stream s = dispatch("dispatch-reason-" + std::to_string(i++), line + "\n" + good(0) + "\n");
    REQUIRE(s.records.size() == 2);
    CHECK(s.records[0]["line"] == 1);
    CHECK(has(s.records[0]["error"].get<std::string>(), reason));
    CHECK(s.records[1]["id"] == "G0");
    CHECK_FALSE(leaks(s.run.out + s.run.err, "13912345678"));
  }
}
