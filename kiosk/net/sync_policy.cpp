#include "net/sync_policy.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "net/sync_worker.hpp"

namespace wk::net {

Verdict verdict_for(long s) {
  if (s >= 200 && s < 300) return Verdict::sent;
  if (s == 401 || s == 408 || s == 429) return Verdict::retry;
  if (s >= 400 && s < 500) return Verdict::park;
  return Verdict::retry;
}

bool says_service_away(long s, long retry_after_s) {
  return (s == 502 || s == 503 || s == 504) && retry_after_s <= 0;
}

std::string describe_refusal(long s, const std::string& body) {
  std::string out = "HTTP " + std::to_string(s);
  const auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    const auto& e = j["error"];
    if (e.contains("code") && e["code"].is_string()) out += " " + e["code"].get<std::string>();
    if (e.contains("message") && e["message"].is_string()) out += ": " + e["message"].get<std::string>();
    return out;
  }
  // Not an API.md error (a proxy's page, say): a short, single-line piece of it is enough for IT.
  std::string piece = body.substr(0, 160);
  std::replace_if(
      piece.begin(), piece.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return piece.empty() ? out : out + ": " + piece;
}

}  // namespace wk::net
