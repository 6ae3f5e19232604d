// End-to-end screenshot tests: `hotline dashboard --screenshot` renders each view under
// xvfb-run (Mesa software GL) and the PNG is checked for the structure the view must show.
#include <catch2/catch.hpp>

#include "tests/support/run_command.hpp"

#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "gui/plot.hpp"
#include "rules/ruleset.hpp"

using hotline::gui::kPlotBackground;
using hotline::gui::series_colour;
using hotline::gui::Rgba;

namespace {
using hotline::test::Run;

// In a sanitizer build (HOTLINE_SANITIZE) LeakSanitizer reports 240 bytes that Mesa's
// dlopen'ed GL driver keeps at exit ("<unknown module>"), which would fail every run; leak
// checking of our own code happens in-process in the unit tests of this suite.
Run run(const std::string& args) {
  return hotline::test::run_command("LSAN_OPTIONS=detect_leaks=0 xvfb-run -a '" +
                                    std::string(HOTLINE_BIN) + "' " + args + " 2>&1");
}

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> px;
  Rgba at(int x, int y) const {
    const unsigned char* p = &px[(std::size_t(y) * w + x) * 4];
    return {p[0], p[1], p[2], p[3]};
  }
};

Image load(const std::filesystem::path& file) {
  Image img;
  int n = 0;
  unsigned char* data = stbi_load(file.c_str(), &img.w, &img.h, &n, 4);
  REQUIRE(data != nullptr);
  img.px.assign(data, data + std::size_t(img.w) * img.h * 4);
  stbi_image_free(data);
  return img;
}

// Renders one view and loads the PNG; `extra` adds options.
Image shot(const std::string& view, const std::string& extra = "", std::string* output = nullptr) {
  // unique per process and call: CTest may run the cases in parallel
  static int calls = 0;
  std::filesystem::path file = std::filesystem::path(HOTLINE_TEST_TMP) /
                               ("dashboard-" + view + "-" + std::to_string(getpid()) + "-" +
                                std::to_string(++calls) + ".png");
  std::filesystem::remove(file);
  Run r = run("dashboard --screenshot '" + file.string() + "' --view " + view + " " + extra);
  INFO(r.out);
  REQUIRE(r.status == 0);
  if (output) *output = r.out;
  Image img = load(file);
  std::filesystem::remove(file);
  return img;
}

std::size_t distinct_colours(const Image& img) {
  std::set<std::uint32_t> seen;
  for (std::size_t i = 0; i < img.px.size(); i += 4)
    seen.insert(std::uint32_t(img.px[i]) << 16 | std::uint32_t(img.px[i + 1]) << 8 | img.px[i + 2]);
  return seen.size();
}

bool same_rgb(Rgba a, Rgba b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

std::size_t count_colour(const Image& img, Rgba c) {
  std::size_t n = 0;
  for (int y = 0; y < img.h; ++y)
    for (int x = 0; x < img.w; ++x) n += same_rgb(img.at(x, y), c);
  return n;
}

// Horizontal bands of rows where colour c covers at least `coverage` of the width; gaps of
// up to 24 rows (grid lines, a line of text in the plot) do not split a band, the tick
// labels and title between two charts (three text lines) do. Returns the band heights.
std::vector<int> bands(const Image& img, Rgba c, double coverage) {
  std::vector<int> out;
  int start = -1, last = -1;
  for (int y = 0; y < img.h; ++y) {
    int n = 0;
    for (int x = 0; x < img.w; ++x) n += same_rgb(img.at(x, y), c);
    if (n < coverage * img.w) continue;
    if (start >= 0 && y - last > 24) {
      out.push_back(last - start + 1);
      start = -1;
    }
    if (start < 0) start = y;
    last = y;
  }
  if (start >= 0) out.push_back(last - start + 1);
  return out;
}

// Lines of bright text in columns [x0, x1): runs of rows holding bright pixels.
int text_lines(const Image& img, int x0, int x1) {
  int lines = 0;
  bool in_line = false;
  for (int y = 0; y < img.h; ++y) {
    int bright = 0;
    for (int x = x0; x < x1; ++x) {
      Rgba p = img.at(x, y);
      bright += p.r > 200 && p.g > 200 && p.b > 200;
    }
    if (bright >= 2 && !in_line) ++lines;
    in_line = bright >= 2;
  }
  return lines;
}

// A blank or uniform image has a handful of colours; a drawn view has anti-aliased text
// and lines (the fallback font is not anti-aliased, hence the lower bound there).
void check_not_blank(const Image& img, std::size_t min_colours = 50) {
  CHECK(img.w == 1600);
  CHECK(img.h == 1000);
  CHECK(distinct_colours(img) > min_colours);
}
}  // namespace

