// End-to-end tests of `hotline compare`: two rule sets on the Shangluo scenario's tickets
// with common random numbers, the tickets decided differently, and the stored comparison.
#include <catch2/catch.hpp>

#include "tests/support/run_command.hpp"

#include <sys/wait.h>

#include <unistd.h>

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace {
using hotline::test::Run;

Run run(const std::string& args) { return hotline::test::run_hotline(args); }

// The rows of a query on a results database, each row's columns joined by '|'.
std::vector<std::string> query(const std::string& db, const std::string& sql) {
  sqlite3* d = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open_v2(db.c_str(), &d, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(d);
    return rows;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(d, sql.c_str(), -1, &st, nullptr) == SQLITE_OK)
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const unsigned char* t = sqlite3_column_text(st, i);
        row += (i ? "|" : "") + std::string(t ? reinterpret_cast<const char*>(t) : "NULL");
      }
      rows.push_back(row);
    }
  sqlite3_finalize(st);
  sqlite3_close(d);
  return rows;
}
}  // namespace

TEST_CASE("compare runs both rule sets on the same tickets and reports deltas", "[cli][compare]") {
  const Run r = run("compare shangluo-2025-01 --baseline shangluo-2024 --revised xian-2023 -r 2 --lang en");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("baseline shangluo-2024@") != std::string::npos);
  CHECK(r.out.find("revised xian-2023@") != std::string::npos);
  // Common random numbers: the same tickets are created under both rule sets.
  CHECK(r.out.find("created +0.0 ±0.0") != std::string::npos);
  CHECK(r.out.find("商州区") != std::string::npos);
  CHECK(r.out.find("-0.0 ±") == std::string::npos);  // a delta that rounds to zero is +0.0
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

TEST_CASE("compare lists tickets the two rule sets decided differently, with both traces", "[cli][compare]") {
  const Run en = run("compare shangluo-2025-01 --baseline shangluo-2024 --revised xian-2023 -r 2 --sample 6 --traces 2 "
                     "--lang en");
  REQUIRE(en.status == 0);
  const std::size_t at = en.out.find("Tickets decided differently (replication 1): ");
  REQUIRE(at != std::string::npos);
  // Xi'an's dispatch ladder and time limits differ from Shangluo's: some tickets change.
  unsigned long long differing = 0, compared = 0;
  REQUIRE(std::sscanf(en.out.c_str() + at, "Tickets decided differently (replication 1): %llu of %llu", &differing,
                      &compared) == 2);
  CHECK(differing > 0);
  CHECK(differing <= compared);
  CHECK(en.out.find("A sample of 6 ") != std::string::npos);
  CHECK(en.out.find("baseline unit → revised unit") != std::string::npos);
  // Two tickets with both traces, each naming its rule set's clauses.
  std::size_t traces = 0;
  for (std::size_t p = en.out.find("): traces"); p != std::string::npos; p = en.out.find("): traces", p + 1)) ++traces;
  CHECK(traces == 2);
  CHECK(en.out.find("    baseline shangluo-2024:\n      ") != std::string::npos);
  CHECK(en.out.find("[SL24 ") != std::string::npos);
  CHECK(en.out.find("    revised xian-2023:\n      ") != std::string::npos);
  CHECK(en.out.find("[XA23 ") != std::string::npos);
  // Chinese by default.
  const Run zh = run("compare shangluo-2025-01 --baseline shangluo-2024 --revised xian-2023 -r 2 --sample 3");
  REQUIRE(zh.status == 0);
  CHECK(zh.out.find("处理不同的工单") != std::string::npos);
  CHECK(zh.out.find("基准单位 → 修订单位") != std::string::npos);
  CHECK(zh.out.find("的决策依据") != std::string::npos);
  // The same rule set against itself decides nothing differently.
  const Run same = run("compare shangluo-2025-01 --baseline xian-2023 --revised xian-2023 -r 2 --lang en");
  REQUIRE(same.status == 0);
  CHECK(same.out.find("Tickets decided differently (replication 1): 0 of ") != std::string::npos);
  CHECK(same.out.find("A sample of 0 ") != std::string::npos);
}

