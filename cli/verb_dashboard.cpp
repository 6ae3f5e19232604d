// `hotline dashboard`: the Dear ImGui dashboard, interactive or as a headless screenshot.
#include <string>

#include "cli/verb.hpp"
#include "core/error.hpp"
#include "core/file_safety.hpp"
#ifdef HOTLINE_WITH_GUI
#include "gui/main_loop.hpp"
#endif

namespace {
struct Args {
  std::string scenario, results, rules, screenshot, select, view = "org", size = "1600x1000", font, lang, config_dir;
  std::string baseline, revised;
  int frames = 0, replications = 0;
  bool replay = false;
};

#ifdef HOTLINE_WITH_GUI
hotline::gui::RunOptions to_options(const Args& a) {
  hotline::gui::RunOptions o;
  o.scenario = a.scenario;
  o.results = a.results;
  o.screenshot = a.screenshot;
  o.font = a.font;
  o.select_unit = a.select;
  o.rules = a.rules;
  o.baseline = a.baseline;
  o.revised = a.revised;
  o.compare_replications = a.replications;
  o.replay = a.replay;
  if (a.replay && a.scenario.empty())
    throw hotline::InputError("--replay", 0, "", "the replay needs a SCENARIO with tickets (e.g. shangluo-2025-01)");
  if (a.baseline.empty() != a.revised.empty())
    throw hotline::InputError(a.baseline.empty() ? "--baseline" : "--revised", 0, "", "the rule lab needs both --baseline and --revised");
  if (!a.baseline.empty() && a.scenario.empty())
    throw hotline::InputError("--baseline", 0, "", "comparing rule sets needs a SCENARIO with tickets (e.g. shangluo-2025-01)");
  o.config_dir = a.config_dir;
  o.frames = a.frames;
  auto v = hotline::gui::view_from_key(a.view);
  if (!v) throw hotline::InputError("--view", 0, "", "unknown view '" + a.view + "'");
  o.view = *v;
  if (!a.lang.empty()) o.lang = a.lang == "en" ? hotline::Lang::En : hotline::Lang::Zh;
  int w = 0, h = 0;
  char tail = 0;
  if (std::sscanf(a.size.c_str(), "%dx%d%c", &w, &h, &tail) != 2 || w < 320 || h < 240 || w > 8192 || h > 8192)
    throw hotline::InputError("--size", 0, "", "expected WIDTHxHEIGHT between 320x240 and 8192x8192, got '" + a.size + "'");
  o.width = w;
  o.height = h;
  return o;
}
#endif

void setup(CLI::App& app) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("dashboard",
                                 "Open the dashboard (Dear ImGui): staffing, rule lab, bulletin, live engine, "
                                 "organisation and calendar views; or render one view headless to a PNG");
  cmd->add_option("scenario", args->scenario, "Scenario to open (folder or scenario.lua)");
  cmd->add_option("--results", args->results, "Results database written by `hotline simulate --out`");
  cmd->add_option("--rules", args->rules,
                  "Live engine: rule set folder or shipped name (default: the scenario's, else shangluo-2024); "
                  "reloaded when a file changes");
  cmd->add_option("--screenshot", args->screenshot, "Render headless and write this PNG, then exit");
  cmd->add_option("--view", args->view, "View for --screenshot: staffing|rules|bulletin|engine|org|calendar")
      ->check(CLI::IsMember({"staffing", "rules", "bulletin", "engine", "org", "calendar"}));
  cmd->add_option("--baseline", args->baseline,
                  "Rule lab: baseline rule set (folder or shipped name); with --revised, compares them on SCENARIO at start");
  cmd->add_option("--revised", args->revised, "Rule lab: revised rule set (folder or shipped name)");
  cmd->add_option("--replications,-r", args->replications, "Rule lab: replications of the comparison (default 5)")
      ->check(CLI::Range(2, 1000));
  cmd->add_flag("--replay", args->replay,
               "Live engine: feed SCENARIO's tickets through the rule set from the start (with --screenshot: one pass)");
  cmd->add_option("--select", args->select, "Organisation view: select this unit (id or name) and show its detail");
  cmd->add_option("--frames", args->frames, "Frames to render before the screenshot (default 3); without --screenshot, quit after N frames")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--size", args->size, "Screenshot size WIDTHxHEIGHT (default 1600x1000)");
  cmd->add_option("--font", args->font,
                  "CJK font file (default: Noto Sans CJK from fonts-noto-cjk; $HOTLINE_FONT also works)");
  cmd->add_option("--lang", args->lang, "UI language: zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  cmd->add_option("--config-dir", args->config_dir,
                  "Where settings and window layout are kept (default $XDG_CONFIG_HOME/hotline)");
  cmd->callback([args] {
    // The screenshot never replaces an input (the results database, the scenario).
    hotline::refuse_overwriting_inputs({{"--screenshot", args->screenshot}},
                                       {{"--results", args->results}, {"SCENARIO", args->scenario}});
#ifdef HOTLINE_WITH_GUI
    hotline::gui::run_dashboard(to_options(*args));
#else
    throw std::runtime_error(
        "this hotline was built without the dashboard; install libimgui-dev libglfw3-dev libgl-dev "
        "and rebuild");
#endif
  });
}
HOTLINE_VERB("dashboard", setup);
}  // namespace
