// A loaded rule set: the folder's Lua files compiled into flat C++ tables (catalog lookups,
// limit cells, escalation and indicator parameters), validated as a whole, with its
// revision (content hash of the folder) [docs/architecture.md "The rule set"].
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/calendar.hpp"
#include "core/enums.hpp"
#include "core/org_graph.hpp"
#include "core/policy.hpp"
#include "rules/sandbox.hpp"

namespace hotline::rules {

// Where a rule came from, for traces and messages.
struct RuleSource {
  std::string id;      // "dispatch.water"
  std::string clause;  // "[XA23 二(一)]"
  std::string file;    // "dispatch.lua"
  int line = 0;
  std::string text;    // the row, printed once at load for traces
};

// Hit policies of a decision table [docs/architecture.md "The rule set"].
enum class Hit : std::uint8_t { First, Unique, Min };

// One time limit.
struct LimitSpec {
  enum class Kind : std::uint8_t { None, Immediate, Minutes, Hours, Days, WorkingDays, WorkingHours };
  Kind kind = Kind::None;
  double amount = 0;
  std::string to_string() const;  // "2 working days"
};

// A limit table over request type x urgency x deadline class; every cell lists its rows.
struct LimitTable {
  Hit hit = Hit::First;
  std::vector<RuleSource> rows;
  std::vector<LimitSpec> limits;
  std::vector<std::vector<std::uint16_t>> cells;  // [(type * urgencies + urgency) * classes + class]
  bool empty() const { return rows.empty(); }
};

// Where a catalog row sends a ticket (one step of the dispatch principles).
struct Target {
  enum class Kind : std::uint8_t { Street, District, Unit, City, Unclear, DistrictDepartment };
  Kind kind = Kind::Unit;
  UnitIndex unit = kNoUnit;  // for Unit
  std::string department;    // for DistrictDepartment: name suffix, e.g. "人社局"
  std::vector<UnitIndex> by_district;  // DistrictDepartment: district index -> department
};

struct CatalogRow {
  RuleSource source;
  std::vector<std::string> categories;
  Target lead;
  std::vector<Target> co;
  std::vector<Target> copy;
  int deadline_class = 0;
  LimitSpec statutory;        // a stricter statutory limit, if any ("the stricter wins")
  std::string statutory_basis;
  int function = -1;          // index of the row's Lua function (logic), -1 if pure data
};

struct IntakeRow {
  RuleSource source;
  IntakeRoute route = IntakeRoute::Ticket;
  std::string target;
};

struct DiversionRow {
  RuleSource source;
  int agents_free_at_least = -1;
  double wait_at_least_s = -1, wait_below_s = -1;
  int queue_at_least = -1;
  std::uint8_t skills = 0xff;  // bit per SkillQueue
  DiversionOffer offer = DiversionOffer::KeepWaiting;
};

struct EscalationRow {
  RuleSource source;
  std::string fact;  // unsatisfied, returns, urges, overdue_days, unresolved_days, repeat_complaints, sensitive, unclear_days
  double at_least = 1;
};

struct ReturnRefusal {
  RuleSource source;
  std::string when;  // a ReturnRequest fact, or "late"
};

struct UnitClass {
  std::string id, title_zh, title_en;
  std::vector<UnitKind> kinds;
  std::vector<std::pair<std::string, double>> tiers;  // (name, minimum composite), descending
};

struct BulletinLayout {
  std::vector<std::string> columns;
  std::vector<std::pair<std::string, bool>> sort;  // (column, descending)
  std::vector<std::string> groups;                 // class ids in order
  std::string clause;
};

struct ManifestInfo {
  std::string id, name, version, effective, org, calendar;
  std::vector<std::string> sources;
};

// A rule set's compiled tables: flat lookups for the engine, filled once by the compiler
// (ruleset_compiler.cpp) and read-only after load (RuleSet::tables()).
struct CompiledTables {
  std::vector<IntakeRow> intake_rows;
  std::vector<std::array<std::int16_t, std::size_t(RequestType::Count)>> intake_cells;  // [category + 1][type]
  RuleSource intake_default;
  std::vector<CatalogRow> catalog;
  std::vector<std::int32_t> catalog_by_category;  // category id -> row, -1 none
  std::int32_t unmatched_row = -1;
  std::unordered_map<std::string, int> catalog_ids;  // row id (without "dispatch.") -> row
  Hit catalog_hit = Hit::Unique;
  bool copy_district_for_street = false;
  RuleSource double_dispatch;
  double merge_window_hours = 0;  // 0: no duplicate merging
  RuleSource merge_rule;
  std::vector<std::string> deadline_classes;
  LimitTable accept, return_window, reply;
  int max_extensions = 0;
  RuleSource extension_rule;
  std::vector<ReturnRefusal> extension_refusals;  // deadlines.extensions.refuse, in order
  LimitSpec knowledge_base;
  RuleSource knowledge_base_rule;
  std::vector<ReturnRefusal> return_refusals;
  RuleSource return_accept;
  std::vector<EscalationRow> escalation_rows;
  std::vector<std::string> sensitive_words;
  std::string report_to;
  std::array<double, 3> weights{0.1, 0.5, 0.4};  // response, resolution, satisfaction
  double basic_satisfied_value = 0.9;
  RuleSource composite_rule;
  std::vector<UnitClass> unit_classes;
  BulletinLayout bulletin;
  std::vector<DiversionRow> diversion_rows;
  // Parameters as (name, value text) for `rules diff` and `rules check`.
  std::vector<std::pair<std::string, std::string>> parameters;

};

class RuleSet {
 public:
  // A rule set is made by load_rule_set (rules/loader.hpp) and shared read-only.

