#pragma once
// Where long-polls wait: GET /v1/calls (displays) and GET /v1/print-jobs (kiosks). A channel names what
// is waited for (calls_channel(L), print_channel(L)) and carries the latest seq the handlers notified
// after their commit. A waiter first reads the database and only then waits for a seq above what it saw,
// so a change between the two is never missed.
//
// A waiting long-poll holds one of the server's pool threads. So that displays and kiosks together can
// never take all of them, at most `max_waiters` wait at once, and at most `max_per_device` of one device
// (one token cannot hold every slot); a long-poll beyond either is answered at once, with Retry-After.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace wk::service {

inline std::string calls_channel(const std::string& location) {
  return "calls/" + location;
}
inline std::string print_channel(const std::string& location) {
  return "print/" + location;
}

class LongPollBoard {
 public:
  explicit LongPollBoard(int max_waiters, int max_per_device = 4)
      : max_waiters_(max_waiters), max_per_device_(max_per_device) {}

  // After a change on `channel` with this seq is committed.
  void notify(const std::string& channel, std::int64_t seq);

  enum class Wait { arrived, timed_out, too_many_waiters, shutting_down };
  // Blocks until a seq > after is notified on `channel`, the deadline passes, or shutdown(). `device`:
  // who waits (a device id), for the cap per device.
  Wait wait(const std::string& channel, std::int64_t after, std::chrono::steady_clock::time_point deadline,
            const std::string& device);

  // Wakes every waiter and lets no new one wait: the server is stopping.
  void shutdown();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, std::int64_t> latest_;  // by channel; only what happened since the server started
  int max_waiters_, max_per_device_;
  int waiters_ = 0;
  std::map<std::string, int> by_device_;  // waiting now, per device; a device leaves when it has none
  bool stopping_ = false;
};

}  // namespace wk::service