TEST_CASE("the staffing view draws its three chart areas", "[gui][screenshot]") {
  Image img = shot("staffing");
  check_not_blank(img);
  std::vector<int> b = bands(img, kPlotBackground, 0.6);
  REQUIRE(b.size() == 3);
  for (int h : b) CHECK(h > 150);
}

TEST_CASE("the rule lab view draws its KPI table and per-unit chart", "[gui][screenshot]") {
  Image img = shot("rules");
  check_not_blank(img);
  std::vector<int> b = bands(img, kPlotBackground, 0.35);
  REQUIRE(b.size() == 1);
  CHECK(b[0] > 200);
  CHECK(text_lines(img, 0, img.w * 4 / 10) >= 4);  // header row, section titles
  // the rule diff of the default sets (shangluo-2024 -> xian-2023): changed, added and
  // removed rows in their colours
  CHECK(count_colour(img, Rgba{110, 85, 20, 255}) > 2000);
  CHECK(count_colour(img, Rgba{30, 90, 40, 255}) > 2000);
  CHECK(count_colour(img, Rgba{110, 35, 35, 255}) > 2000);
}

TEST_CASE("the bulletin view draws its table header across the window", "[gui][screenshot]") {
  Image img = shot("bulletin");
  check_not_blank(img);
  std::vector<int> header = bands(img, Rgba{48, 48, 51, 255}, 0.8);  // ImGui dark TableHeaderBg
  REQUIRE(header.size() >= 1);
  CHECK(header[0] >= 15);
}

TEST_CASE("the live engine view draws the ticket form", "[gui][screenshot]") {
  Image img = shot("engine");
  check_not_blank(img);
  CHECK(text_lines(img, 0, img.w * 4 / 10) >= 8);  // rule-set rows, form title, fields
}

TEST_CASE("the organisation view draws the unit tree and the selected unit's detail", "[gui][screenshot]") {
  Image img = shot("org", "--select shangzhou");
  check_not_blank(img);
  // one bright text line per visible tree row (root + 45 units under it, clipped to the window)
  CHECK(text_lines(img, 0, img.w * 3 / 10) >= 35);
  CHECK(text_lines(img, img.w * 6 / 10, img.w) >= 10);  // the detail table
}

TEST_CASE("the organisation view without a selection shows no detail rows", "[gui][screenshot]") {
  Image img = shot("org");
  CHECK(text_lines(img, img.w * 6 / 10, img.w) <= 3);
}

TEST_CASE("the calendar view colours January 2025's holidays and make-up day", "[gui][screenshot]") {
  Image img = shot("calendar");
  check_not_blank(img);
  std::size_t holiday = count_colour(img, Rgba{150, 52, 52, 255});
  std::size_t makeup = count_colour(img, Rgba{160, 110, 30, 255});
  std::size_t workday = count_colour(img, Rgba{52, 72, 98, 255});
  CHECK(makeup > 100 * 60);            // one cell: the 26th
  CHECK(holiday > 4 * makeup);         // five cells: 1st, 28th to 31st
  CHECK(workday > 3 * holiday);        // nineteen working days minus the make-up one
}

TEST_CASE("the dashboard renders in English too", "[gui][screenshot]") {
  Image img = shot("org", "--lang en --select shangzhou");
  check_not_blank(img);
  CHECK(text_lines(img, 0, img.w * 3 / 10) >= 35);
}

