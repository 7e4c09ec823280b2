#pragma once
// What a worker thread of net/ that waits on the network needs to stop promptly: a flag its QueueClient
// watches (a call under way ends within about a second), a sleep that the stop cuts short, and the one
// mutex and condition variable the worker may also use for a queue of its own.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "net/queue_client.hpp"

namespace wk::net {

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

// Client options for long-polls of `wait_s` seconds: the total timeout covers the wait plus the usual
// answer time, and raising `stop` cancels a call under way.
inline ClientOptions long_poll_options(ClientOptions options, int wait_s, const StopSignal& stop) {
  options.cancel = stop.flag();
  options.total_timeout_ms = std::max(options.total_timeout_ms, static_cast<long>(wait_s) * 1000 + 10000);
  return options;
}

}  // namespace wk::net
