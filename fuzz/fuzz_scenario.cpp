// libFuzzer harness: the scenario loader (rules/scenario_loader.hpp). The fuzz bytes are cut
// at a line "--@@": the first part is scenario.lua, the rest calibration.lua beside it (read
// when the scenario names `calibration = "calibration.lua"`). Both files are rewritten for
// every input in this process's scratch folder.
#include <exception>

#include "fuzz/fuzz_support.hpp"
#include "rules/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace fs = std::filesystem;
  static const fs::path folder = [] {
    fs::path f = hotline::fuzz::scratch_dir() / "scenario";
    fs::create_directories(f);
    return f;
  }();
  const auto parts = hotline::fuzz::split(hotline::fuzz::as_text(data, size), "\n--@@\n", 2);
  hotline::fuzz::write_file(folder / "scenario.lua", parts[0]);
  std::error_code ec;
  fs::remove(folder / "calibration.lua", ec);
  if (parts.size() > 1) hotline::fuzz::write_file(folder / "calibration.lua", parts[1]);
  try {
    hotline::ScenarioConfig sc = hotline::load_scenario(folder / "scenario.lua");
    (void)sc;
  } catch (const std::exception&) {
  }
  return 0;
}
