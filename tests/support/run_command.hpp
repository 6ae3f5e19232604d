// Test support: run a shell command line as a child and capture its stdout and exit status.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace hotline::test {

struct Run {
  int status = -1;  // exit code, or -1 if the child did not exit normally
  std::string out;  // what the command wrote to stdout (redirect 2>&1 to include stderr)
};

// Runs `command` through /bin/sh. Returns status -1 and no output if it cannot be started.
inline Run run_command(const std::string& command) {
  Run r;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// Runs the built `hotline` with `args`; `redirect` is appended (e.g. " 2>&1").
inline Run run_hotline(const std::string& args, const char* redirect = " 2>&1") {
  return run_command(std::string("'") + HOTLINE_BIN + "' " + args + redirect);
}

}  // namespace hotline::test
