// Attacks on files and databases (docs/security.md "Files and databases", issue 12 "Data
// destroyed"): every writing verb is given, as an output, one of its own inputs under another
// name (the same path, relative and absolute, `dir/../`, a symlink, a hard link, a SQLite
// side file), a database of the other kind, a file that is not SQLite, one with an unknown
// application_id and a legacy file without a kind; calibrate --write is aimed at the shipped
// data. Each refusal must come before anything is written: the inputs are compared byte for
// byte afterwards. The real `hotline` binary runs as a child process.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "tests/support/run_command.hpp"

namespace fs = std::filesystem;
using hotline::test::Run;

namespace {

const fs::path kData = fs::path(HOTLINE_TEST_DIR) / "../scenarios";
const char* const kKey = "attack-files-pseudonym-key-0123456789";
constexpr int kTrafficId = 0x484C5453, kResultsId = 0x484C5253;

// A fresh folder of this test case and process (ctest runs cases as parallel processes).
fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::path(HOTLINE_TEST_TMP) / ("attack-files-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return fs::canonical(d);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void spit(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// `hotline ARGS` run in `dir`, stderr included, with a pseudonymisation key and `env` prefix.
Run hotline_in(const fs::path& dir, const std::string& args, const std::string& env = "") {
  return hotline::test::run_command("cd " + q(dir) + " && HOTLINE_PSEUDONYM_KEY=" + kKey + " " + env + " '" +
                                    HOTLINE_BIN + "' " + args + " 2>&1");
}

// Every regular file under `root` (or `root` itself) with its bytes: the state to compare.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> s;
  if (fs::is_regular_file(root)) {
    s[root.string()] = slurp(root);
    return s;
  }
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) s[e.path().string()] = slurp(e.path());
  return s;
}

// The first column of `sql` as text. Read-write without create: a read-only connection would
// leave empty -wal and -shm files beside the store, which the snapshots would see.
std::string sql_text(const fs::path& db, const std::string& sql) {
  sqlite3* d = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &d, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  std::string v = "(no row)";
  if (sqlite3_prepare_v2(d, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    v = t ? t : "";
  }
  sqlite3_finalize(st);
  sqlite3_close(d);
  return v;
}
std::int64_t sql_int(const fs::path& db, const std::string& sql) { return std::stoll("0" + sql_text(db, sql)); }

// What a traffic store holds (calls and the imports log), for a store a command opened: its
// bytes may change (journal mode switches) while its content must not.
std::string store_content(const fs::path& db) {
  return sql_text(db, "SELECT group_concat(id || ',' || arrival || ',' || ifnull(skill, '') || ',' || ifnull(talk_s, ''), ';')"
                      " FROM (SELECT * FROM calls ORDER BY id)") +
         "|" + sql_text(db, "SELECT group_concat(id || ',' || kind || ',' || rows || ',' || rejected, ';') FROM imports");
}
void sql_exec(const fs::path& db, const std::string& sql) {
  sqlite3* d = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &d) == SQLITE_OK);
  const int rc = sqlite3_exec(d, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(d);
  REQUIRE(rc == SQLITE_OK);
}

const std::string kHeader = "id,arrival,channel,skill,caller,ivr_s,wait_s,talk_s,wrap_s,outcome,agent\n";
// `good` valid calls from id `first`, then one row with a bad arrival (rejected with --skip-bad).
std::string calls_csv(int first, int good) {
  std::string s = kHeader;
  for (int i = 0; i < good; ++i)
    s += std::to_string(first + i) + ",2025-01-06 08:" + std::to_string(10 + i) + ":05,phone,general,,1,2,30,5,answered,A1\n";
  s += std::to_string(first + good) + ",not-a-time,phone,general,,1,2,30,5,answered,A1\n";
  return s;
}

