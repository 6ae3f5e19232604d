// Where the shipped data (rule sets, orgs, calendars, scenarios) is. In order: a folder given
// explicitly for this thread (ScopedDataDir, e.g. an embedding application's option), then
// $HOTLINE_DATA, then share/hotline beside the installed binary or library that holds this
// code (bin/../share/hotline, lib/../share/hotline), then the source tree's scenarios/ when
// the binary is still in the build tree, else the configured install data folder. An
// installed binary never reads the source tree (docs/embedding.md "Where the data is").
#pragma once

#include <filesystem>
#include <vector>

namespace hotline {

std::filesystem::path data_dir();

// Every folder that holds shipped data this process may read: data_dir(), $HOTLINE_DATA, the
// folder beside the binary, the source tree's scenarios/ and the install data folder (those
// that exist, as real paths). The tool never writes into any of them.
std::vector<std::filesystem::path> shipped_data_dirs();
// The shipped data folder that `file` (existing or not; symlinks resolved) lies in, or an
// empty path when it lies in none.
std::filesystem::path shipped_data_dir_of(const std::filesystem::path& file);

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
