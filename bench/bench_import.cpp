// Import speed: synthetic call rows per second from a CSV into a fresh SQLite traffic store
// (target: at least 500,000 rows/s on one core; issue 2).
#include <benchmark/benchmark.h>

#include <time.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/import.hpp"
#include "core/sample_traffic.hpp"
#include "core/store.hpp"

namespace {

namespace fs = std::filesystem;

fs::path bench_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("hotline-bench-import-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// A generated calls CSV of `rows` rows, written once per size.
fs::path calls_csv(std::int64_t rows) {
  fs::path p = bench_dir() / ("calls-" + std::to_string(rows) + ".csv");
  if (!fs::exists(p)) hotline::write_synthetic_calls_csv(p, rows, 42);
  return p;
}

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

void remove_db(const fs::path& db) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
}

// One iteration: open a new store, import the whole file (phone numbers hashed, content
// hashed for the imports log) and close the store (WAL checkpoint included). "rows/s" is
// per wall-clock second; "rows/cpu_s" per second of this process's CPU time, which is the
// one-core figure when other processes share the machine.
void BM_ImportCalls(benchmark::State& state) {
  const std::int64_t rows = state.range(0);
  const fs::path csv = calls_csv(rows);
  const fs::path db = bench_dir() / "traffic.sqlite";
  hotline::ImportOptions opt;
  opt.kind = hotline::ImportKind::Calls;
  opt.key = "bench-pseudonymisation-key-0123456789";
  std::int64_t imported = 0;
  double cpu = 0;
  for (auto _ : state) {
    state.PauseTiming();
    remove_db(db);
    state.ResumeTiming();
    const double c0 = cpu_seconds();
    {
      hotline::Store store(db);
      imported += hotline::import_csv(store, csv, opt).rows;
    }
    cpu += cpu_seconds() - c0;
  }
  state.counters["rows/s"] = benchmark::Counter(double(imported), benchmark::Counter::kIsRate);
  state.counters["rows/cpu_s"] = double(imported) / cpu;
  state.counters["bytes/row"] = double(fs::file_size(csv)) / double(rows);
  state.SetItemsProcessed(imported);
  remove_db(db);
}
BENCHMARK(BM_ImportCalls)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  fs::remove_all(bench_dir(), ec);
  return 0;
}
