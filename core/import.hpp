// CSV import of calls, tickets and org units into the traffic store: header check and column
// mapping, row validation with file:line: field: reason, caller pseudonymisation, one
// transaction per file, re-import refusal (docs/import.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace hotline {

class Store;

enum class ImportKind { Calls, Tickets, Units };
std::string_view import_kind_name(ImportKind kind);  // "calls", "tickets", "units"

// Header renames, applied before the standard names are looked up: (export's name, standard
// name). The standard name "-" drops the column.
using ColumnMap = std::vector<std::pair<std::string, std::string>>;
// Adds "来电时间=arrival,主叫号码=caller" to `map`; throws std::invalid_argument on bad text.
void parse_column_map(std::string_view text, ColumnMap& map);
// Adds a mapping file's entries (one `name=standard` a line, `#` comments, blank lines) to
// `map`; throws InputError naming file:line for a bad line.
void load_column_map(const std::filesystem::path& file, ColumnMap& map);

// The standard column names of a kind, with their Chinese aliases and whether each is
// required, one per line, for --help and the docs.
std::string describe_columns(ImportKind kind);

struct ImportProgress {
  std::int64_t rows = 0;  // rows read so far
  double seconds = 0;     // since the import began
  double fraction = 0;    // of the file's bytes read, 0..1
};

struct ImportOptions {
  ImportKind kind = ImportKind::Calls;
  ColumnMap map;
  // Key text for caller pseudonymisation (see Pseudonymizer); required when the file has a
  // caller phone column.
  std::optional<std::string> key;
  // Empty: any bad row aborts the import and nothing is stored. Otherwise rejected rows go
  // to this file (mode 0600, new or replaced: it holds the original text) and the rest is
  // imported. It is written to a temporary file beside it and renamed after the commit; it
  // must not be the input file or the store (refused before anything is written).
  std::filesystem::path skip_bad;
  std::size_t max_reported = 50;  // problems listed in an InputError; the rest are counted
  std::function<void(const ImportProgress&)> progress;  // called every progress_interval s
  double progress_interval = 0.25;
};

struct ImportResult {
  std::int64_t import_id = 0;  // imports.id
  std::int64_t rows = 0;       // rows imported
  std::int64_t rejected = 0;   // rows written to the skip-bad file
  double seconds = 0;
  std::vector<InputProblem> problems;  // the first max_reported problems of rejected rows
};

// Imports `file` into `store` in one transaction. Throws InputError (file:line: field:
// reason, every problem up to max_reported plus a count of the rest) for a bad header, a
// missing pseudonymisation key, a file already imported (same kind and content hash), or bad rows
// when skip_bad is empty; the store is then unchanged.
ImportResult import_csv(Store& store, const std::filesystem::path& file, const ImportOptions& options);

}  // namespace hotline
