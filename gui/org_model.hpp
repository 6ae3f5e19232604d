// View model of the organisation window (no ImGui): the org graph's unit tree flattened
// into visible rows (collapsed branches hidden, a name filter), the selection and the
// detail of the selected unit [SL24 §11: handling units for dispatch].
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/org_graph.hpp"

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
};

}  // namespace hotline::gui
