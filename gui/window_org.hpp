// The organisation window (组织): its state (the org tree model, the filter, whether the user
// chose the colouring) and what the bulletin window and the dashboard's callers use. Drawn
// in gui/window_org.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gui/window.hpp"

namespace hotline::gui {

class OrgWindow final : public Window {
 public:
  // Loads the org graph (a failure is shown in the window); --select must name a unit
  // (else InputError).
  explicit OrgWindow(Dashboard& dash);
  void draw() override;
  void add_data_text(std::string& s) const override;  // the units' names

  OrgTreeModel* model() { return org_ ? &*org_ : nullptr; }
  // The shown bulletin's per-unit figures colour the tree (by workload, unless the user chose).
  void show_figures(const std::vector<UnitFigures>& units, const std::string& source);
  void clear_figures();

 private:
  void draw_toolbar(OrgTreeModel& m);
  void draw_legend(OrgTreeModel& m);
  void draw_tree(OrgTreeModel& m, float width, float height);
  void draw_detail(OrgTreeModel& m);

  std::optional<OrgTreeModel> org_;
  std::string org_error_;
  char org_filter_[128] = "";
  bool org_metric_chosen_ = false;  // the user picked the colouring; figures do not change it
};

}  // namespace hotline::gui
