// The public Engine under change and under load: reload swaps a revision in only when it
// loads and passes its tests, and N threads sharing one Engine decide exactly as one thread
// does, also while it is reloaded and when duplicates must be merged across threads.
#include <catch2/catch.hpp>

#include <atomic>
#include <barrier>
#include <string>
#include <thread>
#include <vector>

#include "api_fixture.hpp"
#include "hotline/hotline.hpp"

using namespace hotline::api;
using hotline::test::api_scratch;
using hotline::test::api_ticket;
using hotline::test::replace_all;
using hotline::test::summary;

namespace {
// A varied mix: every catalog family, several counties and streets, all urgencies; half of
// them rural utilities, whose row calls a Lua function (the part that needs a state per thread).
std::vector<Ticket> mix(std::size_t n) {
  const char* categories[] = {"供水", "供电", "供气", "物业管理", "欠薪", "社会治安", "交通管理", "农村水电",
                              "道路运输", "联通通信", "快递邮政", "噪声扰民", "市政设施", "供暖"};
  const char* districts[] = {"shangzhou", "luonan", "danfeng", "shanyang", "zhenan", "镇安县", ""};
  const char* urgencies[] = {"normal", "urgent", "major"};
  const char* types[] = {"help", "complaint", "consultation", "report"};
  std::vector<Ticket> out;
  for (std::size_t i = 0; i < n; ++i) {
    Ticket t = api_ticket("T" + std::to_string(i), categories[i % 14], districts[i % 7]);
    if (i % 11 == 0) t.street = "永乐街道";
    if (i % 2 == 1) {
      t.category = "农村水电";
      t.district = "shangzhou";
      t.street = i % 4 == 1 ? "sz-chengguan" : "sz-shahezi";  // a street (water company), a town (county)
    }
    t.urgency = urgencies[(i / 7) % 3];
    t.type = types[(i / 3) % 4];
    t.created += Time(i % 1000) * 1800;  // within three weeks
    out.push_back(t);
  }
  return out;
}
}  // namespace

TEST_CASE("reload refuses a revision whose tests fail and keeps deciding with the old one", "[api][reload]") {
  auto dir = api_scratch("shangluo-2024", "reload");
  Engine e(dir.string());
  const std::string first = e.revision();
  CHECK(e.decide(api_ticket("R-1", "供水")).lead->id == "zlsgs");

  // Water to the grid company breaks the set's own water tests: refused.
  replace_all(dir / "dispatch.lua", "unit = \"zlsgs\"", "unit = \"gwgd\"");
  ReloadResult refused = e.reload();
  CHECK_FALSE(refused.ok);
  CHECK_FALSE(refused.changed);
  CHECK(refused.revision == first);
  REQUIRE_FALSE(refused.problems.empty());
  CHECK(refused.problems[0].file == (dir / "tests" / "dispatch.lua").string());
  CHECK(refused.problems[0].line > 0);
  CHECK(refused.message().find("tests/dispatch.lua:") != std::string::npos);
  CHECK(e.revision() == first);
  CHECK(e.decide(api_ticket("R-2", "供水")).lead->id == "zlsgs");

  // With the tests revised too, the revision is accepted and takes effect.
  replace_all(dir / "tests" / "dispatch.lua", "lead = \"zlsgs\"", "lead = \"gwgd\"");
  ReloadResult accepted = e.reload();
  INFO(accepted.message());
  CHECK(accepted.ok);
  CHECK(accepted.changed);
  CHECK(accepted.revision != first);
  CHECK(e.revision() == accepted.revision);
  const Decision d = e.decide(api_ticket("R-3", "供水"));
  CHECK(d.lead->id == "gwgd");
  CHECK(d.revision == accepted.revision);

  // Reloading the same content is ok and unchanged; a missing folder is refused.
  ReloadResult same = e.reload();
  CHECK(same.ok);
  CHECK_FALSE(same.changed);
  ReloadResult missing = e.reload("/no/such/ruleset");
  CHECK_FALSE(missing.ok);
  CHECK(missing.message().find("/no/such/ruleset: no such rule set folder") == 0);
  CHECK(e.revision() == accepted.revision);
  // Another rule set by name is a reload too.
  ReloadResult xian = e.reload("xian-2023");
  CHECK(xian.ok);
  CHECK(e.info().id == "xian-2023");
}

