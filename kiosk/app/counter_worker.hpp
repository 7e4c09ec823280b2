#pragma once
// The counter's imperative shell off the UI thread: runs core's effects (login, queue, calls) one after
// another with the StaffClient and posts the outcomes back as core events; refreshes the queue every few
// seconds while logged in, which is also how the counter finds its service again after being offline.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/config.hpp"
#include "core/counter.hpp"
#include "net/staff_client.hpp"

namespace wk::app {

// The desk's topic filter as the last run kept it (empty when none was kept or the file is unreadable).
std::vector<std::string> load_desk_topics(const std::string& path);

class CounterWorker {
 public:
  struct Options {
    net::ClientOptions client;
    long refresh_ms = 5000;
    long follow_reprint_ms = 700;              // how often a reprint under way is looked at
    std::string desk_topics_file;              // where SaveDeskTopics keeps the desk's filter; empty: nowhere
    std::function<void(counter::Event)> post;  // from the worker thread: queue for the UI and wake it
    std::function<void(const LocationConfig&)> on_config;  // topic names for the screens
  };
  explicit CounterWorker(Options options);
  ~CounterWorker();  // stops and joins
  void run(counter::Effect effect);

 private:
  void loop();
  void execute(net::StaffClient& client, const counter::Effect& effect);
  Options o_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<counter::Effect> jobs_;
  bool stop_ = false;
  // A reprint being followed: looked at again once this time has come (worker thread only).
  std::optional<std::int64_t> follow_job_;
  std::chrono::steady_clock::time_point follow_at_;
  std::atomic<bool> cancel_{false};
  std::thread thread_;
};

}  // namespace wk::app
