#pragma once
// Internal to service/: the web counter's session, carried by a cookie instead of a bearer header. A
// browser page must never hold the token where a script (or an address bar, or a log) could read it, so
// it lives in an HttpOnly cookie that only this origin gets back (__Host-, Secure, SameSite=Strict). A
// cookie rides along on any request the browser makes, so each change (every method but GET and HEAD)
// must also carry the session's CSRF token in a header, which another site can neither read nor send.
#include <optional>
#include <string>
#include <string_view>

#include "service/http_message.hpp"

namespace wk::service::http {

inline constexpr std::string_view kStaffCookie = "__Host-wk_staff";

// The session token in the request's Cookie header, if it carries one.
std::optional<std::string> cookie_token(const Request& req);

// The CSRF token of a session: derived from its token one way, so it gives the token away to no one, and
// the service needs to keep nothing more than it does for a bearer session.
std::string csrf_for(std::string_view token);

// Whether a request authenticated by cookie may go on: a safe method, or the session's CSRF token in
// X-CSRF-Token (compared in constant time).
bool csrf_holds(const Request& req, std::string_view token);

void set_session_cookie(Response& res, std::string_view token, long long max_age_s);
void clear_session_cookie(Response& res);

}  // namespace wk::service::http
