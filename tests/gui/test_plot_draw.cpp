// Tests of the plotting widgets' geometry: an ImGui context without a renderer draws a
// chart, and the vertices in the draw list are checked against the scale.
#include <catch2/catch.hpp>

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <functional>
#include <vector>

#include "gui/plot.hpp"

using namespace hotline::gui;

namespace {
struct Quad {
  float x0, y0, x1, y1;
};

// One frame with a 800x400 window holding whatever `body` draws; returns the window's list.
struct Frame {
  Frame() {
    ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1000, 600);
    io.DeltaTime = 1.0f / 60;
    io.IniFilename = nullptr;
    unsigned char* px;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);  // builds the default font
  }
  ~Frame() { ImGui::DestroyContext(ctx); }
  const ImDrawList* draw(const std::function<void()>& body, ImVec2 mouse = ImVec2(-1, -1)) {
    ImGui::GetIO().MousePos = mouse;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 400));
    ImGui::Begin("plot", nullptr, ImGuiWindowFlags_NoDecoration);
    body();
    ImGui::End();
    ImGui::Render();
    return ImGui::FindWindowByName("plot")->DrawList;
  }
  ImGuiContext* ctx;
};

ImU32 u32(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }

// Filled rectangles of one colour: runs of four vertices of that colour (PrimRect order).
std::vector<Quad> quads(const ImDrawList* dl, Rgba colour) {
  std::vector<Quad> out;
  const auto& v = dl->VtxBuffer;
  for (int i = 0; i + 3 < v.Size; ++i) {
    if (v[i].col != u32(colour) || v[i + 1].col != u32(colour) || v[i + 2].col != u32(colour) ||
        v[i + 3].col != u32(colour))
      continue;
    Quad q{v[i].pos.x, v[i].pos.y, v[i].pos.x, v[i].pos.y};
    for (int k = 1; k < 4; ++k) {
      q.x0 = std::min(q.x0, v[i + k].pos.x);
      q.y0 = std::min(q.y0, v[i + k].pos.y);
      q.x1 = std::max(q.x1, v[i + k].pos.x);
      q.y1 = std::max(q.y1, v[i + k].pos.y);
    }
    out.push_back(q);
    i += 3;
  }
  return out;
}
}  // namespace

TEST_CASE("bars stand on zero at their x, as tall as the y scale says", "[gui][plot]") {
  Frame frame;
  std::vector<double> x{0, 1, 2, 3}, y{1, 2, 3, 4};
  PlotSpec spec;
  spec.id = "bars";
  spec.title = "bars";
  spec.x = category_axis("unit", {"a", "b", "c", "d"});
  spec.series = {Series{"s", SeriesKind::Bars, x, y, series_colour(0)}};
  spec.height = 300;
  const ImDrawList* dl = frame.draw([&] { plot(spec); });
  std::vector<Quad> bg = quads(dl, kPlotBackground);
  REQUIRE(bg.size() == 1);
  Quad area = bg[0];
  CHECK(area.x1 - area.x0 > 600);
  std::vector<Quad> bars;
  for (const Quad& q : quads(dl, series_colour(0)))
    if (std::abs(q.y1 - area.y1) < 0.5f) bars.push_back(q);  // standing on the x axis (y = 0)
  REQUIRE(bars.size() == 4);
  float slot = (area.x1 - area.x0) / 4;  // categories span [-0.5, 3.5]
  for (int i = 0; i < 4; ++i) {
    INFO("bar " << i);
    CHECK((bars[i].x0 + bars[i].x1) / 2 == Approx(area.x0 + (i + 0.5f) * slot).margin(0.5));
    CHECK(bars[i].x1 - bars[i].x0 == Approx(0.8f * slot).margin(0.5));
    // y axis [0, 4]: bar i is (i + 1) / 4 of the plot height
    CHECK(bars[i].y1 - bars[i].y0 == Approx((area.y1 - area.y0) * (i + 1) / 4).margin(0.5));
  }
  CHECK(bars[3].y0 == Approx(area.y0).margin(0.5));
}

