// libFuzzer harness: the tickets importer (core/import.hpp) on a CSV file made of the fuzz bytes.
#include "fuzz/import_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return hotline::fuzz::import_one(hotline::ImportKind::Tickets, data, size);
}
