// View model of the bulletin window (月度通报, no ImGui): the runs of a results database that
// hold ticket-network results, one run's monthly bulletin as the rule set's indicator
// script lays it out (the same table as `hotline bulletin`), sorting within the groups,
// rank changes against a comparison run, and export to CSV and Markdown
// [SL24 bulletin 2025-01; GB25 (六): units ranked within their class].
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/enums.hpp"
#include "core/policy.hpp"
#include "gui/org_model.hpp"
#include "sim/results_db.hpp"

namespace hotline::gui {

// A run with ticket-network results (table `runs` joined with `ticket_unit_counts`).
struct TicketRunInfo : sim::TicketRunSummary {
  // "run 3: shangluo-2025-01, shangluo-2024 (baseline)"
  std::string label(Lang lang) const;
};

// Runs with ticket results, newest first (sim::list_ticket_runs, the results database's
// reader). Throws InputError naming the file when it cannot be read; an empty list when it
// holds no ticket results.
std::vector<TicketRunInfo> list_ticket_runs(const std::filesystem::path& db);

// The run the window shows first (the newest) and the run it compares with: the baseline
// of a compare pair when the newest run is its revised side, else none (0).
std::pair<std::int64_t, std::int64_t> default_runs(const std::vector<TicketRunInfo>& runs);

struct BulletinRow {
  int group = 0;              // index into BulletinTable::groups
  int rank = 0;               // 1-based place in its group, in the rule set's order
  std::optional<int> compare_rank;  // the unit's place in the comparison run's group
  std::vector<std::string> cells;   // one per header
  // Rank change: compare_rank - rank (positive: moved up), none without a comparison rank.
  std::optional<int> rank_change() const;
};

struct BulletinTable {
  std::int64_t run_id = 0, compare_run_id = 0;  // 0: no comparison
  std::string period, scenario, ruleset;         // ruleset: the manifest id
  int replications = 0;
  std::vector<std::string> headers;  // the rule set's bulletin columns
  std::vector<std::string> groups;   // group titles in the rule set's order
  std::vector<BulletinRow> rows;     // grouped in group order, each group sorted
  int unit_column = -1;              // the header holding the unit's name
  std::vector<UnitFigures> units;    // counts and indicators per unit, for the organisation view

  // Columns of the window: 0 rank, 1..headers.size() the bulletin's, then rank change.
  std::size_t columns() const { return headers.size() + 2; }
  // Sorts the rows within their groups by a column (numbers by value: "95.5%" is 95.5;
  // text such as "/" after every number; ties keep the rule set's order).
  void sort(std::size_t column, bool ascending);
  // The table as shown (rank, the bulletin's columns, rank change when comparing), for
  // sim::format_bulletin.
  Bulletin shown(Lang lang) const;
  std::string title(Lang lang) const;
};

// One period of a run: the counts (mean over the replications) through the run's own rule
// set (RuleEngine::bulletin and ::indicators, as `hotline bulletin`); with compare_run, the
// ranks of the same units (matched by name) in that run's bulletin of the same period.
// Throws std::exception naming the file, run or period on failure.
BulletinTable load_bulletin(const std::filesystem::path& db, std::int64_t run_id, const std::string& period,
                            std::int64_t compare_run, Lang lang);

// "csv" or "md" through sim::format_bulletin, written to a temporary file beside `file` and
// renamed over it (never half-written). Throws std::runtime_error naming the file.
void export_bulletin(const BulletinTable& t, const std::string& format, const std::filesystem::path& file, Lang lang);
// Where the window exports: next to the results file, bulletin-run<ID>-<period>.<ext>.
std::filesystem::path export_path(const std::filesystem::path& db, const BulletinTable& t, const std::string& ext);

// The folder of a run's rule set as stored in `runs.ruleset`: relative to the data folder
// (`hotline simulate`), a folder path (`hotline compare --out`) or a shipped name.
std::filesystem::path ruleset_folder(const std::string& stored);

}  // namespace hotline::gui