TEST_CASE("two bar series share each slot side by side", "[gui][plot]") {
  Frame frame;
  std::vector<double> x{0, 1}, a{1, 1}, b{2, 2};
  PlotSpec spec;
  spec.id = "pair";
  spec.x = category_axis("", {"p", "q"});
  spec.series = {Series{"a", SeriesKind::Bars, x, a, series_colour(0)},
                 Series{"b", SeriesKind::Bars, x, b, series_colour(1)}};
  const ImDrawList* dl = frame.draw([&] { plot(spec); });
  Quad area = quads(dl, kPlotBackground).at(0);
  auto standing = [&](Rgba c) {
    std::vector<Quad> out;
    for (const Quad& q : quads(dl, c))
      if (std::abs(q.y1 - area.y1) < 0.5f) out.push_back(q);
    return out;
  };
  auto qa = standing(series_colour(0)), qb = standing(series_colour(1));
  REQUIRE(qa.size() == 2);
  REQUIRE(qb.size() == 2);
  for (int i = 0; i < 2; ++i) {
    CHECK(qa[i].x1 == Approx(qb[i].x0).margin(0.5));  // adjacent, a left of b
    CHECK(qb[i].y1 - qb[i].y0 == Approx(2 * (qa[i].y1 - qa[i].y0)).margin(1));
  }
}

TEST_CASE("hovering a line chart opens a tooltip; an empty chart draws no series", "[gui][plot]") {
  Frame frame;
  std::vector<double> x{0, 1800, 3600}, y{5, 7, 6};
  PlotSpec spec;
  spec.id = "line";
  spec.x = clock_axis("t");
  spec.series = {Series{"calls", SeriesKind::Line, x, y, series_colour(2)}};
  const ImDrawList* dl = frame.draw([&] { plot(spec); });
  Quad area = quads(dl, kPlotBackground).at(0);
  ImVec2 inside((area.x0 + area.x1) / 2, (area.y0 + area.y1) / 2);
  frame.draw([&] { plot(spec); }, inside);
  frame.draw([&] { plot(spec); }, inside);
  ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
  REQUIRE(tip != nullptr);
  CHECK(tip->Active);

  PlotSpec empty = spec;
  empty.series[0].x = {};
  empty.series[0].y = {};
  empty.empty_message = "no results loaded yet";
  const ImDrawList* dl2 = frame.draw([&] { plot(empty); });
  Quad area2 = quads(dl2, kPlotBackground).at(0);
  for (const Quad& q : quads(dl2, series_colour(2)))  // only the legend swatch is left
    CHECK(q.x1 - q.x0 < 20);
  CHECK(area2.x1 - area2.x0 > 600);
}

TEST_CASE("a heatmap fills rows x columns cells with the colour map", "[gui][plot]") {
  Frame frame;
  std::vector<double> v{0, 1, 2, 3, 4, 5};  // 2 rows x 3 columns
  HeatmapSpec spec;
  spec.id = "heat";
  spec.rows = 2;
  spec.cols = 3;
  spec.values = v;
  spec.row_labels = {"d1", "d2"};
  spec.x = value_axis("col");
  spec.value_label = "wait";
  const ImDrawList* dl = frame.draw([&] { heatmap(spec); });
  Quad area = quads(dl, kPlotBackground).at(0);
  auto lo = quads(dl, colormap(0)), hi = quads(dl, colormap(1));
  std::vector<Quad> lo_cells, hi_cells;  // the colour bar also uses the map; cells are big
  for (const Quad& q : lo) if (q.x1 - q.x0 > 100) lo_cells.push_back(q);
  for (const Quad& q : hi) if (q.x1 - q.x0 > 100) hi_cells.push_back(q);
  REQUIRE(lo_cells.size() == 1);
  REQUIRE(hi_cells.size() == 1);
  CHECK(lo_cells[0].x0 == Approx(area.x0).margin(0.5));  // value 0: row 0, column 0, top left
  CHECK(lo_cells[0].y0 == Approx(area.y0).margin(0.5));
  CHECK(hi_cells[0].x1 == Approx(area.x1).margin(0.5));  // value 5: row 1, column 2, bottom right
  CHECK(hi_cells[0].y1 == Approx(area.y1).margin(0.5));
}
