#pragma once
// The lifecycle every long-poll of the app shares, written once: a thread that asks the service the same
// question again and again (GET `path()`, which waits up to `wait_s` for news), hands each answer to
// `take`, and on a failure says so once in the log, tells `on_online`, and waits with backoff and jitter,
// or as long as the service's Retry-After asks. A full service answers at once with nothing and a
// Retry-After: that is waited out too, so nobody asks again at once.
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <thread>

#include "net/queue_client.hpp"
#include "worker/backoff.hpp"
#include "worker/stop_signal.hpp"

namespace wk::net {

class LongPoll {
 public:
  struct Options {
    ClientOptions client;
    int wait_s = 25;  // the service caps it at 30
    long base_backoff_ms = 500, max_backoff_ms = 30000;
    std::string what;  // for the log: "calls", "reprints"
    std::function<std::string()> path;
    // On the poll's thread: takes one answer; returns why it is not one ("" when it was taken).
    std::function<std::string(const nlohmann::json&)> take;
    std::function<void(bool online)> on_online;     // on a change only; optional
    std::function<void(QueueClient&)> before_each;  // optional: a best-effort look before each poll
  };
  explicit LongPoll(Options options);
  ~LongPoll();  // stops and joins
  void start();
  void stop();  // ends a poll under way within about a second

 private:
  void run();
  worker::StopSignal stop_;
  Options o_;
  std::thread thread_;
};

// Client options for long-polls of `wait_s` seconds: the total timeout covers the wait plus the usual
// answer time, and raising `stop` cancels a call under way.
ClientOptions long_poll_options(ClientOptions options, int wait_s, const worker::StopSignal& stop);

}  // namespace wk::net
