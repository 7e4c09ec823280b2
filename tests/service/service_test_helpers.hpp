#pragma once
// Shared by the service tests: ticket bodies and a parsed error body.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "support/http_client.hpp"

namespace wk::test {

// A valid POST /v1/tickets body; `n` makes the id and the public token unique. `created_at` is an RFC 3339
// time, relative to the clock the server under test is given (Wijkqueue::now()).
inline nlohmann::json ticket_body(int n, const std::string& code, const std::string& topic,
                                  const std::string& created_at) {
  char id[40], token[40];
  std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
  std::snprintf(token, sizeof token, "publicTokenForTest%010d", n);
  return {{"id", id},
          {"code", code},
          {"topic", topic},
          {"language", "nl"},
          {"created_at", created_at},
          {"public_token", token}};
}

// The test location's time zone (Europe/Amsterdam) and its local day of `t` ("2026-11-24").
inline TzRule amsterdam() {
  return parse_tz_rule("CET-1CEST,M3.5.0,M10.5.0/3").value();
}
inline std::string amsterdam_day(UnixMs t) {
  return local_day(amsterdam(), t);
}

// The "error" object of an API error body, or null when the body is not one.
inline nlohmann::json error_of(const HttpResponse& r) {
  const auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return nullptr;
  const auto& e = j["error"];
  if (!e.contains("code") || !e["code"].is_string() || !e.contains("message") || !e["message"].is_string())
    return nullptr;
  return e;
}

}  // namespace wk::test
