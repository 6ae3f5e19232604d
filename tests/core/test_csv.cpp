// The CSV reader: quoting, line numbers, BOM, errors.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"

using namespace hotline;

namespace {
std::vector<std::vector<std::string>> read_all(std::string text, std::vector<int>* lines = nullptr) {
  CsvReader r(std::move(text), "mem.csv");
  std::vector<std::vector<std::string>> out;
  std::vector<std::string_view> f;
  while (r.next(f)) {
    out.emplace_back(f.begin(), f.end());
    if (lines) lines->push_back(r.line());
  }
  return out;
}
}  // namespace

TEST_CASE("CSV fields split on commas, with quoted commas, quotes and newlines", "[core][csv]") {
  std::vector<int> lines;
  auto rows = read_all("\xEF\xBB\xBFid,name\r\n1,\"商州区, 城区\"\n\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,", &lines);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0] == std::vector<std::string>{"id", "name"});
  CHECK(rows[1] == std::vector<std::string>{"1", "商州区, 城区"});
  CHECK(rows[2] == std::vector<std::string>{"2", "say \"hi\""});
  CHECK(rows[3] == std::vector<std::string>{"3", "two\nlines"});
  CHECK(rows[4] == std::vector<std::string>{"4", ""});
  CHECK(lines == std::vector<int>{1, 2, 4, 5, 7});
}

TEST_CASE("line numbers count \\r\\n, \\n and a lone \\r alike, in blank lines too", "[core][csv]") {
  // found by fuzz/fuzz_csv.cpp: a blank line ended by a lone \r was not counted
  for (const char* eol : {"\n", "\r\n", "\r"}) {
    INFO("end of line " << (eol[0] == '\r' ? (eol[1] ? "CRLF" : "CR") : "LF"));
    const std::string e = eol;
    std::vector<int> lines;
    auto rows = read_all("id,name" + e + "1,a" + e + e + e + "2,b" + e + e + "3,c", &lines);
    REQUIRE(rows.size() == 4);
    CHECK(lines == std::vector<int>{1, 2, 5, 7});
  }
  std::vector<int> lines;
  read_all("\xef\xbb\xbfid,name\n2,\r,na", &lines);  // the fuzzer's reproducer
  CHECK(lines == std::vector<int>{1, 2, 3});
}

TEST_CASE("CSV errors name the file and the line", "[core][csv]") {
  CHECK_THROWS_WITH(read_all("a,b\n1,\"open\n"), "mem.csv:2: unterminated quoted field");
  CHECK_THROWS_WITH(read_all("a,b\n\"x\"y,1\n"), "mem.csv:2: text after a closing quote");
  CHECK_THROWS_AS(CsvReader("/nonexistent/file.csv"), InputError);
}

// The unquoted-field scan looks at 16 bytes at a time: fields of every length around that
// width, ending in a separator, CR LF, LF or the end of the input, must split as a plain
// byte-by-byte reading does.
TEST_CASE("CSV fields of any length split where a byte-by-byte reading splits them", "[core][csv]") {
  for (std::size_t len = 0; len <= 40; ++len) {
    for (const std::string eol : {"\n", "\r\n", ""}) {
      const std::string a(len, 'a'), b(len / 2 + 15, 'b'), c(40 - len, 'c');
      const std::string text = "x," + a + "\n" + a + "," + b + "," + c + eol;
      auto rows = read_all(text);
      INFO("len " << len << " eol " << eol.size());
      REQUIRE(rows.size() == 2);
      CHECK(rows[0] == std::vector<std::string>{"x", a});
      CHECK(rows[1] == std::vector<std::string>{a, b, c});
    }
  }
  auto semi = [](std::string text) {
    CsvReader r(std::move(text), "mem.csv", ';');
    std::vector<std::string_view> f;
    std::vector<std::string> out;
    while (r.next(f)) out.insert(out.end(), f.begin(), f.end());
    return out;
  };
  CHECK(semi("0123456789abcdef,ghij;k\n") == std::vector<std::string>{"0123456789abcdef,ghij", "k"});
}
