#pragma once
// The main thread's inbox: workers post events from their threads, the UI thread takes them all after a
// wake. `wake` is the event loop's (it must be safe from any thread and never block).
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace wk::worker {

template <class Event>
class Inbox {
 public:
  explicit Inbox(std::function<void()> wake = {}) : wake_(std::move(wake)) {}
  void set_wake(std::function<void()> wake) {
    std::lock_guard lock(mu_);
    wake_ = std::move(wake);
  }
  void post(Event e) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mu_);
      events_.push_back(std::move(e));
      wake = wake_;
    }
    if (wake) wake();
  }
  std::vector<Event> take() {
    std::lock_guard lock(mu_);
    return std::exchange(events_, {});
  }
  // What a worker hands its results to.
  std::function<void(Event)> poster() {
    return [this](Event e) { post(std::move(e)); };
  }

 private:
  std::mutex mu_;
  std::vector<Event> events_;
  std::function<void()> wake_;
};

}  // namespace wk::worker