// A folder with calls.csv (bad row included) and traffic.sqlite holding 3 imported calls.
struct ImportFixture {
  fs::path dir, csv, store;
  explicit ImportFixture(const std::string& name) : dir(fresh_dir(name)), csv(dir / "calls.csv"), store(dir / "traffic.sqlite") {
    spit(dir / "first.csv", calls_csv(1, 3));
    const Run r = hotline_in(dir, "import calls first.csv --db traffic.sqlite --skip-bad first-rejects.csv -q");
    INFO(r.out);
    REQUIRE(r.status == 0);
    REQUIRE(sql_int(store, "SELECT count(*) FROM calls") == 3);
    spit(csv, calls_csv(100, 4));
  }
};

// The aliases of `target` seen from `dir`: its plain name, its absolute path, a detour
// through a subfolder and `..`, a symlink and a hard link (both made here).
std::vector<std::string> aliases(const fs::path& dir, const fs::path& target, const std::string& tag) {
  fs::create_directories(dir / "sub");
  const fs::path sym = dir / ("sym-" + tag), hard = dir / ("hard-" + tag);
  fs::remove(sym);
  fs::remove(hard);
  fs::create_symlink(target, sym);
  fs::create_hard_link(target, hard);
  return {target.filename().string(), target.string(), "sub/../" + target.filename().string(),
          "./sub/../../" + dir.filename().string() + "/" + target.filename().string(), sym.filename().string(),
          hard.filename().string()};
}

bool refused_as_same_file(const Run& r, const std::string& option) {
  return r.status == 1 && r.out.find(option) != std::string::npos &&
         r.out.find("is the same file as") != std::string::npos && r.out.find("nothing was written") != std::string::npos;
}

// No temporary file of an atomic write is left in `dir`.
bool no_temp_files(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp") != std::string::npos) return false;
  return true;
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return unsigned(st.st_mode & 07777);
}

// A SQLite file with one table and the given application_id (0: none).
fs::path make_sqlite(const fs::path& p, int application_id, const std::string& table = "t(x)") {
  fs::remove(p);
  sql_exec(p, "CREATE TABLE " + table + "; PRAGMA application_id = " + std::to_string(application_id) + ";");
  return p;
}

}  // namespace

TEST_CASE("import --skip-bad naming the input CSV, by any alias, is refused and the CSV is unchanged", "[attack][files][import]") {
  ImportFixture f("skipbad-input");
  const auto before = snapshot(f.dir);
  for (const std::string& alias : aliases(f.dir, f.csv, "csv")) {
    const auto state = snapshot(f.dir);
    const Run r = hotline_in(f.dir, "import calls calls.csv --db traffic.sqlite -q --skip-bad '" + alias + "'");
    INFO(alias << ": " << r.out);
    CHECK(refused_as_same_file(r, "--skip-bad"));
    CHECK(r.out.find("FILE") != std::string::npos);
    CHECK(snapshot(f.dir) == state);  // nothing written: the CSV, the store and the links as they were
  }
  CHECK(slurp(f.csv) == calls_csv(100, 4));
  CHECK(sql_int(f.store, "SELECT count(*) FROM calls") == 3);
  CHECK(before.at(f.store.string()) == slurp(f.store));
}

TEST_CASE("import --skip-bad naming the store or its side files, by any alias, is refused and the store is unchanged",
          "[attack][files][import]") {
  ImportFixture f("skipbad-store");
  const std::string store_bytes = slurp(f.store);
  std::vector<std::string> names = aliases(f.dir, f.store, "db");
  for (const char* side : {"traffic.sqlite-wal", "traffic.sqlite-journal", "sub/../traffic.sqlite-shm"}) names.push_back(side);
  for (const std::string& alias : names) {
    const auto state = snapshot(f.dir);
    const Run r = hotline_in(f.dir, "import calls calls.csv --db traffic.sqlite -q --skip-bad '" + alias + "'");
    INFO(alias << ": " << r.out);
    CHECK(refused_as_same_file(r, "--skip-bad"));
    CHECK(r.out.find("--db") != std::string::npos);
    CHECK(snapshot(f.dir) == state);
    CHECK(slurp(f.store) == store_bytes);
  }
  CHECK(sql_int(f.store, "SELECT count(*) FROM calls") == 3);
  CHECK(sql_int(f.store, "SELECT count(*) FROM imports") == 1);
}

