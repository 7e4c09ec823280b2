#include "service/call_board.hpp"

namespace wk::service {

void CallBoard::notify(const std::string& location, std::int64_t seq) {
  {
    std::lock_guard lock(mu_);
    auto& latest = latest_[location];
    if (seq > latest) latest = seq;
  }
  // One condition variable for every location: calls are a few a minute, so waking the displays of other
  // locations to look and sleep again costs nothing worth a map of condition variables.
  cv_.notify_all();
}

CallBoard::Wait CallBoard::wait(const std::string& location, std::int64_t after,
                                std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mu_);
  if (stopping_) return Wait::shutting_down;
  if (waiters_ >= max_waiters_) return Wait::too_many_waiters;
  ++waiters_;
  const auto arrived = [&] {
    const auto it = latest_.find(location);
    return it != latest_.end() && it->second > after;
  };
  const bool woke = cv_.wait_until(lock, deadline, [&] { return stopping_ || arrived(); });
  --waiters_;
  if (!woke) return Wait::timed_out;
  return arrived() ? Wait::call_arrived : Wait::shutting_down;
}

void CallBoard::shutdown() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
}

}  // namespace wk::service
