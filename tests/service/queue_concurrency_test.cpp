// Many at once: desks racing for the next ticket, displays long-polling, and the server still answering
// everyone else while they wait.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "queue_test_helpers.hpp"
#include "support/raw_client.hpp"
#include "support/wait.hpp"

namespace wk::test {
namespace {

using Clock = std::chrono::steady_clock;

TEST(QueueConcurrencyTest, EightDesksCallFiveHundredTicketsEachExactlyOnce) {
  Wijkqueue wq;
  const std::string staff = staff_token(wq);
  constexpr int kTickets = 500;
  const char* topics[] = {"werk", "schulden", "anders"};
  const char letters[] = {'W', 'S', 'A'};
  {
    // Handed in by 8 kiosk connections at once, to keep the setup short.
    std::vector<std::thread> posters;
    std::atomic<int> failures{0};
    for (int k = 0; k < 8; ++k)
      posters.emplace_back([&, k] {
        for (int n = k; n < kTickets; n += 8) {
          char code[16];
          std::snprintf(code, sizeof code, "%c-%03d", letters[n % 3], n + 1);
          if (post_ticket(wq, ticket_now(wq, n + 1, code, topics[n % 3], kTickets - n)).status != 201)
            ++failures;
        }
      });
    for (auto& t : posters) t.join();
    ASSERT_EQ(failures, 0);
  }

  std::mutex mu;
  std::vector<std::string> ids;
  std::atomic<int> errors{0};
  std::vector<std::thread> desks;
  for (int desk = 1; desk <= 8; ++desk)
    desks.emplace_back([&, desk] {
      const DeskRun run = call_until_empty(wq, staff, desk);
      if (run.failed) ++errors;
      std::lock_guard lock(mu);
      ids.insert(ids.end(), run.ids.begin(), run.ids.end());
    });
  for (auto& t : desks) t.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kTickets));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), static_cast<std::size_t>(kTickets))
      << "a ticket was called twice";
}

TEST(QueueConcurrencyTest, ALongPollWakesOnACall) {
  Wijkqueue wq;
  const std::string staff = staff_token(wq);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001")).status, 201);
  const auto start = json_of(http_request("GET", wq.url("/v1/calls"), wq.ca_file(), wq.display_token()));
  ASSERT_EQ(start["calls"].size(), 0u) << start.dump();
  ASSERT_EQ(start["last_seq"], 0);

  HttpResponse polled;
  const auto began = Clock::now();
  Clock::time_point returned;
  std::thread display([&] {
    polled = http_request("GET", wq.url("/v1/calls?after=0&wait=25"), wq.ca_file(), wq.display_token(), {},
                          {}, with_timeout_ms(40000));
    returned = Clock::now();
  });
  // The poll waits at the service before the call is made.
  ASSERT_TRUE(wait_until([&] { return long_polls_waiting(wq) == 1; }));
  ASSERT_EQ(staff_post(wq, staff, "/v1/desks/2/next").status, 200);
  display.join();
  ASSERT_EQ(polled.status, 200) << polled.error << polled.body;
  const auto j = json_of(polled);
  ASSERT_EQ(j["calls"].size(), 1u) << j.dump();
  EXPECT_EQ(j["calls"][0]["code"], "S-001");
  EXPECT_EQ(j["calls"][0]["desk"], 2);
  EXPECT_EQ(j["calls"][0]["recall"], false);
  EXPECT_EQ(j["last_seq"], j["calls"][0]["seq"]);
  EXPECT_LT(returned - began, std::chrono::seconds(20)) << "it sat out its wait instead of waking";

  // With nothing newer and no wait, the answer is at once and empty.
  const auto none =
      json_of(http_request("GET", wq.url("/v1/calls?after=" + j["last_seq"].dump()), wq.ca_file(), staff));
  EXPECT_TRUE(none["calls"].empty());
  EXPECT_EQ(none["last_seq"], j["last_seq"]);
  EXPECT_EQ(http_request("GET", wq.url("/v1/calls?wait=31"), wq.ca_file(), staff).status, 422);
  EXPECT_EQ(http_request("GET", wq.url("/v1/calls?after=x"), wq.ca_file(), staff).status, 422);
}

