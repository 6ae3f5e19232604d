// End-to-end tests of `hotline compare`: two rule sets on the Shangluo scenario's tickets
// with common random numbers.
#include <catch2/catch.hpp>

#include "tests/support/run_command.hpp"

#include <sys/wait.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace {
using hotline::test::Run;

Run run(const std::string& args) { return hotline::test::run_hotline(args); }
}  // namespace

TEST_CASE("compare runs both rule sets on the same tickets and reports deltas", "[cli][compare]") {
  const Run r = run("compare shangluo-2025-01 --baseline shangluo-2024 --revised xian-2023 -r 2 --lang en");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("baseline shangluo-2024@") != std::string::npos);
  CHECK(r.out.find("revised xian-2023@") != std::string::npos);
  // Common random numbers: the same tickets are created under both rule sets.
  CHECK(r.out.find("created +0.0 ±0.0") != std::string::npos);
  CHECK(r.out.find("商州区") != std::string::npos);
  // The same rule set against itself changes nothing.
  const Run same = run("compare shangluo-2025-01 --baseline shangluo-2024 --revised shangluo-2024 -r 2 --lang en");
  REQUIRE(same.status == 0);
  CHECK(same.out.find("closed +0.0 ±0.0, late +0.0 ±0.0, on-time rate +0.0 ±0.0 pts") != std::string::npos);
  CHECK(same.out.find(" *\n") == std::string::npos);  // no rank changes
}

TEST_CASE("compare stops with the loader's message for a rule set that does not load", "[cli][compare]") {
  const Run r = run("compare shangluo-2025-01 --baseline shangluo-2024 --revised no-such-rules -r 2");
  CHECK(r.status == 1);
  CHECK(r.out.find("no-such-rules") != std::string::npos);
}

TEST_CASE("compare stores both sides as runs whose bulletins use their own rule set's layout", "[cli][compare]") {
  const std::string db = std::string(HOTLINE_TEST_TMP) + "/compare-" + std::to_string(getpid()) + ".sqlite";
  std::filesystem::remove(db);
  REQUIRE(run("compare shangluo-2025-01 --baseline shangluo-2024 --revised xian-2023 -r 2 --out '" + db + "'").status == 0);
  const Run base = run("bulletin --db '" + db + "' --run 1 --period 2025-01 --format csv --lang en");
  const Run rev = run("bulletin --db '" + db + "' --run 2 --period 2025-01 --format csv --lang en");
  REQUIRE(base.status == 0);
  REQUIRE(rev.status == 0);
  CHECK(base.out.find("rule set shangluo-2024") != std::string::npos);
  CHECK(rev.out.find("rule set xian-2023") != std::string::npos);
  CHECK(base.out.find("On-time rate") != std::string::npos);
  CHECK(rev.out.find("Composite score") != std::string::npos);
}
