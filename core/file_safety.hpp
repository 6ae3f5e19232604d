// Outputs that must never be inputs, and writes that are all or nothing: the "Files and
// databases" promises of docs/security.md (issue 12, "Data destroyed").
#pragma once

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace hotline {

// True when `a` and `b` name the same file: the same device and inode, so symlinks are
// followed and hard links match. A path that does not exist yet is compared by where it would
// be created (its parent folder's real path and its name, dangling symlinks followed), so
// "out.csv", "./out.csv" and "/abs/dir/../dir/out.csv" match before either is written, and
// "no-such-dir/../in.csv" matches an existing "in.csv".
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

// A path given on the command line with the option that gave it ("--skip-bad", "FILE").
struct NamedPath {
  std::string option;
  std::filesystem::path path;
};

// The files SQLite keeps for a database: the database and its -wal, -shm and -journal files,
// all under `option` (an output written over one of these destroys the database).
std::vector<NamedPath> sqlite_files(const std::string& option, const std::filesystem::path& db);

// Throws InputError naming both options and both paths when an output is the same file as
// an input or as another output (same_file). Empty paths are skipped. Call it before any
// output is opened: then nothing has been written when it refuses.
void refuse_overwriting_inputs(const std::vector<NamedPath>& outputs, const std::vector<NamedPath>& inputs);

// A file written in full or not at all: the text goes to a temporary file (mode `mode`,
// whatever the umask) in the target's folder, and commit() flushes, syncs and renames it over
// the target, which then has that mode whether it existed before or not. Destroyed without
// commit(), the temporary file is removed and the target is as it was.
class AtomicFile {
 public:
  AtomicFile(std::filesystem::path target, unsigned mode);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ofstream& out() { return out_; }
  const std::filesystem::path& temp_path() const { return temp_; }
  // Throws std::runtime_error naming the target when writing, syncing or renaming fails
  // (the temporary file is removed then).
  void commit();

 private:
  std::filesystem::path target_, temp_;
  std::ofstream out_;
  bool done_ = false;
};

// Writes `text` to `file` through an AtomicFile.
void write_file_atomically(const std::filesystem::path& file, std::string_view text, unsigned mode = 0644);

}  // namespace hotline