// `n` display tokens of the test location: many screens, each its own device.
std::vector<std::string> display_tokens(Wijkqueue& wq, int n) {
  std::vector<std::string> tokens;
  for (int i = 0; i < n; ++i) tokens.push_back(wq.add_device("display", wq.location()));
  return tokens;
}

TEST(QueueConcurrencyTest, AWaitingLongPollDoesNotHoldUpAStop) {
  Wijkqueue wq;
  HttpResponse polled;
  std::thread display([&] {
    polled = http_request("GET", wq.url("/v1/calls?after=0&wait=25"), wq.ca_file(), wq.display_token(), {},
                          {}, with_timeout_ms(40000));
  });
  ASSERT_TRUE(wait_until([&] { return long_polls_waiting(wq) == 1; }));  // it waits at the service
  const auto began = Clock::now();
  wq.stop();  // throws unless the server exits cleanly within 20 s
  EXPECT_LT(Clock::now() - began, std::chrono::seconds(10));
  display.join();
}

TEST(QueueConcurrencyTest, OneDeviceCannotHoldEveryLongPollSlot) {
  Wijkqueue wq;
  const std::string staff = staff_token(wq);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001", "schulden", 10)).status, 201);
  // One display token asks ten times at once: four may wait, the others are answered at once and told
  // when to come back.
  constexpr int kPolls = 10;
  std::vector<HttpResponse> polls(kPolls);
  std::atomic<int> answered{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kPolls; ++i)
    threads.emplace_back([&, i] {
      polls[static_cast<std::size_t>(i)] =
          http_request("GET", wq.url("/v1/calls?after=0&wait=30"), wq.ca_file(), wq.display_token(), {}, {},
                       with_timeout_ms(40000));
      ++answered;
    });
  ASSERT_TRUE(wait_until([&] { return answered.load() >= kPolls - 4; }, std::chrono::seconds(20)))
      << "the polls over the cap were not answered at once";
  // Another device still gets a slot: its long-poll waits (and ends with the call below).
  HttpResponse other;
  std::thread other_display([&] {
    other = http_request("GET", wq.url("/v1/calls?after=0&wait=30"), wq.ca_file(), staff, {}, {},
                         with_timeout_ms(40000));
  });
  ASSERT_EQ(staff_post(wq, staff, "/v1/desks/1/next").status, 200);  // wakes every waiter
  for (auto& t : threads) t.join();
  other_display.join();
  int told_to_retry = 0;
  for (const auto& p : polls) {
    EXPECT_EQ(p.status, 200) << p.body;
    if (!p.header("retry-after").empty()) {
      ++told_to_retry;
      EXPECT_TRUE(json_of(p)["calls"].empty()) << "answered before the call";
    } else {
      EXPECT_EQ(json_of(p)["calls"].size(), 1u) << "a waiting poll returns with the call";
    }
  }
  EXPECT_EQ(told_to_retry, kPolls - 4);
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(json_of(other)["calls"].size(), 1u) << other.body;
}

