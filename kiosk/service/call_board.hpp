#pragma once
// Where GET /v1/calls long-polls wait: the latest call seq per location, and a condition variable that
// the call and recall handlers notify after their call is committed. A waiter first reads the database
// and only then waits for a seq above what it saw, so a call between the two is never missed.
//
// A waiting long-poll holds one of the server's pool threads. So that displays can never take all of
// them, at most `max_waiters` wait at once; a long-poll beyond that is answered at once instead.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace wk::service {

class CallBoard {
 public:
  explicit CallBoard(int max_waiters) : max_waiters_(max_waiters) {}

  // After a call at `location` with this seq is committed.
  void notify(const std::string& location, std::int64_t seq);

  enum class Wait { call_arrived, timed_out, too_many_waiters, shutting_down };
  // Blocks until a call with seq > after arrives at `location`, the deadline passes, or shutdown().
  Wait wait(const std::string& location, std::int64_t after, std::chrono::steady_clock::time_point deadline);

  // Wakes every waiter and lets no new one wait: the server is stopping.
  void shutdown();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, std::int64_t> latest_;  // by location; only calls since the server started
  int max_waiters_;
  int waiters_ = 0;
  bool stopping_ = false;
};

}  // namespace wk::service
