// The one SQLite layer (core/sqlite.hpp): errors name the file and what was done, a
// transaction rolls back unless committed, steps and runs check every return code.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/sqlite.hpp"

using namespace hotline;
namespace fs = std::filesystem;

namespace {

fs::path fresh(const std::string& name) {
  fs::path dir = fs::path(HOTLINE_TEST_TMP) / ("sqlite-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path db = dir / (name + ".sqlite");
  fs::remove(db);
  return db;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const sqlite::DbError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("sqlite: a failure names the file and what was being done", "[core][sqlite]") {
  const fs::path missing = fresh("missing");
  const std::string open_error = message_of([&] { sqlite::open(missing, sqlite::Mode::ReadOnly); });
  CHECK(open_error.rfind(missing.string() + ": cannot open the database: ", 0) == 0);
  CHECK_FALSE(fs::exists(missing));  // read-only: nothing was created

  const fs::path file = fresh("errors");
  sqlite::Db db = sqlite::open(file, sqlite::Mode::Create);
  const std::string bad_sql = message_of([&] { sqlite::prepare(db.get(), "SELEC 1", "read the answer"); });
  CHECK(bad_sql.find("read the answer: ") != std::string::npos);
  CHECK(bad_sql.find("syntax error") != std::string::npos);
  CHECK(bad_sql.find(file.filename().string()) != std::string::npos);
  sqlite::exec(db.get(), "CREATE TABLE t(id INTEGER PRIMARY KEY)", "create");
  sqlite::Stmt ins = sqlite::prepare(db.get(), "INSERT INTO t VALUES(?1)");
  sqlite3_bind_int64(ins.get(), 1, 7);
  sqlite::run(db.get(), ins.get(), "insert");
  const std::string dup = message_of([&] { sqlite::run(db.get(), ins.get(), "insert a second 7"); });  // reset by run
  CHECK(dup.find("insert a second 7: UNIQUE constraint failed: t.id") != std::string::npos);
  // A DbError is bad input to whatever reports input errors.
  CHECK_THROWS_AS(sqlite::exec(db.get(), "INSERT INTO nowhere VALUES(1)", "insert"), InputError);
}

TEST_CASE("sqlite: a transaction rolls back unless committed and step tells rows from done", "[core][sqlite]") {
  const fs::path file = fresh("tx");
  sqlite::Db db = sqlite::open(file, sqlite::Mode::Create);
  sqlite::exec(db.get(), "CREATE TABLE t(v INTEGER)", "create");
  {
    sqlite::Transaction tx(db.get());
    sqlite::exec(db.get(), "INSERT INTO t VALUES(1)", "insert");
  }  // no commit
  CHECK(sqlite::scalar(db.get(), "SELECT count(*) FROM t", "count") == 0);
  {
    sqlite::Transaction tx(db.get());
    sqlite::exec(db.get(), "INSERT INTO t VALUES(2), (3)", "insert");
    tx.commit();
  }
  CHECK(sqlite::scalar(db.get(), "SELECT sum(v) FROM t", "sum") == 5);
  sqlite::Stmt st = sqlite::prepare(db.get(), "SELECT v FROM t ORDER BY v");
  std::string seen;
  while (sqlite::step(db.get(), st.get(), "read")) seen += sqlite::text(st.get(), 0) + ";";
  CHECK(seen == "2;3;");
  CHECK(sqlite::scalar(db.get(), "SELECT v FROM t WHERE v > 100", "none") == 0);  // no row: 0
  // Nothing is left half-written when the writer throws inside the transaction.
  try {
    sqlite::Transaction tx(db.get());
    sqlite::exec(db.get(), "INSERT INTO t VALUES(4)", "insert");
    sqlite::exec(db.get(), "INSERT INTO nowhere VALUES(5)", "insert");
    tx.commit();
  } catch (const sqlite::DbError&) {
  }
  CHECK(sqlite::scalar(db.get(), "SELECT count(*) FROM t", "count") == 2);
}

TEST_CASE("sqlite: a file that is not a database is refused with its name", "[core][sqlite]") {
  const fs::path file = fresh("text");
  std::ofstream(file) << "id,arrival\n1,2025-01-01\n";
  sqlite::Db db = sqlite::open(file, sqlite::Mode::ReadOnly);  // SQLite opens lazily
  const std::string e = message_of([&] { sqlite::scalar(db.get(), "SELECT count(*) FROM sqlite_master", "list the tables"); });
  CHECK(e.find("list the tables: file is not a database") != std::string::npos);
  CHECK(e.find(file.filename().string()) != std::string::npos);
}
