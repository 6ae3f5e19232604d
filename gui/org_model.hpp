// View model of the organisation window (no ImGui): the org graph's unit tree flattened
// into visible rows (collapsed branches hidden, a name filter), the selection and the
// detail of the selected unit [SL24 §11: handling units for dispatch], and the colouring of
// the units by workload or on-time rate from an opened results database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/org_graph.hpp"
#include "core/policy.hpp"
#include "gui/plot_math.hpp"

namespace hotline::gui {

struct OrgRow {
  UnitIndex unit = kNoUnit;
  int depth = 0;             // 0 for the root
  bool has_children = false;
  bool expanded = false;
  bool match = true;         // matches the filter itself (not only as an ancestor of a match)
};

struct UnitDetail {
  std::string path;            // root / ... / unit
  UnitIndex parent = kNoUnit;
  UnitIndex district = kNoUnit;
  std::size_t children = 0;
  std::size_t descendants = 0;
  std::vector<std::pair<UnitKind, std::size_t>> children_by_kind;  // non-zero counts, enum order
};

// One unit's ticket figures of a period (from the results, through a rule set's indicators).
struct UnitFigures {
  std::string id, name;
  UnitPeriodCounts counts;      // counts.unit indexes the rule set's org graph, not this one
  UnitIndicators indicators;
};

enum class OrgMetric : std::uint8_t { None, Workload, OnTimeRate };

class OrgTreeModel {
 public:
  explicit OrgTreeModel(OrgGraph graph);  // the root starts expanded, nothing selected

  const OrgGraph& graph() const { return graph_; }
  // The visible rows, depth-first in the graph's child order. Recomputed only after a
  // change of expansion or filter.
  const std::vector<OrgRow>& rows();

  bool expanded(UnitIndex u) const { return expanded_[u] != 0; }
  void set_expanded(UnitIndex u, bool on);
  void expand_all();
  void collapse_all();  // keeps the root open

  // Keeps units whose name or id contains `text` (and their ancestors, so the tree stays a
  // tree); while a filter is set every branch shows expanded. Empty text: no filter.
  void set_filter(std::string_view text);
  const std::string& filter() const { return filter_; }

  // Selects u (kNoUnit clears) and expands its ancestors so it is visible.
  void select(UnitIndex u);
  UnitIndex selected() const { return selected_; }
  // Index of the selected unit's row in rows(), or -1.
  int selected_row();

  UnitDetail detail(UnitIndex u) const;

  // Ticket figures from the results, matched to this graph's units by id; returns how many
  // figures name a unit the graph does not have (they are dropped). `source` says which
  // run and period they are ("run 3, 2025-01").
  std::size_t set_figures(const std::vector<UnitFigures>& figures, std::string source);
  const std::string& figures_source() const { return figures_source_; }
  bool has_figures() const { return !figures_.empty(); }
  const UnitFigures* figures(UnitIndex u) const;
  // The metric the tree is coloured by (None: no colour).
  void set_metric(OrgMetric m) { metric_ = m; }
  OrgMetric metric() const { return metric_; }
  // The metric's value for a unit (handled tickets, or the on-time rate 0..1); none when the
  // unit has no figures or handled nothing.
  std::optional<double> value(UnitIndex u) const;
  // The range of value() over the units with one (the legend's ends); empty without.
  Range value_range() const;
  // value() placed in value_range() as 0..1 (for the colour map); none without a value.
  std::optional<double> shade(UnitIndex u) const;

 private:
  void add_rows(UnitIndex u, int depth);
  bool matches(UnitIndex u) const;

  OrgGraph graph_;
  std::vector<std::uint8_t> expanded_;     // per unit
  std::vector<std::uint8_t> keep_;         // per unit: in the filtered tree
  std::vector<std::vector<UnitIndex>> children_;  // cached graph_.children()
  std::string filter_;
  UnitIndex selected_ = kNoUnit;
  std::vector<OrgRow> rows_;
  bool dirty_ = true;                      // rows_ must be rebuilt
  std::vector<std::int32_t> figure_of_;    // per unit: index into figures_, -1 none
  std::vector<UnitFigures> figures_;
  std::string figures_source_;
  OrgMetric metric_ = OrgMetric::None;
};

}  // namespace hotline::gui