TEST_CASE("import --db naming the input CSV or the mapping file is refused before the store is opened", "[attack][files][import]") {
  ImportFixture f("db-input");
  spit(f.dir / "map.txt", "# renames\nnumber=caller\n");
  const std::string csv = slurp(f.csv), map = slurp(f.dir / "map.txt");
  for (const std::string& alias : aliases(f.dir, f.csv, "csv")) {
    const Run r = hotline_in(f.dir, "import calls calls.csv -q --db '" + alias + "'");
    INFO(alias << ": " << r.out);
    CHECK(refused_as_same_file(r, "--db"));
    CHECK(slurp(f.csv) == csv);
    CHECK_FALSE(fs::exists(f.dir / (alias + "-wal")));
  }
  for (const std::string& alias : aliases(f.dir, f.dir / "map.txt", "map")) {
    const Run skip = hotline_in(f.dir, "import calls calls.csv --db traffic.sqlite --map-file map.txt -q --skip-bad '" + alias + "'");
    INFO(alias << ": " << skip.out);
    CHECK(refused_as_same_file(skip, "--skip-bad"));
    CHECK(skip.out.find("--map-file") != std::string::npos);
    const Run db = hotline_in(f.dir, "import calls calls.csv --map-file map.txt -q --db '" + alias + "'");
    CHECK(refused_as_same_file(db, "--db"));
    CHECK(slurp(f.dir / "map.txt") == map);
  }
  CHECK(sql_int(f.store, "SELECT count(*) FROM calls") == 3);
}

TEST_CASE("An existing reject file is replaced atomically with mode 0600, whatever its mode was", "[attack][files][import]") {
  for (unsigned old_mode : {0644u, 0666u, 0604u, 0600u}) {
    ImportFixture f("reject-mode-" + std::to_string(old_mode));
    const fs::path rejects = f.dir / "rejects.csv";
    spit(rejects, "old reject file\n");
    fs::permissions(rejects, fs::perms(old_mode));
    fs::create_hard_link(rejects, f.dir / "old-rejects-link.csv");  // sees the old inode
    const Run r = hotline_in(f.dir, "import calls calls.csv --db traffic.sqlite -q --skip-bad rejects.csv --lang en");
    INFO(old_mode << ": " << r.out);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("imported 4 calls") != std::string::npos);
    CHECK(mode_of(rejects) == 0600u);
    const std::string text = slurp(rejects);
    CHECK(text.rfind(kHeader.substr(0, kHeader.size() - 1) + ",reject_reason\n", 0) == 0);
    CHECK(text.find("104,not-a-time") != std::string::npos);
    // Replaced by rename, not truncated in place: the old inode still holds the old text.
    CHECK(slurp(f.dir / "old-rejects-link.csv") == "old reject file\n");
    CHECK(no_temp_files(f.dir));
  }
  ImportFixture n("reject-mode-new");
  REQUIRE(hotline_in(n.dir, "import calls calls.csv --db traffic.sqlite -q --skip-bad new-rejects.csv").status == 0);
  CHECK(mode_of(n.dir / "new-rejects.csv") == 0600u);
}

TEST_CASE("A failed import leaves an existing reject file as it was and no temporary file", "[attack][files][import]") {
  ImportFixture f("reject-failed");
  const fs::path rejects = f.dir / "rejects.csv";
  const std::vector<std::string> broken = {
      kHeader + "100,2025-01-06 08:00:00,phone,general,,1,2,30,5,answered,\"A1\n",  // quote never closed
      "no,such,columns\n1,2,3\n",                                                    // bad header
      calls_csv(1, 2),                                                               // ids already in the store
  };
  for (std::size_t i = 0; i < broken.size(); ++i) {
    spit(f.dir / "broken.csv", broken[i]);
    spit(rejects, "previous rejects\n");
    const std::string store = store_content(f.store);
    const Run r = hotline_in(f.dir, "import calls broken.csv --db traffic.sqlite -q --skip-bad rejects.csv");
    INFO(i << ": " << r.out);
    if (i == 2) {  // duplicate ids are rejected rows; the import itself succeeds
      CHECK(r.status == 0);
      CHECK(slurp(rejects).find("reject_reason") != std::string::npos);
    } else {
      CHECK(r.status == 1);
      CHECK(slurp(rejects) == "previous rejects\n");
      CHECK(store_content(f.store) == store);
    }
    CHECK(no_temp_files(f.dir));
  }
}

