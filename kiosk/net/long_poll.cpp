#include "net/long_poll.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace wk::net {

ClientOptions long_poll_options(ClientOptions options, int wait_s, const worker::StopSignal& stop) {
  options.cancel = stop.flag();
  options.total_timeout_ms = std::max(options.total_timeout_ms, static_cast<long>(wait_s) * 1000 + 10000);
  return options;
}

LongPoll::LongPoll(Options options) : o_(std::move(options)) {
  o_.client = long_poll_options(o_.client, o_.wait_s, stop_);
}

LongPoll::~LongPoll() {
  stop();
}

void LongPoll::start() {
  if (thread_.joinable()) return;
  stop_.reset();
  thread_ = std::thread([this] { run(); });
}

void LongPoll::stop() {
  stop_.raise();
  if (thread_.joinable()) thread_.join();
}

void LongPoll::run() {
  QueueClient client(o_.client);
  worker::Backoff backoff(o_.base_backoff_ms, o_.max_backoff_ms);
  bool online = false, reported = false;
  auto report = [&](bool now_online) {
    if (reported && online == now_online) return;
    online = now_online;
    reported = true;
    if (o_.on_online) o_.on_online(now_online);
  };
  while (!stop_.stopped()) {
    if (o_.before_each) o_.before_each(client);
    auto r = client.get(o_.path());
    if (stop_.stopped()) break;
    std::string why;
    if (!r)
      why = to_string(r.error());
    else if (r->status != 200)
      why = "HTTP " + std::to_string(r->status);
    else {
      const auto j = nlohmann::json::parse(r->body, nullptr, false);
      why = j.is_discarded() ? "not JSON" : o_.take(j);
      if (why.empty()) {
        backoff.succeeded();
        report(true);
        if (r->retry_after_s > 0 && !stop_.sleep_for_ms(r->retry_after_s * 1000)) break;
        continue;
      }
    }
    report(false);
    if (backoff.failures() == 0)
      std::fprintf(stderr, "wijkkiosk: waiting for %s failed: %s\n", o_.what.c_str(), why.c_str());
    if (!stop_.sleep_for_ms(backoff.failed(r ? r->retry_after_s : 0))) break;
  }
}

}  // namespace wk::net
