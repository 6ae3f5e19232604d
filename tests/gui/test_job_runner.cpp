// Tests of the worker-thread job runner: progress, completion, cancel, failure, busy.
#include <catch2/catch.hpp>

#include <future>
#include <stdexcept>
#include <thread>

#include "gui/job_runner.hpp"

using namespace hotline::gui;

namespace {
void wait_until_ended(JobRunner& r) {
  r.wait();
  REQUIRE(r.status().state != JobState::Running);
}
}  // namespace

TEST_CASE("a job runs on another thread and reports progress, then done", "[gui][jobs]") {
  JobRunner runner;
  std::promise<void> reported, go_on;
  std::shared_future<void> go = go_on.get_future().share();
  std::thread::id worker;
  auto result = std::make_shared<int>(0);
  REQUIRE(runner.start("sum", [&, result](JobContext& ctx) {
    worker = std::this_thread::get_id();
    ctx.progress(0.5, "half way");
    reported.set_value();
    go.wait();
    *result = 42;
  }));
  reported.get_future().wait();
  JobStatus mid = runner.status();
  CHECK(mid.state == JobState::Running);
  CHECK(mid.name == "sum");
  CHECK(mid.fraction == 0.5);
  CHECK(mid.message == "half way");
  CHECK(runner.busy());
  go_on.set_value();
  wait_until_ended(runner);
  CHECK(runner.status().state == JobState::Done);
  CHECK(runner.status().fraction == 1);
  CHECK(*result == 42);
  CHECK(worker != std::this_thread::get_id());
}

TEST_CASE("a second job is refused while one runs", "[gui][jobs]") {
  JobRunner runner;
  std::promise<void> started;
  REQUIRE(runner.start("long", [&](JobContext& ctx) {
    started.set_value();
    while (!ctx.stop_requested()) std::this_thread::yield();
  }));
  started.get_future().wait();
  bool ran = false;
  CHECK_FALSE(runner.start("other", [&](JobContext&) { ran = true; }));
  runner.cancel();
  wait_until_ended(runner);
  CHECK_FALSE(ran);
  // once ended, a new job starts
  CHECK(runner.start("other", [&](JobContext&) { ran = true; }));
  runner.wait();
  CHECK(ran);
}

TEST_CASE("cancel stops a job that polls its stop token", "[gui][jobs]") {
  JobRunner runner;
  std::promise<void> started;
  std::atomic<long> steps{0};
  REQUIRE(runner.start("endless", [&](JobContext& ctx) {
    started.set_value();
    while (!ctx.stop_requested()) ++steps;
  }));
  started.get_future().wait();
  runner.cancel();
  wait_until_ended(runner);
  CHECK(runner.status().state == JobState::Cancelled);
}

TEST_CASE("a job that throws fails with the exception's message", "[gui][jobs]") {
  JobRunner runner;
  REQUIRE(runner.start("bad", [](JobContext&) { throw std::runtime_error("results.sqlite: not a database"); }));
  wait_until_ended(runner);
  CHECK(runner.status().state == JobState::Failed);
  CHECK(runner.status().message == "results.sqlite: not a database");
}

TEST_CASE("destroying the runner cancels and joins a running job", "[gui][jobs]") {
  std::atomic<bool> saw_stop{false};
  std::promise<void> started;
  {
    JobRunner runner;
    REQUIRE(runner.start("endless", [&](JobContext& ctx) {
      started.set_value();
      while (!ctx.stop_requested()) std::this_thread::yield();
      saw_stop = true;
    }));
    started.get_future().wait();
  }
  CHECK(saw_stop);
}
