#include "net/calls_listener.hpp"

#include <algorithm>
#include <utility>

namespace wk::net {

CallsListener::CallsListener(Options options)
    : after_(options.after),
      o_(std::move(options)),
      poll_({.client = o_.client,
             .wait_s = o_.wait_s,
             .base_backoff_ms = o_.base_backoff_ms,
             .max_backoff_ms = o_.max_backoff_ms,
             .what = "calls",
             .path =
                 [this] {
                   return "/v1/calls?after=" + std::to_string(after_) + "&wait=" + std::to_string(o_.wait_s);
                 },
             .take = [this](const nlohmann::json& j) -> std::string {
               auto batch = display::calls_from_json(j);
               if (!batch) return to_string(batch.error());
               after_ = std::max(after_, batch->last_seq);
               if (o_.on_batch && !batch->calls.empty()) o_.on_batch(batch.value());
               return {};
             },
             .on_online = o_.on_online,
             .before_each =
                 [this](QueueClient& client) {
                   if (have_config_) return;
                   // Best effort: without it the display still shows calls and speaks its default language.
                   auto r = client.get("/v1/config");
                   if (!r || r->status != 200) return;
                   const auto j = nlohmann::json::parse(r->body, nullptr, false);
                   if (!j.is_discarded())
                     if (auto c = location_config_from_json(j, "GET /v1/config"); c && o_.on_config)
                       o_.on_config(c.value());
                   have_config_ = true;
                 }}) {}

}  // namespace wk::net
