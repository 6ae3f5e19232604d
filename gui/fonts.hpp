// Finding and loading the dashboard's fonts: Noto Sans CJK SC (fonts-noto-cjk) for the
// Chinese UI, ImGui's built-in font as the fallback when it is missing.
#pragma once

#include <string>
#include <string_view>

namespace hotline::gui {

struct FontFile {
  std::string path;   // empty if none was found
  int face = 0;       // face index inside a .ttc collection
  std::string error;  // why none was found
};

// `override_path` (from --font, the settings file or $HOTLINE_FONT) wins if given: it must
// exist, else the result is empty with an error naming it. Otherwise the Debian
// fonts-noto-cjk locations are tried. In NotoSansCJK-Regular.ttc the Simplified Chinese
// face is number 2 (JP, KR, SC, TC, HK; see `fc-query`).
FontFile find_cjk_font(std::string_view override_path);

// Loads the font into ImGui's atlas with the glyphs of the common simplified Chinese
// characters plus every character of `extra_text` (UI strings, unit names). Returns false
// and leaves ImGui's default font (Latin only) when the file is missing or unreadable;
// `error` then says why. Call before the renderer builds the font texture.
bool load_ui_font(const FontFile& file, float pixels, std::string_view extra_text, std::string* error);

}  // namespace hotline::gui