TEST(QueueConcurrencyTest, FiftyWaitingDisplaysHoldNoThread) {
  // Two threads run every request: a waiting long-poll must hold neither, or the kiosk and the desk
  // below would wait for the displays' 20 s.
  WijkqueueOptions options;
  options.threads = 2;
  Wijkqueue wq(options);
  const std::string staff = staff_token(wq);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001", "schulden", 10)).status, 201);

  constexpr int kDisplays = 50;
  const auto tokens = display_tokens(wq, kDisplays);  // one device, one long-poll: fifty screens
  std::atomic<int> started{0};
  std::vector<HttpResponse> polls(kDisplays);
  std::vector<std::thread> displays;
  for (int i = 0; i < kDisplays; ++i)
    displays.emplace_back([&, i] {
      ++started;
      polls[static_cast<std::size_t>(i)] =
          http_request("GET", wq.url("/v1/calls?after=0&wait=20"), wq.ca_file(),
                       tokens[static_cast<std::size_t>(i)], {}, {}, with_timeout_ms(40000));
    });
  // Every display's request has arrived and waits (the service counts them in /metrics).
  ASSERT_TRUE(wait_until([&] { return long_polls_waiting(wq) == kDisplays; }, std::chrono::seconds(15)));

  const HttpOptions normal = with_timeout_ms(5000);
  const auto health = http_request("GET", wq.url("/healthz"), wq.ca_file(), {}, {}, {}, normal);
  EXPECT_EQ(health.status, 200) << health.error;
  const auto kiosk = http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(),
                                  ticket_now(wq, 2, "S-002").dump(), {}, normal);
  EXPECT_EQ(kiosk.status, 201) << kiosk.error << kiosk.body;
  const auto call = http_request("POST", wq.url("/v1/desks/1/next"), wq.ca_file(), staff, "{}", {}, normal);
  EXPECT_EQ(call.status, 200) << call.error << call.body;

  for (auto& t : displays) t.join();
  // And the call reached every display.
  for (const auto& p : polls) {
    ASSERT_EQ(p.status, 200) << p.error;
    const auto j = json_of(p);
    ASSERT_EQ(j["calls"].size(), 1u) << j.dump();
    EXPECT_EQ(j["calls"][0]["code"], "S-001");
  }
}

TEST(QueueConcurrencyTest, AThousandLongPollsWaitOnTwoThreads) {
  raise_open_file_limit();
  WijkqueueOptions options;
  options.threads = 2;
  Wijkqueue wq(options);
  const std::string staff = staff_token(wq);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001", "schulden", 10)).status, 201);
  constexpr int kPolls = 1000;
  const auto tokens = display_tokens(wq, kPolls / 4);  // four long-polls each, the cap per device
  std::vector<std::unique_ptr<RawConnection>> polls;
  for (int i = 0; i < kPolls; ++i) {
    // Spread over addresses under the cap per address, as displays in many community centres are.
    auto c = RawConnection::open(wq.port(), "127.0.0." + std::to_string(10 + i / 50), wq.ca_file());
    ASSERT_NE(c, nullptr) << i;
    ASSERT_TRUE(
        c->send("GET /v1/calls?after=0&wait=30 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                "Authorization: Bearer " +
                tokens[static_cast<std::size_t>(i / 4)] + "\r\n\r\n"));
    polls.push_back(std::move(c));
  }
  ASSERT_TRUE(wait_until([&] { return long_polls_waiting(wq) == kPolls; }, std::chrono::seconds(25)))
      << long_polls_waiting(wq) << " waiting";
  // The desk still gets its answer at once, and its call reaches every waiting display.
  ASSERT_EQ(staff_post(wq, staff, "/v1/desks/1/next").status, 200);
  int with_the_call = 0;
  for (auto& c : polls) {
    const std::string answer = c->read(std::chrono::seconds(10));
    with_the_call += answer.starts_with("HTTP/1.1 200") && answer.find("\"S-001\"") != std::string::npos;
  }
  EXPECT_EQ(with_the_call, kPolls);
}

TEST(QueueConcurrencyTest, AParkedLongPollOutlivesTheRequestDeadline) {
  // The deadline is for a request to arrive; a long-poll that arrived whole may wait its full time.
  WijkqueueOptions options;
  options.serve_args = {"--request-deadline-s", "1"};
  Wijkqueue wq(options);
  const auto r = http_request("GET", wq.url("/v1/calls?after=0&wait=3"), wq.ca_file(), wq.display_token(), {},
                              {}, with_timeout_ms(20000));
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_TRUE(json_of(r)["calls"].empty());
}

}  // namespace
}  // namespace wk::test
