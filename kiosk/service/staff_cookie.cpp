#include "service/staff_cookie.hpp"

#include <sodium.h>

#include "service/secrets.hpp"

namespace wk::service::http {

std::optional<std::string> cookie_token(const Request& req) {
  const std::string header = req.get_header_value("Cookie");
  // "a=1; __Host-wk_staff=TOKEN; b=2": the pairs are split on ';' and may have spaces after it.
  std::string_view rest = header;
  while (!rest.empty()) {
    const auto end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > kStaffCookie.size() && pair.starts_with(kStaffCookie) &&
        pair[kStaffCookie.size()] == '=') {
      const auto value = pair.substr(kStaffCookie.size() + 1);
      // A token is 43 characters; anything far longer is not one.
      if (value.empty() || value.size() > 256) return std::nullopt;
      return std::string(value);
    }
  }
  return std::nullopt;
}

std::string csrf_for(std::string_view token) {
  return sha256_hex("wijkqueue csrf\n" + std::string(token));
}

bool csrf_holds(const Request& req, std::string_view token) {
  if (req.method == "GET" || req.method == "HEAD") return true;
  const std::string sent = req.get_header_value("X-CSRF-Token");
  const std::string expected = csrf_for(token);
  return sent.size() == expected.size() && sodium_memcmp(sent.data(), expected.data(), sent.size()) == 0;
}

void set_session_cookie(Response& res, std::string_view token, long long max_age_s) {
  res.set_header("Set-Cookie",
                 std::string(kStaffCookie) + "=" + std::string(token) +
                     "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s));
}

void clear_session_cookie(Response& res) {
  res.set_header("Set-Cookie",
                 std::string(kStaffCookie) + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
}

}  // namespace wk::service::http
