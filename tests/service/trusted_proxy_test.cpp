// Behind a load balancer (a city's HAProxy) every request comes from the balancer's address. With
// --trusted-proxy the per-address login limit counts each client by the balancer's X-Forwarded-For, so
// typos at one desk do not lock out every other; without it, nobody can pick an address by a header.
#include <gtest/gtest.h>

#include "queue_test_helpers.hpp"

namespace wk::test {
namespace {

HttpResponse login_from(const Wijkqueue& wq, const std::string& forwarded_for, const std::string& password,
                        const std::string& user) {
  return http_request(
      "POST", wq.url("/v1/login"), wq.ca_file(), {},
      nlohmann::json{{"location", wq.location()}, {"user", user}, {"password", password}}.dump(),
      {"X-Forwarded-For: " + forwarded_for});
}

// 20 failures from one address in 5 minutes, under as many names as it likes: then that address waits.
void fail_twenty_times(const Wijkqueue& wq, const std::string& forwarded_for) {
  for (int i = 0; i < 20; ++i)
    ASSERT_EQ(login_from(wq, forwarded_for, "wrong", "guess" + std::to_string(i)).status, 401) << i;
}

TEST(TrustedProxyTest, BehindATrustedProxyEachClientHasItsOwnLoginLimit) {
  WijkqueueOptions o;
  o.serve_args = {"--trusted-proxy", "10.9.9.9,127.0.0.1"};  // the test speaks as the balancer
  Wijkqueue wq(o);
  fail_twenty_times(wq, "203.0.113.7");
  EXPECT_EQ(login_from(wq, "203.0.113.7", wq.staff_password(), wq.staff_user()).status, 429)
      << "that client's address has had its 20";
  // Another desk behind the same balancer logs in as ever; a client's own X-Forwarded-For before the
  // balancer's entry changes nothing.
  EXPECT_EQ(login_from(wq, "198.51.100.23", wq.staff_password(), wq.staff_user()).status, 200);
  EXPECT_EQ(login_from(wq, "198.51.100.99, 203.0.113.7", wq.staff_password(), wq.staff_user()).status, 429);
}

TEST(TrustedProxyTest, WithoutOneAForwardedForHeaderIsIgnored) {
  Wijkqueue wq;
  fail_twenty_times(wq, "203.0.113.7");
  // The same peer (the test), whatever address it claims: still the one that failed 20 times.
  EXPECT_EQ(login_from(wq, "198.51.100.23", wq.staff_password(), wq.staff_user()).status, 429);
}

}  // namespace
}  // namespace wk::test
