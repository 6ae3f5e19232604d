// The dashboard's view-model state (no ImGui): which views are open, the language, the
// files in use, and the small settings file that remembers them between runs.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.hpp"

namespace hotline::gui {

enum class View : std::uint8_t { Staffing, Rules, Bulletin, Engine, Org, Calendar, Count };
inline constexpr std::array<std::string_view, std::size_t(View::Count)> kViewKeys{
    "staffing", "rules", "bulletin", "engine", "org", "calendar"};
std::optional<View> view_from_key(std::string_view key);
std::string_view view_key(View v);

// What the settings file holds. Window positions live in ImGui's own ini next to it.
struct Settings {
  static constexpr std::size_t kMaxRecent = 8;
  Lang lang = Lang::Zh;
  std::string font;                // empty: look for Noto Sans CJK in the usual places
  std::string scenario;            // last opened scenario
  std::string results;             // last opened results database
  std::vector<std::string> recent; // most recent first, unique, at most kMaxRecent
  std::array<bool, std::size_t(View::Count)> open{};  // which view windows are open
  // The rule lab's last comparison: rule sets (names or folders) and replications; empty
  // or 0 means the window's defaults.
  std::string lab_baseline, lab_revised;
  int lab_replications = 0;

  // Puts path first in `recent`, dropping a duplicate and the oldest beyond kMaxRecent.
  void remember(const std::string& path);
};

// The settings file format: UTF-8 lines `key=value`; `#` starts a comment; keys lang (zh|en),
// font, scenario, results, recent (repeatable), open (a view key, repeatable),
// lab_baseline, lab_revised, lab_replications (2..1000). Throws
// InputError naming file:line: field for an unknown key or a bad value.
Settings parse_settings(std::string_view text, std::string_view file);
std::string format_settings(const Settings& s);
// Reads the file; a missing file gives the defaults (Chinese, organisation view open).
Settings load_settings(const std::filesystem::path& file);
// Writes to a temporary file beside it and renames, so a crash never leaves half a file.
void save_settings(const Settings& s, const std::filesystem::path& file);

// $HOTLINE_CONFIG_DIR, else $XDG_CONFIG_HOME/hotline, else ~/.config/hotline.
std::filesystem::path default_config_dir();

// The state every window reads: settings plus what is loaded right now.
struct AppState {
  Settings settings;
  std::filesystem::path config_dir;  // empty: nothing is persisted (headless screenshots)
  std::string font_error;            // set when the CJK font could not be loaded
  bool quit_requested = false;

  Lang lang() const { return settings.lang; }
  bool is_open(View v) const { return settings.open[std::size_t(v)]; }
  void set_open(View v, bool open) { settings.open[std::size_t(v)] = open; }
  void set_language(Lang l) { settings.lang = l; }
  // Persists the settings if config_dir is set; returns false (and keeps running) on failure.
  bool save(std::string* why = nullptr) const;
};

}  // namespace hotline::gui
