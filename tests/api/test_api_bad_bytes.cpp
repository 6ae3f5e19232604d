// Bytes that are not UTF-8 in a batch of JSON lines (found by fuzz/fuzz_capi.cpp: one such
// byte made the whole batch fail, because the parser's message quotes it and the error record
// could not be written as JSON). Each bad line gets its own error record, written as valid
// UTF-8; the lines around it are decided as usual.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "api_fixture.hpp"
#include "hotline/hotline.hpp"

using namespace hotline::api;

namespace {

const Engine& engine() {
  static const Engine e("shangluo-2024");
  return e;
}

// True if `s` is well-formed UTF-8 (no stray continuation byte, no truncated or overlong
// sequence, no surrogate, nothing past U+10FFFF).
bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + std::size_t(n) > s.size()) return false;
    char32_t cp = n == 1 ? c : n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
    for (int k = 1; k < n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + std::size_t(k)]);
      if ((d >> 6) != 0x2) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += std::size_t(n);
  }
  return true;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t p = 0, q; p < text.size(); p = q + 1) out.push_back(text.substr(p, (q = text.find('\n', p)) - p));
  return out;
}

const std::string kGood = R"({"id":"G","category":"供水","district":"shangzhou","created":"2025-03-03 10:00"})";

}  // namespace

TEST_CASE("a byte that is not UTF-8 anywhere in a JSON line fails that line only, in valid UTF-8", "[api][json][attack]") {
  // Stray continuation, truncated sequence, overlong '/', an encoded surrogate, 0xFF, beyond U+10FFFF.
  const std::vector<std::string> bad_bytes = {"\x80", "\xc8", "\xe4\xbe", "\xc0\xaf", "\xed\xa0\x80", "\xff", "\xf4\x90\x80\x80"};
  for (const std::string& b : bad_bytes) {
    // The byte as a bare token, inside a string value, inside a key, after the object,
    // and alone on a line.
    const std::vector<std::string> bad_lines = {
        "[1" + b + ",1]",
        R"({"id":"B)" + b + R"(","category":"供水","created":"2025-03-03 10:00"})",
        R"({")" + b + R"(":1,"id":"B","category":"供水","created":"2025-03-03 10:00"})",
        kGood + b,
        b,
    };
    for (const std::string& bad : bad_lines) {
      INFO("bad line: " << bad.size() << " bytes, byte 0x" << std::hex << int(static_cast<unsigned char>(b[0])));
      std::size_t bad_count = 99;
      const std::string out = engine().decide_json_lines(kGood + "\n" + bad + "\n" + kGood + "\n", "in.jsonl", &bad_count);
      CHECK(valid_utf8(out));
      const std::vector<std::string> records = lines_of(out);
      REQUIRE(records.size() == 3);
      CHECK(bad_count == 1);
      CHECK(records[0].find(R"("id":"G")") != std::string::npos);
      CHECK(records[1].find(R"("error":"in.jsonl:2: )") != std::string::npos);
      CHECK(records[1].find(R"("line":2)") != std::string::npos);
      CHECK(records[2].find(R"("lead":{"id":"zlsgs")") != std::string::npos);
    }
  }
}

TEST_CASE("a single ticket with a byte that is not UTF-8 is refused with a message, not an internal error",
          "[api][json][attack]") {
  for (const std::string& bad : {std::string("[1\xc8,1]"), std::string("{\"id\":\"\xff\"}"), std::string("\xe4\xbe")}) {
    try {
      (void)engine().decide_json(bad);
      FAIL("accepted a line that is not UTF-8");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("ticket: invalid JSON") == 0);
    }
  }
}
