// hotline/simulate.hpp: replications of a shipped scenario's ticket network, per unit,
// replication and month; the same seed gives the same rows; bad options are refused.
#include <catch2/catch.hpp>

#include <set>

#include "hotline/simulate.hpp"

using namespace hotline::api;

TEST_CASE("simulate gives per-unit rows for every replication and month, repeatably", "[api][simulate]") {
  SimulateOptions o;
  o.replications = 2;
  o.seed = 11;
  const std::vector<UnitResult> rows = simulate("shangluo-2025-01", o);
  REQUIRE_FALSE(rows.empty());
  std::set<int> replications;
  std::set<std::string> units;
  int handled = 0;
  for (const UnitResult& r : rows) {
    replications.insert(r.replication);
    units.insert(r.unit_id);
    CHECK(r.handled > 0);
    CHECK(r.on_time + r.late <= r.handled);
    CHECK(r.satisfied + r.basically_satisfied + r.unsatisfied <= r.handled);
    if (r.replication == 1 && r.period == "2025-01") handled += r.handled;
  }
  CHECK(replications == std::set<int>{1, 2});
  CHECK(units.count("zlsgs") == 1);
  CHECK(handled > 4000);  // the published month has 5,170 tickets [SL24 bulletin]
  const std::vector<UnitResult> again = simulate("shangluo-2025-01", o);
  REQUIRE(again.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(again[i].unit_id == rows[i].unit_id);
    CHECK(again[i].handled == rows[i].handled);
    CHECK(again[i].on_time == rows[i].on_time);
  }
}

TEST_CASE("simulate refuses bad options and a missing scenario with the field named", "[api][simulate][errors]") {
  SimulateOptions o;
  o.replications = 0;
  CHECK_THROWS_WITH(simulate("shangluo-2025-01", o), "shangluo-2025-01: replications: must be between 1 and 100000");
  o.replications = 1;
  o.threads = -1;
  CHECK_THROWS_WITH(simulate("shangluo-2025-01", o), "shangluo-2025-01: threads: must be >= 0");
  o.threads = 0;
  CHECK_THROWS_WITH(simulate("/no/such/scenario", o), Catch::Contains("/no/such/scenario"));
}
