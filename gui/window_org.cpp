// The organisation window (组织): the tree of handling units from the org graph, with a
// unit's detail on selection.
#include "gui/dashboard.hpp"
#include "gui/widgets.hpp"

namespace hotline::gui {

void Dashboard::draw_org() {
  if (begin_view(View::Org)) {
    ImGui::TextWrapped("%s%s", t(Text::OrgNotLoaded), "core/org_graph.cpp (branch core-cal-org) not merged yet");
  }
  ImGui::End();
}

}  // namespace hotline::gui
