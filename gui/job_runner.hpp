// Runs one long job (a simulation, a comparison, opening a database) on a worker thread
// with progress and cancellation, so the UI thread never blocks. No ImGui.
#pragma once

#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace hotline::gui {

enum class JobState { Idle, Running, Done, Failed, Cancelled };

struct JobStatus {
  JobState state = JobState::Idle;
  std::string name;
  double fraction = 0;    // 0..1; negative means "unknown"
  std::string message;    // progress text, or the error for Failed
};

// Handed to the work function. Thread-safe; the work polls stop_requested() between steps.
class JobContext {
 public:
  bool stop_requested() const { return token_.stop_requested(); }
  std::stop_token token() const { return token_; }
  void progress(double fraction, std::string message = {});

 private:
  friend class JobRunner;
  JobContext(std::stop_token token, class JobRunner* owner) : token_(std::move(token)), owner_(owner) {}
  std::stop_token token_;
  class JobRunner* owner_;
};

class JobRunner {
 public:
  // The work runs on the worker thread. It returns normally when done (or when it saw
  // stop_requested() and gave up: the job is then Cancelled); an exception makes it Failed
  // with the exception's message. Results go wherever the work writes them, typically a
  // shared_ptr it captured; read them once the state is Done.
  using Work = std::function<void(JobContext&)>;

  JobRunner() = default;
  ~JobRunner();  // requests stop and joins
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Starts a job; returns false (and does nothing) if one is running.
  bool start(std::string name, Work work);
  void cancel();        // asks the running job to stop; returns at once
  void wait();          // blocks until the job ends (for tests and shutdown)
  JobStatus status() const;
  bool busy() const { return status().state == JobState::Running; }

 private:
  friend class JobContext;
  mutable std::mutex mutex_;
  JobStatus status_;   // guarded by mutex_
  std::jthread worker_;
};

}  // namespace hotline::gui
