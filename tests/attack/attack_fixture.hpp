// Helpers for the attack tests: scratch copies of the Shangluo rule set with a hostile
// file-level prelude and a hostile body for the one rule function (rural utilities).
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "../rules/ruleset_fixture.hpp"
#include "rules/loader.hpp"
#include "rules/ruleset.hpp"

namespace hotline::test {

// A unique scratch name per test case and process (ctest runs cases in parallel).
inline std::string scratch_name(const std::string& what) { return what + "-" + std::to_string(::getpid()); }

// The Shangluo set with `prelude` before everything in dispatch.lua (file-level code) and
// the rural-utilities function's body replaced by `body` (empty: unchanged).
inline std::filesystem::path hostile_set(const std::string& name, const std::string& prelude, const std::string& body) {
  auto dir = scratch_ruleset("shangluo-2024", scratch_name(name));
  if (!body.empty())
    edit(dir / "dispatch.lua", "if t.street and hotline.org.kind(t.street) == \"street\" then return \"water\" end", body);
  std::string text = read_text(dir / "dispatch.lua");
  std::ofstream(dir / "dispatch.lua", std::ios::binary) << prelude << "\n" << text;
  return dir;
}

inline rules::LoadOptions tight_limits() {
  rules::LoadOptions opt;
  opt.run_tests = false;
  opt.limits.instructions = 1'000'000;
  opt.limits.memory_bytes = std::size_t(16) << 20;
  opt.limits.cpu_ms = 1000;
  return opt;
}

}  // namespace hotline::test
