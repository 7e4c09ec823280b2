// POST /v1/login: a staff user of a location gets a session token for the counter (or, for the web
// counter, a cookie: staff_cookie.hpp); GET /v1/session says whose it is; POST /v1/logout ends it.
// A wrong password and an unknown user (or location) get the same 401 after the same work: an unknown
// user is checked against a dummy hash, so neither the answer nor its time tells which names exist.
#include <algorithm>

#include "core/clock.hpp"
#include "service/admin.hpp"
#include "service/http.hpp"
#include "service/secrets.hpp"
#include "service/staff_cookie.hpp"

namespace wk::service::http {
namespace {

constexpr UnixMs kSessionMs = 12LL * 60 * 60 * 1000;
// Per user and address: 3 failures, then a delay that doubles (5 s, 10 s, ... up to 5 minutes); per
// address 20 failures in 5 minutes, whatever the names (one desk computer may serve several staff who
// each mistype once). Kept in the database, so a restart forgets nothing. See store::LoginLimits.
const store::LoginLimits kLimits{};

const std::string& dummy_hash() {
  static const std::string hash = [] {
    auto h = hash_password(new_token());
    return h ? h.value() : std::string();
  }();
  return hash;
}

std::optional<std::string> string_field(const nlohmann::json& body, const char* name, std::size_t max) {
  if (!body.contains(name) || !body[name].is_string()) return std::nullopt;
  std::string value = body[name].get<std::string>();
  if (value.empty() || value.size() > max) return std::nullopt;
  return value;
}

void post_login(Context& ctx, const Request& req, Response& res) {
  const auto body = read_json_body(req, res);
  if (!body) return;
  if (!body->is_object()) return send_error(res, 422, "field_invalid", "The body must be a JSON object.");
  std::optional<std::string> fields[3];
  const char* names[3] = {"location", "user", "password"};
  for (int i = 0; i < 3; ++i) {
    fields[i] = string_field(*body, names[i], 256);
    if (!fields[i])
      return send_error(
          res, 422, "field_missing",
          std::string("The field '") + names[i] + "' is missing or not a text of 1 to 256 characters.",
          names[i]);
  }
  const std::string& location = *fields[0];
  const std::string& user = *fields[1];
  const std::string& password = *fields[2];

  const UnixMs now = ctx.now();
  // Counted before the password is looked at: forty parallel guesses cannot all slip in.
  auto attempt = ctx.db.reserve_login(location + "/" + user, req.remote_addr, now, kLimits);
  if (!attempt) return send_store_error(res, attempt.error());
  if (attempt->id == 0) {
    const std::int64_t wait_s = std::max<std::int64_t>(1, (attempt->retry_after_ms + 999) / 1000);
    res.set_header("Retry-After", std::to_string(wait_s));
    return send_error(res, 429, "too_many_attempts",
                      "Too many failed logins; try again in " + std::to_string(wait_s) + " seconds.");
  }

  auto stored = ctx.db.staff_password_hash(location, user);
  if (!stored) return send_store_error(res, stored.error());
  // The slow check runs outside the database's lock, so a login never holds up a kiosk's ticket.
  const bool known = stored.value().has_value();
  const bool ok = verify_password(known ? *stored.value() : dummy_hash(), password) && known;
  if (auto r = ctx.db.finish_login(attempt->id, ok); !r) return send_store_error(res, r.error());
  if (!ok) return send_error(res, 401, "bad_login", "The user name or the password is wrong.");
  const std::string token = new_token();
  const store::StaffSession session{location, user, now + kSessionMs};
  if (auto r = ctx.db.add_staff_session(sha256_hex(token), session, now); !r)
    return send_store_error(res, r.error());
  res.set_header("Cache-Control", "no-store");
  // The web counter asks for a cookie: its page then never holds the token (staff_cookie.hpp).
  if (body->contains("session") && (*body)["session"] == "cookie") {
    set_session_cookie(res, token, kSessionMs / 1000);
    return send_json(res, 200,
                     {{"csrf", csrf_for(token)},
                      {"expires_at", to_rfc3339(session.expires_at)},
                      {"location", location},
                      {"user", user}});
  }
  send_json(res, 200, {{"token", token}, {"expires_at", to_rfc3339(session.expires_at)}});
}

// Who this session is, and its CSRF token: the web counter's page asks when it loads, so a reload keeps
// the staff member logged in without the page ever having held the token.
void get_session(Context& ctx, const Request& req, Response& res) {
  const auto staff = authorize(ctx, req, res, {"staff"});
  if (!staff) return;
  bool from_cookie = false;
  const auto token = request_token(req, from_cookie);
  auto session = ctx.db.staff_session(sha256_hex(*token), ctx.now());
  if (!session) return send_store_error(res, session.error());
  if (!session.value()) return send_error(res, 401, "unauthorized", "The session has expired; log in again.");
  res.set_header("Cache-Control", "no-store");
  nlohmann::json j{{"location", session.value()->location},
                   {"user", session.value()->user},
                   {"expires_at", to_rfc3339(session.value()->expires_at)}};
  if (from_cookie) j["csrf"] = csrf_for(*token);
  send_json(res, 200, j);
}

// The session's token is forgotten at once: the next request with it gets 401.
void post_logout(Context& ctx, const Request& req, Response& res) {
  if (!authorize(ctx, req, res, {"staff"})) return;
  bool from_cookie = false;
  const auto token = request_token(req, from_cookie);
  if (auto r = ctx.db.delete_staff_session(sha256_hex(*token)); !r) return send_store_error(res, r.error());
  if (from_cookie) clear_session_cookie(res);
  res.status = 204;
}

}  // namespace

void install_staff_routes(Router& router, Context& ctx) {
  router.post("/v1/login", route(ctx, post_login));
  router.post("/v1/logout", route(ctx, post_logout));
  router.get("/v1/session", route(ctx, get_session));
}

}  // namespace wk::service::http
