// The SQLite traffic store: schema and migrations, WAL, record round trips, transactions.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/store.hpp"

using namespace hotline;
namespace fs = std::filesystem;

namespace {

fs::path fresh_db(const std::string& name) {
  // One folder per process: ctest runs test cases in parallel processes.
  fs::path dir = fs::path(HOTLINE_TEST_TMP) / ("store-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path db = dir / (name + ".sqlite");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
  return db;
}

std::vector<std::string> column_names(const Store& s, const std::string& table) {
  std::vector<std::string> out;
  StmtPtr st = s.prepare("SELECT name, type FROM pragma_table_info('" + table + "')");
  while (sqlite3_step(st.get()) == SQLITE_ROW)
    out.push_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0))) + " " +
                  reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 1)));
  return out;
}

Call make_call(std::int64_t id, Time arrival, CallOutcome outcome = CallOutcome::Answered) {
  Call c;
  c.id = id;
  c.arrival = arrival;
  c.channel = Channel::WeChat;
  c.skill = SkillQueue::Enterprise;
  c.caller_key = "0123456789abcdef0123456789abcdef";
  c.ivr_s = 11;
  c.wait_s = int(id % 50);
  c.talk_s = outcome == CallOutcome::Answered ? 300 : 0;
  c.wrap_s = 45;
  c.outcome = outcome;
  c.agent = outcome == CallOutcome::Answered ? "A0" + std::to_string(id % 10) : "";
  return c;
}

bool same(const Call& a, const Call& b) {
  return a.id == b.id && a.arrival == b.arrival && a.channel == b.channel && a.skill == b.skill &&
         a.caller_key == b.caller_key && a.ivr_s == b.ivr_s && a.wait_s == b.wait_s &&
         a.talk_s == b.talk_s && a.wrap_s == b.wrap_s && a.outcome == b.outcome && a.agent == b.agent;
}

}  // namespace

TEST_CASE("A new store is in WAL mode at the latest schema with the calls contract", "[core][store]") {
  Store s(fresh_db("new"));
  CHECK(s.version() == Store::kSchemaVersion);
  StmtPtr st = s.prepare("PRAGMA journal_mode");
  REQUIRE(sqlite3_step(st.get()) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0))) == "wal");
  // The simulator replays these columns: names and types must not change.
  const std::vector<std::string> contract = {
      "id INTEGER", "arrival INTEGER", "channel TEXT", "skill TEXT", "caller_key TEXT", "ivr_s INTEGER",
      "wait_s INTEGER", "talk_s INTEGER", "wrap_s INTEGER", "outcome TEXT", "agent TEXT"};
  auto cols = column_names(s, "calls");
  REQUIRE(cols.size() >= contract.size());
  CHECK(std::vector<std::string>(cols.begin(), cols.begin() + long(contract.size())) == contract);
  CHECK(s.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'calls_arrival'") == 1);
  for (const char* table : {"tickets", "ticket_units", "units", "imports"})
    CHECK(s.scalar(std::string("SELECT count(*) FROM sqlite_master WHERE name = '") + table + "'") == 1);
}

TEST_CASE("A version 1 store migrates to the latest version and keeps its rows", "[core][store]") {
  fs::path db = fresh_db("migrate");
  {
    Store old(db, 1);
    CHECK(old.version() == 1);
    auto cols = column_names(old, "calls");
    CHECK(std::find(cols.begin(), cols.end(), "import_id INTEGER") == cols.end());
    old.exec("INSERT INTO calls(id, arrival, channel, skill, caller_key, ivr_s, wait_s, talk_s, wrap_s,"
             " outcome, agent) VALUES(7, 1736123405, 'phone', 'general', '', 1, 2, 3, 4, 'answered', 'A1')");
  }
  Store s(db);
  CHECK(s.version() == 2);
  auto cols = column_names(s, "calls");
  CHECK(std::find(cols.begin(), cols.end(), "import_id INTEGER") != cols.end());
  std::vector<Call> got;
  s.for_each_call(kTimeMin, kTimeMax, [&](const Call& c) { got.push_back(c); });
  REQUIRE(got.size() == 1);
  CHECK(got[0].id == 7);
  CHECK(got[0].talk_s == 3);
  CHECK(got[0].agent == "A1");
  CHECK(s.scalar("SELECT count(*) FROM calls WHERE import_id IS NULL") == 1);
}

