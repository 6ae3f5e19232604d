// View model of an opened results database (results.sqlite, written by `hotline simulate`):
// opened read-only on the job runner; the views ask it which result tables it holds.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace hotline::gui {

struct ResultsFile {
  std::filesystem::path path;
  std::vector<std::string> tables;  // names of the tables found, sorted

  bool has_table(std::string_view name) const;
};

// Opens the file read-only and lists its tables. Throws InputError naming the file when it
// does not exist or is not a SQLite database.
ResultsFile open_results(const std::filesystem::path& path);

}  // namespace hotline::gui
