// POST /v1/login: a staff user of a location gets a session token for the counter.
// A wrong password and an unknown user (or location) get the same 401 after the same work: an unknown
// user is checked against a dummy hash, so neither the answer nor its time tells which names exist.
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

#include "core/clock.hpp"
#include "service/admin.hpp"
#include "service/http.hpp"
#include "service/secrets.hpp"

namespace wk::service::http {
namespace {

constexpr UnixMs kSessionMs = 12LL * 60 * 60 * 1000;
constexpr UnixMs kWindowMs = 5LL * 60 * 1000;
// Per user: 5 failures in 5 minutes. Per address a little more, since one desk computer may serve
// several staff members who each mistype once; still far too few to guess a password.
constexpr std::size_t kMaxUserFailures = 5;
constexpr std::size_t kMaxAddressFailures = 20;

// Failed logins in the last 5 minutes, per key ("u:location/user" and "a:address"). In memory: a restart
// forgets them, which costs an attacker a restart per 5 guesses.
class LoginLimiter {
 public:
  // Seconds until `key` may try again; 0 when it may now.
  std::int64_t retry_after_s(const std::string& key, std::size_t max, UnixMs now) {
    std::lock_guard lock(mu_);
    auto it = failures_.find(key);
    if (it == failures_.end()) return 0;
    prune(it->second, now);
    if (it->second.size() < max) return 0;
    // The oldest failure that still counts leaves the window first.
    const UnixMs free_at = it->second[it->second.size() - max] + kWindowMs;
    return std::max<std::int64_t>(1, (free_at - now + 999) / 1000);
  }

  void fail(const std::string& key, UnixMs now) {
    std::lock_guard lock(mu_);
    // Bounded memory under a flood of made-up user names: drop keys whose failures have all expired.
    if (failures_.size() > 10000) {
      for (auto it = failures_.begin(); it != failures_.end();) {
        prune(it->second, now);
        it = it->second.empty() ? failures_.erase(it) : std::next(it);
      }
    }
    failures_[key].push_back(now);
  }

 private:
  static void prune(std::deque<UnixMs>& times, UnixMs now) {
    while (!times.empty() && times.front() <= now - kWindowMs) times.pop_front();
  }
  std::mutex mu_;
  std::map<std::string, std::deque<UnixMs>> failures_;
};

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

void post_login(Context& ctx, LoginLimiter& limiter, const httplib::Request& req, httplib::Response& res) {
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
  const std::string user_key = "u:" + location + "/" + user;
  const std::string address_key = "a:" + req.remote_addr;
  const std::int64_t wait_s = std::max(limiter.retry_after_s(user_key, kMaxUserFailures, now),
                                       limiter.retry_after_s(address_key, kMaxAddressFailures, now));
  if (wait_s > 0) {
    res.set_header("Retry-After", std::to_string(wait_s));
    return send_error(res, 429, "too_many_attempts",
                      "Too many failed logins; try again in " + std::to_string(wait_s) + " seconds.");
  }

  auto stored = ctx.db.staff_password_hash(location, user);
  if (!stored) return send_store_error(res, stored.error());
  // The slow check runs outside the database's lock, so a login never holds up a kiosk's ticket.
  const bool known = stored.value().has_value();
  const bool ok = verify_password(known ? *stored.value() : dummy_hash(), password) && known;
  if (!ok) {
    limiter.fail(user_key, now);
    limiter.fail(address_key, now);
    return send_error(res, 401, "bad_login", "The user name or the password is wrong.");
  }
  const std::string token = new_token();
  const store::StaffSession session{location, user, now + kSessionMs};
  if (auto r = ctx.db.add_staff_session(sha256_hex(token), session, now); !r)
    return send_store_error(res, r.error());
  res.set_header("Cache-Control", "no-store");
  send_json(res, 200, {{"token", token}, {"expires_at", to_rfc3339(session.expires_at)}});
}

}  // namespace

void install_staff_routes(httplib::Server& server, Context& ctx) {
  auto limiter = std::make_shared<LoginLimiter>();
  server.Post("/v1/login", [&ctx, limiter](const httplib::Request& req, httplib::Response& res) {
    post_login(ctx, *limiter, req, res);
  });
}

}  // namespace wk::service::http
