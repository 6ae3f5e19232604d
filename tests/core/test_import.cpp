// CSV import: round trips of the sample files, every validation error with its message,
// column mapping, --skip-bad, re-import refusal and caller pseudonymisation.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "core/import.hpp"
#include "core/paths.hpp"
#include "core/pseudonym.hpp"
#include "core/sample_traffic.hpp"
#include "core/store.hpp"

using namespace hotline;
namespace fs = std::filesystem;

namespace {

const std::string kKey = "test-pseudonym-key-0123456789";

fs::path tmp_dir() {
  // One folder per process: ctest runs test cases in parallel processes.
  fs::path dir = fs::path(HOTLINE_TEST_TMP) / ("import-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

fs::path fresh_db(const std::string& name) {
  fs::path db = tmp_dir() / (name + ".sqlite");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
  return db;
}

fs::path write_file(const std::string& name, const std::string& text) {
  fs::path p = tmp_dir() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

fs::path sample(const char* name) { return data_dir() / "samples" / name; }

ImportOptions options(ImportKind kind) {
  ImportOptions o;
  o.kind = kind;
  o.key = kKey;
  return o;
}

// Imports `text` as x.csv into a fresh store; returns the problems (empty if it worked).
std::vector<std::string> problems_of(ImportKind kind, const std::string& text,
                                     ImportOptions opt = ImportOptions{}, std::int64_t* rows_after = nullptr) {
  if (!opt.key) opt.key = kKey;
  opt.kind = kind;
  fs::path csv = write_file("x.csv", text);
  Store s(fresh_db("problems"));
  std::vector<std::string> out;
  try {
    import_csv(s, csv, opt);
  } catch (const InputError& e) {
    for (const InputProblem& p : e.problems()) {
      std::string m = p.to_string();
      out.push_back(m.substr(m.find("x.csv")));
    }
  }
  if (rows_after)
    *rows_after = s.count_calls() + s.count_tickets() + std::int64_t(s.units().size());
  return out;
}

std::string first_problem(ImportKind kind, const std::string& text) {
  auto p = problems_of(kind, text);
  return p.empty() ? std::string("(no problem)") : p.front();
}

const std::string kCallHeader = "id,arrival,caller,wait_s,talk_s,outcome\n";

}  // namespace

TEST_CASE("The sample calls import and read back equal, callers pseudonymised", "[core][import]") {
  Store s(fresh_db("calls"));
  ImportResult r = import_csv(s, sample("calls.csv"), options(ImportKind::Calls));
  CHECK(r.rows == 6);
  CHECK(r.rejected == 0);
  std::vector<Call> got;
  s.for_each_call(kTimeMin, kTimeMax, [&](const Call& c) { got.push_back(c); });
  REQUIRE(got.size() == 6);
  Pseudonymizer p(kKey);
  CHECK(got[0].id == 1);
  CHECK(got[0].arrival == make_time(Date{2025, 1, 6}, 8, 30, 5));
  CHECK(got[0].channel == Channel::Phone);
  CHECK(got[0].skill == SkillQueue::General);
  CHECK(got[0].caller_key == p.phone_key("13800000001"));
  CHECK(got[0].ivr_s == 12);
  CHECK(got[0].wait_s == 8);
  CHECK(got[0].talk_s == 245);
  CHECK(got[0].wrap_s == 60);
  CHECK(got[0].outcome == CallOutcome::Answered);
  CHECK(got[0].agent == "A001");
  CHECK(got[1].skill == SkillQueue::Enterprise);
  CHECK(got[2].outcome == CallOutcome::Abandoned);
  CHECK(got[2].agent.empty());
  CHECK(got[3].channel == Channel::WeChat);
  CHECK(got[3].caller_key.empty());  // no number: no key
  CHECK(got[4].caller_key == got[0].caller_key);  // same caller, same key
  CHECK(got[4].skill == SkillQueue::Dialect);
  CHECK(got[4].outcome == CallOutcome::Callback);
  CHECK(got[5].outcome == CallOutcome::Diverted);
  CHECK(got[5].caller_key != got[0].caller_key);
  auto log = s.imports();
  REQUIRE(log.size() == 1);
  CHECK(log[0].kind == "calls");
  CHECK(log[0].rows == 6);
  CHECK(log[0].size == std::int64_t(fs::file_size(sample("calls.csv"))));
  CHECK(log[0].content_hash.size() == 32);
  CHECK(s.scalar("SELECT count(*) FROM calls WHERE import_id = " + std::to_string(r.import_id)) == 6);
}

TEST_CASE("Chinese headers, Chinese enum names and MM:SS durations import", "[core][import]") {
  Store s(fresh_db("calls-zh"));
  import_csv(s, sample("calls-zh.csv"), options(ImportKind::Calls));
  std::vector<Call> got;
  s.for_each_call(kTimeMin, kTimeMax, [&](const Call& c) { got.push_back(c); });
  REQUIRE(got.size() == 3);
  Pseudonymizer p(kKey);
  CHECK(got[0].id == 101);
  CHECK(got[0].talk_s == 3 * 60 + 5);
  CHECK(got[0].caller_key == p.phone_key("13800000005"));  // "138-0000-0005" normalised
  CHECK(got[1].skill == SkillQueue::Enterprise);
  CHECK(got[1].talk_s == 7 * 60 + 12);
  CHECK(got[1].caller_key == p.phone_key("13800000006"));  // "+86 13800000006"
  CHECK(got[2].outcome == CallOutcome::Abandoned);
}

TEST_CASE("The sample tickets and units import and read back equal", "[core][import]") {
  Store s(fresh_db("tickets"));
  CHECK(import_csv(s, sample("units.csv"), options(ImportKind::Units)).rows == 9);
  CHECK(import_csv(s, sample("tickets.csv"), options(ImportKind::Tickets)).rows == 4);
  auto t = s.ticket("SL20250106002");
  REQUIRE(t);
  CHECK(t->created == make_time(Date{2025, 1, 6}, 8, 40));
  CHECK(t->type == RequestType::Complaint);
  CHECK(t->category == "物业");
  CHECK(t->district == "shangzhou");
  CHECK(t->street.empty());
  CHECK(t->lead_unit == "shangzhou");
  CHECK(t->co_units == std::vector<std::string>{"sl_housing", "chengguan"});
  CHECK(t->copied_units.empty());
  CHECK(t->returned == kNoTime);
  CHECK(t->closed == make_time(Date{2025, 1, 10}, 15));
  CHECK(t->satisfaction == Satisfaction::Unsatisfied);
  CHECK(t->reopen_count == 1);
  CHECK(t->caller_key == Pseudonymizer(kKey).phone_key("13800000002"));
  auto t3 = s.ticket("SL20250106003");
  REQUIRE(t3);
  CHECK(t3->enterprise);
  CHECK(t3->channel == Channel::ProvincialPlatform);
  CHECK(t3->caller_key.empty());
  auto t4 = s.ticket("SL20250106004");
  REQUIRE(t4);
  CHECK(t4->urgency == Urgency::Urgent);
  CHECK(t4->closed == kNoTime);
  CHECK(t4->satisfaction == Satisfaction::None);
  CHECK(t4->copied_units == std::vector<std::string>{"zhashui"});
  auto units = s.units();
  REQUIRE(units.size() == 9);
  auto power = std::find_if(units.begin(), units.end(), [](const Unit& u) { return u.id == "sl_power"; });
  REQUIRE(power != units.end());
  CHECK(power->name == "国网商洛供电公司");
  CHECK(power->kind == UnitKind::Utility);
  CHECK(power->utility);
  CHECK(power->vertical);
  CHECK_FALSE(power->synthetic);
}

TEST_CASE("Every bad call field is reported as file:line: field: reason", "[core][import]") {
  using K = ImportKind;
  const std::string h = kCallHeader;
  CHECK(first_problem(K::Calls, h + "1,2025-13-01 08:00,,0,0,answered\n") ==
        "x.csv:2: arrival: '2025-13-01 08:00': no such calendar date");
  CHECK(first_problem(K::Calls, h + "1,yesterday,,0,0,answered\n") ==
        "x.csv:2: arrival: 'yesterday': expected a time as YYYY-MM-DDTHH:MM[:SS][+08:00]");
  CHECK(first_problem(K::Calls, h + "1,,,0,0,answered\n") == "x.csv:2: arrival: empty; a time is required");
  CHECK(first_problem(K::Calls, h + "1,2025-01-06 08:00,,0,0,hungup\n") ==
        "x.csv:2: outcome: 'hungup': unknown value (expected answered|abandoned|diverted|callback or the Chinese name)");
  CHECK(first_problem(K::Calls, h + "1,2025-01-06 08:00,,0,0,\n") ==
        "x.csv:2: outcome: empty; expected answered|abandoned|diverted|callback");
  CHECK(first_problem(K::Calls, h + "1,2025-01-06 08:00,,-5,0,answered\n") ==
        "x.csv:2: wait_s: '-5': a duration cannot be negative");
  CHECK(first_problem(K::Calls, h + "1,2025-01-06 08:00,,abc,0,answered\n") ==
        "x.csv:2: wait_s: 'abc': expected seconds or [H:]MM:SS");
  CHECK(first_problem(K::Calls, h + "1,2025-01-06 08:00,,90000,0,answered\n") ==
        "x.csv:2: wait_s: '90000': longer than a day");
  CHECK(first_problem(K::Calls, h + "x1,2025-01-06 08:00,,0,0,answered\n") == "x.csv:2: id: 'x1': not a whole number");
  CHECK(first_problem(K::Calls, h + "1,2025-01-06 08:00,,0,30,abandoned\n") ==
        "x.csv:2: talk_s: 30: an abandoned call has no talk time");
  CHECK(first_problem(K::Calls, h + "1,2025-01-06 08:00,,0,0,answered\n1,2025-01-06 08:01,,0,0,answered\n") ==
        "x.csv:3: id: 1: duplicate id (earlier in this file or already in the database)");
  CHECK(first_problem(K::Calls, h + "1,2025-01-06 08:00,,0,0,answered\n2,2025-01-06 08:01,0,0\n") ==
        "x.csv:3: row: expected 6 fields as in the header, found 4");
  CHECK(first_problem(K::Calls, "id,arrival,caller_key,outcome\n1,2025-01-06 08:00,13800000001,answered\n") ==
        "x.csv:2: caller_key: not a caller key (16 hex digits from hotline); put phone numbers in a 'caller' column");
  CHECK(first_problem(K::Calls, "id,arrival,outcome\n1,\"2025-01-06 08:00,answered\n") ==
        "x.csv:2: unterminated quoted field");
  ImportOptions skip;
  skip.skip_bad = tmp_dir() / "quote-rejects.csv";
  std::int64_t rows_after = -1;
  auto quoting = problems_of(K::Calls, "id,arrival,outcome\n1,2025-01-06 08:00,answered\n2,\"x,answered\n", skip,
                             &rows_after);
  REQUIRE(quoting.size() == 2);
  CHECK(quoting[0] == "x.csv:3: unterminated quoted field");
  CHECK(quoting[1] == "x.csv: the file cannot be read past this point; nothing was imported");
  CHECK(rows_after == 0);  // even with skip_bad
}

TEST_CASE("Every bad header is reported on line 1 and nothing is imported", "[core][import]") {
  using K = ImportKind;
  CHECK(first_problem(K::Calls, "id,arrival,wait_s\n1,2025-01-06 08:00,3\n") ==
        "x.csv:1: outcome: required column is missing");
  CHECK(first_problem(K::Calls, "id,arrival,outcome,foo\n") ==
        "x.csv:1: foo: unknown column (expected id, arrival, channel, skill, caller, caller_key, caller_name, "
        "ivr_s, wait_s, talk_s, wrap_s, outcome, agent; rename with --map NAME=STANDARD or drop with --map NAME=-)");
  CHECK(first_problem(K::Calls, "arrival,来电时间,outcome\n") == "x.csv:1: 来电时间: column 'arrival' appears twice");
  CHECK(first_problem(K::Calls, "") == "x.csv: empty file: expected a header line");
  ImportOptions no_key;
  no_key.key = std::nullopt;
  no_key.kind = K::Calls;
  Store s(fresh_db("nokey"));
  fs::path csv = write_file("nokey.csv", kCallHeader + "1,2025-01-06 08:00,13800000001,0,0,answered\n");
  CHECK_THROWS_WITH(import_csv(s, csv, no_key),
                    Catch::Contains("caller: caller phone numbers are pseudonymised at import and need a key: "
                                    "pass --key or set HOTLINE_PSEUDONYM_KEY"));
  no_key.key = "short";
  CHECK_THROWS_WITH(import_csv(s, csv, no_key), Catch::Contains("caller: the pseudonymisation key is refused: it has 5 characters, at least 16 are needed"));
  CHECK(s.count_calls() == 0);
  CHECK(s.imports().empty());
}

TEST_CASE("Every bad ticket and unit field is reported", "[core][import]") {
  using K = ImportKind;
  const std::string th = "id,created,type,enterprise,accepted,dispatched,replied,closed,reopen_count\n";
  CHECK(first_problem(K::Tickets, th + ",2025-01-06 08:00,help,0,,,,,\n") == "x.csv:2: id: empty; a ticket id is required");
  CHECK(first_problem(K::Tickets, th + "T1,2025-01-06 08:00,求救,0,,,,,\n") ==
        "x.csv:2: type: '求救': unknown value (expected consultation|help|complaint|report|suggestion|praise or the Chinese name)");
  CHECK(first_problem(K::Tickets, th + "T1,2025-01-06 08:00,咨询,maybe,,,,,\n") ==
        "x.csv:2: enterprise: 'maybe': expected 1/0, true/false, yes/no or 是/否");
  CHECK(first_problem(K::Tickets, th + "T1,2025-01-06 08:00,help,0,2025-01-06 07:00,,,,\n") ==
        "x.csv:2: accepted: 2025-01-06T07:00:00+08:00: before the ticket was created (2025-01-06T08:00:00+08:00)");
  CHECK(first_problem(K::Tickets, th + "T1,2025-01-06 08:00,help,0,2025-01-06 09:00,2025-01-06 10:00,,,\n") ==
        "x.csv:2: accepted: 2025-01-06T09:00:00+08:00: before the ticket was dispatched (2025-01-06T10:00:00+08:00)");
  CHECK(first_problem(K::Tickets, th + "T1,2025-01-06 08:00,help,0,,,2025-01-07 09:00,2025-01-07 08:00,\n") ==
        "x.csv:2: closed: 2025-01-07T08:00:00+08:00: before the reply (2025-01-07T09:00:00+08:00)");
  CHECK(first_problem(K::Tickets, th + "T1,2025-01-06 08:00,help,0,,,,,-1\n") == "x.csv:2: reopen_count: -1: out of range 0..1000");
  CHECK(first_problem(K::Tickets, th + "T1,2025-01-06 08:00,help,0,,,,,\nT1,2025-01-06 09:00,help,0,,,,,\n") ==
        "x.csv:3: id: 'T1': duplicate ticket id (earlier in this file or already in the database)");

  const std::string uh = "id,name,kind,level,parent,utility,vertical,synthetic\nroot,商洛市,city,0,,0,0,0\n";
  CHECK(first_problem(K::Units, uh + "a,A,district,1,nowhere,0,0,0\n") ==
        "x.csv:3: parent: 'nowhere': unknown unit (not in this file or the database)");
  CHECK(first_problem(K::Units, uh + "a,A,district,1,b,0,0,0\nb,B,district,1,a,0,0,0\n") ==
        "x.csv:3: parent: cycle: a -> b -> a");
  CHECK(first_problem(K::Units, uh + "a,A,district,1,a,0,0,0\n") == "x.csv:3: parent: a unit cannot be its own parent");
  CHECK(first_problem(K::Units, uh + "a,A,district,1,,0,0,0\n") ==
        "x.csv:3: parent: empty, but only the city (root) unit has no parent");
  CHECK(first_problem(K::Units, uh + "root,A,district,1,root,0,0,0\n") ==
        "x.csv:3: parent: a unit cannot be its own parent");
  CHECK(first_problem(K::Units, uh + "a,A,county,1,root,0,0,0\n") ==
        "x.csv:3: kind: 'county': unknown value (expected city|district|zone|street|town|department|"
        "district_department|vertical|utility|other or the Chinese name)");
  CHECK(first_problem(K::Units, uh + "a,A,district,12,root,0,0,0\n") == "x.csv:3: level: 12: out of range 0..9");
  CHECK(first_problem(K::Units, uh + "a,,district,1,root,0,0,0\n") == "x.csv:3: name: empty; a unit name is required");
  CHECK(first_problem(K::Units, uh + "a,A,district,1,root,2,0,0\n") ==
        "x.csv:3: utility: '2': expected 1/0, true/false, yes/no or 是/否");
  CHECK(first_problem(K::Units, uh + "a,A,区县政府,1,root,是,否,0\na,B,district,1,root,0,0,0\n") ==
        "x.csv:4: id: 'a': duplicate unit id (earlier in this file or already in the database)");
}

TEST_CASE("All bad rows are reported, capped with a count, and nothing is imported", "[core][import]") {
  std::string text = kCallHeader;
  for (int i = 1; i <= 200; ++i)
    text += std::to_string(i) + ",2025-01-06 08:00," + (i % 2 ? "0" : "-1") + ",0,0,answered\n";
  ImportOptions opt;
  opt.max_reported = 30;
  std::int64_t rows_after = -1;
  auto p = problems_of(ImportKind::Calls, "id,arrival,wait_s,talk_s,wrap_s,outcome\n" + text.substr(kCallHeader.size()),
                       opt, &rows_after);
  REQUIRE(p.size() == 32);
  CHECK(p[0] == "x.csv:3: wait_s: '-1': a duration cannot be negative");
  CHECK(p[29] == "x.csv:61: wait_s: '-1': a duration cannot be negative");
  CHECK(p[30] == "x.csv: 70 more problems not listed");
  CHECK(p[31] == "x.csv: 100 bad rows of 200; nothing was imported (fix them, or use --skip-bad FILE)");
  CHECK(rows_after == 0);
}

TEST_CASE("Columns are renamed or dropped with a mapping, from text or a file", "[core][import]") {
  const std::string text = "流水号,呼入时刻,号码,备注,outcome\n1,2025-01-06 08:00,13800000001,note,answered\n";
  ImportOptions opt = options(ImportKind::Calls);
  parse_column_map("流水号=id, 呼入时刻=arrival,号码=caller", opt.map);
  opt.map.emplace_back("备注", "-");
  Store s(fresh_db("map"));
  CHECK(import_csv(s, write_file("map.csv", text), opt).rows == 1);
  CHECK(s.count_calls() == 1);

  ImportOptions from_file = options(ImportKind::Calls);
  load_column_map(write_file("map.txt", "# export of the call system\n流水号=id\n\n呼入时刻 = arrival\r\n号码=caller\n备注=-\n"),
                  from_file.map);
  CHECK(from_file.map == opt.map);
  CHECK_THROWS_WITH(load_column_map(write_file("bad-map.txt", "a=b\nnonsense\n"), from_file.map),
                    Catch::EndsWith("bad-map.txt:2: expected one NAME=STANDARD mapping"));
  CHECK_THROWS_WITH(parse_column_map("a=", from_file.map), "column mapping 'a=': expected NAME=STANDARD");
}

TEST_CASE("With skip_bad the good rows are imported and the bad ones written with the reason", "[core][import]") {
  const std::string text = kCallHeader +
                           "1,2025-01-06 08:00,13800000001,0,0,answered\n"
                           "2,2025-01-06 08:01,13800000002,-4,0,answered\n"
                           "3,2025-01-06 08:02,13800000003,0,0,answered\n"
                           "\n"
                           "4,\"2025-01-06 08:03\",13800000004,0,0,hungup\n";
  ImportOptions opt = options(ImportKind::Calls);
  opt.skip_bad = tmp_dir() / "rejected.csv";
  Store s(fresh_db("skip"));
  ImportResult r = import_csv(s, write_file("skip.csv", text), opt);
  CHECK(r.rows == 2);
  CHECK(r.rejected == 2);
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[1].line == 6);
  CHECK(s.count_calls() == 2);
  CHECK(s.imports().at(0).rejected == 2);
  CHECK(read_file(opt.skip_bad) ==
        "id,arrival,caller,wait_s,talk_s,outcome,reject_reason\n"
        "2,2025-01-06 08:01,13800000002,-4,0,answered,\"wait_s: '-4': a duration cannot be negative\"\n"
        "4,\"2025-01-06 08:03\",13800000004,0,0,hungup,\"outcome: 'hungup': unknown value (expected "
        "answered|abandoned|diverted|callback or the Chinese name)\"\n");
  CHECK((fs::status(opt.skip_bad).permissions() & fs::perms::others_read) == fs::perms::none);
  // The reject file, once fixed, imports as it is: reject_reason is ignored.
  std::string fixed = read_file(opt.skip_bad);
  fixed.replace(fixed.find(",-4,"), 4, ",4,");
  fixed.replace(fixed.find("hungup"), 6, "abandoned");
  ImportOptions again = options(ImportKind::Calls);
  CHECK(import_csv(s, write_file("fixed.csv", fixed), again).rows == 2);
  CHECK(s.count_calls() == 4);
}

TEST_CASE("Re-importing the same file is refused and leaves the store unchanged", "[core][import]") {
  Store s(fresh_db("reimport"));
  fs::path csv = write_file("once.csv", kCallHeader + "1,2025-01-06 08:00,13800000001,0,0,answered\n");
  import_csv(s, csv, options(ImportKind::Calls));
  CHECK_THROWS_WITH(import_csv(s, csv, options(ImportKind::Calls)),
                    Catch::Contains("as import #1") && Catch::Contains("re-importing the same file is refused, nothing was imported"));
  fs::path copy = tmp_dir() / "copy-of-once.csv";
  fs::copy_file(csv, copy, fs::copy_options::overwrite_existing);
  CHECK_THROWS_WITH(import_csv(s, copy, options(ImportKind::Calls)), Catch::Contains("already imported"));
  CHECK(s.count_calls() == 1);
  CHECK(s.imports().size() == 1);
  // A different file whose rows overlap: the overlapping ids are bad rows.
  fs::path more = write_file("more.csv", kCallHeader + "1,2025-01-06 08:00,13800000001,0,0,answered\n2,2025-01-06 09:00,,0,0,answered\n");
  CHECK_THROWS_WITH(import_csv(s, more, options(ImportKind::Calls)), Catch::Contains("more.csv:2: id: 1: duplicate id"));
  CHECK(s.count_calls() == 1);
}

TEST_CASE("Phone numbers never reach the database and keys depend on the secret", "[core][import]") {
  fs::path db = fresh_db("privacy");
  {
    Store s(db);
    import_csv(s, sample("calls.csv"), options(ImportKind::Calls));
    import_csv(s, sample("tickets.csv"), options(ImportKind::Tickets));
    std::string text = "arrival,caller,caller_name,outcome\n2025-01-06 10:00,13912345678,张三,answered\n";
    import_csv(s, write_file("named.csv", text), options(ImportKind::Calls));
    CHECK(s.count_calls() == 7);
    std::string bytes;
    for (const char* suffix : {"", "-wal"})
      if (fs::exists(db.string() + suffix)) bytes += read_file(db.string() + suffix);
    REQUIRE(bytes.size() > 1000);
    for (const char* clear : {"13800000001", "13800000002", "13800000007", "13912345678", "张三"})
      CHECK(bytes.find(clear) == std::string::npos);
  }
  Pseudonymizer a(kKey), b(kKey), other("another-key-abcdefghijk");
  CHECK(a.phone_key("13800000001") == b.phone_key("13800000001"));
  CHECK(a.phone_key("13800000001") == a.phone_key("+86 138 0000 0001"));
  CHECK(a.phone_key("13800000001") == a.phone_key("0086-13800000001"));
  CHECK(a.phone_key("13800000001") != a.phone_key("13800000002"));
  CHECK(a.phone_key("13800000001") != other.phone_key("13800000001"));
  CHECK(a.phone_key("13800000001").size() == Pseudonymizer::kKeyChars);
  CHECK(a.phone_key(" - ").empty());
  CHECK_THROWS_AS(Pseudonymizer("too-short"), std::invalid_argument);
}

TEST_CASE("Error messages mask digit runs so a misplaced phone number is not printed", "[core][import]") {
  CHECK(first_problem(ImportKind::Calls, kCallHeader + "1,13800000001,,0,0,answered\n") ==
        "x.csv:2: arrival: '###########': unix seconds out of range (years 2000 to 2099)");
  auto p = problems_of(ImportKind::Calls, "id,arrival,outcome\n1,2025-01-06 08:00,13800000001x\n");
  REQUIRE(p.size() == 2);
  CHECK(p[0].find("13800000001") == std::string::npos);
  CHECK(p[0] == "x.csv:2: outcome: '###########x': unknown value (expected answered|abandoned|diverted|callback or the Chinese name)");
}

TEST_CASE("A large generated file imports with progress reports and matching counts", "[core][import]") {
  fs::path csv = tmp_dir() / "gen.csv";
  write_synthetic_calls_csv(csv, 50'000, 7);
  fs::path csv2 = tmp_dir() / "gen2.csv";
  write_synthetic_calls_csv(csv2, 50'000, 7);
  CHECK(read_file(csv) == read_file(csv2));  // same seed, same file
  Store s(fresh_db("gen"));
  ImportOptions opt = options(ImportKind::Calls);
  opt.progress_interval = 0;
  std::vector<ImportProgress> seen;
  opt.progress = [&](const ImportProgress& p) { seen.push_back(p); };
  ImportResult r = import_csv(s, csv, opt);
  CHECK(r.rows == 50'000);
  CHECK(s.count_calls() == 50'000);
  REQUIRE(seen.size() >= 2);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    CHECK(seen[i].rows >= seen[i - 1].rows);
    CHECK(seen[i].fraction >= seen[i - 1].fraction);
  }
  CHECK(seen.back().fraction == 1.0);
  CHECK(seen.back().rows == 50'000);
  Time prev = kTimeMin;
  std::int64_t n = 0;
  bool ordered = true;
  s.for_each_call(kTimeMin, kTimeMax, [&](const Call& c) {
    ordered = ordered && c.arrival >= prev;
    prev = c.arrival;
    ++n;
  });
  CHECK(ordered);
  CHECK(n == 50'000);
  CHECK(s.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'calls_arrival'") == 1);
}

TEST_CASE("A bulk import runs with a rollback journal and leaves the store in WAL mode", "[core][import]") {
  const fs::path db = fresh_db("journal");
  Store store(db);
  REQUIRE(store.journal_mode() == "wal");
  {
    const Store::BulkJournal bulk(store);
    CHECK(bulk.active());
    CHECK(store.journal_mode() == "delete");
  }
  CHECK(store.journal_mode() == "wal");
  import_csv(store, sample("calls.csv"), options(ImportKind::Calls));
  CHECK(store.journal_mode() == "wal");
  CHECK(store.count_calls() > 0);
  // A failed import (a bad row) also leaves WAL on, and the good import's rows in place.
  const std::int64_t before = store.count_calls();
  CHECK_THROWS_AS(import_csv(store, write_file("bad-journal.csv", "id,arrival,outcome\n900001,nope,answered\n"),
                             options(ImportKind::Calls)),
                  InputError);
  CHECK(store.journal_mode() == "wal");
  CHECK(store.count_calls() == before);
  // Another connection open on the store: SQLite refuses the switch and the load stays in WAL.
  Store other(db);
  REQUIRE(other.count_calls() == before);
  const Store::BulkJournal refused(store);
  CHECK_FALSE(refused.active());
  CHECK(store.journal_mode() == "wal");
}
