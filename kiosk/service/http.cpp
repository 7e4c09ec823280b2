#include "service/http.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/clock.hpp"
#include "core/clock_offset.hpp"
#include "service/secrets.hpp"
#include "service/staff_cookie.hpp"

namespace wk::service::http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

void send_error(Response& res, int status, std::string_view code, std::string_view message,
                std::string_view field) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  send_json(res, status, {{"error", error}});
}

// How long a client should wait before trying a busy or full database again.
constexpr int kRetryAfterS = 5;

void send_store_error(Response& res, const Error& error) {
  // db_unavailable: PostgreSQL restarting, or failing over to its replica.
  const bool transient = error.code == "db_busy" || error.code == "disk_full" || error.code == "disk_error" ||
                         error.code == "db_unavailable";
  // The detail stays in the server: it may name paths, and the client cannot act on it.
  send_error(res, transient ? 503 : 500, error.code, error.message);
  if (transient) res.set_header("Retry-After", std::to_string(kRetryAfterS));
}

void send_json(Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void fill_empty_error(Response& res) {
  if (res.status < 400) return;               // 304 and 204 carry no body
  if (!res.body.empty() || res.file) return;  // a file's bytes come from the file, not the body
  switch (res.status) {
    case 400:
      return send_error(res, 400, "bad_request", "The request could not be read as HTTP.");
    case 404:
      return send_error(res, 404, "not_found",
                        "There is no such endpoint; see docs/openapi.yaml for the API.");
    case 405:
      return send_error(res, 405, "method_not_allowed", "This endpoint does not take this method.");
    case 408:
      return send_error(res, 408, "request_timeout", "The request did not arrive in time.");
    case 413:
      return send_error(res, 413, "payload_too_large", "The body is larger than 64 KiB.");
    case 414:
      return send_error(res, 414, "uri_too_long", "The address of the request is too long.");
    case 416:
      return send_error(res, 416, "range_not_satisfiable", "The requested range is not available.");
    default:
      return send_error(
          res, res.status, res.status >= 500 ? "internal_error" : "bad_request",
          res.status >= 500 ? "The service failed; please try again later." : "The request was refused.");
  }
}

std::optional<std::string> request_token(const Request& req, bool& from_cookie) {
  from_cookie = false;
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kScheme = "bearer ";
  // A token is 43 characters; anything far longer is not one, and is not worth hashing.
  if (header.size() > kScheme.size() && header.size() <= 512 &&
      lower(header.substr(0, kScheme.size())) == kScheme)
    return header.substr(kScheme.size());
  if (!header.empty()) return std::nullopt;
  from_cookie = true;
  return cookie_token(req);
}

std::optional<store::DeviceRow> authorize(Context& ctx, const Request& req, Response& res,
                                          std::initializer_list<std::string_view> roles) {
  bool from_cookie = false;
  const auto token = request_token(req, from_cookie);
  if (!token) {
    send_error(res, 401, "unauthorized", "This needs a device token: send 'Authorization: Bearer <token>'.");
    return std::nullopt;
  }
  const std::string hash = sha256_hex(*token);
  // A cookie carries only a staff session: a device's token never lives in a browser.
  Result<std::optional<store::DeviceRow>> device = std::optional<store::DeviceRow>();
  if (!from_cookie) device = ctx.db.device_by_token_hash(hash);
  if (!device) {
    send_store_error(res, device.error());
    return std::nullopt;
  }
  if (!device.value()) {
    auto session = ctx.db.staff_session(hash, ctx.now());
    if (!session) {
      send_store_error(res, session.error());
      return std::nullopt;
    }
    if (session.value())
      device.value() = store::DeviceRow{"staff:" + session.value()->user,
                                        session.value()->user,
                                        "staff",
                                        session.value()->location,
                                        0,
                                        std::nullopt};
  }
  if (!device.value()) {
    send_error(res, 401, "unauthorized",
               "The token is not known to this service (or the session has expired); log in again or ask IT "
               "for a new one.");
    return std::nullopt;
  }
  if (from_cookie && !csrf_holds(req, *token)) {
    send_error(res, 403, "csrf_failed",
               "This change lacks the session's X-CSRF-Token; reload the page and try again.");
    return std::nullopt;
  }
  if (std::find(roles.begin(), roles.end(), device.value()->role) == roles.end()) {
    send_error(res, 403, "forbidden",
               "A device with the role '" + device.value()->role + "' may not do this.");
    return std::nullopt;
  }
  return device.value();
}

std::optional<nlohmann::json> read_json_body(const Request& req, Response& res) {
  const std::string type = lower(req.get_header_value("Content-Type"));
  if (type != "application/json" && !type.starts_with("application/json;")) {
    send_error(res, 415, "unsupported_media_type",
               "The body must be JSON, sent as 'Content-Type: application/json'.");
    return std::nullopt;
  }
  // The server refuses a larger body while it streams in; this holds for any other way in.
  if (req.body.size() > kMaxBodyBytes) {
    send_error(res, 413, "payload_too_large", "The body is larger than 64 KiB.");
    return std::nullopt;
  }
  auto body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    send_error(res, 400, "bad_json", "The body is not valid JSON.");
    return std::nullopt;
  }
  return body;
}

std::optional<std::int64_t> parse_int(const std::string& text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

bool query_int(const Request& req, Response& res, const char* name, std::int64_t lo, std::int64_t hi,
               std::optional<std::int64_t>& out) {
  if (!req.has_param(name)) return true;
  out = parse_int(req.get_param_value(name));
  if (!out || *out < lo || *out > hi) {
    send_error(res, 422, "field_invalid",
               std::string("The parameter '") + name + "' must be a whole number from " + std::to_string(lo) +
                   " to " + std::to_string(hi) + ".",
               name);
    return false;
  }
  return true;
}

Result<std::optional<store::PublicTicket>> find_public_ticket(Context& ctx, const std::string& public_token) {
  const UnixMs now = ctx.now();
  auto found = ctx.db.public_ticket(public_token, now);
  if (!found || !found.value() || (found.value()->status != "waiting" && found.value()->status != "called"))
    return found;
  // Still open: if its day has ended, close that day now and read the ticket again.
  auto location = ctx.locations.get(found.value()->location);
  if (!location) return location.error();
  if (!location.value() || found.value()->local_day >= local_day(location.value()->tz, now)) return found;
  if (auto today = ctx.day_end.today(found.value()->location, location.value()->tz, now); !today)
    return today.error();
  return ctx.db.public_ticket(public_token, now);
}

Result<UnixMs> filed_at(UnixMs created_at, UnixMs now, const std::string& device_id, const char* what) {
  constexpr UnixMs kSaneSpanMs = 366LL * 24 * 3600 * 1000;
  if (created_at < now - kSaneSpanMs || created_at > now + kSaneSpanMs)
    return make_error(
        "field_invalid",
        "The field 'created_at' must lie within a year of the service's time, " + to_rfc3339(now) + ".",
        "created_at");
  if (created_at <= now + kClockToleranceMs) return created_at;
  std::fprintf(stderr, "wijkqueue: device %s sent %s %llds ahead of the service's clock; filed at %s\n",
               device_id.c_str(), what, static_cast<long long>((created_at - now) / 1000),
               to_rfc3339(now).c_str());
  return now;
}

std::optional<std::string> today_at(Context& ctx, const LocationView& view, UnixMs now, Response& res) {
  auto today = ctx.day_end.today(view.row.id, view.tz, now);
  if (!today) {
    send_store_error(res, today.error());
    return std::nullopt;
  }
  return today.value();
}

}  // namespace wk::service::http