TEST_CASE("import into a results database, a non-SQLite file or an unknown application_id is refused untouched",
          "[attack][files][db]") {
  const fs::path dir = fresh_dir("import-kind");
  spit(dir / "calls.csv", calls_csv(1, 2));
  struct Case {
    fs::path db;
    const char* says;
  };
  const std::vector<Case> cases = {
      {make_sqlite(dir / "results-stamped.sqlite", kResultsId, "runs(run_id)"), "is a results database, not a traffic store"},
      {make_sqlite(dir / "results-legacy.sqlite", 0, "runs(run_id)"), "is a results database, not a traffic store"},
      {make_sqlite(dir / "other-app.sqlite", 0x1A2B3C4D, "calls(id)"), "application_id 0x1A2B3C4D"},
      {make_sqlite(dir / "foreign.sqlite", 0, "inventory(item)"), "tables of another program"},
  };
  spit(dir / "text.db", "id,name\n1,this is a CSV file and not a database at all, long enough for a header\n");
  std::vector<Case> all = cases;
  all.push_back({dir / "text.db", "is not a SQLite database, not a traffic store"});
  for (const Case& c : all) {
    const std::string before = slurp(c.db);
    const Run r = hotline_in(dir, "import calls calls.csv -q --db " + q(c.db.filename()));
    INFO(c.db << ": " << r.out);
    CHECK(r.status == 1);
    CHECK(r.out.find(c.db.filename().string()) != std::string::npos);
    CHECK(r.out.find(c.says) != std::string::npos);
    CHECK(slurp(c.db) == before);
    CHECK_FALSE(fs::exists(c.db.string() + "-wal"));
  }
}

TEST_CASE("simulate, staff and compare --out refuse a traffic store or a foreign file before anything runs",
          "[attack][files][db]") {
  ImportFixture f("out-kind");
  make_sqlite(f.dir / "other-app.sqlite", 0x0BADF00D);
  spit(f.dir / "notes.txt", "a text file given as --out by mistake, long enough to have a SQLite-sized header\n");
  const std::vector<std::pair<std::string, std::string>> outs = {
      {"traffic.sqlite", "traffic.sqlite is a traffic store, not a results database"},
      {"sym-db", "is a traffic store, not a results database"},
      {"other-app.sqlite", "application_id 0x0BADF00D"},
      {"notes.txt", "notes.txt is not a SQLite database, not a results database"},
  };
  fs::create_symlink(f.store, f.dir / "sym-db");
  const std::vector<std::string> verbs = {
      "simulate shangluo-2025-01 -r 2",
      "staff shangluo-2025-01 --target-answer-rate 0.95 -r 2",
      "compare shangluo-2025-01 --baseline shangluo-2024 --revised xian-2023 -r 2",
  };
  for (const std::string& verb : verbs)
    for (const auto& [out, says] : outs) {
      const auto state = snapshot(f.dir);
      const Run r = hotline_in(f.dir, verb + " --out " + out);
      INFO(verb << " --out " << out << ": " << r.out);
      CHECK(r.status == 1);
      CHECK(r.out.find(says) != std::string::npos);
      // Refused at open: no replication, round or comparison was started.
      CHECK(r.out.find("replications on") == std::string::npos);
      CHECK(r.out.find("round") == std::string::npos);
      CHECK(r.out.find("vs xian-2023") == std::string::npos);
      CHECK(snapshot(f.dir) == state);
    }
}

