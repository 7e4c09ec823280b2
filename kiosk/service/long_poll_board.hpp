#pragma once
// Where long-polls wait: GET /v1/calls (displays) and GET /v1/print-jobs (kiosks). A channel names what
// is waited for (calls_channel(L), print_channel(L)) and carries the latest seq the handlers notified
// after their commit. A waiter first reads the database and only then parks for a seq above what it saw,
// so a change between the two is never missed.
//
// A parked long-poll holds no thread: the server suspends its connection and the board keeps a callback
// that wakes it (on notify, at its deadline, or at shutdown). So thousands of displays can wait. A cap per
// device still keeps one token from holding every place (max_per_device), and a cap in total bounds the
// memory; a long-poll beyond either is answered at once, with Retry-After.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace wk::service {

inline std::string calls_channel(const std::string& location) {
  return "calls/" + location;
}
inline std::string print_channel(const std::string& location) {
  return "print/" + location;
}
// Anything a counter shows at a location: a ticket issued, called or moved on, a volunteer registered or
// handled. Its seq is a version the service counts itself (bump), not a database's.
inline std::string counter_channel(const std::string& location) {
  return "counter/" + location;
}

class LongPollBoard {
 public:
  explicit LongPollBoard(int max_waiters = 20000, int max_per_device = 4);
  ~LongPollBoard();  // shutdown(), then joins the timer
  LongPollBoard(const LongPollBoard&) = delete;
  LongPollBoard& operator=(const LongPollBoard&) = delete;

  // After a change on `channel` with this seq is committed.
  void notify(const std::string& channel, std::int64_t seq);
  // After a change on a channel whose seq the board counts itself: one up, and its waiters wake.
  void bump(const std::string& channel);
  // Where this board tells other instances of its notifies and bumps (service/cross_instance.hpp): set
  // once, before serving. A message: "n SEQ CHANNEL" or "b CHANNEL".
  void relay_to(std::function<void(const std::string&)> send) { relay_ = std::move(send); }
  // Where bump() takes its next seq when instances count together (the database's change counter, which
  // tells the other instances itself); the bump then raises the channel to it here, without a relay.
  // nullopt from it: counted here, as with one instance. Set once, before serving.
  void count_bumps_with(std::function<std::optional<std::int64_t>(const std::string&)> next) {
    count_ = std::move(next);
  }
  // A message another instance relayed: applied here as if it happened here, and not relayed again.
  void apply(const std::string& message);

  // The channel's latest seq since the server started (0: nothing yet).
  std::int64_t latest(const std::string& channel) const;

  enum class Wait { parked, arrived, timed_out, too_many_waiters, shutting_down };
  using Wake = std::function<void(Wait)>;  // arrived, timed_out or shutting_down; never under the lock
  // Parks a waiter for a seq > after on `channel` until `deadline`. `device`: who waits, for the cap per
  // device. Returns parked (wake runs once, later, on another thread), or at once arrived (already
  // there), too_many_waiters or shutting_down, and then wake never runs.
  Wait park(const std::string& channel, std::int64_t after, std::chrono::steady_clock::time_point deadline,
            const std::string& device, Wake wake);

  // Wakes every waiter with shutting_down and lets no new one park: the server is stopping.
  void shutdown();
  int waiting() const;

 private:
  struct Waiter {
    std::string channel, device;
    std::int64_t after = 0;
    std::chrono::steady_clock::time_point deadline;
    Wake wake;
  };
  void run_timer();
  // Under the lock: `channel` is at least `seq` now; its waiters below it leave the board, and their
  // wakes come back to be run outside the lock.
  std::vector<Wake> raise(const std::string& channel, std::int64_t seq);
  // Takes waiter `id` off the board (under the lock) and hands back its wake.
  Wake take(std::uint64_t id);

  mutable std::mutex mu_;
  std::condition_variable timer_cv_;
  std::map<std::string, std::int64_t> latest_;  // by channel; only what happened since the server started
  int max_waiters_, max_per_device_;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, Waiter> waiters_;
  std::set<std::pair<std::chrono::steady_clock::time_point, std::uint64_t>> deadlines_;
  std::map<std::string, int> by_device_;  // waiting now, per device; a device leaves when it has none
  bool stopping_ = false;
  std::function<void(const std::string&)> relay_;                         // empty: one instance
  std::function<std::optional<std::int64_t>(const std::string&)> count_;  // empty: bumps counted here
  std::thread timer_;  // last: started once the rest exists
};

}  // namespace wk::service
