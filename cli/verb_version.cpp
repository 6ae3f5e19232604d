// `hotline version`: the version, and where the shipped data is looked up.
#include <cstdio>
#include <cstdlib>

#include "cli/verb.hpp"

namespace {
void setup(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Print the version and the shipped data folder");
  cmd->callback([] {
    const char* env = std::getenv("HOTLINE_DATA");
    std::printf("hotline %s\ndata: %s\n", HOTLINE_VERSION, env ? env : HOTLINE_SCENARIOS_DIR);
  });
}
HOTLINE_VERB("version", setup);
}  // namespace
