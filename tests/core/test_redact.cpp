// Masking of personal data in messages: phone and ID numbers in every spelling, dates kept.
#include <catch2/catch.hpp>

#include <string>

#include "core/error.hpp"
#include "core/redact.hpp"

using namespace hotline;

namespace {
// True when no 7 digits (ASCII or full-width) survive in `s` as one number.
bool has_no_digit_run(const std::string& s, int limit = 7) {
  int run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= '0' && c <= '9') {
      if (++run >= limit) return false;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '+') {
      run = 0;
    }
  }
  return true;
}
}  // namespace

TEST_CASE("Phone numbers are masked in every spelling", "[core][redact]") {
  const char* spellings[] = {
      "13912345678",     "139-1234-5678",     "139 1234 5678",       "+86 139 1234 5678",
      "+8613912345678",  "0086-139-1234-5678", "(029) 8765-4321",    "029-87654321",
      "139.1234.5678",   "1 3 9 1 2 3 4 5 6 7 8",
  };
  for (const char* p : spellings) {
    const std::string m = mask_personal(std::string("caller ") + p + " called");
    INFO(p << " -> " << m);
    CHECK(has_no_digit_run(m, 3));
    CHECK(m.rfind("caller ", 0) == 0);
    CHECK(m.find(" called") != std::string::npos);
  }
  CHECK(mask_personal("+86 139-1234-5678") == "### ###-####-####");
}

TEST_CASE("Full-width digits and ID numbers are masked", "[core][redact]") {
  const std::string fw = "电话１３９１２３４５６７８";
  const std::string m = mask_personal(fw);
  CHECK(m == "电话###########");
  CHECK(mask_personal("身份证 61010219900101123X") == "身份证 #################X");
  CHECK(mask_personal("１３９－１２３４－５６７８") == "###－####－####");
}

TEST_CASE("Dates, times and short numbers are kept", "[core][redact]") {
  CHECK(mask_personal("2025-01-24T10:00:00+08:00") == "2025-01-24T10:00:00+08:00");
  CHECK(mask_personal("2025-01-24 10:00") == "2025-01-24 10:00");
  CHECK(mask_personal("2025/01/24 10:00") == "2025/01/24 10:00");
  CHECK(mask_personal("period 2025-01, 5 working days, 3.5 h") == "period 2025-01, 5 working days, 3.5 h");
  CHECK(mask_personal("line 123456 of 1,000,000") == "line 123456 of 1,000,000");
  // A date does not shield a phone number written right after it.
  CHECK(mask_personal("2025-01-24 13912345678") == "2025-01-24 ###########");
}

TEST_CASE("Excerpts are short, masked, escaped and cut on a character", "[core][redact]") {
  CHECK(excerpt("abc") == "'abc'");
  CHECK(excerpt("tel 139-1234-5678") == "'tel ###-####-####'");
  CHECK(excerpt(std::string("a\0b\n", 4)) == "'a\\x00b\\x0a'");
  CHECK(excerpt("\xff\xfe") == "'\\xff\\xfe'");
  const std::string long_text(1000, 'x');
  CHECK(excerpt(long_text) == "'" + std::string(40, 'x') + "...'");
  // 14 CJK characters are 42 bytes: the cut falls before the 14th, not inside it.
  const std::string cjk = "商州区城关街道办事处社区服务中心";
  const std::string e = excerpt(cjk);
  CHECK(e == "'商州区城关街道办事处社区服...'");
  // A phone number split by the cut is still masked (masking comes first).
  CHECK(has_no_digit_run(excerpt(std::string(36, 'x') + "13912345678"), 2));
}

TEST_CASE("Every input error masks phone numbers in its field and reason", "[core][redact]") {
  const InputError e("calls.csv", 7, "139 1234 5678", "unknown column '139-1234-5678'");
  const std::string what = e.what();
  INFO(what);
  CHECK(what.find("calls.csv:7: ") == 0);
  CHECK(has_no_digit_run(what));
}
