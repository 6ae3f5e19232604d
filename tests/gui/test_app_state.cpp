// Tests of the dashboard's view-model state: settings file, recent files, views, strings.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "gui/app_state.hpp"
#include "gui/i18n.hpp"

using namespace hotline;
using namespace hotline::gui;

TEST_CASE("settings round-trip through their file format", "[gui][settings]") {
  Settings s;
  s.lang = Lang::En;
  s.font = "/usr/share/fonts/x.ttc";
  s.scenario = "scenarios/shangluo";
  s.results = "out/results.sqlite";
  s.remember("a.sqlite");
  s.remember("b.sqlite");
  s.open[std::size_t(View::Staffing)] = true;
  s.open[std::size_t(View::Calendar)] = true;
  s.lab_baseline = "shangluo-2024";
  s.lab_revised = "/tmp/my rules/xian-revised";
  s.lab_replications = 12;
  Settings back = parse_settings(format_settings(s), "dashboard.conf");
  CHECK(back.lang == Lang::En);
  CHECK(back.font == s.font);
  CHECK(back.scenario == s.scenario);
  CHECK(back.results == s.results);
  CHECK(back.recent == std::vector<std::string>{"b.sqlite", "a.sqlite"});
  CHECK(back.open == s.open);
  CHECK(back.lab_baseline == s.lab_baseline);
  CHECK(back.lab_revised == s.lab_revised);
  CHECK(back.lab_replications == 12);
}

TEST_CASE("empty settings mean Chinese with the organisation view open", "[gui][settings]") {
  Settings s = parse_settings("# nothing\n\n", "x");
  CHECK(s.lang == Lang::Zh);
  for (std::size_t i = 0; i < std::size_t(View::Count); ++i) CHECK(s.open[i] == (View(i) == View::Org));
}

TEST_CASE("bad settings lines name file, line and field", "[gui][settings]") {
  CHECK_THROWS_WITH(parse_settings("lang=zh\nlang=fr\n", "dash.conf"),
                    Catch::Contains("dash.conf:2: lang: expected zh or en, got 'fr'"));
  CHECK_THROWS_WITH(parse_settings("# c\ncolour=red\n", "dash.conf"),
                    Catch::Contains("dash.conf:2: colour: unknown setting"));
  CHECK_THROWS_WITH(parse_settings("open=charts\n", "dash.conf"),
                    Catch::Contains("dash.conf:1: open: unknown view 'charts'"));
  CHECK_THROWS_AS(parse_settings("no equals sign\n", "dash.conf"), InputError);
  CHECK_THROWS_WITH(parse_settings("lab_replications=1\n", "dash.conf"),
                    Catch::Contains("dash.conf:1: lab_replications: expected a whole number from 2 to 1000, got '1'"));
  CHECK_THROWS_WITH(parse_settings("lang=en\nlab_replications=5x\n", "dash.conf"),
                    Catch::Contains("dash.conf:2: lab_replications:"));
}

TEST_CASE("recent files keep the newest first, unique, at most eight", "[gui][settings]") {
  Settings s;
  for (int i = 0; i < 12; ++i) s.remember("f" + std::to_string(i));
  REQUIRE(s.recent.size() == Settings::kMaxRecent);
  CHECK(s.recent.front() == "f11");
  CHECK(s.recent.back() == "f4");
  s.remember("f7");
  CHECK(s.recent.front() == "f7");
  CHECK(s.recent.size() == Settings::kMaxRecent);
  CHECK(std::count(s.recent.begin(), s.recent.end(), "f7") == 1);
  s.remember("");
  CHECK(s.recent.front() == "f7");
}

TEST_CASE("settings are saved whole and read back; a missing file gives defaults", "[gui][settings]") {
  std::filesystem::path dir = std::filesystem::path(HOTLINE_TEST_TMP) / "gui-settings";
  std::filesystem::remove_all(dir);
  CHECK(load_settings(dir / "dashboard.conf").lang == Lang::Zh);
  AppState st;
  st.config_dir = dir;
  st.set_language(Lang::En);
  st.set_open(View::Rules, true);
  st.settings.remember("r.sqlite");
  REQUIRE(st.save());
  CHECK_FALSE(std::filesystem::exists(dir / "dashboard.conf.tmp"));
  Settings back = load_settings(dir / "dashboard.conf");
  CHECK(back.lang == Lang::En);
  CHECK(back.open[std::size_t(View::Rules)]);
  CHECK(back.recent == std::vector<std::string>{"r.sqlite"});
  // switching the language back persists too
  st.set_language(Lang::Zh);
  REQUIRE(st.save());
  CHECK(load_settings(dir / "dashboard.conf").lang == Lang::Zh);
}

TEST_CASE("saving into an unwritable place fails softly with a reason", "[gui][settings]") {
  std::filesystem::path file = std::filesystem::path(HOTLINE_TEST_TMP) / "gui-not-a-dir";
  std::ofstream(file) << "x";
  AppState st;
  st.config_dir = file / "sub";  // a folder below a regular file cannot exist
  std::string why;
  CHECK_FALSE(st.save(&why));
  CHECK_FALSE(why.empty());
}

TEST_CASE("view keys parse and print", "[gui][settings]") {
  for (std::size_t i = 0; i < std::size_t(View::Count); ++i) CHECK(view_from_key(view_key(View(i))) == View(i));
  CHECK_FALSE(view_from_key("Staffing").has_value());
  CHECK_FALSE(view_from_key("").has_value());
}

TEST_CASE("every UI string exists in Chinese and in plain-ASCII English", "[gui][i18n]") {
  // English must be ASCII: it is what shows with the fallback font, which has no CJK.
  for (std::size_t i = 0; i < std::size_t(Text::Count); ++i) {
    INFO("string #" << i << " zh '" << tr(Text(i), Lang::Zh) << "' en '" << tr(Text(i), Lang::En) << "'");
    std::string_view zh = tr(Text(i), Lang::Zh), en = tr(Text(i), Lang::En);
    CHECK_FALSE(zh.empty());
    CHECK_FALSE(en.empty());
    CHECK(std::any_of(zh.begin(), zh.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
    CHECK(std::all_of(en.begin(), en.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
  }
  CHECK(all_chinese_text().find("排班") != std::string_view::npos);
}
