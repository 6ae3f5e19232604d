// hotline: the command-line tool. Each verb lives in its own cli/verb_*.cpp.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>

#include "cli/progress.hpp"
#include "cli/verb.hpp"
#include "core/error.hpp"
#include "core/redact.hpp"

namespace hotline::cli {
std::vector<Verb>& verbs() {
  static std::vector<Verb> v;
  return v;
}
int& exit_code() {
  static int code = 0;
  return code;
}
}  // namespace hotline::cli

int main(int argc, char** argv) {
  using namespace hotline::cli;
  CLI::App app{"hotline: rules, simulation and dashboard for 12345 government service hotlines",
               "hotline"};
  app.set_version_flag("--version", std::string("hotline ") + HOTLINE_VERSION);
  app.require_subcommand(1);
  app.add_flag("-q,--quiet", quiet(), "No progress on stderr (any verb; `hotline -q simulate ...`)");
  app.fallthrough();  // so that -q may also follow the verb
  auto& list = verbs();
  std::sort(list.begin(), list.end(),
            [](const Verb& a, const Verb& b) { return std::strcmp(a.name, b.name) < 0; });
  for (const Verb& v : list) v.setup(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {  // InputError masks itself; anything else is masked here
    std::fprintf(stderr, "hotline: %s\n", hotline::mask_personal(e.what()).c_str());
    return 1;
  }
  return exit_code();
}
