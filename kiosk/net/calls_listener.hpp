#pragma once
// The display's ear: a thread that long-polls GET /v1/calls?after=SEQ&wait=S with the display's device
// token and hands every batch to a callback. On a failure it reports "offline" once and retries with
// exponential backoff and jitter (capped), so fifty displays of a restarted service do not all knock at
// the same instant. It also fetches the location config once (the language the display speaks).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/config.hpp"
#include "core/display_board.hpp"
#include "net/queue_client.hpp"
#include "net/stop_signal.hpp"

namespace wk::net {

class CallsListener {
 public:
  struct Options {
    ClientOptions client;    // with the display's token
    std::int64_t after = 0;  // the first poll's `after`
    int wait_s = 25;         // long-poll wait; the service caps it at 30
    long base_backoff_ms = 500, max_backoff_ms = 30000;
    // Called on the listener thread: keep them short (post to the UI and wake it).
    std::function<void(const display::CallBatch&)> on_batch;
    std::function<void(bool online)> on_online;
    std::function<void(const LocationConfig&)> on_config;
  };
  explicit CallsListener(Options options);
  ~CallsListener();  // stops and joins
  void start();
  void stop();  // ends a poll under way within about a second

 private:
  void run();
  StopSignal stop_;
  Options o_;
  std::thread thread_;
};

}  // namespace wk::net
