#pragma once
// The sync worker's rules, as pure functions so they can be tested without a network: what an HTTP
// status means for an outbox row, the words kept for IT when a row is parked, and the retry backoff.
#include <string>

namespace wk::net {

enum class Verdict {
  sent,   // 2xx: the service holds it (201 created, 200 for an identical retry)
  park,   // a 4xx that no retry can fix: 400, 403, 404, 409, 413, 415, 422, ...
  retry,  // 401 (token being fixed), 408, 429, 3xx, 5xx: keep it pending and try again later
};

Verdict verdict_for(long http_status);

// A gateway's word that no service stands behind it (HAProxy's 502/503/504 while every instance is down or
// restarting): the service is away, as when nothing answers at all. The service's own 503 (database or
// disk trouble) always says when to come back (Retry-After), and so is busy, not away.
bool says_service_away(long http_status, long retry_after_s);

// "HTTP 422 field_invalid: The field 'topic' must be a topic id." from an API.md error body; the status
// and a short piece of the body when the body is not one.
std::string describe_refusal(long http_status, const std::string& body);

}  // namespace wk::net
