#include "net/calls_listener.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <utility>

#include "net/sync_worker.hpp"  // backoff_ms: the same backoff rule as the outbox

namespace wk::net {

CallsListener::CallsListener(Options options) : o_(std::move(options)) {
  o_.client = long_poll_options(o_.client, o_.wait_s, stop_);
}

CallsListener::~CallsListener() {
  stop();
}

void CallsListener::start() {
  if (thread_.joinable()) return;
  stop_.reset();
  thread_ = std::thread([this] { run(); });
}

void CallsListener::stop() {
  stop_.raise();
  if (thread_.joinable()) thread_.join();
}

void CallsListener::run() {
  QueueClient client(o_.client);
  std::mt19937 rng(std::random_device{}());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::int64_t after = o_.after;
  int failures = 0;
  bool online = false, reported = false, have_config = false;
  auto report = [&](bool now_online) {
    if (reported && online == now_online) return;
    online = now_online;
    reported = true;
    if (o_.on_online) o_.on_online(now_online);
  };
  while (!stop_.stopped()) {
    if (!have_config) {
      // Best effort: without it the display still shows calls and speaks in its default language.
      auto r = client.get("/v1/config");
      if (r && r->status == 200) {
        auto j = nlohmann::json::parse(r->body, nullptr, false);
        if (!j.is_discarded())
          if (auto c = location_config_from_json(j, "GET /v1/config"); c && o_.on_config)
            o_.on_config(c.value());
        have_config = true;
      }
    }
    const std::string path =
        "/v1/calls?after=" + std::to_string(after) + "&wait=" + std::to_string(o_.wait_s);
    auto r = client.get(path);
    if (stop_.stopped()) break;
    std::string why;
    if (!r)
      why = to_string(r.error());
    else if (r->status != 200)
      why = "HTTP " + std::to_string(r->status);
    else {
      auto j = nlohmann::json::parse(r->body, nullptr, false);
      auto batch = j.is_discarded() ? Result<display::CallBatch>(make_error("bad_response", "not JSON"))
                                    : display::calls_from_json(j);
      if (!batch)
        why = to_string(batch.error());
      else {
        failures = 0;
        report(true);
        after = std::max(after, batch->last_seq);
        if (o_.on_batch && !batch->calls.empty()) o_.on_batch(batch.value());
        // A full service answers at once with nothing and says when to come back: no asking again at once.
        if (r->retry_after_s > 0 && !stop_.sleep_for_ms(r->retry_after_s * 1000)) break;
        continue;
      }
    }
    report(false);
    if (failures == 0) std::fprintf(stderr, "wijkkiosk: waiting for calls failed: %s\n", why.c_str());
    ++failures;
    const long wait = r && r->retry_after_s > 0
                          ? r->retry_after_s * 1000
                          : backoff_ms(failures, unit(rng), o_.base_backoff_ms, o_.max_backoff_ms);
    if (!stop_.sleep_for_ms(wait)) break;
  }
}

}  // namespace wk::net
