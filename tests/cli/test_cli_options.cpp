// One option grammar across verbs: `--target-sl SHARE[@SECONDS]` and `--threshold` mean the
// same in `erlang` and `staff`; a threshold given twice must agree; bad values name the option.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/run_command.hpp"

using hotline::test::run_hotline;

namespace {
nlohmann::json erlang_json(const std::string& args) {
  const auto r = run_hotline("erlang --calls 100 --aht 180 --json " + args, " 2>/dev/null");
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out);
}
}  // namespace

TEST_CASE("erlang takes the service-level target in either spelling", "[cli][options]") {
  const auto separate = erlang_json("--target-sl 0.8 --threshold 20");
  const auto joined = erlang_json("--target-sl 0.8@20s");
  const auto percent = erlang_json("--target-sl 80%@20");
  CHECK(separate["agents"] == joined["agents"]);
  CHECK(percent["agents"] == joined["agents"]);
  CHECK(joined["threshold_s"] == 20.0);
  // A longer threshold is easier to meet: never more agents.
  const auto minute = erlang_json("--target-sl 0.8@1m");
  CHECK(minute["threshold_s"] == 60.0);
  CHECK(minute["agents"].get<int>() <= joined["agents"].get<int>());
}

TEST_CASE("Service-level options refuse bad values and disagreements by name", "[cli][options]") {
  struct Bad {
    std::string args, option;
  };
  const Bad cases[] = {
      {"erlang --calls 100 --aht 180 --target-sl 0.8@20s --threshold 30", "--threshold"},
      {"erlang --calls 100 --aht 180 --target-sl 1.5", "--target-sl"},
      {"erlang --calls 100 --aht 180 --target-sl 0", "--target-sl"},
      {"erlang --calls 100 --aht 180 --target-sl abc", "--target-sl"},
      {"erlang --calls 100 --aht 180 --target-sl 0.8@20x", "--target-sl"},
      {"erlang --calls 100 --aht 180 --agents 14 --threshold -5", "--threshold"},
      {"erlang --calls 100 --aht 180 --agents 14 --interval 5parsecs", "--interval"},
      {"staff shangluo-2025-01 --target-answer-rate 0.95 --threshold 20", "--threshold"},
      {"staff shangluo-2025-01 --target-sl 0.8@15s --threshold 20", "--threshold"},
      {"staff shangluo-2025-01 --target-sl 2@15s", "--target-sl"},
  };
  for (const Bad& b : cases) {
    const auto r = run_hotline(b.args + " -q");
    INFO(b.args << "\n" << r.out);
    CHECK(r.status == 1);
    CHECK(r.out.find("hotline: " + b.option + ": ") != std::string::npos);
  }
}
