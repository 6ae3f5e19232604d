// Progress on stderr for work longer than a second [docs/architecture.md "The command line"]: on a
// terminal one line that overwrites itself with '\r'; into a pipe or a log whole lines, each
// printed once, so that a log reads line by line; nothing with the global -q / --quiet.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <mutex>
#include <string>

namespace hotline::cli {

// Set by `hotline -q` / `--quiet` (main.cpp): no progress at all.
inline bool& quiet() {
  static bool q = false;
  return q;
}

class Progress {
 public:
  // `verb` prefixes every line ("simulate: ...").
  explicit Progress(std::string verb) : verb_(std::move(verb)), tty_(isatty(STDERR_FILENO) == 1) {}
  ~Progress() { finish(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // True on a terminal, where fine steps cost nothing; callers print coarser steps otherwise.
  bool tty() const { return tty_; }

  // Shows `text`; the same text twice in a row is shown once. Safe from several threads.
  void show(const std::string& text) {
    if (quiet()) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (text == last_) return;
    last_ = text;
    if (tty_) {
      const std::string line = verb_ + ": " + text;
      const std::size_t pad = width_ > line.size() ? width_ - line.size() : 0;
      std::fprintf(stderr, "\r%s%*s", line.c_str(), int(pad), "");
      width_ = line.size();
      open_ = true;
    } else {
      std::fprintf(stderr, "%s: %s\n", verb_.c_str(), text.c_str());
    }
    std::fflush(stderr);
  }

  // Ends the overwritten line on a terminal (a log has whole lines already).
  void finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (open_) std::fputc('\n', stderr);
    open_ = false;
    width_ = 0;
  }

 private:
  std::string verb_;
  bool tty_;
  std::mutex mutex_;
  std::string last_;
  std::size_t width_ = 0;
  bool open_ = false;
};

}  // namespace hotline::cli
