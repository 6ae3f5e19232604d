// Test helpers for the public API's tests: the shipped data folder, scratch copies of a
// shipped rule set with edits, and tickets. Uses only the public headers, as a consumer would.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "hotline/hotline.hpp"

namespace hotline::test {

inline std::filesystem::path shipped_data() { return std::filesystem::path(HOTLINE_TEST_DIR) / ".." / "scenarios"; }

inline std::filesystem::path api_scratch(const std::string& shipped, const std::string& name) {
  namespace fs = std::filesystem;
  fs::path dst = fs::path(HOTLINE_TEST_TMP) / "api" / name;
  fs::remove_all(dst);
  fs::create_directories(dst.parent_path());
  fs::copy(shipped_data() / "rulesets" / shipped, dst, fs::copy_options::recursive);
  return dst;
}

// Replaces every `from` in the file by `to`; throws if absent (the test is stale).
inline void replace_all(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  std::size_t pos = text.find(from);
  if (pos == std::string::npos) throw std::runtime_error("replace_all: '" + from + "' not in " + file.string());
  for (; pos != std::string::npos; pos = text.find(from, pos + to.size())) text.replace(pos, from.size(), to);
  std::ofstream(file, std::ios::binary) << text;
}

inline api::Ticket api_ticket(std::string id, std::string category, std::string district = "shangzhou",
                              std::string street = "") {
  api::Ticket t;
  t.id = std::move(id);
  t.category = std::move(category);
  t.district = std::move(district);
  t.street = std::move(street);
  t.created = api::parse_time("2025-03-03 10:00");
  return t;
}

// A decision as one line of text, for comparing decisions made on different threads.
inline std::string summary(const api::Decision& d) {
  std::string s = d.ticket_id + "|" + d.route + "|" + (d.lead ? d.lead->id : "-") + "|" + std::to_string(d.accept_by) + "|" +
                  std::to_string(d.return_by) + "|" + std::to_string(d.reply_by) + "|" + d.merged_into + "|" + d.revision;
  for (const api::Unit& u : d.co) s += "|co:" + u.id;
  for (const api::Unit& u : d.copied) s += "|cc:" + u.id;
  for (const api::TraceStep& t : d.trace) s += "|" + t.rule + "@" + t.clause + ":" + t.detail;
  return s;
}

}  // namespace hotline::test
