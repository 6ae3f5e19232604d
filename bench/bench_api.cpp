// The embeddable library's cost (docs/embedding.md, docs/benchmarks.md): decisions per
// second through the public C++ API (single calls, batches of structs, batches of JSON
// lines) and the C API (JSON lines), on 1 and 2 threads sharing one Engine; the time to load
// a rule set (with its tests) and to reload it. Links only the installed-style libraries
// (hotline::engine, hotline::hotline_c), as a consumer would. Targets: the C API within 10%
// of the C++ JSON path in batches; the batch paths within 2x of single calls.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "hotline/hotline.h"
#include "hotline/hotline.hpp"

namespace {
using namespace hotline::api;

constexpr std::size_t kBatch = 1000;

// A mix like the January 2025 bulletin's top categories over the Shangluo counties, with
// streets and towns (a tenth of the tickets call a Lua function: rural utilities).
std::vector<Ticket> tickets(std::size_t n) {
  const char* categories[] = {"供水", "欠薪", "社会治安", "物业管理", "供电", "道路运输", "农村水电", "市容环境",
                              "消费维权", "噪声扰民"};
  const char* districts[] = {"shangzhou", "luonan", "danfeng", "shangnan", "shanyang", "zhenan", "zhashui"};
  const char* types[] = {"help", "help", "help", "consultation", "complaint"};
  const Time jan = parse_time("2025-01-02 08:00");
  std::vector<Ticket> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    Ticket& t = out[i];
    t.id = "B" + std::to_string(i);
    t.category = categories[i % 10];
    t.district = districts[i % 7];
    t.street = i % 3 == 0 ? "sz-chengguan" : i % 3 == 1 ? "sz-shahezi" : "";
    t.type = types[i % 5];
    t.created = jan + Time(i % 997) * 2400;
  }
  return out;
}

std::string json_lines(const std::vector<Ticket>& v) {
  std::string out;
  for (const Ticket& t : v)
    out += "{\"id\":\"" + t.id + "\",\"category\":\"" + t.category + "\",\"district\":\"" + t.district + "\",\"street\":\"" +
           t.street + "\",\"type\":\"" + t.type + "\",\"created\":" + std::to_string(t.created) + "}\n";
  return out;
}

const Engine& engine() {
  static const Engine e("shangluo-2024");
  return e;
}
hotline_engine* c_engine() {
  static hotline_engine* e = [] {
    hotline_engine* h = nullptr;
    hotline_engine_open("shangluo-2024", nullptr, &h, nullptr, 0);
    return h;
  }();
  return e;
}
const std::vector<Ticket>& mix() {
  static const std::vector<Ticket> v = tickets(kBatch);
  return v;
}
const std::string& mix_json() {
  static const std::string s = json_lines(mix());
  return s;
}

void BM_Cpp_Decide(benchmark::State& state) {
  const Engine& e = engine();
  std::size_t i = 0;
  for (auto _ : state) {
    Decision d = e.decide(mix()[i]);
    benchmark::DoNotOptimize(d.reply_by);
    if (++i == mix().size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Cpp_DecideBatch(benchmark::State& state) {
  const Engine& e = engine();
  for (auto _ : state) benchmark::DoNotOptimize(e.decide_batch(mix()).size());
  state.SetItemsProcessed(state.iterations() * std::int64_t(kBatch));
}

void BM_Cpp_DecideJsonLines(benchmark::State& state) {
  const Engine& e = engine();
  for (auto _ : state) benchmark::DoNotOptimize(e.decide_json_lines(mix_json()).size());
  state.SetItemsProcessed(state.iterations() * std::int64_t(kBatch));
}

void BM_C_DecideBatch(benchmark::State& state) {
  hotline_engine* e = c_engine();
  for (auto _ : state) {
    char* out = nullptr;
    if (hotline_decide_batch(e, mix_json().c_str(), &out, nullptr, nullptr, 0) != HOTLINE_OK) state.SkipWithError("decide");
    benchmark::DoNotOptimize(out);
    hotline_free(out);
  }
  state.SetItemsProcessed(state.iterations() * std::int64_t(kBatch));
}

void BM_C_Decide(benchmark::State& state) {
  hotline_engine* e = c_engine();
  std::vector<std::string> one;
  for (std::size_t p = 0, q; p < mix_json().size(); p = q + 1) one.push_back(mix_json().substr(p, (q = mix_json().find('\n', p)) - p));
  std::size_t i = 0;
  for (auto _ : state) {
    char* out = nullptr;
    hotline_decide(e, one[i].c_str(), &out, nullptr, 0);
    benchmark::DoNotOptimize(out);
    hotline_free(out);
    if (++i == one.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

// Loading reads, compiles, validates and tests the rule set (files in the page cache).
void BM_Load(benchmark::State& state) {
  for (auto _ : state) {
    Engine e("shangluo-2024");
    benchmark::DoNotOptimize(e.revision());
  }
}

void BM_Reload(benchmark::State& state) {
  Engine e("shangluo-2024");
  for (auto _ : state) benchmark::DoNotOptimize(e.reload().ok);
}

BENCHMARK(BM_Cpp_Decide)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_Cpp_DecideBatch)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_Cpp_DecideJsonLines)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_C_Decide)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_C_DecideBatch)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Reload)->Unit(benchmark::kMillisecond);
}  // namespace

BENCHMARK_MAIN();
