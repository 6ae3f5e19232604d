// Entry point of the dashboard: the GLFW + OpenGL 3 loop, interactive or headless
// (render N frames into an offscreen framebuffer and write a PNG).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "gui/app_state.hpp"

namespace hotline::gui {

struct RunOptions {
  std::string scenario;
  std::string results;
  std::string select_unit;          // organisation view: select this unit
  std::string rules;                // live engine: rule set folder or shipped name
  std::string baseline, revised;    // rule lab: compare these on the scenario at start
  int compare_replications = 0;     // rule lab: replications (0: the window's default)
  bool replay = false;              // live engine: switch the replay on at start
  std::string font;                 // overrides the font search (tests point it at a missing file)
  std::optional<Lang> lang;         // overrides the saved language
  std::filesystem::path config_dir; // settings + imgui.ini; empty: default_config_dir()
  // headless screenshot
  std::string screenshot;           // PNG path; empty: interactive
  View view = View::Org;
  int frames = 0;  // 0: 3 for a screenshot, until the window closes otherwise
  int width = 1600, height = 1000;
};

// Runs the dashboard until the window closes (or, headless, until the PNG is written).
// Throws std::runtime_error if GLFW or OpenGL cannot start.
void run_dashboard(const RunOptions& options);

// Writes a top-down RGBA image as PNG; throws std::runtime_error on failure.
void write_png(const std::filesystem::path& file, int width, int height, const unsigned char* rgba);

}  // namespace hotline::gui
