// The dashboard's GLFW + OpenGL 3 main loop, after Dear ImGui's example_glfw_opengl3/main.cpp;
// everything drawn is in Dashboard. Headless mode renders into a framebuffer object and
// reads it back with glReadPixels.
#define GL_GLEXT_PROTOTYPES 1
#include "gui/main_loop.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/file_safety.hpp"
#include "gui/dashboard.hpp"
#include "gui/fonts.hpp"
#include "gui/i18n.hpp"

namespace hotline::gui {
namespace {

void glfw_error(int code, const char* text) { std::fprintf(stderr, "hotline: GLFW error %d: %s\n", code, text); }

// An offscreen colour target for headless screenshots.
struct Offscreen {
  GLuint fbo = 0, colour = 0;
  Offscreen(int w, int h) {
    glGenFramebuffers(1, &fbo);
    glGenRenderbuffers(1, &colour);
    glBindRenderbuffer(GL_RENDERBUFFER, colour);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
      throw std::runtime_error("dashboard: offscreen framebuffer is incomplete");
  }
  ~Offscreen() {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glDeleteRenderbuffers(1, &colour);
    glDeleteFramebuffers(1, &fbo);
  }
};

struct GlfwSession {
  GLFWwindow* window = nullptr;
  GlfwSession(int w, int h, bool visible) {
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) throw std::runtime_error("dashboard: cannot start GLFW (is DISPLAY set? try xvfb-run)");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
    window = glfwCreateWindow(w, h, "hotline dashboard", nullptr, nullptr);
    if (!window) {
      glfwTerminate();
      throw std::runtime_error("dashboard: cannot open an OpenGL 3.0 window");
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
  }
  ~GlfwSession() {
    glfwDestroyWindow(window);
    glfwTerminate();
  }
};

}  // namespace

// Reads the bound framebuffer and writes it as a PNG (GL rows go bottom-up, PNG top-down).
void capture_png(const std::filesystem::path& file, int w, int h) {
  std::vector<unsigned char> px(std::size_t(w) * h * 4), flipped(px.size());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  for (int y = 0; y < h; ++y)
    std::copy_n(&px[std::size_t(h - 1 - y) * w * 4], std::size_t(w) * 4, &flipped[std::size_t(y) * w * 4]);
  write_png(file, w, h, flipped.data());
}

// Opens the config folder for settings and imgui.ini; on failure the session is not persisted.
std::filesystem::path prepare_config_dir(std::filesystem::path dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "hotline: cannot create %s (%s); settings will not be saved\n", dir.c_str(),
                 ec.message().c_str());
    return {};
  }
  return dir;
}

// Encoded in memory, then written atomically: a failed or interrupted screenshot leaves the
// previous file as it was (core/file_safety.hpp).
void write_png(const std::filesystem::path& file, int width, int height, const unsigned char* rgba) {
  std::string png;
  auto append = [](void* to, void* data, int size) { static_cast<std::string*>(to)->append(static_cast<const char*>(data), std::size_t(size)); };
  if (!stbi_write_png_to_func(append, &png, width, height, 4, rgba, width * 4))
    throw std::runtime_error("cannot encode " + file.string());
  write_file_atomically(file, png);
}

void run_dashboard(const RunOptions& o) {
  const bool headless = !o.screenshot.empty();
  AppState state;
  // Headless runs neither read nor write settings: a screenshot must not depend on them.
  if (!headless) state.config_dir = prepare_config_dir(o.config_dir.empty() ? default_config_dir() : o.config_dir);
  if (!state.config_dir.empty()) state.settings = load_settings(state.config_dir / "dashboard.conf");
  else state.settings = parse_settings("", "(defaults)");
  if (o.lang) state.settings.lang = *o.lang;
  if (!o.font.empty()) state.settings.font = o.font;
  if (headless) state.set_open(o.view, true);

  GlfwSession glfw(o.width, o.height, !headless);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  std::string ini = (state.config_dir / "imgui.ini").string();
  io.IniFilename = state.config_dir.empty() ? nullptr : ini.c_str();
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(glfw.window, !headless);
  ImGui_ImplOpenGL3_Init("#version 130");

  DashboardOptions dopt;
  dopt.scenario = o.scenario;
  dopt.results = o.results;
  dopt.only_view = headless ? std::optional<View>(o.view) : std::nullopt;
  dopt.select_unit = o.select_unit;
  dopt.rules = o.rules;
  dopt.baseline = o.baseline;
  dopt.revised = o.revised;
  dopt.compare_replications = o.compare_replications;
  dopt.replay = o.replay;
  Dashboard dash(state, dopt);
  const char* env_font = std::getenv("HOTLINE_FONT");
  std::string font_override = !state.settings.font.empty() ? state.settings.font : env_font ? env_font : "";
  std::string why;
  if (!load_ui_font(find_cjk_font(font_override), 18, std::string(all_chinese_text()) + dash.data_text(), &why)) {
    // Without the CJK font Chinese text would be boxes: say so, and fall back to English.
    state.font_error = why;
    state.settings.lang = Lang::En;
    std::fprintf(stderr, "hotline: %s%s; the dashboard falls back to English\n",
                 tr(Text::FontMissing, Lang::En).data(), why.c_str());
  }

  std::optional<Offscreen> offscreen;
  if (headless) offscreen.emplace(o.width, o.height);
  const int frames = o.frames > 0 ? o.frames : headless ? 3 : 0;  // 0: until the window closes
  std::string saved = format_settings(state.settings);
  int frame = 0;
  using Clock = std::chrono::steady_clock;
  auto started = Clock::now();
  double ui_ms = 0;  // building the frame on the view thread, after the first frame (font atlas)
  while (!glfwWindowShouldClose(glfw.window) && !state.quit_requested) {
    if (headless && frame >= frames) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (headless) glfwPollEvents();
    else glfwWaitEventsTimeout(0.1);  // idle UI sleeps; jobs report progress within 100 ms
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (headless) io.DisplaySize = ImVec2(float(o.width), float(o.height));
    auto ui_start = Clock::now();
    ImGui::NewFrame();
    dash.draw();
    ImGui::Render();
    if (frame > 0) ui_ms += std::chrono::duration<double, std::milli>(Clock::now() - ui_start).count();
    int w = o.width, h = o.height;
    if (!headless) glfwGetFramebufferSize(glfw.window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.08f, 0.09f, 0.10f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    // Headless: the last frame waits for running jobs (e.g. opening --results), so the
    // picture does not depend on thread timing.
    ++frame;
    if (headless && frame >= frames && !dash.busy()) {
      capture_png(o.screenshot, w, h);
      double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
      std::fprintf(stderr,
                   "hotline: %d frames of %dx%d: %.2f ms a frame building the UI, %.1f ms with GL "
                   "rendering; wrote %s\n",
                   frame, w, h, frame > 1 ? ui_ms / (frame - 1) : 0.0, ms / frame, o.screenshot.c_str());
      break;
    }
    if (headless) continue;
    glfwSwapBuffers(glfw.window);
    // Persist a changed language, file or window choice at once, not only on a clean exit.
    if (std::string now = format_settings(state.settings); now != saved && state.save(&why)) saved = now;
    if (frames > 0 && frame >= frames) break;  // --frames N: a smoke run of the interactive loop
  }
  if (!state.save(&why)) std::fprintf(stderr, "hotline: cannot save settings: %s\n", why.c_str());
  offscreen.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
}

}  // namespace hotline::gui
