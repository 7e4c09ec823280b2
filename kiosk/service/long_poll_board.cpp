#include "service/long_poll_board.hpp"

namespace wk::service {

void LongPollBoard::notify(const std::string& channel, std::int64_t seq) {
  {
    std::lock_guard lock(mu_);
    auto& latest = latest_[channel];
    if (seq > latest) latest = seq;
  }
  // One condition variable for every channel: calls and reprints are a few a minute, so waking the
  // waiters of other channels to look and sleep again costs nothing worth a map of condition variables.
  cv_.notify_all();
}

LongPollBoard::Wait LongPollBoard::wait(const std::string& channel, std::int64_t after,
                                        std::chrono::steady_clock::time_point deadline,
                                        const std::string& device) {
  std::unique_lock lock(mu_);
  if (stopping_) return Wait::shutting_down;
  if (waiters_ >= max_waiters_) return Wait::too_many_waiters;
  int& mine = by_device_[device];
  if (mine >= max_per_device_) return Wait::too_many_waiters;
  ++mine;
  ++waiters_;
  const auto arrived = [&] {
    const auto it = latest_.find(channel);
    return it != latest_.end() && it->second > after;
  };
  const bool woke = cv_.wait_until(lock, deadline, [&] { return stopping_ || arrived(); });
  --waiters_;
  if (--by_device_[device] == 0) by_device_.erase(device);
  if (!woke) return Wait::timed_out;
  return arrived() ? Wait::arrived : Wait::shutting_down;
}

void LongPollBoard::shutdown() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
}

}  // namespace wk::service
