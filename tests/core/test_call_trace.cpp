// Trace profiles and call-by-call traces (core/call_trace.hpp): the shipped bank day, the
// quirks counted, and bad rows named by file, line and field.
#include <catch2/catch.hpp>

#include <string>

#include "core/call_trace.hpp"
#include "core/error.hpp"

using namespace hotline;

namespace {

const std::string kHeader =
    "vru+line,call_id,type,vru_entry,vru_exit,vru_time,q_start,q_exit,q_time,outcome,ser_start,ser_exit,ser_time,server,server_abv\n";

std::string error_of(const std::string& rows, const TraceProfile& p = TraceProfile{}) {
  try {
    read_call_trace_text(kHeader + rows, "t.csv", p);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("trace: the bank day reads with its quirks counted", "[trace]") {
  const std::string dir = std::string(HOTLINE_TEST_DIR) + "/../scenarios/";
  const auto p = load_trace_profile(dir + "profiles/bank-1999.toml");
  const auto t = read_call_trace(dir + "traces/bank-1999-one-day/calls_one_day.csv", p);
  // Counted independently from the CSV (README: 2,375 calls, 18 PHANTOM).
  CHECK(t.quirks.ignored == 18);
  CHECK(t.calls.size() == 2375 - 18);
  CHECK(t.quirks.served_no_agent == 6);
  CHECK(t.quirks.vru_exit_before_entry == 3);  // lines 482, 804, 1195
  CHECK(t.quirks.served_no_times == 1);  // line 2117
  CHECK(t.quirks.zero_service == 1);
  CHECK(t.quirks.early_service == 13);  // 3-102 s early, counted by the profile
  CHECK(t.quirks.service_before_exit == 1190);  // 1-2 s early (clock skew)
  CHECK(t.quirks.vru_only == 91 + 17 + 7 + 2 + 1);
  CHECK(t.quirks.never_queued_served == 204 + 25 + 16 + 12 + 10 + 1);
  CHECK(t.types.size() == 6);
  CHECK(t.agents.size() == 18);
  for (std::size_t i = 1; i < t.calls.size(); ++i) REQUIRE(t.calls[i - 1].arrival <= t.calls[i].arrival);
}

TEST_CASE("trace: one call's fields", "[trace]") {
  const auto t = read_call_trace_text(kHeader +
      "A,1,PS,10:00:45,10:00:51,6,10:00:51,10:01:33,42,AGENT,10:01:32,10:03:08,96,VICKY,VIC\n"
      "A,2,NW,10:02:00,10:02:10,10,10:02:10,10:02:40,30,HANG,0:00:00,0:00:00,0,NO_SERVER,NO_\n"
      "A,3,PS,23:59:00,23:59:10,10,0:00:00,0:00:00,0,AGENT,23:59:10,0:01:10,120,AVI,AVI\n",
      "t.csv", TraceProfile{});
  REQUIRE(t.calls.size() == 3);
  const auto& a = t.calls[0];
  CHECK(a.arrival == 10 * 3600 + 51);
  CHECK(a.wait == 41);  // service started 1 s before the queue exit: the wait ends at the service start
  CHECK(a.service == 96);
  CHECK(t.agents[std::size_t(a.agent)] == "VICKY");
  CHECK(t.quirks.service_before_exit == 1);
  CHECK(t.calls[1].outcome == TraceOutcome::Abandoned);
  CHECK(t.calls[1].wait == 30);
  CHECK(t.types[std::size_t(t.calls[1].type)] == "NW");
  CHECK(t.calls[2].service == 120);  // across midnight
  CHECK(!t.calls[2].queued);
  CHECK(t.calls[2].offered);
}

TEST_CASE("trace: bad rows name file, line and field", "[trace]") {
  const std::string ok = "A,1,PS,10:00:00,10:00:05,5,10:00:05,10:00:20,15,AGENT,10:00:20,10:01:00,40,AVI,AVI\n";
  CHECK_THAT(error_of(ok + "A,2,PS,10:00:00,10:00:05,5,10:00:05,10:00:20,15,SERVED,10:00:20,10:01:00,40,AVI,AVI\n"),
             Catch::Contains("t.csv:3: outcome: unknown outcome 'SERVED'"));
  CHECK_THAT(error_of(ok + ok + "A,2,PS,10:00:00,10:00:05,5,10:0x:05,10:00:20,15,AGENT,10:00:20,10:01:00,40,AVI,AVI\n"),
             Catch::Contains("t.csv:4: q_start: expected a clock time"));
  CHECK_THAT(error_of("A,2,PS,10:00:00,10:00:05,5,10:00:05,10:00:01,15,AGENT,10:00:20,10:01:00,40,AVI,AVI\n"),
             Catch::Contains("t.csv:2: q_exit: before q_start"));
  CHECK_THAT(error_of("A,2,PS,10:00:09,10:00:05,5,10:00:05,10:00:20,15,AGENT,10:00:20,10:01:00,40,AVI,AVI\n"),
             Catch::Contains("t.csv:2: vru_exit: before vru_entry"));
  CHECK_THAT(error_of("A,2,PS,10:00:00,10:00:05,5,10:00:05,10:00:20,15,AGENT,10:00:10,10:01:00,40,AVI,AVI\n"),
             Catch::Contains("t.csv:2: ser_start: more than clock_skew_s"));
  CHECK_THAT(error_of("A,2,PS,10:00:00,10:00:05\n"), Catch::Contains("t.csv:2: expected 15 fields, got 5"));
  TraceProfile p;
  p.agent = "agent_name";
  CHECK_THAT(error_of(ok, p), Catch::Contains("t.csv:1: agent_name: column of profile key 'agent' not in the header"));
}

TEST_CASE("trace: dates put days one after another", "[trace]") {
  TraceProfile p;
  p.date = "date";
  const std::string h = "date,type,vru_entry,vru_exit,q_start,q_exit,outcome,ser_start,ser_exit,server\n";
  const auto t = read_call_trace_text(h +
      "990131,PS,10:00:00,10:00:05,0:00:00,0:00:00,HANG,0:00:00,0:00:00,NO_SERVER\n"
      "990201,PS,10:00:00,10:00:05,10:00:05,10:00:09,HANG,0:00:00,0:00:00,NO_SERVER\n", "d.csv", p);
  REQUIRE(t.calls.size() == 2);
  CHECK(t.days == 2);
  CHECK(t.calls[1].arrival - t.calls[0].arrival == 86400);
  try {
    read_call_trace_text(h + "990231x,PS,10:00:00,10:00:05,0:00:00,0:00:00,HANG,0:00:00,0:00:00,NO_SERVER\n", "d.csv", p);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("d.csv:2: date: expected a date"));
  }
}

TEST_CASE("trace: profile errors name file, line and key", "[trace]") {
  auto err = [](const std::string& text) {
    try {
      parse_trace_profile(text, "p.toml");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK_THAT(err("[columns]\ntype = \"t\"\ncolour = \"red\"\n"), Catch::Contains("p.toml:3: colour: unknown key in [columns]"));
  CHECK_THAT(err("[values]\narrival = \"ivr\"\n"), Catch::Contains("p.toml:2: arrival: expected"));
  CHECK_THAT(err("[values]\nclock_skew_s = -4\n"), Catch::Contains("p.toml:2: clock_skew_s: expected a number"));
  CHECK_THAT(err("type = \"t\"\n"), Catch::Contains("p.toml:1: type: key outside a [section]"));
  CHECK_THAT(err("[colums]\n"), Catch::Contains("p.toml:1: colums: unknown section"));
  CHECK_THAT(err("[columns]\ntype = \"t\n"), Catch::Contains("p.toml:2: type: unterminated string"));
  const auto p = parse_trace_profile("# c\n[columns]\ntype = \"kind\"  # comment\n[values]\narrival = \"queue_start\"\nclock_skew_s = 3\n", "p.toml");
  CHECK(p.type == "kind");
  CHECK(!p.arrival_at_vru_exit);
  CHECK(p.clock_skew_s == 3);
}

TEST_CASE("trace: negative service times and calls across midnight", "[trace]") {
  CHECK_THAT(error_of("A,2,PS,10:00:00,10:00:05,5,10:00:05,10:00:20,15,AGENT,10:00:20,10:00:10,40,AVI,AVI\n"),
             Catch::Contains("t.csv:2: ser_exit: before ser_start (negative service time)"));
  CHECK_THAT(error_of("A,2,PS,10:00:00,10:00:05,5,10:00:05,10:00:20,15,AGENT,10:00:20,9:01:00,40,AVI,AVI\n"),
             Catch::Contains("t.csv:2: ser_exit: before ser_start"));
  const auto t = read_call_trace_text(kHeader +
      "A,1,PS,23:59:50,23:59:55,5,23:59:55,0:00:20,25,AGENT,0:00:20,0:02:00,100,AVI,AVI\n", "t.csv", TraceProfile{});
  REQUIRE(t.calls.size() == 1);
  CHECK(t.calls[0].wait == 25);
  CHECK(t.calls[0].service == 100);
}

TEST_CASE("trace: times out of order are errors unless the profile counts them", "[trace]") {
  const std::string early = "A,2,PS,10:00:00,10:00:05,5,10:00:05,10:00:50,45,AGENT,10:00:20,10:01:00,40,AVI,AVI\n";
  const std::string no_times = "A,3,PS,10:00:00,10:00:05,5,10:00:05,10:00:50,45,AGENT,0:00:00,0:00:00,0,AVI,AVI\n";
  CHECK_THAT(error_of(early), Catch::Contains("t.csv:2: ser_start: more than clock_skew_s"));
  TraceProfile p = parse_trace_profile("[values]\nout_of_order = \"count\"\n", "p.toml");
  const auto t = read_call_trace_text(kHeader + early + no_times, "t.csv", p);
  REQUIRE(t.calls.size() == 2);
  CHECK(t.quirks.early_service == 1);
  CHECK(t.calls[0].wait == 15);  // the wait ends at the service start
  CHECK(t.quirks.served_no_times == 1);
  CHECK(t.calls[1].service == -1);
  const std::string menu_back = "A,4,PS,10:00:09,10:00:05,-4,0:00:00,0:00:00,0,HANG,0:00:00,0:00:00,0,NO_SERVER,NO_\n";
  CHECK_THAT(error_of(menu_back), Catch::Contains("t.csv:2: vru_exit: before vru_entry"));
  const auto m = read_call_trace_text(kHeader + menu_back, "t.csv", p);
  CHECK(m.quirks.vru_exit_before_entry == 1);
  CHECK(m.calls[0].vru_entry == -1);
  // Even before the queue start (line 1736 of the bank day): the wait is 0.
  const auto b = read_call_trace_text(kHeader + "A,2,PS,10:00:00,10:00:05,5,10:00:05,10:00:50,45,AGENT,10:00:04,10:01:00,40,AVI,AVI\n", "t.csv", p);
  CHECK(b.calls[0].wait == 0);
  CHECK(b.calls[0].service == 56);
}
