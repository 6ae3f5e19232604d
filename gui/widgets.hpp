// Small ImGui helpers shared by the dashboard windows.
#pragma once

#include <imgui.h>

#include <string>

namespace hotline::gui {

// A button that is disabled, with a tooltip saying why.
inline void disabled_button(const char* text, const char* why) {
  ImGui::BeginDisabled();
  ImGui::Button(text);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", why);
}

inline void section(const char* text) {
  ImGui::Spacing();
  ImGui::TextUnformatted(text);
  ImGui::Separator();
}

}  // namespace hotline::gui
