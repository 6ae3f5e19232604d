// Tests of finding the CJK font: an override wins or is reported missing by name.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "gui/fonts.hpp"

using namespace hotline::gui;

TEST_CASE("a font override that does not exist is reported by its path", "[gui][fonts]") {
  FontFile f = find_cjk_font("/nonexistent/NotoSansCJK-Regular.ttc");
  CHECK(f.path.empty());
  CHECK(f.error == "/nonexistent/NotoSansCJK-Regular.ttc");
}

TEST_CASE("a font override that exists is used, with the SC face of the Noto collection", "[gui][fonts]") {
  std::filesystem::path dir = std::filesystem::path(HOTLINE_TEST_TMP) / "fonts";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "NotoSansCJK-Regular.ttc") << "x";
  std::ofstream(dir / "Other.ttf") << "x";
  FontFile noto = find_cjk_font((dir / "NotoSansCJK-Regular.ttc").string());
  CHECK(noto.path == (dir / "NotoSansCJK-Regular.ttc").string());
  CHECK(noto.face == 2);
  CHECK(noto.error.empty());
  CHECK(find_cjk_font((dir / "Other.ttf").string()).face == 0);
}

TEST_CASE("without an override the search finds fonts-noto-cjk or says what to install", "[gui][fonts]") {
  FontFile f = find_cjk_font("");
  if (std::filesystem::exists("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")) {
    CHECK(f.path == "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    CHECK(f.face == 2);
  } else {
    CHECK(f.path.empty());
    CHECK_THAT(f.error, Catch::Contains("fonts-noto-cjk"));
  }
}