TEST_CASE("simulate, staff and compare --out naming the scenario file, by any alias, are refused", "[attack][files]") {
  const fs::path dir = fresh_dir("out-scenario");
  fs::copy(kData / "shangluo-2025-01", dir / "sc");
  const fs::path scenario = dir / "sc" / "scenario.lua";
  const auto before = snapshot(dir / "sc");
  const std::vector<std::string> verbs = {
      "simulate sc/scenario.lua -r 2",
      "staff sc/scenario.lua --target-answer-rate 0.95 -r 2",
      "compare sc --baseline shangluo-2024 --revised xian-2023 -r 2",
  };
  for (const std::string& verb : verbs)
    for (const std::string& alias : {std::string("sc/scenario.lua"), scenario.string(), std::string("sc/../sc/scenario.lua"),
                                     std::string("sym-scenario"), std::string("hard-scenario")}) {
      fs::remove(dir / "sym-scenario");
      fs::remove(dir / "hard-scenario");
      fs::create_symlink(scenario, dir / "sym-scenario");
      fs::create_hard_link(scenario, dir / "hard-scenario");
      const Run r = hotline_in(dir, verb + " --out '" + alias + "'");
      INFO(verb << " --out " << alias << ": " << r.out);
      CHECK(refused_as_same_file(r, "--out"));
      CHECK(r.out.find("SCENARIO") != std::string::npos);
      CHECK(snapshot(dir / "sc") == before);
    }
}

TEST_CASE("A scenario replaying traffic refuses a results database as its traffic, and --out naming its traffic",
          "[attack][files][db]") {
  ImportFixture f("replay-kind");
  fs::copy(kData / "shangluo-2025-01", f.dir / "sc");
  std::string text = slurp(f.dir / "sc" / "scenario.lua");
  const std::string profile = "source = \"profile\",";
  REQUIRE(text.find(profile) != std::string::npos);
  text.replace(text.find(profile), profile.size(), "source = \"replay\", db = \"../traffic.sqlite\",");
  spit(f.dir / "sc" / "scenario.lua", text);
  const std::string store = slurp(f.store);
  fs::create_symlink(f.store, f.dir / "traffic-link");
  for (const std::string& out : {std::string("traffic.sqlite"), std::string("traffic-link"), f.store.string(),
                                 std::string("sc/../traffic.sqlite-wal")}) {
    const Run r = hotline_in(f.dir, "simulate sc -r 1 --out '" + out + "'");
    INFO(out << ": " << r.out);
    CHECK(refused_as_same_file(r, "--out"));
    CHECK(r.out.find("the scenario's replay_db") != std::string::npos);
    CHECK(slurp(f.store) == store);
  }
  // The replayed traffic is a results database: refused by its kind, naming it.
  make_sqlite(f.dir / "results.sqlite", kResultsId, "runs(run_id)");
  text.replace(text.find("../traffic.sqlite"), 17, "../results.sqlite");
  spit(f.dir / "sc" / "scenario.lua", text);
  const std::string results = slurp(f.dir / "results.sqlite");
  const Run r = hotline_in(f.dir, "simulate sc -r 1 --threads 1");
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(r.out.find("results.sqlite is a results database, not a traffic store") != std::string::npos);
  CHECK(slurp(f.dir / "results.sqlite") == results);
}

TEST_CASE("bulletin refuses a traffic store or a non-SQLite file as its results database, naming it",
          "[attack][files][db]") {
  ImportFixture f("bulletin-kind");
  for (const std::string& db : {std::string("traffic.sqlite"), f.store.string()}) {
    const Run r = hotline_in(f.dir, "bulletin --db '" + db + "' --period 2025-01");
    INFO(r.out);
    CHECK(r.status == 1);
    CHECK(r.out.find("is a traffic store, not a results database") != std::string::npos);
  }
  spit(f.dir / "page.html", "<html><body>not a database, but long enough to look like a header of one</body></html>\n");
  const Run html = hotline_in(f.dir, "bulletin --db page.html --period 2025-01");
  CHECK(html.status == 1);
  CHECK(html.out.find("page.html is not a SQLite database, not a results database") != std::string::npos);
}