  const std::filesystem::path& folder() const { return folder_; }
  const std::string& revision() const { return revision_; }
  const ManifestInfo& manifest() const { return manifest_; }
  const OrgGraph& org() const { return *org_; }
  const WorkCalendar& calendar() const { return *calendar_; }
  const SandboxLimits& limits() const { return limits_; }
  // The files read, relative to the folder, with their text: the rule files, helper modules
  // (other *.lua of the folder, for require) and tests/*.lua. The revision hashes them all.
  const std::vector<std::pair<std::string, std::string>>& files() const { return files_; }

  // Interning at the boundary: category text -> id (-1 unknown); unit id or name -> index.
  int category(std::string_view text) const;
  const std::string& category_name(int id) const { return categories_[std::size_t(id)]; }
  std::size_t category_count() const { return categories_.size(); }
  UnitIndex unit(std::string_view id_or_name) const;
  // A street or town by id, by "district/name" or by name within a district.
  UnitIndex street(std::string_view text, UnitIndex district) const;

  // The compiled tables the engine reads; written only by the compiler.
  const CompiledTables& tables() const { return tables_; }

  // Fast add_working_days for the calendar's years (memoised from the calendar primitive).
  Time add_working_days(Time t, int n) const;

 private:
  friend class Loader;    // fills it (loader.cpp)
  friend class Compiler;  // fills tables_ (ruleset_compiler.cpp)
  CompiledTables tables_;
  std::filesystem::path folder_;
  std::string revision_;
  ManifestInfo manifest_;
  std::shared_ptr<const OrgGraph> org_;
  std::shared_ptr<const WorkCalendar> calendar_;
  SandboxLimits limits_;
  std::vector<std::pair<std::string, std::string>> files_;
  std::vector<std::string> categories_;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, int, Hash, std::equal_to<>> category_ids_;
  std::unordered_map<std::string, UnitIndex, Hash, std::equal_to<>> unit_ids_;
  std::unordered_map<std::string, UnitIndex, Hash, std::equal_to<>> street_names_;  // "district_index/name"
  DayNumber first_day_ = 0;
  std::vector<std::int32_t> working_ordinal_;  // working days <= day, from first_day_
  std::vector<DayNumber> working_days_;
};

// A rule set folder from a path, a path relative to the data folder (as scenarios and
// results databases store it, e.g. "rulesets/xian-2023"), or the name of a shipped set
// under <data>/rulesets/, tried in that order. Throws InputError when none exists.
std::filesystem::path find_ruleset(const std::string& path_or_name);

// The module files of a rule set, in load order.
inline constexpr std::array<const char*, 7> kRuleFiles = {"ruleset.lua", "intake.lua", "dispatch.lua", "deadlines.lua",
                                                          "escalation.lua", "indicators.lua", "diversion.lua"};

}  // namespace hotline::rules
