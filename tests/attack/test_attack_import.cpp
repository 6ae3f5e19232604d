// Attacks on `hotline import` by class (issue 12, docs/security.md "Values and personal
// data"): phone numbers in every spelling and every place, weak keys, malformed caller keys,
// broken text, stray quotes, huge fields and headers, unit lists. Runs the real binary.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "core/pseudonym.hpp"
#include "core/store.hpp"
#include "tests/attack/values_support.hpp"

namespace fs = std::filesystem;
using namespace hotline::attack;

namespace {

const std::string kEnv = "HOTLINE_PSEUDONYM_KEY='attack-suite key, kept out of sight'";

// One phone or ID number in one spelling, and its digits.
struct Phone {
  std::string written, digits;
};
const std::vector<Phone> kPhones = {
    {"139-1234-5678", "13912345678"},
    {"139 1234 5678", "13912345678"},
    {"+86 139 1234 5678", "8613912345678"},
    {"+86-139-1234-5678", "8613912345678"},
    {"(139)1234.5678", "13912345678"},
    {"\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x99\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94\xEF\xBC\x95\xEF\xBC\x96"
     "\xEF\xBC\x97\xEF\xBC\x98",
     "13912345678"},                                          // full-width digits
    {"139\xE3\x80\x80" "1234\xE3\x80\x80" "5678", "13912345678"},  // ideographic spaces
    {"0914-2345678", "09142345678"},                          // a landline with area code
    {"610202199001011234", "610202199001011234"},             // an ID number
    {"18612345678", "18612345678"},
};

struct Imported {
  Result run;
  fs::path db;
};

// Imports `csv` as `kind` into a fresh store named after `name`; `args` are extra options.
Imported do_import(const std::string& name, const std::string& kind, const std::string& csv,
                const std::string& args = "", const std::string& env = kEnv) {
  const fs::path file = scratch(name).string() + ".csv", db = scratch(name).string() + ".sqlite";
  fs::remove(db);
  write_file(file, csv);
  return {run_hotline(name, "import " + kind + " '" + file.string() + "' --db '" + db.string() + "' -q " + args, "", env),
          db};
}

std::int64_t count(const fs::path& db, const char* table) {
  hotline::Store s(db);
  return s.scalar(std::string("SELECT count(*) FROM ") + table);
}

// Everything SQLite keeps of a store: the file and any journal beside it.
std::string store_bytes(const fs::path& db) {
  std::string all;
  for (const char* suffix : {"", "-wal", "-journal", "-shm"})
    if (fs::exists(db.string() + suffix)) all += read_file(db.string() + suffix);
  return all;
}

const std::string kTicketHeader = "id,created,type,category,district,street\n";
std::string ticket_row(const std::string& id, const std::string& category = "供水",
                       const std::string& district = "shangzhou", const std::string& street = "chengguan") {
  return id + ",2025-01-06 08:36:00,help," + category + "," + district + "," + street + "\n";
}

int lines_of(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

}  // namespace

TEST_CASE("a phone number as a header name is never echoed, whatever its spelling", "[attack][import][personal]") {
  int i = 0;
  for (const Phone& p : kPhones) {
    INFO(p.written);
    Imported r = do_import("phone-header-" + std::to_string(i++), "tickets", "id,created,type," + p.written + "\n" + "T1,2025-01-06 08:00,help,x\n");
    CHECK(r.run.code == 1);
    CHECK(has(r.run.err, ":1: "));
    CHECK(has(r.run.err, "unknown column"));
    CHECK_FALSE(leaks(r.run.err + r.run.out, p.digits));
  }
}

TEST_CASE("a phone number in a bad value is never echoed, in any column", "[attack][import][personal]") {
  int i = 0;
  for (const Phone& p : kPhones) {
    for (const char* column : {"created", "type", "enterprise", "reopen_count", "urgency"}) {
      INFO(p.written << " in " << column);
      const std::string csv = std::string("id,created,type,enterprise,reopen_count,urgency\n") + "T1," +
                              (std::string(column) == "created" ? p.written : "2025-01-06 08:00") + "," +
                              (std::string(column) == "type" ? p.written : "help") + "," +
                              (std::string(column) == "enterprise" ? p.written : "0") + "," +
                              (std::string(column) == "reopen_count" ? p.written : "0") + "," +
                              (std::string(column) == "urgency" ? p.written : "normal") + "\n";
      Imported r = do_import("phone-value-" + std::to_string(i++), "tickets", csv);
      CHECK(r.run.code == 1);
      CHECK(has(r.run.err, std::string(":2: ") + column + ": "));
      CHECK_FALSE(leaks(r.run.err + r.run.out, p.digits));
    }
  }
}

TEST_CASE("a phone number in a free-text column is masked before it is stored", "[attack][import][personal]") {
  int i = 0;
  for (const Phone& p : kPhones) {
    INFO(p.written);
    const std::string text = "来电人说 " + p.written + " 可联系";
    const std::string csv = "id,created,type,category,district,street,caller\n" + std::string("T1,2025-01-06 08:00,help,") +
                            text + "," + text + "," + text + "," + p.written + "\n";
    Imported r = do_import("phone-free-" + std::to_string(i++), "tickets", csv);
    INFO(r.run.err);
    REQUIRE(r.run.code == 0);
    CHECK(count(r.db, "tickets") == 1);
    const std::string stored = store_bytes(r.db);
    CHECK(has(stored, "来电人说"));  // the rest of the text is kept
    CHECK_FALSE(leaks(stored, p.digits));
    CHECK_FALSE(leaks(r.run.err + r.run.out, p.digits));
  }
}

TEST_CASE("a phone number in a unit name or an agent column is masked or refused, never stored", "[attack][import][personal]") {
  int i = 0;
  for (const Phone& p : kPhones) {
    INFO(p.written);
    Imported units = do_import("phone-unit-" + std::to_string(i), "units",
                            "id,name,kind,level,parent\nroot,平台 " + p.written + ",city,0,\n");
    REQUIRE(units.run.code == 0);
    CHECK_FALSE(leaks(store_bytes(units.db), p.digits));
    Imported calls = do_import("phone-agent-" + std::to_string(i++), "calls",
                            "arrival,outcome,agent\n2025-01-06 08:00,answered," + p.written + "\n");
    CHECK_FALSE(leaks(store_bytes(calls.db) + calls.run.err + calls.run.out, p.digits));
  }
}

TEST_CASE("weak pseudonymisation keys are refused with the reason", "[attack][import][keys]") {
  using hotline::Pseudonymizer;
  const std::pair<std::string, std::string> weak[] = {
      {std::string(16, ' '), "whitespace"},
      {std::string(24, '\t'), "control character"},
      {std::string(20, 'a'), "only 1 different characters"},
      {"abababababababababab", "only 2 different characters"},
      {"1111222233334444", "only 4 different characters"},
      {"abcdabcdabcdabcdabcd", "only 4 different characters"},
      {"0123456789abcdefghij", "sequence"},
      {"zyxwvutsrqponmlkjihg", "sequence"},
      {"short-key", "9 characters, at least 16"},
      {"", "0 characters"},
      {" leading-space-secret-key", "whitespace"},
      {"trailing-space-secret-key ", "whitespace"},
      {"secret-key-with-a-newline\n", "control character"},
  };
  for (const auto& [key, reason] : weak) {
    INFO("'" << key << "'");
    CHECK_THAT(Pseudonymizer::key_problem(key), Catch::Contains(reason));
    CHECK_THROWS_WITH(Pseudonymizer(key), Catch::Contains(reason));
  }
  for (const char* good : {"a long secret, kept out of the repository", "9f2c4e7a1b3d5f60", "attack-suite key, kept out of sight",
                           "cli-test-pseudonym-key-0123456789"}) {
    INFO(good);
    CHECK(Pseudonymizer::key_problem(good).empty());
  }
  // Through the command line: nothing is imported and the reason is printed.
  int i = 0;
  for (const char* key : {"                ", "aaaaaaaaaaaaaaaaaaaa", "0123456789abcdef", "abababababababab"}) {
    INFO("'" << key << "'");
    Imported r = do_import("weak-key-" + std::to_string(i++), "tickets",
                        "id,created,type,caller\nT1,2025-01-06 08:00,help,13912345678\n", "",
                        std::string("HOTLINE_PSEUDONYM_KEY='") + key + "'");
    CHECK(r.run.code == 1);
    CHECK(has(r.run.err, "the pseudonymisation key is refused: "));
    CHECK(count(r.db, "tickets") == 0);
    CHECK_FALSE(leaks(r.run.err, "13912345678"));
  }
}

TEST_CASE("a caller_key that is not 16 lower-case hex digits is refused, also beside a caller column", "[attack][import][keys]") {
  int i = 0;
  for (const char* bad : {"ABCDEF0123456789", "0123456789abcde", "0123456789abcdef0", "0123456789abcdeg", "13912345678",
                          "139-1234-5678-90", "0123456789abcd\xC3\xA9"}) {
    INFO(bad);
    for (const bool with_caller : {false, true}) {
      const std::string csv = std::string("id,created,type,caller_key") + (with_caller ? ",caller" : "") +
                              "\nT1,2025-01-06 08:00,help," + bad + (with_caller ? ",13800000001" : "") + "\n";
      Imported r = do_import("caller-key-" + std::to_string(i++), "tickets", csv);
      CHECK(r.run.code == 1);
      CHECK(has(r.run.err, ":2: caller_key: not a caller key"));
      CHECK(count(r.db, "tickets") == 0);
      CHECK_FALSE(leaks(r.run.err, "13912345678"));
    }
  }
  Imported ok = do_import("caller-key-ok", "tickets", "id,created,type,caller_key\nT1,2025-01-06 08:00,help,0123456789abcdef\n");
  CHECK(ok.run.code == 0);
}

TEST_CASE("invalid UTF-8 in any text column is refused with file, line and field", "[attack][import][text]") {
  const std::pair<const char*, std::string> bad[] = {
      {"overlong slash", "a\xC0\xAF"},         {"overlong 3-byte", "\xE0\x80\xAF"},
      {"overlong 4-byte", "\xF0\x80\x80\xAF"}, {"UTF-16 surrogate", "\xED\xA0\x80"},
      {"truncated", "供\xE6\xB0"},             {"stray continuation", "x\x80y"},
      {"above U+10FFFF", "\xF4\x90\x80\x80"},  {"0xFF", "\xFF"},
      {"Latin-1 text", "caf\xE9"},
  };
  int i = 0;
  for (const auto& [what, bytes] : bad) {
    for (const char* column : {"id", "category", "district", "street"}) {
      INFO(what << " in " << column);
      const std::string id = std::string(column) == "id" ? "T" + bytes : "T1";
      const std::string row = ticket_row(id, std::string(column) == "category" ? bytes : "供水",
                                         std::string(column) == "district" ? bytes : "shangzhou",
                                         std::string(column) == "street" ? bytes : "chengguan");
      Imported r = do_import("utf8-" + std::to_string(i++), "tickets", kTicketHeader + ticket_row("T0") + row);
      CHECK(r.run.code == 1);
      CHECK(has(r.run.err, std::string(":3: ") + column + ": not valid UTF-8 at byte "));
      CHECK(count(r.db, "tickets") == 0);
    }
  }
  // The same in a unit's name and a call's agent.
  Imported unit = do_import("utf8-unit", "units", "id,name,kind,level,parent\nroot,平台\xED\xA0\x80,city,0,\n");
  CHECK(has(unit.run.err, ":2: name: not valid UTF-8 at byte 7"));
  Imported call = do_import("utf8-agent", "calls", "arrival,outcome,agent\n2025-01-06 08:00,answered,a\xC0\xAF\n");
  CHECK(has(call.run.err, ":2: agent: not valid UTF-8 at byte 2"));
}

TEST_CASE("NUL and control characters in text are refused", "[attack][import][text]") {
  const std::string bad[] = {std::string("a\0b", 3), "\x01", "red\x1B[31m", "del\x7F", "nel\xC2\x85", "tab\tinside",
                             "bell\x07", std::string("\0", 1)};
  int i = 0;
  for (const std::string& bytes : bad) {
    INFO(bytes.size() << " bytes");
    Imported r = do_import("control-" + std::to_string(i++), "tickets", kTicketHeader + ticket_row("T1", "x" + bytes + "y"));
    CHECK(r.run.code == 1);
    CHECK(has(r.run.err, ":2: category: control character at byte "));
    CHECK(count(r.db, "tickets") == 0);
  }
}

TEST_CASE("text is capped per column and a huge field is refused without stopping the file", "[attack][import][text]") {
  Imported at_cap = do_import("cap-ok", "tickets", kTicketHeader + ticket_row(std::string(64, 'i'), std::string(256, 'c')));
  CHECK(at_cap.run.code == 0);
  Imported category = do_import("cap-category", "tickets", kTicketHeader + ticket_row("T1", std::string(257, 'c')));
  CHECK(has(category.run.err, ":2: category: 257 bytes; at most 256 in this column"));
  Imported id = do_import("cap-id", "tickets", kTicketHeader + ticket_row(std::string(65, 'i')));
  CHECK(has(id.run.err, ":2: id: 65 bytes; at most 64 in this column"));
  std::string chinese;  // 86 characters of 3 bytes: the cap counts bytes
  for (int k = 0; k < 86; ++k) chinese += "街";
  Imported street = do_import("cap-street", "tickets", kTicketHeader + ticket_row("T1", "c", "d", chinese));
  CHECK(has(street.run.err, ":2: street: 258 bytes; at most 256"));
  // Fields past the reader's 64 KiB cap, quoted or not, up to 10 MB: refused by the reader,
  // the other rows still import with --skip-bad.
  for (const std::size_t size : {std::size_t(65537), std::size_t(1) << 20, std::size_t(10) << 20}) {
    for (const bool quoted : {false, true}) {
      INFO(size << (quoted ? " quoted" : ""));
      const std::string big = quoted ? "\"" + std::string(size, 'q') + "\"" : std::string(size, 'u');
      const std::string name = "huge-" + std::to_string(size) + (quoted ? "q" : "u");
      const fs::path rejects = scratch(name).string() + ".rejects.csv";
      Imported r = do_import(name, "tickets", kTicketHeader + ticket_row("T1") + ticket_row("T2", big) + ticket_row("T3"),
                          "--skip-bad '" + rejects.string() + "'");
      CHECK(r.run.code == 0);
      CHECK(has(r.run.err, ":3: category: field longer than 65536 bytes"));
      CHECK(count(r.db, "tickets") == 2);
      Imported strict = do_import(name + "-strict", "tickets", kTicketHeader + ticket_row("T1") + ticket_row("T2", big));
      CHECK(strict.run.code == 1);
      CHECK(strict.run.err.size() < 2000);  // the field is never echoed
      CHECK(count(strict.db, "tickets") == 0);
    }
  }
}

TEST_CASE("a stray quote in an unquoted field is refused with file, line and field", "[attack][import][csv]") {
  int i = 0;
  for (const char* bad : {"ab\"c", "abc\"", "a\"\"b", "\xE4\xBE\x9B\"\xE6\xB0\xB4", "x\"139-1234-5678"}) {
    INFO(bad);
    const std::string csv = kTicketHeader + ticket_row("T1") + ticket_row("T2", "供水", bad) + ticket_row("T3");
    Imported strict = do_import("quote-" + std::to_string(i), "tickets", csv);
    CHECK(strict.run.code == 1);
    CHECK(has(strict.run.err, ":3: district: a quote inside an unquoted field"));
    CHECK(count(strict.db, "tickets") == 0);
    CHECK_FALSE(leaks(strict.run.err, "13912345678"));
    const fs::path rejects = scratch("quote-" + std::to_string(i)).string() + ".rejects.csv";
    Imported skip = do_import("quote-skip-" + std::to_string(i++), "tickets", csv, "--skip-bad '" + rejects.string() + "'");
    CHECK(skip.run.code == 0);
    CHECK(count(skip.db, "tickets") == 2);
  }
}

TEST_CASE("header problems obey --max-errors, up to a million columns", "[attack][import][csv]") {
  std::string header = "id,created,type";
  for (int c = 0; c < 3000; ++c) header += ",extra" + std::to_string(c);
  for (const int max : {0, 1, 5, 50}) {
    INFO("--max-errors " << max);
    Imported r = do_import("wide-" + std::to_string(max), "tickets", header + "\n", "--max-errors " + std::to_string(max));
    CHECK(r.run.code == 1);
    CHECK(lines_of(r.run.err) == max + 1);  // the problems listed, then the count of the rest
    CHECK(has(r.run.err, std::to_string(3000 - max) + " more problems not listed"));
  }
  std::string million = "id,created,type";
  million.reserve(9'000'000);
  for (int c = 0; c < 1'000'000; ++c) million += ",c" + std::to_string(c);
  Imported r = do_import("million", "tickets", million + "\n");
  CHECK(r.run.code == 1);
  CHECK(lines_of(r.run.err) == 1);
  CHECK(has(r.run.err, ":1: field 4097: more than 4096 fields in one record"));
  // Row problems obey it too: the listed ones, the count of the rest, the summary.
  std::string rows = kTicketHeader;
  for (int k = 0; k < 500; ++k) rows += ticket_row("T" + std::to_string(k), "\x01");
  Imported bad_rows = do_import("many-bad-rows", "tickets", rows, "--max-errors 3");
  CHECK(lines_of(bad_rows.run.err) == 5);
}

TEST_CASE("unit lists are checked against the store's units", "[attack][import][units]") {
  const std::string units = "id,name,kind,level,parent\nroot,平台,city,0,\nwater,水务局,department,1,root\n"
                            "housing,住建局,department,1,root\n";
  const std::string header = "id,created,type,lead_unit,co_units,copied_units\n";
  auto tickets_after_units = [&](const std::string& name, const std::string& row) {
    Imported u = do_import(name, "units", units);
    REQUIRE(u.run.code == 0);
    const fs::path file = scratch(name).string() + "-t.csv";
    write_file(file, header + "T1,2025-01-06 08:00,help," + row + "\n");
    return run_hotline(name + "-t", "import tickets '" + file.string() + "' --db '" + u.db.string() + "' -q", "", kEnv);
  };
  CHECK(tickets_after_units("units-ok", "water,housing;水务局,root").code == 0);
  Result unknown_co = tickets_after_units("units-co", "water,housing;nowhere,");
  CHECK(has(unknown_co.err, ":2: co_units: 'nowhere': unknown unit"));
  Result unknown_lead = tickets_after_units("units-lead", "nobody,,");
  CHECK(has(unknown_lead.err, ":2: lead_unit: 'nobody': unknown unit"));
  Result unknown_copy = tickets_after_units("units-copy", "water,,root、ghost");
  CHECK(has(unknown_copy.err, ":2: copied_units: 'ghost': unknown unit"));
  Result twice = tickets_after_units("units-twice", "water,housing|housing,");
  CHECK(has(twice.err, ":2: co_units: 'housing': listed twice"));
  std::string many;
  for (int k = 0; k < 33; ++k) many += (k ? ";" : "") + std::string(k % 2 ? "water" : "housing") + std::to_string(k);
  Result too_many = tickets_after_units("units-many", "water," + many + ",");
  CHECK(has(too_many.err, ":2: co_units: 33 units; at most 32"));
  Result broken = tickets_after_units("units-broken", "water,housing;\xC0\xAF,");
  CHECK(has(broken.err, ":2: co_units: not valid UTF-8"));
}

TEST_CASE("negative durations are refused in every spelling, quoting the whole value", "[attack][import][values]") {
  int i = 0;
  for (const char* v : {"-0:31", "-0:00:31", "-5", "-0", "-1:00", "-00:00:00", "-86400", "-0:59:59"}) {
    INFO(v);
    Imported r = do_import("negative-" + std::to_string(i++), "calls", std::string("arrival,outcome,wait_s\n2025-01-06 08:00,answered,") + v + "\n");
    CHECK(r.run.code == 1);
    CHECK(has(r.run.err, std::string(":2: wait_s: '") + v + "': a duration cannot be negative"));
    CHECK(count(r.db, "calls") == 0);
  }
  for (const char* v : {"1:-5", "0:60", "1:2:3:4", "--5", "+-5", "5-", "- 5", "1:60:00", ":", "1:", ":5", "0x10", "1e3"}) {
    INFO(v);
    Imported r = do_import("bad-duration-" + std::to_string(i++), "calls", std::string("arrival,outcome,wait_s\n2025-01-06 08:00,answered,") + v + "\n");
    CHECK(r.run.code == 1);
    CHECK(has(r.run.err, std::string(":2: wait_s: '") + v + "': expected seconds or [H:]MM:SS"));
  }
  const std::pair<const char*, int> good[] = {{"+0:31", 31}, {"0:00:31", 31}, {"31", 31}, {"1:00:00", 3600}, {"+5", 5}, {"86400", 86400}};
  for (const auto& [v, seconds] : good) {
    INFO(v);
    Imported r = do_import("good-duration-" + std::to_string(i++), "calls", std::string("arrival,outcome,wait_s\n2025-01-06 08:00,answered,") + v + "\n");
    REQUIRE(r.run.code == 0);
    hotline::Store s(r.db);
    CHECK(s.scalar("SELECT wait_s FROM calls") == seconds);
  }
  Imported day = do_import("duration-day", "calls", "arrival,outcome,wait_s\n2025-01-06 08:00,answered,24:00:01\n");
  CHECK(has(day.run.err, ":2: wait_s: '24:00:01': longer than a day"));
  // Leading parts so large that hours or minutes in seconds overflow 64 bits (found by the
  // import_calls fuzzer: 757777777777777700 minutes): refused as too long, no overflow
  // (UBSan in the sanitizer pass would stop the test).
  for (const char* v : {"999999999999999999:00:00", "757777777777777700:00", "999999999999999999", "3074457345618258:00:00",
                        "153722867280912930:00"}) {
    INFO(v);
    Imported r = do_import("huge-duration-" + std::to_string(i++), "calls", std::string("arrival,outcome,talk_s\n2025-01-06 08:00,answered,") + v + "\n");
    CHECK(r.run.code == 1);
    // (the value is quoted with its long digit runs masked, as a phone number would be)
    CHECK(has(r.run.err, ":2: talk_s: '"));
    CHECK(has(r.run.err, "': longer than a day"));
    CHECK(count(r.db, "calls") == 0);
  }
}