TEST_CASE("compare --out stores the comparison, its unit deltas and the differing tickets with traces",
          "[cli][compare]") {
  const std::string db = std::string(HOTLINE_TEST_TMP) + "/compare-store-" + std::to_string(getpid()) + ".sqlite";
  std::filesystem::remove(db);
  REQUIRE(run("compare shangluo-2025-01 --baseline shangluo-2024 --revised xian-2023 -r 2 --sample 5 --out '" + db +
              "'").status == 0);
  const auto cmp = query(db,
                         "SELECT base_run_id, revised_run_id, base_ruleset, revised_ruleset, replications, seed, "
                         "differing > 0, length(base_revision) > 0 FROM comparisons");
  REQUIRE(cmp.size() == 1);
  CHECK(cmp[0] == "1|2|shangluo-2024|xian-2023|2|1|1|1");
  // The runs are the two sides, each with its own rule set.
  const auto runs = query(db, "SELECT ruleset FROM runs ORDER BY run_id");
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].find("shangluo-2024") != std::string::npos);
  CHECK(runs[1].find("xian-2023") != std::string::npos);
  // Per-unit deltas for resolved units (names from the org graph), overall figures too.
  CHECK(query(db, "SELECT 1 FROM comparison_units WHERE unit_name = '商州区' AND county = 1").size() == 1);
  CHECK(query(db, "SELECT 1 FROM comparison_units WHERE unit_name = ''").empty());
  CHECK(query(db, "SELECT metric FROM comparison_metrics WHERE unit_id = '' ORDER BY metric") ==
        std::vector<std::string>{"closed", "created", "late", "manual", "on_time_rate"});
  CHECK(query(db, "SELECT DISTINCT delta FROM comparison_metrics WHERE unit_id = '' AND metric = 'created'") ==
        std::vector<std::string>{"0.0"});
  // Five sampled tickets; dispatched ones name their unit; both traces are non-empty JSON arrays.
  const auto tickets = query(db,
                             "SELECT ticket_id, base_route, base_unit_name, revised_route, revised_unit_name, "
                             "json_array_length(base_trace_json), json_array_length(revised_trace_json), "
                             "json_extract(base_trace_json, '$[0].rule') FROM comparison_tickets ORDER BY seq");
  REQUIRE(tickets.size() == 5);
  for (const std::string& t : tickets) {
    CHECK(t.find("|ticket||") == std::string::npos);  // a dispatched ticket without a unit name
    CHECK(t.find("|0|") == std::string::npos);        // an empty trace
    CHECK(t.find("NULL") == std::string::npos);
  }
}

TEST_CASE("compare with a revised rule set whose tests fail says it compared nothing", "[cli][compare]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(HOTLINE_TEST_TMP) / "compare-failing-revision";
  fs::remove_all(dir);
  fs::copy(fs::path(HOTLINE_TEST_DIR) / "../scenarios/rulesets/xian-2023", dir, fs::copy_options::recursive);
  {  // one expected deadline moved by an hour: that rule test now fails
    const fs::path t = dir / "tests/deadlines.lua";
    std::string text;
    {
      std::FILE* f = std::fopen(t.c_str(), "rb");
      REQUIRE(f);
      char buf[4096];
      std::size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
      std::fclose(f);
    }
    const std::string from = "reply_by = \"2025-03-03 12:00\"";
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), "reply_by = \"2025-03-03 13:00\"");
    std::FILE* f = std::fopen(t.c_str(), "wb");
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  const std::string db = (fs::path(HOTLINE_TEST_TMP) / "compare-failing-revision.sqlite").string();
  fs::remove(db);
  const Run r = run("compare shangluo-2025-01 --baseline shangluo-2024 --revised '" + dir.string() +
                    "' -r 2 -q --out '" + db + "'");
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(r.out.find("tests/deadlines.lua:6: ") != std::string::npos);
  CHECK(r.out.find("--revised: the comparison was not run") != std::string::npos);
  CHECK_FALSE(fs::exists(db));
}