TEST_CASE("a missing font is reported and the dashboard falls back without crashing", "[gui][screenshot]") {
  std::string out;
  Image img = shot("org", "--font /nonexistent/NotoSansCJK-Regular.ttc", &out);
  CHECK_THAT(out, Catch::Contains("Chinese font not found: /nonexistent/NotoSansCJK-Regular.ttc"));
  CHECK_THAT(out, Catch::Contains("falls back to English"));
  check_not_blank(img, 20);
  CHECK(text_lines(img, 0, img.w * 3 / 10) >= 35);
}

TEST_CASE("a results file that cannot be opened is reported in the status bar", "[gui][screenshot]") {
  // the status bar's error text is (255, 102, 102); anti-aliased, so count reddish pixels
  auto reddish = [](const Image& img) {
    std::size_t n = 0;
    for (int y = 0; y < img.h; ++y)
      for (int x = 0; x < img.w; ++x) {
        Rgba p = img.at(x, y);
        n += p.r > 120 && p.r > 2 * p.g && std::abs(int(p.g) - int(p.b)) < 12;
      }
    return n;
  };
  Image fine = shot("bulletin");
  CHECK(reddish(fine) == 0);
  Image bad = shot("bulletin", "--results '" + std::string(HOTLINE_TEST_TMP) + "/no-such-results.sqlite'");
  CHECK(reddish(bad) > 100);
}

TEST_CASE("the interactive loop runs and saves the settings and window layout", "[gui][screenshot]") {
  std::filesystem::path dir = std::filesystem::path(HOTLINE_TEST_TMP) / ("dashboard-config-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  Run r = run("dashboard --frames 5 --lang en --config-dir '" + dir.string() + "' --results '" +
              std::string(HOTLINE_TEST_TMP) + "/gui-none.sqlite'");
  INFO(r.out);
  REQUIRE(r.status == 0);
  std::ifstream in(dir / "dashboard.conf");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK_THAT(text, Catch::Contains("lang=en\n"));
  CHECK_THAT(text, Catch::Contains("open=org\n"));
  CHECK_THAT(text, Catch::Contains("recent=" + std::string(HOTLINE_TEST_TMP) + "/gui-none.sqlite\n"));
  CHECK(std::filesystem::exists(dir / "imgui.ini"));
  // a second run keeps the saved language without --lang
  r = run("dashboard --frames 2 --config-dir '" + dir.string() + "'");
  REQUIRE(r.status == 0);
  std::ifstream again(dir / "dashboard.conf");
  std::string text2((std::istreambuf_iterator<char>(again)), std::istreambuf_iterator<char>());
  CHECK_THAT(text2, Catch::Contains("lang=en\n"));
}

TEST_CASE("a file that is not a font is reported like a missing one", "[gui][screenshot]") {
  std::filesystem::path fake = std::filesystem::path(HOTLINE_TEST_TMP) / ("not-a-font-" + std::to_string(getpid()) + ".ttc");
  std::ofstream(fake) << "this is text, not TrueType\n";
  std::string out;
  Image img = shot("calendar", "--font '" + fake.string() + "'", &out);
  CHECK_THAT(out, Catch::Contains("not a font file"));
  check_not_blank(img, 20);
}

TEST_CASE("the screenshot takes the requested size", "[gui][screenshot]") {
  Image img = shot("staffing", "--size 1024x700 --frames 2");
  CHECK(img.w == 1024);
  CHECK(img.h == 700);
  CHECK(bands(img, kPlotBackground, 0.6).size() == 3);
}

TEST_CASE("bad dashboard options fail with a reason", "[gui][screenshot]") {
  std::string png = std::string(HOTLINE_TEST_TMP) + "/dashboard-bad-" + std::to_string(getpid()) + ".png";
  Run r = run("dashboard --screenshot " + png + " --view charts");
  CHECK(r.status != 0);
  CHECK_THAT(r.out, Catch::Contains("charts"));
  r = run("dashboard --screenshot " + png + " --view org --select no-such-unit");
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("no unit 'no-such-unit'"));
  r = run("dashboard --screenshot " + png + " --size 10x10");
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("--size"));
}

