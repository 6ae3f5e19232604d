// Test helper: a scratch copy of a shipped rule set, with edits applied to its files.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "core/paths.hpp"
#include "core/records.hpp"
#include "core/time.hpp"

namespace hotline::test {

inline std::filesystem::path scratch_ruleset(const std::string& shipped, const std::string& name) {
  namespace fs = std::filesystem;
  fs::path dst = fs::path(HOTLINE_TEST_TMP) / "rulesets" / name;
  fs::remove_all(dst);
  fs::create_directories(dst.parent_path());
  fs::copy(data_dir() / "rulesets" / shipped, dst, fs::copy_options::recursive);
  return dst;
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Replaces the first `from` in the file by `to`; throws if absent (the test is stale).
inline void edit(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  std::string text = read_text(file);
  auto pos = text.find(from);
  if (pos == std::string::npos) throw std::runtime_error("edit: '" + from + "' not in " + file.string());
  text.replace(pos, from.size(), to);
  std::ofstream(file, std::ios::binary) << text;
}

// 1-based line of the first occurrence of `needle` in the file.
inline int line_of(const std::filesystem::path& file, const std::string& needle) {
  std::string text = read_text(file);
  auto pos = text.find(needle);
  if (pos == std::string::npos) return 0;
  int line = 1;
  for (std::size_t i = 0; i < pos; ++i) line += text[i] == '\n';
  return line;
}

// A Shangluo ticket of `category` in the Shangzhou district (help request, 2025-03-03 10:00).
inline Ticket shangluo_ticket(const std::string& id, const std::string& category, const std::string& street = "sz-chengguan") {
  Ticket t;
  t.id = id;
  t.type = RequestType::Help;
  t.category = category;
  t.district = "shangzhou";
  t.street = street;
  t.dispatched = t.created = make_time({2025, 3, 3}, 10);
  return t;
}

}  // namespace hotline::test
