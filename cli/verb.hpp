// The verb registry: each cli/verb_*.cpp registers one verb (subcommand) of `hotline`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace hotline::cli {

// Adds the verb's subcommand, options and callback to the app. The callback throws
// hotline::InputError or std::exception on failure; main prints it and exits 1.
using VerbSetup = void (*)(CLI::App& app);

struct Verb {
  const char* name;
  VerbSetup setup;
};

std::vector<Verb>& verbs();

struct VerbRegistrar {
  VerbRegistrar(const char* name, VerbSetup setup) { verbs().push_back({name, setup}); }
};

// Set by a verb callback to ask main for a non-zero exit without an error message
// (e.g. `rules test` with failing cases).
int& exit_code();

}  // namespace hotline::cli

#define HOTLINE_VERB_CAT2(a, b) a##b
#define HOTLINE_VERB_CAT(a, b) HOTLINE_VERB_CAT2(a, b)
// HOTLINE_VERB("calendar", setup_calendar);
#define HOTLINE_VERB(name, setup) \
  static ::hotline::cli::VerbRegistrar HOTLINE_VERB_CAT(hotline_verb_, __LINE__){name, setup}
