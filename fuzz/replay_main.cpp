// The corpus replay test: runs every file of the folders (or files) given on the command
// line through a harness's LLVMFuzzerTestOneInput, without libFuzzer, so that the ordinary
// ctest (gcc, and its ASan + UBSan pass) replays fuzz/corpus/<target>/. A crash or a
// sanitizer report fails the test as it would fail the fuzzer; an empty corpus fails too.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.hpp"

namespace {

std::vector<std::filesystem::path> inputs_of(const std::filesystem::path& arg) {
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(arg)) {
    for (const auto& e : std::filesystem::directory_iterator(arg))
      if (e.is_regular_file()) files.push_back(e.path());
  } else {
    files.push_back(arg);
  }
  std::sort(files.begin(), files.end());  // the same order on every run
  return files;
}

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    for (const auto& file : inputs_of(argv[i])) {
      std::vector<std::uint8_t> bytes = read_bytes(file);
      std::fprintf(stderr, "replay: %s (%zu bytes)\n", file.c_str(), bytes.size());
      // Exactly the file's bytes in a heap block of that size, as libFuzzer passes them,
      // so that ASan sees a read past the end.
      LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
      ++count;
    }
  }
  if (count == 0) {
    std::fprintf(stderr, "replay: no input files found\n");
    return 1;
  }
  std::printf("replay: %zu inputs ran without a crash\n", count);
  return 0;
}
