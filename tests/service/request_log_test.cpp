// What the request log may say about a path.
#include "service/request_log.hpp"

#include <gtest/gtest.h>

namespace wk::test {
namespace {

using service::log_line;
using service::redact_path;

TEST(RequestLog, TokensInPathsAreReplaced) {
  EXPECT_EQ(redact_path("/v1/public/tickets/abcDEF123_-"), "/v1/public/tickets/{token}");
  EXPECT_EQ(redact_path("/t/abcDEF123_-"), "/t/{token}");
  EXPECT_EQ(redact_path("//t/secret"), "//t/{token}");
  EXPECT_EQ(redact_path("/x/../v1/public/tickets/secret/more"), "/x/../v1/public/tickets/{token}");
  EXPECT_EQ(redact_path("/v1/tickets"), "/v1/tickets");
  EXPECT_EQ(redact_path(""), "-");
}

TEST(RequestLog, APathCannotForgeALogLine) {
  const std::string line = log_line(0, "GET", "/a\nGET /b 200 1ms", 404, 3);
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  EXPECT_EQ(redact_path(std::string(1000, 'a')).size(), 128u + 3u);
}

TEST(RequestLog, TheLineHasMethodPathStatusAndMs) {
  EXPECT_EQ(log_line(0, "POST", "/v1/tickets", 201, 4), "1970-01-01T00:00:00.000Z POST /v1/tickets 201 4ms");
}

}  // namespace
}  // namespace wk::test

namespace wk::service {
namespace {

TEST(RequestLog, RepeatsAreCountedNotWritten) {
  using namespace std::chrono_literals;
  RepeatLimiter limiter(10s);
  const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  EXPECT_EQ(limiter.pass("http: connection limit", t0), "http: connection limit");
  for (int i = 1; i <= 999; ++i)
    EXPECT_EQ(limiter.pass("http: connection limit", t0 + i * 1ms), std::nullopt);
  EXPECT_EQ(limiter.pass("http: another thing", t0 + 2s), "http: another thing");
  EXPECT_EQ(limiter.pass("http: connection limit", t0 + 10s),
            "http: connection limit (and 999 more like it)");
  EXPECT_EQ(limiter.pass("http: connection limit", t0 + 21s), "http: connection limit");
}

}  // namespace
}  // namespace wk::service