namespace {
// A results database with a simulate run and a staffing plan, written by the CLI.
std::string results_db() {
  static const std::string db = [] {
    std::string f = std::string(HOTLINE_TEST_TMP) + "/dashboard-results-" + std::to_string(getpid()) + ".sqlite";
    std::filesystem::remove(f);
    for (std::string verb : {"simulate shangluo-2025-01 -r 2", "staff shangluo-2025-01 --target-sl 0.8@15s --target-answer-rate 0.9 -r 2"}) {
      const std::string cmd = "'" + std::string(HOTLINE_BIN) + "' " + verb + " --out '" + f + "' > /dev/null 2>&1";
      REQUIRE(std::system(cmd.c_str()) == 0);
    }
    return f;
  }();
  return db;
}
std::size_t greenish(const Image& img, int x0) {
  std::size_t n = 0;
  for (int y = 0; y < img.h; ++y)
    for (int x = x0; x < img.w; ++x) {
      Rgba p = img.at(x, y);
      n += p.g > 100 && p.g > p.r + 50 && p.g > p.b + 50;  // anti-aliased green text
    }
  return n;
}
std::size_t reddish_text(const Image& img) {
  std::size_t n = 0;
  for (int y = 0; y < img.h; ++y)
    for (int x = 0; x < img.w; ++x) {
      Rgba p = img.at(x, y);
      n += p.r > 120 && p.r > 2 * p.g && std::abs(int(p.g) - int(p.b)) < 12;
    }
  return n;
}
}  // namespace

TEST_CASE("the staffing view with results draws the bars, steps, rates, heatmap and plan table", "[gui][screenshot][staffing]") {
  Image empty = shot("staffing");
  CHECK(count_colour(empty, series_colour(0)) < 1000);  // the legend's swatch only
  std::string out;
  Image img = shot("staffing", "--results '" + results_db() + "' shangluo-2025-01", &out);
  INFO(out);
  check_not_blank(img);
  CHECK(count_colour(img, series_colour(0)) > 20000);  // the offered-calls bars
  CHECK(count_colour(img, series_colour(4)) > 300);    // the planned agents' steps
  CHECK(count_colour(img, series_colour(3)) > 300);    // the service-level line
  // the heatmap covers its plot area: the lower third holds many colours of the map
  std::set<std::uint32_t> lower;
  for (int y = img.h * 2 / 3; y < img.h - 60; ++y)
    for (int x = img.w / 10; x < img.w * 9 / 10; ++x) {
      Rgba p = img.at(x, y);
      lower.insert(std::uint32_t(p.r) << 16 | std::uint32_t(p.g) << 8 | p.b);
    }
  CHECK(lower.size() > 40);
  // the plan table's header row (weekday, weekend and holiday rows below it)
  CHECK(bands(img, Rgba{48, 48, 51, 255}, 0.1).size() >= 1);
}

TEST_CASE("the live engine view shows the decision, the trace and the passing rule tests", "[gui][screenshot][engine]") {
  std::string out;
  Image img = shot("engine", "", &out);
  CHECK_THAT(out, Catch::Contains("loaded, revision"));
  check_not_blank(img);
  CHECK(text_lines(img, 0, img.w * 3 / 10) >= 8);              // rule-set rows, form title, fields
  CHECK(text_lines(img, img.w * 4 / 10, img.w) >= 25);         // decision, deadlines, trace, tests
  CHECK(greenish(img, img.w * 4 / 10) > 100);                  // "PASS" and the green summary
  CHECK(reddish_text(img) == 0);
}

TEST_CASE("the live engine view names file:line of a broken rule file in red", "[gui][screenshot][engine]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(HOTLINE_TEST_TMP) / ("dashboard-broken-rules-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::copy(hotline::rules::find_ruleset("shangluo-2024"), dir, fs::copy_options::recursive);
  std::ofstream(dir / "intake.lua", std::ios::app) << "\nthis is not lua\n";
  std::string out;
  Image img = shot("engine", "--rules '" + dir.string() + "'", &out);
  CHECK_THAT(out, Catch::Contains("not loaded") && Catch::Contains("intake.lua:"));
  CHECK(reddish_text(img) > 300);
  CHECK(greenish(img, img.w * 4 / 10) == 0);  // no set loaded: no passing tests shown
  fs::remove_all(dir);
}

