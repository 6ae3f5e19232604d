// `hotline import` end to end: the real binary as a child process, including one killed in
// the middle of a large import, which must leave the store as it was.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/paths.hpp"
#include "core/sample_traffic.hpp"
#include "core/store.hpp"

namespace fs = std::filesystem;

namespace {

const char* const kKey = "cli-test-pseudonym-key-0123456789";

fs::path tmp_dir() {
  // One folder per process: ctest runs test cases in parallel processes.
  fs::path dir = fs::path(HOTLINE_TEST_TMP) / ("cli-import-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

fs::path fresh_db(const std::string& name) {
  fs::path db = tmp_dir() / (name + ".sqlite");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
  return db;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Run {
  int code = -1;
  std::string out, err;
};

// Starts `hotline args...` with HOTLINE_PSEUDONYM_KEY set (or unset when key is null),
// stdout to a file and stderr to `err_fd` (or a file when -1).
pid_t spawn(const std::vector<std::string>& args, const char* key, const fs::path& out, int err_fd,
            const fs::path& err) {
  pid_t pid = fork();
  if (pid == 0) {
    if (key) setenv("HOTLINE_PSEUDONYM_KEY", key, 1);
    else unsetenv("HOTLINE_PSEUDONYM_KEY");
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = err_fd >= 0 ? err_fd : open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(o, 1);
    dup2(e, 2);
    std::vector<char*> argv{const_cast<char*>(HOTLINE_BIN)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(HOTLINE_BIN, argv.data());
    _exit(127);
  }
  return pid;
}

Run run(const std::vector<std::string>& args, const char* key = kKey) {
  fs::path out = tmp_dir() / "stdout.txt", err = tmp_dir() / "stderr.txt";
  pid_t pid = spawn(args, key, out, -1, err);
  int status = 0;
  waitpid(pid, &status, 0);
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

std::string sample(const char* name) { return (hotline::data_dir() / "samples" / name).string(); }

std::int64_t scalar(const fs::path& db, const char* sql) {
  hotline::Store s(db);
  return s.scalar(sql);
}

}  // namespace

TEST_CASE("import --help lists the verbs and each kind's columns", "[cli][import]") {
  Run r = run({"import", "--help"});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("calls") && Catch::Contains("tickets") && Catch::Contains("units"));
  Run calls = run({"import", "calls", "--help"});
  CHECK(calls.code == 0);
  CHECK_THAT(calls.out, Catch::Contains("arrival (required)") && Catch::Contains("--skip-bad") &&
                            Catch::Contains("HOTLINE_PSEUDONYM_KEY") && Catch::Contains("主叫号码"));
}

TEST_CASE("import calls stores the sample and prints a summary, Chinese or English", "[cli][import]") {
  fs::path db = fresh_db("summary");
  Run r = run({"import", "calls", sample("calls.csv"), "--db", db.string()});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("已导入 6 条 calls 记录"));
  Run en = run({"import", "units", sample("units.csv"), "--db", db.string(), "--lang", "en"});
  CHECK(en.code == 0);
  CHECK_THAT(en.out, Catch::StartsWith("imported 9 units from"));
  CHECK(scalar(db, "SELECT count(*) FROM calls") == 6);
  CHECK(scalar(db, "SELECT count(*) FROM units") == 9);
  Run again = run({"import", "calls", sample("calls.csv"), "--db", db.string()});
  CHECK(again.code == 1);
  CHECK_THAT(again.err, Catch::Contains("already imported") && Catch::Contains("nothing was imported"));
}

TEST_CASE("import refuses phone numbers without a key and never prints them", "[cli][import]") {
  fs::path db = fresh_db("nokey");
  Run r = run({"import", "calls", sample("calls.csv"), "--db", db.string()}, nullptr);
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains("caller: caller phone numbers are pseudonymised at import and need a key"));
  CHECK(r.err.find("1380000") == std::string::npos);
  CHECK(scalar(db, "SELECT count(*) FROM calls") == 0);
  Run with_option = run({"import", "calls", sample("calls.csv"), "--db", db.string(), "--key", kKey}, nullptr);
  CHECK(with_option.code == 0);
  CHECK(with_option.out.find("1380000") == std::string::npos);
  CHECK(scalar(db, "SELECT count(*) FROM calls") == 6);
}

TEST_CASE("import reports bad rows with file:line and --skip-bad keeps the good ones", "[cli][import]") {
  fs::path csv = tmp_dir() / "bad.csv";
  std::ofstream(csv) << "id,arrival,outcome,wait_s\n1,2025-01-06 08:00,answered,3\n2,2025-01-06 08:01,answered,x\n"
                        "3,2025-02-30 08:02,answered,1\n";
  fs::path db = fresh_db("bad");
  Run r = run({"import", "calls", csv.string(), "--db", db.string()});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains(csv.string() + ":3: wait_s: 'x': expected seconds or [H:]MM:SS") &&
                        Catch::Contains(csv.string() + ":4: arrival: '2025-02-30 08:02': no such calendar date") &&
                        Catch::Contains("2 bad rows of 3; nothing was imported"));
  CHECK(scalar(db, "SELECT count(*) FROM calls") == 0);
  fs::path rejects = tmp_dir() / "rejects.csv";
  Run skip = run({"import", "calls", csv.string(), "--db", db.string(), "--skip-bad", rejects.string(), "--lang", "en"});
  CHECK(skip.code == 0);
  CHECK_THAT(skip.out, Catch::StartsWith("imported 1 calls") && Catch::Contains("2 rejected"));
  CHECK_THAT(skip.err, Catch::Contains("2 rejected rows written to " + rejects.string()));
  CHECK(scalar(db, "SELECT count(*) FROM calls") == 1);
  CHECK_THAT(slurp(rejects), Catch::StartsWith("id,arrival,outcome,wait_s,reject_reason\n2,2025-01-06 08:01,answered,x,"));
}

TEST_CASE("import maps columns from --map and --map-file", "[cli][import]") {
  fs::path csv = tmp_dir() / "export.csv";
  std::ofstream(csv) << "流水号,呼入时刻,号码,结果,备注\n9,2025-01-06 08:00,13800000009,接通,x\n";
  fs::path map = tmp_dir() / "export.map";
  std::ofstream(map) << "# the call system's export\n呼入时刻=arrival\n";
  fs::path db = fresh_db("map");
  Run r = run({"import", "calls", csv.string(), "--db", db.string(), "--map-file", map.string(), "--map",
               "流水号=id,号码=caller", "--map", "备注=-"});
  CHECK(r.code == 0);
  CHECK(scalar(db, "SELECT id FROM calls") == 9);
}

namespace {

// Runs `hotline import calls big --db db`, waits for its first progress line (rows are
// then being inserted in the open transaction) and kills it with SIGKILL.
void kill_midway(const fs::path& big, const fs::path& db) {
  int pipefd[2];
  REQUIRE(pipe(pipefd) == 0);
  pid_t pid = spawn({"import", "calls", big.string(), "--db", db.string()}, kKey, tmp_dir() / "kill-out.txt",
                    pipefd[1], {});
  close(pipefd[1]);
  std::string err;
  char buf[256];
  while (err.find("rows/s") == std::string::npos) {
    ssize_t n = read(pipefd[0], buf, sizeof buf);
    if (n <= 0) break;
    err.append(buf, std::size_t(n));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  close(pipefd[0]);
  INFO("stderr of the killed import: " << err);
  REQUIRE(err.find("rows/s") != std::string::npos);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);
}

void check_intact(const fs::path& db, std::int64_t calls, std::int64_t imports) {
  hotline::Store s(db);
  CHECK(s.count_calls() == calls);
  CHECK(s.scalar("SELECT count(*) FROM imports") == imports);
  hotline::StmtPtr check = s.prepare("PRAGMA integrity_check");
  REQUIRE(sqlite3_step(check.get()) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(check.get(), 0))) == "ok");
  CHECK(s.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'calls_arrival'") == 1);
}

}  // namespace

TEST_CASE("An import killed midway leaves the store as it was before", "[cli][import][kill]") {
  fs::path big = tmp_dir() / "big.csv";
  hotline::write_synthetic_calls_csv(big, 1'500'000, 3, hotline::make_time(hotline::Date{2025, 3, 1}));
  SECTION("a store that already holds calls") {
    fs::path db = fresh_db("kill");
    REQUIRE(run({"import", "calls", sample("calls.csv"), "--db", db.string()}).code == 0);
    kill_midway(big, db);
    check_intact(db, 6, 1);
    // The store still takes imports afterwards.
    CHECK(run({"import", "calls", sample("calls-zh.csv"), "--db", db.string()}).code == 0);
    check_intact(db, 9, 2);
  }
  SECTION("an empty store, whose arrival index the import rebuilds") {
    fs::path db = fresh_db("kill-empty");
    { hotline::Store s(db); }
    kill_midway(big, db);
    check_intact(db, 0, 0);
  }
  fs::remove(big);
}
