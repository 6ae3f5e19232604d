// Progress into a pipe: whole lines, no carriage returns, the total where it is known, and
// none at all with -q (before or after the verb).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "tests/support/run_command.hpp"

using hotline::test::run_hotline;

namespace {
const std::string kScenario = "shangluo-2025-01";

int lines_starting(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  int n = 0;
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) ++n;
  return n;
}
}  // namespace

TEST_CASE("Progress into a pipe is whole lines with the total", "[cli][progress]") {
  const auto r = run_hotline("simulate '" + kScenario + "' -r 3 --seed 2", " 2>&1 >/dev/null");
  REQUIRE(r.status == 0);
  INFO(r.out);
  CHECK(r.out.find('\r') == std::string::npos);
  CHECK(lines_starting(r.out, "simulate: 3/3 replications") == 1);
  CHECK(lines_starting(r.out, "simulate: 1/3 replications") == 1);
  // The first replication's progress, every 10% of a 31-day horizon, each printed once.
  CHECK(lines_starting(r.out, "simulate: replication 1 at ") >= 5);
  CHECK(lines_starting(r.out, "simulate: replication 1 at 50%") == 1);
}

TEST_CASE("The quiet flag (-q) silences progress before or after the verb", "[cli][progress]") {
  for (const std::string& args : {"-q simulate '" + kScenario + "' -r 2 --seed 2",
                                 "simulate '" + kScenario + "' -r 2 --seed 2 --quiet"}) {
    const auto r = run_hotline(args, " 2>&1 >/dev/null");
    INFO(args << "\n" << r.out);
    REQUIRE(r.status == 0);
    CHECK(lines_starting(r.out, "simulate: 2/2 replications") == 0);
    CHECK(lines_starting(r.out, "simulate: replication 1 at") == 0);
  }
}
