// Tests of opening a results database read-only.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "gui/results_model.hpp"

using namespace hotline;
using namespace hotline::gui;

TEST_CASE("a results database lists its tables, sorted", "[gui][results]") {
  std::filesystem::path file = std::filesystem::path(HOTLINE_TEST_TMP) / "gui-results.sqlite";
  std::filesystem::remove(file);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "CREATE TABLE runs(id); CREATE TABLE interval_kpis(run, t);", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  sqlite3_close(db);
  ResultsFile r = open_results(file);
  CHECK(r.tables == std::vector<std::string>{"interval_kpis", "runs"});
  CHECK(r.has_table("runs"));
  CHECK_FALSE(r.has_table("unit_kpis"));
}

TEST_CASE("a missing or foreign results file is an input error naming it", "[gui][results]") {
  std::filesystem::path missing = std::filesystem::path(HOTLINE_TEST_TMP) / "gui-no-such.sqlite";
  CHECK_THROWS_WITH(open_results(missing), Catch::Contains("gui-no-such.sqlite") && Catch::Contains("no such"));
  std::filesystem::path text = std::filesystem::path(HOTLINE_TEST_TMP) / "gui-not-sqlite.sqlite";
  std::ofstream(text) << "id,name\n1,x\n this is not a database, just text long enough to have a header\n";
  CHECK_THROWS_AS(open_results(text), InputError);
  CHECK_THROWS_WITH(open_results(text), Catch::Contains("gui-not-sqlite.sqlite") && Catch::Contains("not a"));
}
