#pragma once
// A worker thread with a queue of jobs: the shape every worker of the app shares (the printer, the
// counter's calls, the PIN check, the display's announcer). Jobs run one after another, in order, on the
// thread; when none comes before the time `idle` last asked to be woken, `idle` runs (a printer's paper
// check, a queue refresh) and says when to wake next. stop() ends a wait at once and raises the flag that
// an outside call under way watches; a job running when it comes is finished first.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <exception>
#include <functional>
#include <optional>
#include <thread>
#include <utility>

#include "worker/stop_signal.hpp"

namespace wk::worker {

using SteadyTime = std::chrono::steady_clock::time_point;
inline constexpr SteadyTime kNever = SteadyTime::max();

template <class Job>
class JobThread {
 public:
  struct Handlers {
    std::function<void(Job&)> run;
    // Runs when the wake-up time came with no job; returns the next one. Also runs once at start.
    std::function<SteadyTime()> idle = [] { return kNever; };
  };

  JobThread() = default;
  JobThread(const JobThread&) = delete;
  JobThread& operator=(const JobThread&) = delete;
  ~JobThread() { stop(); }

  // Starts the thread once; jobs posted before wait for it. `at_exit` runs on the thread as it ends:
  // per-thread state a library keeps for it can only be let go there (SDL's, for the sound threads).
  void start(Handlers handlers, std::function<void()> at_exit = {}) {
    std::lock_guard lock(stop_.mutex());
    if (thread_.joinable()) return;
    stop_.reset();
    thread_ = std::thread([this, h = std::move(handlers), end = std::move(at_exit)] {
      loop(h);
      if (end) end();
    });
  }
  bool started() {
    std::lock_guard lock(stop_.mutex());
    return thread_.joinable();
  }
  void post(Job job) {
    {
      std::lock_guard lock(stop_.mutex());
      jobs_.push_back(std::move(job));
    }
    stop_.cv().notify_all();
  }
  // Waits for the thread; jobs not yet begun are dropped.
  void stop() {
    stop_.raise();
    if (thread_.joinable()) thread_.join();
  }
  // From a job on the thread: run `idle` no later than `t` (a job that starts something to look at soon).
  void wake_by(SteadyTime t) { wake_at_ = std::min(wake_at_, t); }
  // For an outside call's cancel flag (QueueClient's ClientOptions::cancel).
  const StopSignal& stop_signal() const { return stop_; }

 private:
  void loop(const Handlers& h) {
    wake_at_ = std::chrono::steady_clock::now();  // idle runs once at start
    for (;;) {
      std::optional<Job> job;
      {
        std::unique_lock lock(stop_.mutex());
        stop_.cv().wait_until(lock, wake_at_, [this] { return stop_.stopped() || !jobs_.empty(); });
        if (stop_.stopped()) break;
        if (!jobs_.empty()) {
          job = std::move(jobs_.front());
          jobs_.pop_front();
        }
      }
      // A job that throws is that job's failure, not the process's: an exception leaving a thread would
      // call std::terminate with a resident's ticket on the screen.
      try {
        if (job)
          h.run(*job);
        else if (std::chrono::steady_clock::now() >= wake_at_)
          wake_at_ = h.idle();
      } catch (...) {
        log_failure(std::current_exception());
        if (!job) wake_at_ = std::chrono::steady_clock::now() + std::chrono::seconds(1);
      }
    }
  }

  static void log_failure(std::exception_ptr failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "wijkkiosk: a worker's job failed: %s\n", e.what());
    } catch (...) {
      std::fprintf(stderr, "wijkkiosk: a worker's job failed\n");
    }
  }

  StopSignal stop_;
  std::deque<Job> jobs_;
  SteadyTime wake_at_ = kNever;  // the thread's own
  std::thread thread_;
};

}  // namespace wk::worker
