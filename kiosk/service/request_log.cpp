#include "service/request_log.hpp"

#include <array>

namespace wk::service {
namespace {

constexpr std::size_t kMaxLoggedPath = 128;

// Every route whose path holds a secret. They are looked for anywhere in the path, not only at its
// start, so that "//t/..." or "/x/../t/..." (which the router refuses) cannot bring a token to the log.
constexpr std::array<std::string_view, 2> kSecretMarkers = {"/public/tickets/", "/t/"};

std::string printable(std::string_view s, std::size_t max) {
  std::string out;
  for (char c : s.substr(0, max)) out += (c >= 0x21 && c <= 0x7e) ? c : '?';
  if (s.size() > max) out += "...";
  return out;
}

}  // namespace

std::string redact_path(std::string_view path) {
  if (path.empty()) return "-";
  for (std::string_view marker : kSecretMarkers)
    if (const auto at = path.find(marker); at != std::string_view::npos)
      return printable(path.substr(0, at), kMaxLoggedPath) + std::string(marker) + "{token}";
  return printable(path, kMaxLoggedPath);
}

std::string log_line(UnixMs at, std::string_view method, std::string_view path, int status, long long ms) {
  return to_rfc3339(at) + " " + printable(method.empty() ? "-" : method, 16) + " " + redact_path(path) + " " +
         std::to_string(status) + " " + std::to_string(ms) + "ms";
}

std::optional<std::string> RepeatLimiter::pass(const std::string& line,
                                               std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mu_);
  auto [it, first] = seen_.try_emplace(line, Seen{now, 0});
  if (!first && now - it->second.last < period_) {
    ++it->second.held_back;
    return std::nullopt;
  }
  const long held = it->second.held_back;
  it->second = Seen{now, 0};
  // The kinds of lines are few (the library's fixed messages), so the map stays small.
  return held == 0 ? line : line + " (and " + std::to_string(held) + " more like it)";
}

}  // namespace wk::service