TEST_CASE("four threads sharing one Engine decide exactly as one thread does", "[api][threads]") {
  const Engine e("shangluo-2024");
  const std::vector<Ticket> tickets = mix(40000);
  std::vector<std::string> expected;
  for (const Ticket& t : tickets) expected.push_back(summary(e.decide(t)));

  constexpr int kThreads = 4;
  std::vector<std::string> got(tickets.size());
  std::vector<std::thread> pool;
  for (int k = 0; k < kThreads; ++k)
    pool.emplace_back([&, k] {
      for (std::size_t i = std::size_t(k); i < tickets.size(); i += kThreads) {
        if (i % 8 == 0) {  // batches and single calls mixed
          const std::size_t n = std::min<std::size_t>(kThreads, tickets.size() - i);
          std::vector<Ticket> batch(tickets.begin() + std::ptrdiff_t(i), tickets.begin() + std::ptrdiff_t(i + n));
          std::vector<Decision> out = e.decide_batch(batch);
          got[i] = summary(out[0]);
        } else {
          got[i] = summary(e.decide(tickets[i]));
        }
      }
    });
  for (std::thread& t : pool) t.join();
  std::size_t differ = 0;
  for (std::size_t i = 0; i < tickets.size(); ++i) differ += got[i] != expected[i];
  CHECK(differ == 0);
  CHECK(e.manual_count() == 0);
}

TEST_CASE("decisions made while another thread reloads come from one revision or the other, whole", "[api][threads][reload]") {
  auto dir = api_scratch("shangluo-2024", "reload-under-load");
  Engine e(dir.string());
  const std::string old_rev = e.revision();
  replace_all(dir / "dispatch.lua", "unit = \"zlsgs\"", "unit = \"gwgd\"");
  replace_all(dir / "tests" / "dispatch.lua", "lead = \"zlsgs\"", "lead = \"gwgd\"");
  std::atomic<bool> done{false};
  std::atomic<int> bad{0}, old_seen{0}, new_seen{0};
  std::vector<std::thread> deciders;
  for (int k = 0; k < 2; ++k)
    deciders.emplace_back([&, k] {
      for (int i = 0, after = 0; after < 20; ++i, after += done) {  // until 20 decisions after the swap
        const Decision d = e.decide(api_ticket("U-" + std::to_string(k) + "-" + std::to_string(i), "供水"));
        const bool is_old = d.revision == old_rev;
        (is_old ? old_seen : new_seen)++;
        if (d.lead->id != (is_old ? "zlsgs" : "gwgd")) ++bad;
      }
    });
  const ReloadResult r = e.reload();
  done = true;
  for (std::thread& t : deciders) t.join();
  INFO(r.message());
  CHECK(r.ok);
  CHECK(bad == 0);
  CHECK(new_seen > 0);
  CHECK(e.decide(api_ticket("U-after", "供水")).lead->id == "gwgd");
}

TEST_CASE("duplicates are merged across threads: merging remembers tickets whichever thread decided them", "[api][threads][merge]") {
  const Engine e("xian-2023");  // merges duplicates within 72 hours [GB25 (五)]
  constexpr int kThreads = 4, kCallers = 25;
  std::barrier sync(kThreads);
  std::atomic<int> merged{0}, originals_merged{0};
  std::vector<std::thread> pool;
  auto ticket = [](int group, int c, const char* id, Time at) {
    Ticket t = api_ticket(id + std::to_string(group) + "-" + std::to_string(c), "物业管理", "shangzhou");
    t.caller = "caller-" + std::to_string(group) + "-" + std::to_string(c);
    t.created = at;
    return t;
  };
  const Time t0 = parse_time("2025-03-03 09:00");
  for (int k = 0; k < kThreads; ++k)
    pool.emplace_back([&, k] {
      std::vector<Ticket> first, second;
      for (int c = 0; c < kCallers; ++c) {
        first.push_back(ticket(k, c, "A", t0));
        second.push_back(ticket((k + 1) % kThreads, c, "B", t0 + 3600));  // another thread's callers
      }
      for (const Decision& d : e.decide_batch(first)) originals_merged += d.route == "merged";
      sync.arrive_and_wait();
      for (const Decision& d : e.decide_batch(second)) merged += d.route == "merged" && d.merged_into[0] == 'A';
    });
  for (std::thread& t : pool) t.join();
  CHECK(originals_merged == 0);
  CHECK(merged == kThreads * kCallers);
}
