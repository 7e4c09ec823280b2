#pragma once
// What a worker thread needs to stop promptly: a flag an outside call under way can watch (a QueueClient
// ends within about a second), a sleep that the stop cuts short, and the one mutex and condition variable
// the worker may also use for a queue of its own.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace wk::worker {

class StopSignal {
 public:
  const std::atomic<bool>* flag() const { return &stop_; }
  bool stopped() const { return stop_.load(); }
  void reset() { stop_ = false; }
  // Raised under the mutex, so a sleeper between its check and its wait cannot miss it.
  void raise() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
  }
  // False when the stop came meanwhile.
  bool sleep_for_ms(long ms) {
    std::unique_lock lock(mu_);
    return !cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stop_.load(); });
  }
  std::mutex& mutex() { return mu_; }
  std::condition_variable& cv() { return cv_; }

 private:
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
};

}  // namespace wk::worker
