// `hotline version`: the version, and where the shipped data is looked up.
#include <cstdio>

#include "cli/verb.hpp"
#include "core/paths.hpp"

namespace {
void setup(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Print the version and the shipped data folder");
  cmd->callback([] { std::printf("hotline %s\ndata: %s\n", HOTLINE_VERSION, hotline::data_dir().c_str()); });
}
HOTLINE_VERB("version", setup);
}  // namespace
