// End-to-end test of metro-2023's ticket section (scenarios/metro-2023/scenario.lua): the
// Xi'an rules [XA23 三(一)] dispatch every ticket, name co-handlers (协办) who do work, and the
// results database holds their counts. Run on the first days of the year (the full year is
// for `hotline simulate metro-2023`, timed in docs/scenarios.md).
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

std::string run(const std::string& args, int& code) {
  const std::string cmd = std::string("\"") + HOTLINE_BIN + "\" " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = pclose(p);
  code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

long long scalar(const fs::path& db, const std::string& sql) {
  sqlite3* d = nullptr;
  REQUIRE(sqlite3_open_v2(db.string().c_str(), &d, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(d, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const long long v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(d);
  return v;
}

}  // namespace

TEST_CASE("metro-2023's tickets are dispatched by the Xi'an rules with working co-handlers", "[cli][simulate][tickets]") {
  // The shipped scenario with a 3-day horizon.
  std::ifstream in(fs::path(HOTLINE_TEST_DIR) / ".." / "scenarios" / "metro-2023" / "scenario.lua");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  std::string lua = text.str();
  const std::string days = "days = 365,";
  const auto at = lua.find(days);
  REQUIRE(at != std::string::npos);
  lua.replace(at, days.size(), "days = 3,");
  const fs::path dir = fs::path(HOTLINE_TEST_TMP) / ("metro-tickets-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "scenario.lua") << lua;
  const fs::path db = dir / "results.sqlite";
  fs::remove(db);
  int code = -1;
  const std::string out = run("simulate \"" + (dir / "scenario.lua").string() + "\" -r 1 --seed 3 --json --out \"" +
                                  db.string() + "\"",
                              code);
  REQUIRE(code == 0);
  const nlohmann::json j = nlohmann::json::parse(out);
  const double created = j["tickets"]["created"]["mean"];
  CHECK(created > 10000);                                  // about 25,000 tickets a day
  CHECK(j["tickets"]["manual"]["mean"] == 0.0);            // every category is in the Xi'an catalog
  CHECK(j["tickets"]["co_handled"]["mean"] > 0.0);
  CHECK(scalar(db, "SELECT sum(co_handled) FROM ticket_unit_counts") ==
        scalar(db, "SELECT co_handled FROM ticket_replications"));
  CHECK(scalar(db, "SELECT count(*) FROM runs WHERE ruleset = 'rulesets/xian-2023'") == 1);
  // Co-handlers of the Xi'an catalog: county governments for city departments' matters.
  CHECK(scalar(db, "SELECT sum(co_handled) FROM ticket_unit_counts WHERE unit_kind = 'district'") > 0);
  fs::remove_all(dir);
}