TEST_CASE("Legacy databases without a kind (application_id 0) still open and are stamped", "[attack][files][db]") {
  ImportFixture f("legacy");
  REQUIRE(sql_int(f.store, "PRAGMA application_id") == kTrafficId);  // a new store is stamped
  sql_exec(f.store, "PRAGMA application_id = 0");                     // as written by an earlier version
  spit(f.dir / "more.csv", calls_csv(200, 2));
  const Run imp = hotline_in(f.dir, "import calls more.csv --db traffic.sqlite -q --skip-bad more-rejects.csv");
  INFO(imp.out);
  CHECK(imp.status == 0);
  CHECK(sql_int(f.store, "SELECT count(*) FROM calls") == 5);
  CHECK(sql_int(f.store, "PRAGMA application_id") == kTrafficId);

  const fs::path results = f.dir / "results.sqlite";
  const Run first = hotline_in(f.dir, "simulate shangluo-2025-01 -r 1 --out results.sqlite");
  INFO(first.out);
  REQUIRE(first.status == 0);
  CHECK(sql_int(results, "PRAGMA application_id") == kResultsId);
  sql_exec(results, "PRAGMA application_id = 0");
  const Run bulletin = hotline_in(f.dir, "bulletin --db results.sqlite --period 2025-01 --format csv");
  INFO(bulletin.out);
  CHECK(bulletin.status == 0);
  CHECK(sql_int(results, "PRAGMA application_id") == 0);  // a reader does not stamp
  const Run again = hotline_in(f.dir, "simulate shangluo-2025-01 -r 1 --out results.sqlite");
  CHECK(again.status == 0);
  CHECK(sql_int(results, "SELECT count(*) FROM runs") == 2);
  CHECK(sql_int(results, "PRAGMA application_id") == kResultsId);
  // Now stamped, each is refused as the other.
  CHECK(hotline_in(f.dir, "import calls more.csv --db results.sqlite -q").out.find("is a results database, not a traffic store") !=
        std::string::npos);
  CHECK(hotline_in(f.dir, "simulate shangluo-2025-01 -r 1 --out traffic.sqlite").out.find("is a traffic store") != std::string::npos);
}

TEST_CASE("calibrate --write never writes into the shipped data folder", "[attack][files][calibrate]") {
  const fs::path data = fresh_dir("calibrate-data") / "data";
  fs::copy(kData, data, fs::copy_options::recursive);
  const fs::path work = fresh_dir("calibrate-work");
  const auto shipped = snapshot(data);
  const auto source = snapshot(kData / "shangluo-2025-01");
  const std::string env = "HOTLINE_DATA=" + q(data).substr(0);
  const std::string args = " --bulletin bulletin-2025-01.csv -r 1 --iterations 1 --seed 3 --write --lang en";

  // By name: copied into the current folder first, and the copy is written.
  const Run r = hotline_in(work, "calibrate shangluo-2025-01" + args, env);
  INFO(r.out);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("copied it to " + (work / "shangluo-2025-01").string()) != std::string::npos);
  CHECK(snapshot(data) == shipped);
  const std::string written = slurp(work / "shangluo-2025-01" / "calibration.lua");
  CHECK(written.rfind("-- Generated by `hotline calibrate`", 0) == 0);
  CHECK(slurp(work / "shangluo-2025-01" / "scenario.lua") == slurp(data / "shangluo-2025-01" / "scenario.lua"));

  // The shipped scenario by its path while the copy exists: the tool says to calibrate the
  // copy and runs nothing. (By name, the copy in the current folder is found first.)
  const Run again = hotline_in(work, "calibrate " + q(data / "shangluo-2025-01") + args, env);
  CHECK(again.status == 1);
  CHECK(again.out.find("calibrate the copy") != std::string::npos);
  CHECK(again.out.find("iteration 1/1") == std::string::npos);
  CHECK(slurp(work / "shangluo-2025-01" / "calibration.lua") == written);
  CHECK(snapshot(data) == shipped);

  // By a path into the data folder, a symlink to it, and from inside the data folder itself.
  fs::create_symlink(data / "shangluo-2025-01", work / "link-to-shipped");
  for (const std::string& path : {(data / "shangluo-2025-01" / "scenario.lua").string(), std::string("link-to-shipped")}) {
    const fs::path other = fresh_dir("calibrate-other");
    if (path == "link-to-shipped") fs::create_symlink(data / "shangluo-2025-01", other / "link-to-shipped");
    const Run p = hotline_in(other, "calibrate " + q(path) + args, env);
    INFO(path << ": " << p.out);
    CHECK(p.status == 0);
    CHECK(fs::exists(other / "shangluo-2025-01" / "calibration.lua"));
    CHECK(snapshot(data) == shipped);
  }
  const Run inside = hotline_in(data, "calibrate shangluo-2025-01" + args, env);
  CHECK(inside.status == 1);
  CHECK(inside.out.find("inside the shipped data folder") != std::string::npos);
  CHECK(snapshot(data) == shipped);
  CHECK(snapshot(kData / "shangluo-2025-01") == source);
}

