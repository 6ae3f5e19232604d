// Masking of phone-like and ID-like runs in messages, and short quoted excerpts of bad
// values (see redact.hpp for the exact rules).
#include "core/redact.hpp"

#include <cstdint>

#include "core/text.hpp"

namespace hotline {
namespace {

// Length in bytes of a digit at `i` (ASCII, or full-width U+FF10..U+FF19), else 0.
std::size_t digit_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c >= '0' && c <= '9') return 1;
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
    const auto d = static_cast<unsigned char>(s[i + 2]);
    if (d >= 0x90 && d <= 0x99) return 3;
  }
  return 0;
}

// Length in bytes of a separator at `i`, else 0.
std::size_t separator_at(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') return 1;
  if (i + 2 < s.size()) {
    const auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]),
               d = static_cast<unsigned char>(s[i + 2]);
    if (a == 0xE3 && b == 0x80 && d == 0x80) return 3;  // U+3000 ideographic space
    if (a == 0xEF && b == 0xBC && d == 0x8D) return 3;  // U+FF0D full-width hyphen
  }
  return 0;
}

struct Group {
  std::size_t begin = 0, end = 0;  // bytes
  int digits = 0;
  int value = 0;  // of the first four ASCII digits, for the date test
};

Group read_group(std::string_view s, std::size_t i) {
  Group g{i, i, 0, 0};
  while (g.end < s.size()) {
    const std::size_t n = digit_at(s, g.end);
    if (n == 0) break;
    if (n == 1 && g.digits < 4) g.value = g.value * 10 + (s[g.end] - '0');
    ++g.digits;
    g.end += n;
  }
  return g;
}

// The bytes of a date prefix (YYYY-MM or YYYY-MM-DD, or with '/') starting at group `g`,
// or 0 when the run is not a date.
std::size_t date_prefix(std::string_view s, const Group& g) {
  if (g.digits != 4 || g.end - g.begin != 4 || g.value < 1900 || g.value > 2199) return 0;
  if (g.end >= s.size() || (s[g.end] != '-' && s[g.end] != '/')) return 0;
  const char sep = s[g.end];
  const Group month = read_group(s, g.end + 1);
  if (month.digits < 1 || month.digits > 2 || month.end - month.begin != std::size_t(month.digits)) return 0;
  std::size_t end = month.end;
  if (end < s.size() && s[end] == sep) {
    const Group day = read_group(s, end + 1);
    if (day.digits >= 1 && day.digits <= 2 && day.end - day.begin == std::size_t(day.digits)) end = day.end;
  }
  return end - g.begin;
}

void append_masked(std::string& out, std::string_view s, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end;) {
    if (const std::size_t n = digit_at(s, i)) {
      out += '#';
      i += n;
    } else if (s[i] == '+') {
      out += '#';
      ++i;
    } else {
      out += s[i++];
    }
  }
}

// Appends the run of groups starting at `i` (a digit or a '+' before one) and returns
// where it ends.
std::size_t mask_run(std::string& out, std::string_view s, std::size_t i) {
  const std::size_t start = i;
  if (s[i] == '+') ++i;
  Group first = read_group(s, i);
  if (start == i) {
    if (const std::size_t date = date_prefix(s, first)) {
      out.append(s.substr(i, date));
      return i + date;
    }
  }
  int digits = first.digits;
  std::size_t end = first.end;
  for (;;) {
    std::size_t j = end, seps = 0;
    while (j < s.size() && seps < 2) {
      const std::size_t n = separator_at(s, j);
      if (n == 0) break;
      j += n;
      ++seps;
    }
    if (seps == 0 || j >= s.size() || digit_at(s, j) == 0) break;
    const Group g = read_group(s, j);
    digits += g.digits;
    end = g.end;
  }
  if (digits >= 7) {
    append_masked(out, s, start, end);
  } else {
    out.append(s.substr(start, end - start));
  }
  return end;
}

}  // namespace

std::string mask_personal(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const bool plus = s[i] == '+' && i + 1 < s.size() && digit_at(s, i + 1) > 0;
    if (plus || digit_at(s, i) > 0) {
      i = mask_run(out, s, i);
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::string excerpt(std::string_view value, std::size_t max_bytes) {
  const std::string masked = mask_personal(value);
  std::string out = "'";
  std::size_t i = 0;
  static constexpr char kHex[] = "0123456789abcdef";
  while (i < masked.size()) {
    const auto c = static_cast<unsigned char>(masked[i]);
    std::size_t n = utf8_sequence_length(masked, i);
    const bool control = n == 1 && (c < 0x20 || c == 0x7F);
    const std::size_t width = (n == 0 || control) ? 4 : n;
    if (out.size() - 1 + width > max_bytes) break;
    if (n == 0 || control) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      n = 1;
    } else {
      out.append(masked, i, n);
    }
    i += n;
  }
  if (i < masked.size()) out += "...";
  return out + "'";
}

}  // namespace hotline
