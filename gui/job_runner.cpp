// The dashboard's worker-thread job runner (std::jthread + stop_token).
#include "gui/job_runner.hpp"

#include <exception>
#include <utility>

namespace hotline::gui {

void JobContext::progress(double fraction, std::string message) {
  std::lock_guard lock(owner_->mutex_);
  owner_->status_.fraction = fraction;
  owner_->status_.message = std::move(message);
}

JobRunner::~JobRunner() {
  cancel();
  wait();
}

bool JobRunner::start(std::string name, Work work) {
  {
    std::lock_guard lock(mutex_);
    if (status_.state == JobState::Running) return false;
    status_ = JobStatus{JobState::Running, std::move(name), 0, {}};
  }
  if (worker_.joinable()) worker_.join();  // the previous job has finished
  worker_ = std::jthread([this, work = std::move(work)](std::stop_token token) {
    JobContext ctx(token, this);
    JobState end = JobState::Done;
    std::string error;
    try {
      work(ctx);
      if (token.stop_requested()) end = JobState::Cancelled;
    } catch (const std::exception& e) {
      end = JobState::Failed;
      error = e.what();
    } catch (...) {
      end = JobState::Failed;
      error = "unknown exception";
    }
    std::lock_guard lock(mutex_);
    status_.state = end;
    if (end == JobState::Done) status_.fraction = 1;
    if (end == JobState::Failed) status_.message = error;
  });
  return true;
}

void JobRunner::cancel() {
  if (worker_.joinable()) worker_.request_stop();
}

void JobRunner::wait() {
  if (worker_.joinable()) worker_.join();
}

JobStatus JobRunner::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

}  // namespace hotline::gui
