// The body of the three importer harnesses (fuzz_import_calls/tickets/units.cpp): the fuzz
// bytes as a CSV file, imported into an in-memory store that is put back to its state as
// new (an image taken once, sqlite3_deserialize: far cheaper than creating the schema for
// every input, and the same for every input). Inputs of odd length run with
// a reject file (--skip-bad), even ones without. The import either succeeds or throws;
// when it throws without a reject file, the store must be left empty (one transaction).
#pragma once

#include <sqlite3.h>

#include <cstring>
#include <exception>
#include <vector>

#include "core/import.hpp"
#include "core/store.hpp"
#include "fuzz/fuzz_support.hpp"

namespace hotline::fuzz {

// The process's store, empty as new for each call.
inline Store& fresh_store() {
  static Store store(":memory:");
  static const std::vector<unsigned char> image = [] {
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(store.handle(), "main", &size, 0);
    require(bytes != nullptr, "the new store serialises");
    std::vector<unsigned char> copy(bytes, bytes + size);
    sqlite3_free(bytes);
    return copy;
  }();
  auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(image.size()));
  require(copy != nullptr, "memory for the store image");
  std::memcpy(copy, image.data(), image.size());
  const auto size = sqlite3_int64(image.size());
  const int rc = sqlite3_deserialize(store.handle(), "main", copy, size, size,
                                     SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  require(rc == SQLITE_OK, "the store is put back as new");
  return store;
}

inline int import_one(ImportKind kind, const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path csv = scratch_dir() / (std::string(import_kind_name(kind)) + ".csv");
  write_file(csv, as_text(data, size));
  ImportOptions options;
  options.kind = kind;
  options.key = "fuzz-pseudonym-key-0123456789abcdef";
  options.max_reported = 5;
  if (size % 2 == 1) {
    options.skip_bad = scratch_dir() / "rejects.csv";
    std::error_code ec;
    std::filesystem::remove(options.skip_bad, ec);
  }
  Store& store = fresh_store();
  try {
    ImportResult r = import_csv(store, csv, options);
    require(r.rows >= 0 && r.rejected >= 0, "row counts are not negative");
  } catch (const std::exception&) {
    if (options.skip_bad.empty()) {
      const std::int64_t rows = store.count_calls() + store.count_tickets() + std::int64_t(store.units().size());
      require(rows == 0, "a failed import leaves the store unchanged");
    }
  }
  return 0;
}

}  // namespace hotline::fuzz
