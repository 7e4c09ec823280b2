#pragma once
// The display's ear: a long-poll of GET /v1/calls?after=SEQ&wait=S with the display's device token that
// hands every batch to a callback, and says when the service is lost and found again (net/long_poll.hpp:
// backoff with jitter, so fifty displays of a restarted service do not all knock at the same instant). It
// also fetches the location config until it has it (the language the display speaks).
#include <cstdint>
#include <functional>

#include "core/config.hpp"
#include "core/display_board.hpp"
#include "net/long_poll.hpp"

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
  void start() { poll_.start(); }
  void stop() { poll_.stop(); }  // ends a poll under way within about a second

 private:
  std::int64_t after_;        // the poll's thread only
  bool have_config_ = false;  // the poll's thread only
  Options o_;
  LongPoll poll_;
};

}  // namespace wk::net
