// Finding Noto Sans CJK and loading it with the glyph ranges the UI needs.
#include "gui/fonts.hpp"

#include <imgui.h>
#include <stb_truetype.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace hotline::gui {

FontFile find_cjk_font(std::string_view override_path) {
  FontFile f;
  auto face_for = [](const std::filesystem::path& p) {
    return p.filename() == "NotoSansCJK-Regular.ttc" || p.filename() == "NotoSansCJK-Bold.ttc" ? 2 : 0;
  };
  if (!override_path.empty()) {
    std::filesystem::path p(override_path);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) {
      f.error = std::string(override_path);
      return f;
    }
    f.path = p.string();
    f.face = face_for(p);
    return f;
  }
  static constexpr std::array<const char*, 3> candidates{
      "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
      "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
      "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"};
  for (const char* c : candidates) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(c, ec)) {
      f.path = c;
      f.face = face_for(c);
      return f;
    }
  }
  f.error = "NotoSansCJK-Regular.ttc (apt-get install fonts-noto-cjk)";
  return f;
}

namespace {
// ImGui asserts (aborts) on a file that is not a font, so check with stb_truetype first.
bool is_font(const std::string& path, int face) {
  std::ifstream in(path, std::ios::binary);
  std::vector<unsigned char> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (data.size() < 12) return false;
  int offset = stbtt_GetFontOffsetForIndex(data.data(), face);
  stbtt_fontinfo info;
  return offset >= 0 && stbtt_InitFont(&info, data.data(), offset) != 0;
}
}  // namespace

bool load_ui_font(const FontFile& file, float pixels, std::string_view extra_text, std::string* error) {
  ImGuiIO& io = ImGui::GetIO();
  if (file.path.empty()) {
    if (error) *error = file.error;
    io.Fonts->AddFontDefault();
    return false;
  }
  if (!is_font(file.path, file.face)) {
    if (error) *error = file.path + " (not a font file, or no face " + std::to_string(file.face) + ")";
    io.Fonts->AddFontDefault();
    return false;
  }
  // The ranges must outlive the atlas build, hence static.
  static ImVector<ImWchar> ranges;
  ranges.clear();
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
  std::string text(extra_text);
  builder.AddText(text.c_str());
  builder.AddText("…—–×·°≤≥±→←↑↓▲▼");
  builder.BuildRanges(&ranges);
  ImFontConfig cfg;
  cfg.FontNo = file.face;
  cfg.OversampleH = 1;  // CJK glyphs are dense; 1x keeps the atlas small and loads fast
  cfg.OversampleV = 1;
  io.Fonts->TexDesiredWidth = 4096;
  ImFont* font = io.Fonts->AddFontFromFileTTF(file.path.c_str(), pixels, &cfg, ranges.Data);
  if (!font) {
    if (error) *error = file.path + " (unreadable)";
    io.Fonts->Clear();
    io.Fonts->AddFontDefault();
    return false;
  }
  return true;
}

}  // namespace hotline::gui
