// Rule-set files read without trusting them (confined_file.hpp).
#include "rules/confined_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "core/paths.hpp"

namespace hotline::rules {
namespace fs = std::filesystem;
namespace {

const char* kind_of(mode_t m) {
  if (S_ISDIR(m)) return "a folder";
  if (S_ISFIFO(m)) return "a FIFO (named pipe)";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  if (S_ISSOCK(m)) return "a socket";
  return "not a regular file";
}

bool inside(const fs::path& p, const fs::path& root) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *q != *r) return false;
  return true;
}

std::string size_text(std::uintmax_t n) {
  return n >= (1u << 20) && n % (1u << 20) == 0 ? std::to_string(n >> 20) + " MiB" : std::to_string(n) + " bytes";
}

[[noreturn]] void refuse(const fs::path& file, const std::string& reason) { throw InputError(file.string(), 0, "", reason); }

// The real path of `file` inside one of the roots, or a refusal naming where it leads.
fs::path confined_real_path(const fs::path& file, const std::vector<fs::path>& roots) {
  struct stat st {};
  if (::lstat(file.c_str(), &st) != 0) refuse(file, std::string("cannot read the file: ") + std::strerror(errno));
  std::error_code ec;
  fs::path real = fs::canonical(file, ec);
  if (ec) refuse(file, "a symbolic link that leads nowhere");
  for (const fs::path& root : roots)
    if (inside(real, root)) return real;
  refuse(file, std::string(S_ISLNK(st.st_mode) ? "a symbolic link" : "a path") + " that leaves the rule set folder (to " +
                   real.string() + "); only files inside it are read");
}

}  // namespace

std::string read_confined(const fs::path& file, const std::vector<fs::path>& roots, std::uintmax_t cap) {
  const fs::path real = confined_real_path(file, roots);
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) refuse(file, std::string("cannot read the file: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) refuse(file, std::string(kind_of(st.st_mode)) + ", not a regular file: refused");
  if (std::uintmax_t(st.st_size) > cap)
    refuse(file, std::to_string(st.st_size) + " bytes, more than the cap of " + size_text(cap) + " per file");
  // O_NONBLOCK: a FIFO swapped in after the check cannot block the open; fstat checks again.
  int fd = ::open(real.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) refuse(file, std::string("cannot read the file: ") + std::strerror(errno));
  std::string text;
  try {
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) refuse(file, std::string(kind_of(st.st_mode)) + ", not a regular file: refused");
    char buf[65536];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) != 0;) {
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) refuse(file, std::string("cannot read the file: ") + std::strerror(errno));
      text.append(buf, std::size_t(n));
      if (text.size() > cap) refuse(file, "more than the cap of " + size_text(cap) + " per file");
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  return text;
}

std::vector<fs::path> data_roots(const fs::path& folder, const std::vector<fs::path>& allowed) {
  std::vector<fs::path> roots;
  std::error_code ec;
  for (const fs::path& p : {folder, data_dir()}) {
    fs::path r = fs::canonical(p, ec);
    if (!ec) roots.push_back(r);
  }
  for (const fs::path& p : allowed) {
    fs::path r = fs::canonical(p, ec);
    if (!ec) roots.push_back(r);
  }
  return roots;
}

std::filesystem::path resolve_data_path(const std::string& name, const fs::path& folder, const std::vector<fs::path>& allowed,
                                        const std::string& manifest, const std::string& field) {
  const fs::path p(name);
  bool dotdot = false;
  for (const fs::path& part : p) dotdot = dotdot || part == "..";
  if (p.is_absolute() || dotdot) {
    std::error_code ec;
    fs::path real = fs::weakly_canonical(p.is_absolute() ? p : folder / p, ec);
    for (const fs::path& dir : allowed) {
      std::error_code ec2;
      fs::path root = fs::canonical(dir, ec2);
      if (!ec && !ec2 && inside(real, root)) return real;
    }
    throw InputError(manifest, 0, field, "'" + name + "': absolute paths and '..' are refused; name a file inside the rule set "
                     "folder or the shipped data folder (or allow its folder with --allow-folder DIR)");
  }
  for (const fs::path& base : {folder, data_dir()}) {
    struct stat st {};
    if (::lstat((base / p).c_str(), &st) == 0) return base / p;
  }
  throw InputError(manifest, 0, field, "'" + name + "': no such file in the rule set folder " + folder.string() +
                   " nor in the shipped data folder " + data_dir().string());
}

}  // namespace hotline::rules
