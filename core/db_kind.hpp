// Which kind of hotline database a SQLite file is (PRAGMA application_id), so that a results
// database is never taken for a traffic store or the other way round (docs/security.md
// "Files and databases"). Files written before the kinds were stamped (application_id 0)
// are recognised by their tables.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <iterator>
#include <string>
#include <string_view>

namespace hotline {

enum class DbKind { Traffic, Results, Count };

// The application_id of each kind: "HLTS" and "HLRS" in ASCII, big-endian as SQLite stores it.
inline constexpr std::int32_t kDbKindId[] = {0x484C5453, 0x484C5253};
// In words, for messages: "a traffic store", "a results database".
inline constexpr std::string_view kDbKindName[] = {"a traffic store", "a results database"};
static_assert(std::size(kDbKindId) == std::size_t(DbKind::Count));
static_assert(std::size(kDbKindName) == std::size_t(DbKind::Count));

inline std::int32_t db_kind_id(DbKind k) { return kDbKindId[std::size_t(k)]; }
inline std::string_view db_kind_name(DbKind k) { return kDbKindName[std::size_t(k)]; }

// Checks that the open connection `db` (on `file`) is a database of kind `expected`, or a new
// empty one. Reads only; throws InputError naming the file and both kinds in words
// ("x.db is a results database, not a traffic store") for the other kind, a file that is not
// SQLite, an unknown application_id or tables of some other program. Returns true when the
// file still has to be stamped (new, or written before the kinds: application_id 0).
bool check_db_kind(sqlite3* db, const std::filesystem::path& file, DbKind expected);

// Sets the application_id of `expected` (after check_db_kind returned true, on a writable
// connection). Throws std::runtime_error on failure.
void stamp_db_kind(sqlite3* db, const std::filesystem::path& file, DbKind expected);

// For an output given on the command line, before a long run: when `file` exists it is opened
// read-only and checked as above (and its schema version must not exceed `max_version`, when
// that is > 0); when it does not, its folder must exist and be writable. Writes nothing.
void check_db_file(const std::filesystem::path& file, DbKind expected, int max_version = 0);

}  // namespace hotline
