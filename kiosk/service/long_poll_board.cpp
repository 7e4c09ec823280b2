#include "service/long_poll_board.hpp"

#include <cstdlib>
#include <vector>

namespace wk::service {

LongPollBoard::LongPollBoard(int max_waiters, int max_per_device)
    : max_waiters_(max_waiters), max_per_device_(max_per_device), timer_([this] { run_timer(); }) {}

LongPollBoard::~LongPollBoard() {
  shutdown();
  timer_.join();
}

LongPollBoard::Wake LongPollBoard::take(std::uint64_t id) {
  auto it = waiters_.find(id);
  Wake wake = std::move(it->second.wake);
  deadlines_.erase({it->second.deadline, id});
  if (--by_device_[it->second.device] == 0) by_device_.erase(it->second.device);
  waiters_.erase(it);
  return wake;
}

std::vector<LongPollBoard::Wake> LongPollBoard::raise(const std::string& channel, std::int64_t seq) {
  auto& latest = latest_[channel];
  if (seq > latest) latest = seq;
  // Calls and reprints come a few a minute, so a scan of the waiters costs less than keeping an index.
  std::vector<std::uint64_t> ids;
  for (const auto& [id, w] : waiters_)
    if (w.channel == channel && seq > w.after) ids.push_back(id);
  std::vector<Wake> woken;
  for (const auto id : ids) woken.push_back(take(id));
  return woken;
}

void LongPollBoard::notify(const std::string& channel, std::int64_t seq) {
  if (relay_) relay_("n " + std::to_string(seq) + " " + channel);
  std::vector<Wake> woken;
  {
    std::lock_guard lock(mu_);
    woken = raise(channel, seq);
  }
  for (auto& wake : woken) wake(Wait::arrived);
}

void LongPollBoard::bump(const std::string& channel) {
  if (count_)
    if (const auto seq = count_(channel)) return apply("n " + std::to_string(*seq) + " " + channel);
  if (relay_) relay_("b " + channel);
  std::vector<Wake> woken;
  {
    std::lock_guard lock(mu_);  // one lock for read and raise: two changes at once are two versions
    const auto it = latest_.find(channel);
    woken = raise(channel, (it == latest_.end() ? 0 : it->second) + 1);
  }
  for (auto& wake : woken) wake(Wait::arrived);
}

void LongPollBoard::apply(const std::string& message) {
  std::vector<Wake> woken;
  {
    std::lock_guard lock(mu_);
    if (message.starts_with("b ")) {
      const std::string channel = message.substr(2);
      const auto it = latest_.find(channel);
      woken = raise(channel, (it == latest_.end() ? 0 : it->second) + 1);
    } else if (message.starts_with("n ")) {
      const auto space = message.find(' ', 2);
      if (space == std::string::npos) return;
      char* end = nullptr;
      const long long seq = std::strtoll(message.c_str() + 2, &end, 10);
      if (end != message.c_str() + space) return;
      woken = raise(message.substr(space + 1), seq);
    }
  }
  for (auto& wake : woken) wake(Wait::arrived);
}

std::int64_t LongPollBoard::latest(const std::string& channel) const {
  std::lock_guard lock(mu_);
  const auto it = latest_.find(channel);
  return it == latest_.end() ? 0 : it->second;
}

LongPollBoard::Wait LongPollBoard::park(const std::string& channel, std::int64_t after,
                                        std::chrono::steady_clock::time_point deadline,
                                        const std::string& device, Wake wake) {
  std::lock_guard lock(mu_);
  if (stopping_) return Wait::shutting_down;
  if (const auto it = latest_.find(channel); it != latest_.end() && it->second > after) return Wait::arrived;
  if (static_cast<int>(waiters_.size()) >= max_waiters_) return Wait::too_many_waiters;
  int& mine = by_device_[device];
  if (mine >= max_per_device_) return Wait::too_many_waiters;
  ++mine;
  const std::uint64_t id = next_id_++;
  waiters_.emplace(id, Waiter{channel, device, after, deadline, std::move(wake)});
  const bool earliest = deadlines_.empty() || deadline < deadlines_.begin()->first;
  deadlines_.emplace(deadline, id);
  if (earliest) timer_cv_.notify_one();
  return Wait::parked;
}

void LongPollBoard::run_timer() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (deadlines_.empty()) {
      timer_cv_.wait(lock);
      continue;
    }
    const auto next = deadlines_.begin()->first;
    if (timer_cv_.wait_until(lock, next) != std::cv_status::timeout) continue;
    std::vector<Wake> expired;
    const auto now = std::chrono::steady_clock::now();
    while (!deadlines_.empty() && deadlines_.begin()->first <= now)
      expired.push_back(take(deadlines_.begin()->second));
    lock.unlock();
    for (auto& wake : expired) wake(Wait::timed_out);
    lock.lock();
  }
}

void LongPollBoard::shutdown() {
  std::vector<Wake> woken;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    while (!waiters_.empty()) woken.push_back(take(waiters_.begin()->first));
  }
  timer_cv_.notify_all();
  for (auto& wake : woken) wake(Wait::shutting_down);
}

int LongPollBoard::waiting() const {
  std::lock_guard lock(mu_);
  return static_cast<int>(waiters_.size());
}

}  // namespace wk::service
