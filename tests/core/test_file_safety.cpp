// core/file_safety.hpp and core/db_kind.hpp: same-file identity through every kind of alias,
// the refusal's message, atomic writes and their mode, and database kinds at open.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/db_kind.hpp"
#include "core/error.hpp"
#include "core/file_safety.hpp"
#include "core/store.hpp"

namespace fs = std::filesystem;
using namespace hotline;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::path(HOTLINE_TEST_TMP) / ("file-safety-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d / "sub");
  return fs::canonical(d);
}
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return unsigned(st.st_mode & 07777);
}

// Runs `fn` with the working directory at `dir`, restored afterwards.
template <class F>
void in_dir(const fs::path& dir, F&& fn) {
  const fs::path old = fs::current_path();
  fs::current_path(dir);
  try {
    fn();
  } catch (...) {
    fs::current_path(old);
    throw;
  }
  fs::current_path(old);
}

}  // namespace

TEST_CASE("same_file sees one file through paths, symlinks and hard links", "[core][file_safety]") {
  const fs::path d = fresh_dir("aliases");
  std::ofstream(d / "a.csv") << "x\n";
  std::ofstream(d / "b.csv") << "x\n";  // same content, another file
  fs::create_symlink(d / "a.csv", d / "sym");
  fs::create_symlink("sym", d / "sub" / "sym-of-sym");  // relative, dangling from sub/ ...
  fs::create_symlink("../a.csv", d / "sub" / "up");
  fs::create_hard_link(d / "a.csv", d / "hard");
  in_dir(d, [&] {
    for (const char* alias : {"a.csv", "./a.csv", "sub/../a.csv", "sym", "sub/up", "hard"}) {
      INFO(alias);
      CHECK(same_file(alias, d / "a.csv"));
      CHECK(same_file(d / "a.csv", alias));
    }
    CHECK_FALSE(same_file("b.csv", "a.csv"));
    CHECK_FALSE(same_file("sub/sym-of-sym", "a.csv"));  // dangling: points at sub/sym, which is not there
    CHECK_FALSE(same_file("", "a.csv"));
  });
}

TEST_CASE("same_file compares files not written yet by where they would be created", "[core][file_safety]") {
  const fs::path d = fresh_dir("new");
  fs::create_symlink(d / "target-not-there", d / "dangling");
  in_dir(d, [&] {
    CHECK(same_file("out.csv", d / "out.csv"));
    CHECK(same_file("sub/../out.csv", "./out.csv"));
    CHECK(same_file("dangling", "target-not-there"));  // writing through the link creates the target
    CHECK_FALSE(same_file("out.csv", "sub/out.csv"));
    CHECK_FALSE(same_file("out.csv", "out.csv-wal"));
  });
}

TEST_CASE("refuse_overwriting_inputs names both options and paths, and skips empty ones", "[core][file_safety]") {
  const fs::path d = fresh_dir("refuse");
  std::ofstream(d / "in.csv") << "x\n";
  fs::create_hard_link(d / "in.csv", d / "link.csv");
  CHECK_THROWS_WITH(refuse_overwriting_inputs({{"--skip-bad", d / "link.csv"}}, {{"FILE", d / "in.csv"}}),
                    Catch::Contains("link.csv: --skip-bad: is the same file as FILE " + (d / "in.csv").string()) &&
                        Catch::Contains("nothing was written"));
  CHECK_THROWS_WITH(refuse_overwriting_inputs({{"--db", d / "s.db"}, {"--skip-bad", d / "s.db"}}, {}),
                    Catch::Contains("--skip-bad: is the same file as --db") && Catch::Contains("another output"));
  CHECK_THROWS_WITH(refuse_overwriting_inputs({{"--skip-bad", d / "s.db-wal"}}, sqlite_files("--db", d / "s.db")),
                    Catch::Contains("--db (its wal file)"));
  CHECK_NOTHROW(refuse_overwriting_inputs({{"--skip-bad", ""}, {"--out", d / "other.csv"}}, {{"FILE", d / "in.csv"}, {"--map", ""}}));
}

TEST_CASE("AtomicFile replaces the target only on commit, with the mode asked for", "[core][file_safety]") {
  const fs::path d = fresh_dir("atomic");
  const fs::path target = d / "report.csv";
  std::ofstream(target) << "old\n";
  fs::permissions(target, fs::perms(0644));
  {
    AtomicFile f(target, 0600);
    f.out() << "half";
    CHECK(fs::exists(f.temp_path()));
    CHECK(f.temp_path().parent_path() == d);
  }  // no commit: the target is as it was, the temporary file gone
  CHECK(slurp(target) == "old\n");
  CHECK(mode_of(target) == 0644u);
  CHECK(std::distance(fs::directory_iterator(d), fs::directory_iterator()) == 2);  // report.csv and sub/
  {
    AtomicFile f(target, 0600);
    f.out() << "new\n";
    f.commit();
  }
  CHECK(slurp(target) == "new\n");
  CHECK(mode_of(target) == 0600u);
  const mode_t old_mask = ::umask(0077);
  write_file_atomically(d / "plain.txt", "text", 0644);  // the mode, whatever the umask
  ::umask(old_mask);
  CHECK(mode_of(d / "plain.txt") == 0644u);
  CHECK_THROWS_AS(AtomicFile(d / "no-such-folder" / "x", 0600), InputError);
}

TEST_CASE("A database is checked for its kind at open, and new or legacy ones are stamped", "[core][db_kind]") {
  const fs::path d = fresh_dir("kinds");
  const fs::path store = d / "traffic.sqlite";
  { Store s(store); }
  { Store again(store); }
  auto open_rw = [](const fs::path& p) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2(p.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK);
    return DbPtr(raw);
  };
  {
    DbPtr db = open_rw(store);
    CHECK_FALSE(check_db_kind(db.get(), store, DbKind::Traffic));  // stamped: nothing to do
    CHECK_THROWS_WITH(check_db_kind(db.get(), store, DbKind::Results),
                      Catch::Contains(store.string() + " is a traffic store, not a results database"));
    REQUIRE(sqlite3_exec(db.get(), "PRAGMA application_id = 0", nullptr, nullptr, nullptr) == SQLITE_OK);
    CHECK(check_db_kind(db.get(), store, DbKind::Traffic));  // legacy: recognised by its tables
    CHECK_THROWS_WITH(check_db_kind(db.get(), store, DbKind::Results), Catch::Contains("is a traffic store"));
  }
  { Store legacy(store); }  // opening for writing stamps it
  CHECK_FALSE(check_db_kind(open_rw(store).get(), store, DbKind::Traffic));

  const fs::path empty = d / "empty.sqlite";
  CHECK(check_db_kind(open_rw(empty).get(), empty, DbKind::Results));  // new and empty: either kind
  const fs::path text = d / "text.sqlite";
  std::ofstream(text) << "this is a plain text file, long enough to fill what would be a SQLite header page\n";
  CHECK_THROWS_WITH(check_db_kind(open_rw(text).get(), text, DbKind::Traffic),
                    Catch::Contains("text.sqlite is not a SQLite database, not a traffic store"));
  CHECK_THROWS_WITH(check_db_file(text, DbKind::Results), Catch::Contains("not a SQLite database"));
  CHECK_THROWS_WITH(check_db_file(d / "no-such-folder" / "r.sqlite", DbKind::Results), Catch::Contains("no such folder"));
  CHECK_NOTHROW(check_db_file(d / "new.sqlite", DbKind::Results));
  CHECK_FALSE(fs::exists(d / "new.sqlite"));  // the check writes nothing
}
