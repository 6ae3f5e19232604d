// End-to-end test of metro-2023's ticket section (scenarios/metro-2023/scenario.lua): the
// Xi'an rules [XA23 三(一)] dispatch every ticket, name co-handlers (协办) who do work, and the
// results database holds their counts. Run on the first days of the year (the full year is
// for `hotline simulate metro-2023`, timed in docs/scenarios.md).
#include <catch2/catch.hpp>


#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "tests/support/run_command.hpp"
#include "tests/support/sqlite_scalar.hpp"

namespace fs = std::filesystem;

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
  const hotline::test::Run r = hotline::test::run_hotline(
      "simulate \"" + (dir / "scenario.lua").string() + "\" -r 1 --seed 3 --json --out \"" + db.string() + "\"",
      " 2>/dev/null");
  REQUIRE(r.status == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  const double created = j["tickets"]["created"]["mean"];
  CHECK(created > 10000);                                  // about 25,000 tickets a day
  CHECK(j["tickets"]["manual"]["mean"] == 0.0);            // every category is in the Xi'an catalog
  CHECK(j["tickets"]["co_handled"]["mean"] > 0.0);
  CHECK(hotline::test::sql_scalar(db, "SELECT sum(co_handled) FROM ticket_unit_counts") ==
        hotline::test::sql_scalar(db, "SELECT co_handled FROM ticket_replications"));
  CHECK(hotline::test::sql_scalar(db, "SELECT count(*) FROM runs WHERE ruleset = 'rulesets/xian-2023'") == 1);
  // Co-handlers of the Xi'an catalog: county governments for city departments' matters.
  CHECK(hotline::test::sql_scalar(db, "SELECT sum(co_handled) FROM ticket_unit_counts WHERE unit_kind = 'district'") > 0);
  fs::remove_all(dir);
}
