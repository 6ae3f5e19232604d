// Synthetic calls CSV generator (labelled synthetic: no value comes from real traffic).
#include "core/sample_traffic.hpp"

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

namespace hotline {

namespace {
// splitmix64: small, fast and good enough for test data.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int n) { return int(next() % std::uint64_t(n)); }
};
struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
}  // namespace

void write_synthetic_calls_csv(const std::filesystem::path& file, std::int64_t rows,
                               std::uint64_t seed, Time start) {
  std::unique_ptr<std::FILE, FileCloser> out(std::fopen(file.c_str(), "wb"));
  if (!out) throw std::runtime_error(file.string() + ": cannot create");
  std::setvbuf(out.get(), nullptr, _IOFBF, 1 << 20);
  std::fputs("id,arrival,channel,skill,caller,ivr_s,wait_s,talk_s,wrap_s,outcome,agent\n", out.get());
  Rng rng{seed};
  Time t = start;
  DayNumber day = -1;
  std::string date;
  for (std::int64_t i = 1; i <= rows; ++i) {
    t += rng.below(6);
    if (cst_day(t) != day) {
      day = cst_day(t);
      date = format_date(day);
    }
    int sod = cst_seconds_of_day(t);
    int r = rng.below(100);
    const char* outcome = r < 88 ? "answered" : r < 96 ? "abandoned" : r < 98 ? "diverted" : "callback";
    bool answered = r < 88;
    const char* channel = rng.below(10) == 0 ? "wechat" : "phone";
    int s = rng.below(20);
    const char* skill = s == 0 ? "dialect" : s < 3 ? "enterprise" : "general";
    unsigned long long phone = 13000000000ull + rng.next() % 100000 * 17;
    int ivr = 5 + rng.below(40), wait = rng.below(answered ? 120 : 200);
    int talk = answered ? 30 + rng.below(600) : 0, wrap = answered ? rng.below(90) : 0;
    char agent[16] = "";
    if (answered) std::snprintf(agent, sizeof agent, "A%03d", rng.below(120));
    std::fprintf(out.get(), "%lld,%s %02d:%02d:%02d,%s,%s,%llu,%d,%d,%d,%d,%s,%s\n",
                 static_cast<long long>(i), date.c_str(), sod / 3600, sod / 60 % 60, sod % 60,
                 channel, skill, phone, ivr, wait, talk, wrap, outcome, agent);
  }
  if (std::fflush(out.get()) != 0) throw std::runtime_error(file.string() + ": write failed");
}

}  // namespace hotline
