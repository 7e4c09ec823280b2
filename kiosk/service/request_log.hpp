#pragma once
// The request log: one line per request on stderr with the method, the path, the status and the time it
// took. Never a token, never a body: paths that carry a public token are logged with "{token}" instead,
// and the Authorization header is never looked at here.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace wk::service {

// "/v1/public/tickets/abc" -> "/v1/public/tickets/{token}", "/t/abc" -> "/t/{token}"; other paths are
// kept, cut to a sane length, with anything but printable ASCII replaced so a path cannot forge lines.
std::string redact_path(std::string_view path);

// "2026-11-24T09:05:00.123Z POST /v1/tickets 201 4ms"
std::string log_line(UnixMs at, std::string_view method, std::string_view path, int status, long long ms);

// Lets a line through once per `period`; the repeats in between are counted and the next line that
// passes says how many there were ("... (and 999 more like it)"). Thread-safe.
class RepeatLimiter {
 public:
  explicit RepeatLimiter(std::chrono::steady_clock::duration period) : period_(period) {}
  std::optional<std::string> pass(const std::string& line, std::chrono::steady_clock::time_point now);

 private:
  struct Seen {
    std::chrono::steady_clock::time_point last;
    long held_back = 0;
  };
  std::mutex mu_;
  std::chrono::steady_clock::duration period_;
  std::map<std::string, Seen> seen_;
};

}  // namespace wk::service
