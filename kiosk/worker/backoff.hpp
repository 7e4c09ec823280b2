#pragma once
// How long a worker waits before it tries the service again: exponential backoff with jitter, capped, so
// fifty kiosks of a restarted service do not all knock at the same instant; and the service's own
// Retry-After, which always wins over a shorter backoff.
#include <random>

namespace wk::worker {

// Pure: the wait before retry number `attempt` (1-based), with jitter drawn from `unit_random` in [0, 1).
long backoff_ms(int attempt, double unit_random, long base_ms = 500, long cap_ms = 60000);

class Backoff {
 public:
  Backoff(long base_ms, long cap_ms) : base_ms_(base_ms), cap_ms_(cap_ms), rng_(std::random_device{}()) {}
  // One more failure: the wait before the next try. A Retry-After (seconds, 0: none) is what the service
  // asked for, and is waited out even when it is longer than the backoff.
  long failed(long retry_after_s = 0);
  void succeeded() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  long base_ms_, cap_ms_;
  int failures_ = 0;
  std::mt19937 rng_;
};

}  // namespace wk::worker
