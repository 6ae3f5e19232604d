// Opening a results database read-only for the dashboard (through the results database's
// own readers, sim/results_db.hpp).
#include "gui/results_model.hpp"

#include <algorithm>
#include <memory>

#include "core/error.hpp"
#include "sim/results_db.hpp"

namespace hotline::gui {

bool ResultsFile::has_table(std::string_view name) const {
  return std::binary_search(tables.begin(), tables.end(), name);
}

ResultsFile open_results(const std::filesystem::path& path) {
  if (!std::filesystem::is_regular_file(path)) throw InputError(path.string(), 0, "", "no such results database");
  ResultsFile out;
  out.path = path;
  out.tables = sim::results_tables(path);  // sorted; a traffic store or another file is refused by its kind
  return out;
}

}  // namespace hotline::gui
