// End-to-end `hotline fit` and `hotline validate` on the shipped bank day and on small
// traces of our own: the fitted scenario runs in `hotline simulate`, validate prints its
// table and summary, and bad profile or trace rows are named by file:line:field.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/run_command.hpp"

namespace fs = std::filesystem;
using hotline::test::run_hotline;

namespace {

const std::string kData = std::string(HOTLINE_TEST_DIR) + "/../scenarios/";
const std::string kTrace = kData + "traces/bank-1999-one-day/calls_one_day.csv";
const std::string kProfile = kData + "profiles/bank-1999.toml";

fs::path tmp(const std::string& name) {
  return fs::path(HOTLINE_TEST_TMP) / ("fit-" + std::to_string(getpid()) + "-" + name);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("cli fit: the bank day gives a scenario that simulate runs", "[cli][fit]") {
  const fs::path out = tmp("bank.lua");
  const auto r = run_hotline("fit '" + kTrace + "' --profile '" + kProfile + "' --out '" + out.string() + "' --lang en");
  INFO(r.out);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("ignored (PHANTOM) 18"));
  CHECK_THAT(r.out, Catch::Contains("Kaplan-Meier on"));
  CHECK_THAT(r.out, Catch::Contains("lognormal KS"));
  CHECK_THAT(r.out, Catch::Contains("gamma KS"));
  CHECK_THAT(r.out, Catch::Contains("weibull KS"));
  const std::string lua = slurp(out);
  CHECK_THAT(lua, Catch::Contains("dist = \"empirical\""));
  const auto sim = run_hotline("simulate '" + out.string() + "' -r 3 --threads 1 --lang en");
  INFO(sim.out);
  CHECK(sim.status == 0);
  CHECK_THAT(sim.out, Catch::Contains("Offered"));
  const auto zh = run_hotline("fit '" + kTrace + "' --profile '" + kProfile + "' --out '" + out.string() + "'");
  CHECK_THAT(zh.out, Catch::Contains("耐心"));
  fs::remove(out);
}

TEST_CASE("cli validate: prints the per-hour table and the summary", "[cli][fit]") {
  const fs::path out = tmp("bank-v.lua");
  REQUIRE(run_hotline("fit '" + kTrace + "' --profile '" + kProfile + "' --out '" + out.string() + "'").status == 0);
  for (const std::string extra : {"", " --recorded-service"}) {
    const auto r = run_hotline("validate '" + kTrace + "' --profile '" + kProfile + "' --scenario '" + out.string() +
                               "' -r 3 --lang en" + extra);
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("  0 10:00"));
    CHECK_THAT(r.out, Catch::Contains("Summary ("));
    CHECK_THAT(r.out, Catch::Contains("priority"));
  }
  fs::remove(out);
}

TEST_CASE("cli fit: bad profile and trace rows are named", "[cli][fit]") {
  const fs::path profile = tmp("bad.toml"), trace = tmp("bad.csv"), out = tmp("never.lua");
  std::ofstream(profile) << "[columns]\ntype = \"type\"\nqueue = \"q\"\n";
  auto r = run_hotline("fit '" + kTrace + "' --profile '" + profile.string() + "' --out '" + out.string() + "'");
  CHECK(r.status != 0);
  CHECK_THAT(r.out, Catch::Contains(profile.string() + ":3: queue: unknown key"));
  std::ofstream(trace) << "vru+line,call_id,type,vru_entry,vru_exit,vru_time,q_start,q_exit,q_time,outcome,ser_start,ser_exit,ser_time,server,server_abv\n"
                       << "A,1,PS,10:00:00,10:00:05,5,10:00:05,10:00:20,15,AGENT,10:00:20,10:01:00,40,AVI,AVI\n"
                       << "A,2,PS,10:00:00,10:00:05,5,10:00:05,10:00:20,15,AGENT,10:00:20,9:01:00,40,AVI,AVI\n"
                       << "A,3,PS,10:00:00,10:00:05,5,10:00:05,10:00:20,15,AGENT,10:00:20,10:01:00,40,AVI,AVI\n";
  r = run_hotline("fit '" + trace.string() + "' --profile '" + kProfile + "' --out '" + out.string() + "'");
  CHECK(r.status != 0);
  CHECK_THAT(r.out, Catch::Contains(trace.string() + ":3: ser_exit"));
  CHECK(!fs::exists(out));
  fs::remove(profile);
  fs::remove(trace);
}
