// The JSON bodies wijkqueue takes, parsed as read_json_body() does (service/http.cpp: nlohmann, no
// exceptions) and handed to the same core parsers the routes call: POST /v1/tickets (ticket_from_json),
// /v1/volunteers (volunteer_from_json), /v1/callbacks (callback_from_json), the numbering a kiosk reports
// (day_numbering_from_json), a location config (location_config_from_json, as GET /v1/config's copy is read
// back by the kiosk) and the updater's report and state (update_report_from_json, update_state_from_json).
// The heartbeat, login and queue-action bodies are checked inline in their handlers, behind the database
// (routes_device.cpp, routes_staff.cpp, routes_queue.cpp), and are not reachable without one.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/callback.hpp"
#include "core/config.hpp"
#include "core/ticket.hpp"
#include "core/update_trial.hpp"
#include "core/volunteer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto body = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!body.is_discarded()) {
    if (auto t = wk::ticket_from_json(body)) (void)wk::ticket_to_json(t.value()).dump();
    if (auto v = wk::volunteer_from_json(body)) (void)wk::volunteer_to_json(v.value()).dump();
    if (auto c = wk::callback_from_json(body)) (void)wk::callback_to_json(c.value()).dump();
    if (auto n = wk::day_numbering_from_json(body)) (void)wk::day_numbering_to_json(n.value()).dump();
    if (auto l = wk::location_config_from_json(body, "fuzz.json")) (void)wk::to_json(l.value()).dump();
  }
  (void)wk::update_report_from_json(text);
  (void)wk::update_state_from_json(text);
  (void)wk::trial_from_json(text);
  return 0;
}