TEST_CASE("A store with a newer schema or a foreign database is refused", "[core][store]") {
  fs::path db = fresh_db("newer");
  { Store s(db); s.exec("PRAGMA user_version = 99"); }
  CHECK_THROWS_WITH(Store(db), Catch::Contains("schema version 99, newer than this hotline build knows"));
  fs::path other = fresh_db("foreign");
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(other.c_str(), &raw) == SQLITE_OK);
    DbPtr guard(raw);
    REQUIRE(sqlite3_exec(raw, "CREATE TABLE t(x)", nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  CHECK_THROWS_WITH(Store(other), Catch::Contains("is not a hotline database") && Catch::Contains("not a traffic store"));
  fs::path missing = fresh_db("missing");
  CHECK_THROWS_WITH(Store::open_existing(missing), Catch::Contains("no such traffic store"));
  CHECK_FALSE(fs::exists(missing));
  fs::path existing = fresh_db("existing");
  { Store created(existing); }
  CHECK(Store::open_existing(existing).version() == Store::kSchemaVersion);
}

TEST_CASE("Calls come back equal, in arrival order and within the time range", "[core][store]") {
  Store s(fresh_db("calls"));
  const Time t0 = make_time(Date{2025, 1, 6}, 8, 30);
  std::vector<Call> calls = {make_call(3, t0 + 50), make_call(1, t0 + 10, CallOutcome::Abandoned),
                             make_call(2, t0 + 10), make_call(4, t0 + 3600, CallOutcome::Callback)};
  {
    Store::Transaction tx(s);
    for (const Call& c : calls) CHECK(s.insert_call(c));
    tx.commit();
  }
  std::vector<Call> got;
  s.for_each_call(t0, t0 + 3600, [&](const Call& c) { got.push_back(c); });
  REQUIRE(got.size() == 3);  // the call at t0 + 3600 is outside [from, to)
  CHECK(same(got[0], calls[1]));  // arrival ties are ordered by id
  CHECK(same(got[1], calls[2]));
  CHECK(same(got[2], calls[0]));
  CHECK(s.count_calls() == 4);
  CHECK(s.count_calls(t0 + 11, kTimeMax) == 2);
  REQUIRE(s.call_span());
  CHECK(*s.call_span() == std::pair<Time, Time>{t0 + 10, t0 + 3600});
  CHECK_FALSE(s.insert_call(make_call(2, t0)));  // the id exists
}

TEST_CASE("Bulk call inserts report duplicate ids and insert the rest", "[core][store]") {
  Store s(fresh_db("bulk"));
  const Time t0 = make_time(Date{2025, 2, 1});
  constexpr std::size_t B = Store::kCallBatch;
  const std::size_t n = 2 * B + 6;  // two full batches and a row-by-row tail
  std::vector<Call> calls;
  for (std::size_t i = 1; i <= n; ++i) calls.push_back(make_call(std::int64_t(i), t0 + Time(i)));
  const std::vector<std::size_t> dup_at{B / 2, B + 3, B + 4, n - 1};  // in each part, two in a row
  for (std::size_t k : dup_at) calls[k].id = std::int64_t(k % 7 + 1);
  std::vector<std::size_t> dups;
  Store::Transaction tx(s);
  s.insert_calls(calls, 0, dups);
  tx.commit();
  CHECK(dups == dup_at);
  CHECK(s.count_calls() == std::int64_t(n - dup_at.size()));
  std::int64_t ids = 0;
  s.for_each_call(kTimeMin, kTimeMax, [&](const Call& c) { ids += c.id; });
  std::int64_t expected = std::int64_t(n * (n + 1) / 2);
  for (std::size_t k : dup_at) expected -= std::int64_t(k + 1);
  CHECK(ids == expected);
}

TEST_CASE("Bulk call inserts keep each call's id and data whether or not the ids run on", "[core][store]") {
  // Ids that continue the table's largest one by one are inserted without a search (bound
  // as NULL, SQLite assigns the same id); gaps, smaller ids and duplicates take the
  // ordinary path. Every row must come back under its own id with its own data.
  Store s(fresh_db("bulk-ids"));
  const Time t0 = make_time(Date{2025, 3, 1});
  REQUIRE(s.insert_call(make_call(1000, t0 + 1000)));
  constexpr std::size_t B = Store::kCallBatch;
  std::vector<Call> calls;
  std::int64_t next = 1001;
  for (std::size_t k = 0; k < 2 * B; ++k) {
    std::int64_t id = next++;
    // The first batch fails at its duplicate (k = 7) and goes on row by row; the second
    // runs as one statement up to its duplicate near the end.
    if (k == 3) id = 5;                       // smaller than the largest: searched
    if (k == 7) id = 1000, --next;            // duplicate of the existing row
    if (k == B + 3) id = 5000, next = 5001;   // a gap, then ids run on from 5000
    if (k == 2 * B - 2) id = 5002, --next;    // a duplicate of an id earlier in this call
    calls.push_back(make_call(id, t0 + Time(id)));
    if (k == B + 10) calls.back().id = 0;     // no id: SQLite assigns the next one, this id
  }
  calls[B + 11].id = calls[B + 10].arrival - t0;  // then a duplicate of that assigned id
  std::vector<std::size_t> dups;
  Store::Transaction tx(s);
  s.insert_calls(calls, 0, dups);
  tx.commit();
  CHECK(dups == std::vector<std::size_t>{7, B + 11, 2 * B - 2});
  CHECK(s.count_calls() == std::int64_t(1 + 2 * B - 3));
  std::size_t seen = 0;
  s.for_each_call(kTimeMin, kTimeMax, [&](const Call& c) {
    ++seen;
    CHECK(c.arrival == t0 + Time(c.id));  // the data that came with this id
    CHECK(c.wait_s == int(c.id % 50));
  });
  CHECK(seen == 1 + 2 * B - 3);
}

TEST_CASE("Tickets come back with their handling units and missing life-cycle steps", "[core][store]") {
  Store s(fresh_db("tickets"));
  Ticket t;
  t.id = "SL001";
  t.created = make_time(Date{2025, 1, 24}, 10);
  t.channel = Channel::ProvincialPlatform;
  t.type = RequestType::Complaint;
  t.category = "物业";
  t.district = "shangzhou";
  t.street = "chengguan";
  t.enterprise = true;
  t.urgency = Urgency::Urgent;
  t.caller_key = "fedcba9876543210fedcba9876543210";
  t.dispatched = t.created + 600;
  t.accepted = t.created + 1200;
  t.replied = t.created + 86400;
  t.lead_unit = "shangzhou";
  t.co_units = {"sl_housing", "chengguan"};
  t.copied_units = {"shangluo"};
  t.satisfaction = Satisfaction::BasicallySatisfied;
  t.reopen_count = 2;
  Ticket bare;
  bare.id = "SL000";
  bare.created = t.created - 60;
  {
    Store::Transaction tx(s);
    CHECK(s.insert_ticket(t));
    CHECK(s.insert_ticket(bare));
    CHECK_FALSE(s.insert_ticket(bare));
    tx.commit();
  }
  auto got = s.ticket("SL001");
  REQUIRE(got);
  CHECK(got->created == t.created);
  CHECK(got->channel == t.channel);
  CHECK(got->type == t.type);
  CHECK(got->category == t.category);
  CHECK(got->street == t.street);
  CHECK(got->enterprise);
  CHECK(got->urgency == t.urgency);
  CHECK(got->caller_key == t.caller_key);
  CHECK(got->dispatched == t.dispatched);
  CHECK(got->accepted == t.accepted);
  CHECK(got->returned == kNoTime);
  CHECK(got->extended == kNoTime);
  CHECK(got->replied == t.replied);
  CHECK(got->closed == kNoTime);
  CHECK(got->lead_unit == "shangzhou");
  CHECK(got->co_units == t.co_units);
  CHECK(got->copied_units == t.copied_units);
  CHECK(got->satisfaction == t.satisfaction);
  CHECK(got->reopen_count == 2);
  std::vector<std::string> order;
  s.for_each_ticket(kTimeMin, kTimeMax, [&](const Ticket& x) { order.push_back(x.id); });
  CHECK(order == std::vector<std::string>{"SL000", "SL001"});
  CHECK_FALSE(s.ticket("nope"));
}

TEST_CASE("Units come back equal and an uncommitted transaction leaves nothing", "[core][store]") {
  Store s(fresh_db("units"));
  Unit root{"shangluo", "商洛市", UnitKind::City, 0, "", false, false, false, ""};
  Unit water{"sl_water", "市供水公司", UnitKind::Utility, 1, "shangluo", true, false, true, ""};
  {
    Store::Transaction tx(s);
    CHECK(s.insert_unit(root));
    CHECK(s.insert_unit(water));
    tx.commit();
  }
  {
    Store::Transaction tx(s);  // rolled back: never committed
    CHECK(s.insert_unit(Unit{"x", "x", UnitKind::Other, 1, "shangluo", false, false, false, ""}));
  }
  auto units = s.units();
  REQUIRE(units.size() == 2);
  CHECK(units[1].id == "sl_water");
  CHECK(units[1].name == "市供水公司");
  CHECK(units[1].kind == UnitKind::Utility);
  CHECK(units[1].parent_id == "shangluo");
  CHECK(units[1].utility);
  CHECK_FALSE(units[1].vertical);
  CHECK(units[1].synthetic);
  CHECK_FALSE(s.has_unit("x"));
}

TEST_CASE("An unknown enum key in the database is reported with its row", "[core][store]") {
  Store s(fresh_db("badenum"));
  s.exec("INSERT INTO calls(id, arrival, channel, skill, outcome) VALUES(9, 100, 'fax', 'general', 'answered')");
  CHECK_THROWS_WITH(s.for_each_call(kTimeMin, kTimeMax, [](const Call&) {}),
                    Catch::Contains("calls 9 channel: unknown value 'fax'"));
}
