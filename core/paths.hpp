// Where the shipped data (scenarios/) is: $HOTLINE_DATA, else the source tree's folder.
#pragma once

#include <cstdlib>
#include <filesystem>

namespace hotline {

inline std::filesystem::path data_dir() {
  if (const char* env = std::getenv("HOTLINE_DATA"); env && *env) return env;
  return HOTLINE_SCENARIOS_DIR;
}

}  // namespace hotline