TEST_CASE("calibrate --write aimed at the scenario or the bulletin through its calibration field is refused",
          "[attack][files][calibrate]") {
  const fs::path dir = fresh_dir("calibrate-self");
  fs::copy(kData / "shangluo-2025-01", dir / "sc");
  fs::create_symlink(dir / "sc" / "scenario.lua", dir / "sc" / "link.lua");
  fs::create_hard_link(dir / "sc" / "bulletin-2025-01.csv", dir / "sc" / "hard.csv");
  const std::string text = slurp(dir / "sc" / "scenario.lua");
  REQUIRE(text.find("calibration = \"calibration.lua\"") != std::string::npos);
  for (const std::string& target : {std::string("scenario.lua"), std::string("./scenario.lua"), std::string("link.lua"),
                                    (dir / "sc" / "scenario.lua").string(), std::string("bulletin-2025-01.csv"),
                                    std::string("hard.csv")}) {
    std::string edited = text;
    edited.replace(edited.find("calibration = \"calibration.lua\""), 31, "calibration = \"" + target + "\"");
    spit(dir / "sc" / "scenario.lua", edited);
    const auto before = snapshot(dir / "sc");
    const Run r = hotline_in(dir, "calibrate sc --bulletin bulletin-2025-01.csv -r 1 --iterations 1 --write");
    INFO(target << ": " << r.out);
    CHECK(refused_as_same_file(r, "--write"));
    CHECK(r.out.find("iteration 1/1") == std::string::npos);  // refused before the fit
    CHECK(snapshot(dir / "sc") == before);
  }
}

TEST_CASE("dashboard --screenshot naming the results database is refused before the window opens", "[attack][files]") {
  const fs::path dir = fresh_dir("screenshot");
  const fs::path db = make_sqlite(dir / "results.sqlite", kResultsId, "runs(run_id)");
  const std::string before = slurp(db);
  fs::create_symlink(db, dir / "shot.png");
  for (const std::string& shot : {std::string("results.sqlite"), db.string(), std::string("shot.png")}) {
    const Run r = hotline_in(dir, "dashboard --results results.sqlite --screenshot '" + shot + "'");
    INFO(shot << ": " << r.out);
    CHECK(refused_as_same_file(r, "--screenshot"));
    CHECK(slurp(db) == before);
  }
}

TEST_CASE("calibrate --write by name with the build tree's own data leaves the source scenarios unchanged",
          "[attack][files][calibrate]") {
  const fs::path work = fresh_dir("calibrate-source");
  const auto source = snapshot(kData);
  const Run r = hotline::test::run_command("cd " + q(work) + " && env -u HOTLINE_DATA '" + HOTLINE_BIN +
                                           "' calibrate shangluo-2025-01 --bulletin bulletin-2025-01.csv -r 1 "
                                           "--iterations 1 --seed 9 --write 2>&1");
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK(r.out.find("copied it to " + (work / "shangluo-2025-01").string()) != std::string::npos);
  CHECK(fs::exists(work / "shangluo-2025-01" / "calibration.lua"));
  CHECK(slurp(work / "shangluo-2025-01" / "calibration.lua") != slurp(kData / "shangluo-2025-01" / "calibration.lua"));
  CHECK(snapshot(kData) == source);
}
