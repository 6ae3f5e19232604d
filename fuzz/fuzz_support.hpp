// Shared pieces of the libFuzzer harnesses (fuzz/README in docs/security.md "Fuzzing"):
// a per-process scratch folder, writing fuzz bytes to a file, and a check that aborts (so
// that libFuzzer and the replay test report it) when an invariant of the code under test
// does not hold. Every harness defines LLVMFuzzerTestOneInput and nothing else that
// libFuzzer calls: the same file links into the clang fuzzer and into the gcc replay test.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <system_error>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace hotline::fuzz {

// A folder of this process's own under the system temp folder, created on first use and
// removed at exit. Harnesses overwrite or remove their own files in it on every input, so
// that one input never sees another's files.
inline const std::filesystem::path& scratch_dir() {
  struct Folder {
    std::filesystem::path path;
    Folder() : path(std::filesystem::temp_directory_path() / ("hotline-fuzz-" + std::to_string(::getpid()))) {
      std::filesystem::create_directories(path);
    }
    ~Folder() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static const Folder folder;
  return folder.path;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline void write_file(const std::filesystem::path& file, std::string_view bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), std::streamsize(bytes.size()));
  if (!out) {
    std::fprintf(stderr, "fuzz: cannot write %s\n", file.c_str());
    std::abort();
  }
}

// The fuzz bytes cut at each `marker` (a line of its own in the seeds), at most `max_parts`
// parts: the last part keeps any further markers.
inline std::vector<std::string_view> split(std::string_view text, std::string_view marker, std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    const std::size_t at = text.find(marker);
    if (at == std::string_view::npos) break;
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + marker.size());
  }
  parts.push_back(text);
  return parts;
}

// An invariant of the code under test; a failure is a finding, like a sanitizer report.
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz: invariant violated: %s\n", what);
    std::abort();
  }
}

}  // namespace hotline::fuzz
