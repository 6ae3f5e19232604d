// The dashboard's view-model state and its settings file.
#include "gui/app_state.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "core/error.hpp"

namespace hotline::gui {

std::optional<View> view_from_key(std::string_view key) {
  for (std::size_t i = 0; i < kViewKeys.size(); ++i)
    if (kViewKeys[i] == key) return View(i);
  return std::nullopt;
}

std::string_view view_key(View v) { return kViewKeys[std::size_t(v)]; }

void Settings::remember(const std::string& path) {
  if (path.empty()) return;
  std::erase(recent, path);
  recent.insert(recent.begin(), path);
  if (recent.size() > kMaxRecent) recent.resize(kMaxRecent);
}

Settings parse_settings(std::string_view text, std::string_view file) {
  Settings s;
  bool any_open = false;
  std::size_t line_no = 0;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto fail = [&](std::string_view field, std::string reason) {
      throw InputError(std::string(file), int(line_no), std::string(field), std::move(reason));
    };
    std::size_t eq = line.find('=');
    if (eq == std::string::npos) fail("line", "expected key=value");
    std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "lang") {
      if (value == "zh") s.lang = Lang::Zh;
      else if (value == "en") s.lang = Lang::En;
      else fail(key, "expected zh or en, got '" + value + "'");
    } else if (key == "font") {
      s.font = value;
    } else if (key == "scenario") {
      s.scenario = value;
    } else if (key == "results") {
      s.results = value;
    } else if (key == "recent") {
      if (!value.empty() && s.recent.size() < Settings::kMaxRecent &&
          std::find(s.recent.begin(), s.recent.end(), value) == s.recent.end())
        s.recent.push_back(value);
    } else if (key == "lab_baseline") {
      s.lab_baseline = value;
    } else if (key == "lab_revised") {
      s.lab_revised = value;
    } else if (key == "lab_replications") {
      int n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size() || n < 2 || n > 1000)
        fail(key, "expected a whole number from 2 to 1000, got '" + value + "'");
      s.lab_replications = n;
    } else if (key == "open") {
      auto v = view_from_key(value);
      if (!v) fail(key, "unknown view '" + value + "'");
      s.open[std::size_t(*v)] = true;
      any_open = true;
    } else {
      fail(key, "unknown setting");
    }
  }
  if (!any_open) s.open[std::size_t(View::Org)] = true;
  return s;
}

std::string format_settings(const Settings& s) {
  std::string out = "# hotline dashboard settings (window layout is in imgui.ini)\n";
  out += std::string("lang=") + (s.lang == Lang::Zh ? "zh" : "en") + "\n";
  if (!s.font.empty()) out += "font=" + s.font + "\n";
  if (!s.scenario.empty()) out += "scenario=" + s.scenario + "\n";
  if (!s.results.empty()) out += "results=" + s.results + "\n";
  for (const auto& r : s.recent) out += "recent=" + r + "\n";
  for (std::size_t i = 0; i < s.open.size(); ++i)
    if (s.open[i]) out += "open=" + std::string(kViewKeys[i]) + "\n";
  if (!s.lab_baseline.empty()) out += "lab_baseline=" + s.lab_baseline + "\n";
  if (!s.lab_revised.empty()) out += "lab_revised=" + s.lab_revised + "\n";
  if (s.lab_replications > 0) out += "lab_replications=" + std::to_string(s.lab_replications) + "\n";
  return out;
}

Settings load_settings(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return parse_settings("", file.string());
  std::stringstream buf;
  buf << in.rdbuf();
  return parse_settings(buf.str(), file.string());
}

void save_settings(const Settings& s, const std::filesystem::path& file) {
  std::filesystem::create_directories(file.parent_path());
  std::filesystem::path tmp = file;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << format_settings(s);
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  std::filesystem::rename(tmp, file);
}

std::filesystem::path default_config_dir() {
  if (const char* d = std::getenv("HOTLINE_CONFIG_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
    return std::filesystem::path(x) / "hotline";
  if (const char* h = std::getenv("HOME"); h && *h)
    return std::filesystem::path(h) / ".config" / "hotline";
  return ".";
}

bool AppState::save(std::string* why) const {
  if (config_dir.empty()) return true;
  try {
    save_settings(settings, config_dir / "dashboard.conf");
    return true;
  } catch (const std::exception& e) {
    if (why) *why = e.what();
    return false;
  }
}

}  // namespace hotline::gui
