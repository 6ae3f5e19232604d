// The dashboard's user-interface strings, Chinese (default) and English, in one table
// beside the enum (STYLE.md "Naming"). No ImGui here.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/enums.hpp"

namespace hotline::gui {

enum class Text : std::uint16_t {
  AppTitle,
  MenuFile,
  MenuView,
  MenuLanguage,
  OpenScenario,
  OpenResults,
  RecentFiles,
  Quit,
  ViewStaffing,
  ViewRules,
  ViewBulletin,
  ViewEngine,
  ViewOrg,
  ViewCalendar,
  NoResults,
  NoResultsHint,
  ResultsLackTables,
  NeedsSimulator,
  NeedsRuleEngine,
  FontMissing,
  Scenario,
  ResultsFile,
  NoneLoaded,
  Open,
  Cancel,
  Running,
  JobDone,
  JobFailed,
  JobCancelled,
  // staffing
  IntradayChart,
  AnswerRateChart,
  WaitHeatmap,
  Offered,
  AgentsScheduled,
  AgentsRequired,
  TimeOfDay,
  Calls,
  AnswerRate,
  ServiceLevel,
  Day,
  Simulate,
  RunPlanner,
  // rule lab
  BaselineRules,
  RevisedRules,
  RunComparison,
  KpiDeltas,
  Indicator,
  Baseline,
  Revised,
  Delta,
  Ci95,
  PerUnitOnTime,
  OnTimeRate,
  DecidedDifferently,
  RulesDiff,
  // bulletin
  BulletinTable,
  Rank,
  Unit,
  Score,
  RankChange,
  ExportCsv,
  ExportMarkdown,
  // live engine
  RuleSetPath,
  Revision,
  LoadedAt,
  NoRuleSet,
  TicketForm,
  RequestTypeLabel,
  Category,
  DistrictStreet,
  Enterprise,
  UrgencyLabel,
  Decide,
  Decision,
  Deadlines,
  Trace,
  RuleTests,
  Replay,
  // organisation
  OrgTree,
  UnitDetail,
  UnitId,
  UnitName,
  UnitKindLabel,
  Level,
  Parent,
  District,
  Children,
  Flags,
  Synthetic,
  Utility,
  Vertical,
  SelectUnit,
  OrgNotLoaded,
  ColourBy,
  // calendar
  Year,
  Month,
  Workday,
  Weekend,
  Holiday,
  MakeupWorkday,
  WorkingHours,
  CalendarNotLoaded,
  Count
};

std::string_view tr(Text t, Lang lang);
// Every Chinese string of the table concatenated, for building the font's glyph ranges.
std::string_view all_chinese_text();

}  // namespace hotline::gui
