// The SQLite traffic store (traffic.sqlite): calls, tickets with their handling units, the
// org unit list and a log of imported files, under a versioned schema with migrations.
// The `calls` table is a contract with the simulator, which replays it (docs/import.md).
#pragma once

#include <sqlite3.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/org_graph.hpp"
#include "core/records.hpp"
#include "core/sqlite.hpp"

namespace hotline {

using DbPtr = sqlite::Db;      // core/sqlite.hpp: the one SQLite layer
using StmtPtr = sqlite::Stmt;

// One imported file, as logged in the `imports` table.
struct ImportRecord {
  std::int64_t id = 0;
  std::string kind;          // "calls", "tickets" or "units"
  std::string path;          // as given on the command line
  std::string content_hash;  // hex BLAKE2b-256 of the file's bytes (`b2sum -l 256 FILE`)
  std::int64_t size = 0;     // bytes
  std::int64_t rows = 0;     // rows imported
  std::int64_t rejected = 0; // rows written to the --skip-bad file
  Time imported_at = 0;
};

inline constexpr Time kTimeMin = std::numeric_limits<Time>::min();
inline constexpr Time kTimeMax = std::numeric_limits<Time>::max();

class Store {
 public:
  // The schema version this build writes (PRAGMA user_version). See kMigrations in store.cpp.
  static constexpr int kSchemaVersion = 2;

  // Opens or creates the database, switches it to WAL and applies the migrations up to
  // `version` (the latest by default; a lower one is for migration tests). Throws
  // std::runtime_error naming the file if it cannot be opened, is not a traffic store (a
  // results database, not SQLite, another program's: refused before anything is written;
  // core/db_kind.hpp), or has a newer schema than this build knows.
  explicit Store(const std::filesystem::path& file, int version = kSchemaVersion);
  // For readers (the simulator): as above, but a missing file is an error, not a new store.
  static Store open_existing(const std::filesystem::path& file);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() const { return db_.get(); }
  int version() const;

  // Runs SQL without result rows (DDL, pragmas, BEGIN ...); throws on error.
  void exec(const char* sql);
  // Prepares a one-off statement (not cached); throws on error.
  StmtPtr prepare(std::string_view sql) const;
  // The single integer result of `sql` (e.g. "SELECT count(*) FROM calls").
  std::int64_t scalar(std::string_view sql) const;

  // A write transaction: BEGIN IMMEDIATE now, ROLLBACK on destruction unless committed.
  // For a bulk load: a rollback journal instead of WAL while it lives, so that each page is
  // written once (into the database) rather than to the WAL and again at the checkpoint.
  // The load stays one atomic transaction; WAL is switched back on at the end. If another
  // connection has the store open, SQLite refuses the switch and the load runs in WAL.
  class BulkJournal {
   public:
    explicit BulkJournal(Store& store);
    ~BulkJournal();
    BulkJournal(const BulkJournal&) = delete;
    BulkJournal& operator=(const BulkJournal&) = delete;
    bool active() const { return active_; }

   private:
    Store* store_;
    bool active_ = false;
  };

  // The journal mode SQLite reports ("wal", "delete", ...).
  std::string journal_mode() const;

  // A write transaction on the store: sqlite::Transaction (BEGIN IMMEDIATE now, ROLLBACK
  // on destruction unless committed).
  class Transaction : public sqlite::Transaction {
   public:
    explicit Transaction(Store& store) : sqlite::Transaction(store.handle()) {}
  };

  // Inserts one record with the statement prepared once for it. A call id of 0 means
  // "assign the next one". Returns false, inserting nothing, when the id (or unit id)
  // already exists; throws std::runtime_error on any other SQLite error. `import_id` links
  // the row to the imports log (0: none). Call inside a Transaction for bulk speed.
  bool insert_call(const Call& call, std::int64_t import_id = 0);
  // Bulk form: inserts kCallBatch calls per statement execution (a multi-row VALUES,
  // prepared once), which saves most of SQLite's per-statement work. A batch holding an
  // existing id is redone row by row. Appends to `duplicates` the positions in `calls` of
  // the calls not inserted because their id exists.
  static constexpr std::size_t kCallBatch = 128;
  void insert_calls(std::span<const Call> calls, std::int64_t import_id,
                    std::vector<std::size_t>& duplicates);
  bool insert_ticket(const Ticket& ticket, std::int64_t import_id = 0);
  bool insert_unit(const Unit& unit, std::int64_t import_id = 0);
  std::int64_t insert_import(const ImportRecord& record);  // returns the new id
  void set_import_counts(std::int64_t import_id, std::int64_t rows, std::int64_t rejected);
  bool delete_unit(std::string_view id);  // used by the importer to drop a rejected unit

  // Reads. Calls come in arrival order (ties by id), from <= arrival < to; tickets in
  // creation order (ties by id). Throws InputError naming the row for a value this build
  // cannot read (e.g. an unknown enum key written by another tool). The callback must not
  // call the same read function again (its statement is in use).
  void for_each_call(Time from, Time to, const std::function<void(const Call&)>& fn) const;
  std::int64_t count_calls(Time from = kTimeMin, Time to = kTimeMax) const;
  // First and last arrival, or nothing if there are no calls.
  std::optional<std::pair<Time, Time>> call_span() const;
  void for_each_ticket(Time from, Time to, const std::function<void(const Ticket&)>& fn) const;
  std::optional<Ticket> ticket(std::string_view id) const;
  std::int64_t count_tickets() const;
  std::vector<Unit> units() const;  // in id order
  bool has_unit(std::string_view id) const;
  std::vector<ImportRecord> imports() const;  // oldest first
  std::optional<ImportRecord> find_import(std::string_view kind, std::string_view content_hash) const;

 private:
  enum Query : unsigned {
    kInsertCall, kInsertCallBatch, kInsertTicket, kInsertTicketUnit, kInsertUnit, kInsertImport, kSetImportCounts,
    kDeleteUnit, kCallsInRange, kCountCalls, kTicketsInRange, kTicketById, kTicketUnits,
    kUnits, kHasUnit, kImports, kFindImport, kMaxCallId, kQueryCount
  };
  // The statement for `q`, prepared on first use and kept (reset) for the store's life.
  sqlite3_stmt* stmt(Query q) const;
  Ticket read_ticket(sqlite3_stmt* st) const;
  void bind_call(sqlite3_stmt* st, int first, const Call& c, bool next_rowid = false);
  [[noreturn]] void fail(const char* what) const;

  std::filesystem::path path_;
  DbPtr db_;
  mutable std::array<StmtPtr, kQueryCount> stmts_;
};

// Applies the migrations that take `db` from its user_version up to `target`, each in its own
// transaction. Exposed for tests; Store's constructor calls it.
void migrate(sqlite3* db, int target);

}  // namespace hotline
