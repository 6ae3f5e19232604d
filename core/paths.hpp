// Where the shipped data (rule sets, orgs, calendars, scenarios) is. In order: a folder given
// explicitly for this thread (ScopedDataDir, e.g. an embedding application's option), then
// $HOTLINE_DATA, then share/hotline beside the installed binary or library that holds this
// code (bin/../share/hotline, lib/../share/hotline), then the source tree's scenarios/ when
// the binary is still in the build tree, else the configured install data folder. An
// installed binary never reads the source tree (docs/embedding.md "Where the data is").
#pragma once

#include <filesystem>

namespace hotline {

std::filesystem::path data_dir();

// While alive, data_dir() on this thread returns `folder` (an empty folder changes nothing).
// Scopes nest; the previous value comes back on destruction.
class ScopedDataDir {
 public:
  explicit ScopedDataDir(std::filesystem::path folder);
  ~ScopedDataDir();
  ScopedDataDir(const ScopedDataDir&) = delete;
  ScopedDataDir& operator=(const ScopedDataDir&) = delete;

 private:
  std::filesystem::path previous_;
};

}  // namespace hotline