namespace {
// Both sides of `hotline compare --out` as runs: the bulletin's run (revised) and comparison.
std::string compare_db() {
  static const std::string db = [] {
    std::string f = std::string(HOTLINE_TEST_TMP) + "/dashboard-compare-" + std::to_string(getpid()) + ".sqlite";
    std::filesystem::remove(f);
    const std::string cmd = "'" + std::string(HOTLINE_BIN) +
                            "' compare shangluo-2025-01 --baseline shangluo-2024 --revised xian-2023 -r 2 --out '" + f +
                            "' > /dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    return f;
  }();
  return db;
}
}  // namespace

TEST_CASE("the bulletin view shows both groups' rows with coloured rank changes", "[gui][screenshot][bulletin]") {
  Image img = shot("bulletin", "--results '" + compare_db() + "'");
  check_not_blank(img);
  CHECK(bands(img, Rgba{40, 60, 90, 255}, 0.8).size() == 2);  // the two group title rows
  CHECK(text_lines(img, 0, img.w / 2) >= 35);                   // table rows down the window
  CHECK(greenish(img, img.w * 3 / 4) > 50);                     // units that moved up
  CHECK(reddish_text(img) > 50);                                // units that moved down
}

TEST_CASE("the organisation view colours the units by workload from the results", "[gui][screenshot][org]") {
  std::set<std::uint32_t> map;
  for (int k = 0; k <= 2000; ++k) {
    Rgba c = hotline::gui::colormap(k / 2000.0);
    map.insert(std::uint32_t(c.r) << 16 | std::uint32_t(c.g) << 8 | c.b);
  }
  auto coloured = [&](const Image& img, std::set<std::uint32_t>* seen) {
    std::size_t n = 0;
    for (int y = img.h / 10; y < img.h; ++y)
      for (int x = 0; x < img.w * 55 / 100; ++x) {
        Rgba p = img.at(x, y);
        std::uint32_t k = std::uint32_t(p.r) << 16 | std::uint32_t(p.g) << 8 | p.b;
        if (map.count(k)) ++n, seen->insert(k);
      }
    return n;
  };
  std::set<std::uint32_t> none, some;
  Image plain = shot("org", "--select shangzhou");
  CHECK(coloured(plain, &none) < 500);
  Image img = shot("org", "--select shangzhou --results '" + compare_db() + "'");
  check_not_blank(img);
  CHECK(coloured(img, &some) > 5000);  // a coloured cell per unit with tickets
  CHECK(some.size() >= 8);             // different workloads, different colours
  CHECK(text_lines(img, img.w * 6 / 10, img.w) >= 18);  // the detail with the unit's counts and rates
}

TEST_CASE("the staffing view with a scenario shows the agents-per-interval editor", "[gui][screenshot][staffing]") {
  Image img = shot("staffing", "shangluo-2025-01");
  check_not_blank(img);
  CHECK(text_lines(img, img.w * 80 / 100, img.w) >= 25);  // one row per half hour, clipped to the window
  CHECK(bands(img, kPlotBackground, 0.5).size() == 3);    // the charts beside it
}

TEST_CASE("the rule lab compares two rule sets: KPI rows, per-unit bars, differing tickets and traces",
          "[gui][screenshot][rules]") {
  std::string out;
  Image img = shot("rules", "--baseline shangluo-2024 --revised xian-2023 -r 2 shangluo-2025-01", &out);
  INFO(out);
  check_not_blank(img);
  CHECK(count_colour(img, series_colour(0)) > 5000);  // baseline bars
  CHECK(count_colour(img, series_colour(1)) > 5000);  // revised bars
  CHECK(text_lines(img, 0, img.w * 45 / 100) >= 20);   // KPI rows, differing tickets, traces
  Image none = shot("rules");
  CHECK(count_colour(none, series_colour(0)) < 1000);  // the legend swatch only
}

TEST_CASE("the live engine's replay shows its decision counts", "[gui][screenshot][engine][replay]") {
  Image plain = shot("engine", "shangluo-2025-01");
  Image img = shot("engine", "--replay shangluo-2025-01");
  check_not_blank(img);
  // the replay table (header and counts) below the form
  CHECK(text_lines(img, 0, img.w * 35 / 100) >= text_lines(plain, 0, img.w * 35 / 100) + 2);
  CHECK(reddish_text(img) == 0);  // no rule errors on the shipped set
}
