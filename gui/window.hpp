// A window of the dashboard: a type owning its state and drawing itself, one per file
// (gui/window_<name>.cpp, after Tracy's TracyView_<Window>.cpp), that takes what it shares
// with the others from the Dashboard it lives in (the app state and options, the job
// runner, the opened results, the layout). The list of windows is HOTLINE_WINDOWS below.
// See docs/architecture.md, "The dashboard's windows".
#pragma once

#include <memory>
#include <string>

#include "gui/dashboard.hpp"

namespace hotline::gui {

class Window {
 public:
  Window(Dashboard& dash, View view, Text title) : dash_(dash), view_(view), title_(title) {}
  virtual ~Window() = default;
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;
  View view() const { return view_; }
  Text title() const { return title_; }  // in the View menu and on the window

  // Once, after every window exists and --results has started opening: the work the
  // command line asks of this window at start.
  virtual void start() {}
  // Every frame before the windows draw, shown or not: collect, reload, start deferred work.
  virtual void poll() {}
  // The window's frame: begin(), its contents, then ImGui::End() whatever begin() returned.
  virtual void draw() = 0;
  // Work of its own in flight or still to start (a headless screenshot waits for it).
  virtual bool busy() const { return false; }
  // A results database was loaded: take what this window shows (in View order).
  virtual void take_results(LoadedResults&) {}
  // Appends the characters the font must hold for this window's data (names, holidays).
  virtual void add_data_text(std::string&) const {}

 protected:
  bool begin() { return dash_.begin_view(view_, title_); }
  const char* t(Text id) const { return dash_.t(id); }
  std::string label(Text id, const char* imgui_id) const { return dash_.label(id, imgui_id); }
  Lang lang() const { return dash_.state().lang(); }
  Dashboard& dash_;

 private:
  View view_;
  Text title_;
};

// The windows in View order. X(name) is made by make_<name>_window(Dashboard&), defined in
// gui/window_<name>.cpp. A new window: that file, its View key (gui/app_state.hpp) and
// title text (gui/i18n.hpp), and one X(name) here.
#define HOTLINE_WINDOWS(X) X(staffing) X(rules) X(bulletin) X(engine) X(org) X(calendar)

#define HOTLINE_WINDOW_FACTORY(name) std::unique_ptr<Window> make_##name##_window(Dashboard& dash);
HOTLINE_WINDOWS(HOTLINE_WINDOW_FACTORY)
#undef HOTLINE_WINDOW_FACTORY

}  // namespace hotline::gui
