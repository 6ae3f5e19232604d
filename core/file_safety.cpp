// Same-file checks by device and inode, the refusal every writing verb calls before it opens
// an output, and atomic writes (temporary file in the same folder, fsync, rename).
#include "core/file_safety.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "core/error.hpp"

namespace hotline {
namespace fs = std::filesystem;

namespace {

std::optional<std::pair<dev_t, ino_t>> identity(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return std::nullopt;
  return std::pair{st.st_dev, st.st_ino};
}

// Where a file that does not exist yet would be created: dangling symlinks followed (a few
// levels), then the real path of the folder that exists.
fs::path would_be_created_at(fs::path p) {
  std::error_code ec;
  p = fs::absolute(p, ec);
  for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(p, ec)); ++hops) {
    const fs::path to = fs::read_symlink(p, ec);
    if (ec) break;
    p = to.is_absolute() ? to : p.parent_path() / to;
  }
  const fs::path c = fs::weakly_canonical(p, ec);
  return (ec ? p : c).lexically_normal();
}

void unlink_quietly(const fs::path& p) {
  if (!p.empty()) ::unlink(p.c_str());
}

}  // namespace

bool same_file(const fs::path& a, const fs::path& b) {
  if (a.empty() || b.empty()) return false;
  const auto ia = identity(a), ib = identity(b);
  if (ia && ib) return *ia == *ib;
  // One exists: the other is that file only if it would be created at the same place (a
  // path through a folder that does not exist, "x/../a.csv", still names "a.csv").
  return would_be_created_at(a) == would_be_created_at(b);
}

std::vector<NamedPath> sqlite_files(const std::string& option, const fs::path& db) {
  std::vector<NamedPath> out{{option, db}};
  if (db.empty()) return out;
  for (const char* suffix : {"-wal", "-shm", "-journal"})
    out.push_back({option + " (its " + (suffix + 1) + " file)", fs::path(db.string() + suffix)});
  return out;
}

void refuse_overwriting_inputs(const std::vector<NamedPath>& outputs, const std::vector<NamedPath>& inputs) {
  auto refuse = [](const NamedPath& out, const NamedPath& in, const char* what) {
    throw InputError(out.path.string(), 0, out.option,
                     std::string("is the same file as ") + in.option + " " + in.path.string() + " (" + what +
                         "); choose another path: nothing was written");
  };
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i].path.empty()) continue;
    for (const NamedPath& in : inputs)
      if (same_file(outputs[i].path, in.path)) refuse(outputs[i], in, "an input");
    for (std::size_t j = 0; j < i; ++j)
      if (same_file(outputs[i].path, outputs[j].path)) refuse(outputs[i], outputs[j], "another output");
  }
}

AtomicFile::AtomicFile(fs::path target, unsigned mode) : target_(std::move(target)) {
  const fs::path folder = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  std::string pattern = (folder / ("." + target_.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(pattern.data());  // created 0600, in the target's folder: rename is atomic
  if (fd < 0)
    throw InputError(target_.string(), 0, "", std::string("cannot create a file in its folder: ") + std::strerror(errno));
  temp_ = pattern;
  const bool moded = ::fchmod(fd, mode_t(mode)) == 0;  // exactly `mode`, whatever the umask
  ::close(fd);
  if (!moded) {
    unlink_quietly(temp_);
    throw InputError(target_.string(), 0, "", std::string("cannot set the file mode: ") + std::strerror(errno));
  }
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    unlink_quietly(temp_);
    throw InputError(target_.string(), 0, "", "cannot open a temporary file beside it");
  }
}

AtomicFile::~AtomicFile() {
  if (!done_) unlink_quietly(temp_);
}

void AtomicFile::commit() {
  out_.flush();
  const bool written = bool(out_);
  out_.close();
  auto fail = [&](const std::string& why) {
    unlink_quietly(temp_);
    done_ = true;
    throw std::runtime_error(target_.string() + ": " + why + " (the previous file, if any, is unchanged)");
  };
  if (!written || out_.fail()) fail("cannot write");
  const int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced) fail(std::string("cannot sync: ") + std::strerror(errno));
  if (::rename(temp_.c_str(), target_.c_str()) != 0) fail(std::string("cannot replace: ") + std::strerror(errno));
  done_ = true;
}

void write_file_atomically(const fs::path& file, std::string_view text, unsigned mode) {
  AtomicFile f(file, mode);
  f.out().write(text.data(), std::streamsize(text.size()));
  f.commit();
}

}  // namespace hotline
