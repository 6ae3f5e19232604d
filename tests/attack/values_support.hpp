// Support for the value and personal-data attack tests: scratch files named by test and
// process, runs of the real `hotline` with stdout and stderr apart, and a leak check that
// finds a phone number however the output writes it.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace hotline::attack {

// A scratch path unique to this test case and process (ctest runs cases in parallel).
inline std::filesystem::path scratch(const std::string& name) {
  return std::filesystem::path(HOTLINE_TEST_TMP) / ("attack-" + name + "-" + std::to_string(getpid()));
}

inline void write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Result {
  int code = -1;
  std::string out, err;
};

// Runs `hotline <args>` with `input` on stdin and `env` (shell assignments, may be empty)
// in front; `name` keeps the capture files of parallel cases apart.
inline Result run_hotline(const std::string& name, const std::string& args, const std::string& input = "",
                      const std::string& env = "") {
  const std::filesystem::path base = scratch(name + "-run");
  write_file(base.string() + ".in", input);
  const std::string cmd = env + " '" + HOTLINE_BIN + "' " + args + " < '" + base.string() + ".in' > '" +
                          base.string() + ".out' 2> '" + base.string() + ".err'";
  const int status = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(base.string() + ".out");
  r.err = read_file(base.string() + ".err");
  return r;
}

inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// `text` with full-width digits made ASCII and every separator a phone number may be
// written with removed (space, - . ( ) +, tab, full-width space and hyphen, quotes, '#'
// kept), so that a leak shows as the plain digits whatever the spelling.
inline std::string digits_view(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC) {
      const auto d = static_cast<unsigned char>(text[i + 2]);
      if (d >= 0x90 && d <= 0x99) {
        out += char('0' + (d - 0x90));
        i += 2;
        continue;
      }
      if (d == 0x8D) {  // full-width hyphen
        i += 2;
        continue;
      }
    }
    if (c == 0xE3 && i + 2 < text.size() && text.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 2;
      continue;
    }
    if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+' || c == '\t') continue;
    out += text[i];
  }
  return out;
}

// True when the digits `number` (ASCII, no separators) appear in `text` in any spelling.
inline bool leaks(const std::string& text, const std::string& number) {
  return digits_view(text).find(number) != std::string::npos;
}

}  // namespace hotline::attack
