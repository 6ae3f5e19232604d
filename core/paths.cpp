// The data folder lookup of core/paths.hpp: explicit folder, $HOTLINE_DATA, the install
// layout relative to the binary that holds this code (found with dladdr), the build tree.
#include "core/paths.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <system_error>

namespace hotline {
namespace fs = std::filesystem;

namespace {
thread_local fs::path explicit_dir;

// The file of the executable or shared library this function was linked into.
fs::path this_binary() {
  Dl_info info{};
  std::error_code ec;
  if (dladdr(reinterpret_cast<void*>(&this_binary), &info) && info.dli_fname && *info.dli_fname) {
    fs::path p = info.dli_fname;
    // The main program is reported by the name it was started with; /proc knows its file.
    if (p.filename().string().find(".so") == std::string::npos) p = fs::read_symlink("/proc/self/exe", ec);
    fs::path c = fs::weakly_canonical(p, ec);
    if (!ec) return c;
  }
  return fs::read_symlink("/proc/self/exe", ec);
}

bool inside(const fs::path& file, const fs::path& folder) {
  std::error_code ec;
  const std::string f = fs::weakly_canonical(folder, ec).string() + "/";
  return !ec && file.string().compare(0, f.size(), f) == 0;
}

fs::path located() {
  const fs::path bin = this_binary();
  const fs::path dir = bin.parent_path();
  std::error_code ec;
  for (const char* rel : {HOTLINE_DATA_FROM_BINDIR, HOTLINE_DATA_FROM_LIBDIR}) {
    fs::path p = dir / rel;
    if (fs::is_directory(p / "rulesets", ec)) return fs::weakly_canonical(p, ec);
  }
  if (!bin.empty() && inside(bin, HOTLINE_BUILD_DIR)) return HOTLINE_SCENARIOS_DIR;
  return HOTLINE_INSTALL_DATADIR;
}
}  // namespace

fs::path data_dir() {
  if (!explicit_dir.empty()) return explicit_dir;
  if (const char* env = std::getenv("HOTLINE_DATA"); env && *env) return env;
  static const fs::path where = located();  // the binary does not move while it runs
  return where;
}

std::vector<fs::path> shipped_data_dirs() {
  std::vector<fs::path> out;
  std::error_code ec;
  auto add = [&](const fs::path& p) {
    if (p.empty() || !fs::is_directory(p, ec)) return;
    const fs::path c = fs::canonical(p, ec);
    if (!ec && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  add(data_dir());
  if (const char* env = std::getenv("HOTLINE_DATA"); env && *env) add(env);
  add(located());
  add(HOTLINE_SCENARIOS_DIR);
  add(HOTLINE_INSTALL_DATADIR);
  return out;
}

fs::path shipped_data_dir_of(const fs::path& file) {
  std::error_code ec;
  const fs::path f = fs::weakly_canonical(fs::absolute(file, ec), ec);
  for (const fs::path& d : shipped_data_dirs())
    if (f == d || inside(f, d)) return d;
  return {};
}

ScopedDataDir::ScopedDataDir(fs::path folder) : previous_(explicit_dir) {
  if (!folder.empty()) explicit_dir = std::move(folder);
}
ScopedDataDir::~ScopedDataDir() { explicit_dir = std::move(previous_); }

}  // namespace hotline
