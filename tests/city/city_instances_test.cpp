// Three instances on one PostgreSQL database: everything that must hold across them (issue 17).
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "city_fixture.hpp"
#include "support/wait.hpp"

namespace wk::test {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// 8 kiosks hand in 2,000 tickets through all three instances; every ticket is sent twice, the second
// time as a retry at another instance, and every tenth one at two instances at the same moment.
TEST_F(CityTest, EightKiosksTwoThousandTicketsThroughThreeInstancesWithRetriesElsewhereGiveTwoThousandRows) {
  constexpr int kTickets = 2000, kKiosks = 8;
  std::atomic<int> created{0}, retried{0}, failed{0};
  const auto t0 = Clock::now();
  std::vector<std::thread> kiosks;
  for (int k = 0; k < kKiosks; ++k)
    kiosks.emplace_back([&, k] {
      for (int n = k; n < kTickets; n += kKiosks) {
        const auto body = city_ticket(at(0), n);
        auto count = [&](const HttpResponse& r) {
          if (r.status == 201)
            ++created;
          else if (r.status == 200)
            ++retried;
          else
            ++failed;
        };
        if (n % 10 == 0) {  // the same ticket at two instances at once
          HttpResponse other;
          std::thread twin([&] { other = post_ticket(at(n + 1), body); });
          count(post_ticket(at(n), body));
          twin.join();
          count(other);
        } else {
          count(post_ticket(at(n), body));
          count(post_ticket(at(n + 1), body));  // the retry, elsewhere
        }
      }
    });
  for (auto& t : kiosks) t.join();
  const double took = seconds_since(t0);
  std::printf("[ figures  ] %d tickets, each sent twice, through 3 instances in %.2f s (%.0f requests/s)\n",
              kTickets, took, 2 * kTickets / took);
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(created, kTickets) << "each ticket is created once";
  EXPECT_EQ(retried, kTickets) << "and its other sending is a retry";
  EXPECT_EQ(count("SELECT COUNT(*) FROM tickets"), kTickets);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT id) FROM tickets"), kTickets);
  EXPECT_EQ(count("SELECT COUNT(*) FROM tickets WHERE code_twin > 0"), 0) << "codes stay unique per day";
}

// 6 desks, two at each instance, call "next" at once until the queue is empty: every ticket once.
TEST_F(CityTest, SixDesksOnThreeInstancesCallEveryTicketExactlyOnce) {
  constexpr int kTickets = 300;
  for (int n = 0; n < kTickets; ++n) ASSERT_EQ(post_ticket(at(n), city_ticket(at(0), n)).status, 201);
  std::vector<std::string> tokens;
  for (int d = 0; d < 6; ++d) tokens.push_back(staff_token(at(d)));
  std::mutex mu;
  std::vector<std::string> ids;
  std::map<int, int> per_desk;
  std::atomic<int> errors{0};
  std::vector<std::thread> desks;
  for (int d = 0; d < 6; ++d)
    desks.emplace_back([&, d] {
      const DeskRun run = call_until_empty(at(d), tokens[d], d + 1);
      if (run.failed) ++errors;
      std::lock_guard lock(mu);
      ids.insert(ids.end(), run.ids.begin(), run.ids.end());
      if (!run.ids.empty()) per_desk[d] = static_cast<int>(run.ids.size());
    });
  for (auto& t : desks) t.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kTickets));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), static_cast<std::size_t>(kTickets))
      << "a ticket was called twice";
  EXPECT_EQ(per_desk.size(), 6u) << "every desk called someone";
  EXPECT_EQ(count("SELECT COUNT(*) FROM calls"), kTickets);
  EXPECT_EQ(count("SELECT COUNT(*) FROM tickets WHERE status = 'waiting'"), 0);
}

// A display long-polls instance C; a desk at instance A calls: the display hears it through NOTIFY,
// long before its poll's 25 s are up (the answer holds the call, which a timed-out poll would not).
TEST_F(CityTest, ADisplayLongPollingInstanceCSeesACallMadeAtInstanceA) {
  Wijkqueue& a = at(0);
  Wijkqueue& c = at(2);
  const auto ticket = city_ticket(a, 0);
  ASSERT_EQ(post_ticket(a, ticket).status, 201);
  const std::string staff = staff_token(a);
  std::vector<double> latencies_ms;
  for (int round = 0; round < 5; ++round) {
    const auto last = json_of(http_request("GET", c.url("/v1/calls"), c.ca_file(), c.display_token()));
    const long long after = last["last_seq"].get<long long>();
    HttpResponse polled;
    Clock::time_point arrived;
    std::thread display([&] {
      polled = http_request("GET", c.url("/v1/calls?after=" + std::to_string(after) + "&wait=25"),
                            c.ca_file(), c.display_token(), {}, {}, with_timeout_ms(40000));
      arrived = Clock::now();
    });
    ASSERT_TRUE(wait_until([&] { return long_polls_waiting(c) == 1; }));
    const auto called_at = Clock::now();
    // The first round calls the ticket, the others recall it: each is a new call on the display.
    const auto r = round == 0
                       ? staff_post(a, staff, "/v1/desks/3/next")
                       : staff_post(a, staff, "/v1/tickets/" + ticket["id"].get<std::string>() + "/recall");
    display.join();
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_EQ(polled.status, 200) << polled.body;
    const auto calls = json_of(polled)["calls"];
    ASSERT_EQ(calls.size(), 1u) << polled.body;
    EXPECT_EQ(calls[0]["code"], "W-001");
    EXPECT_EQ(calls[0]["desk"], 3);
    latencies_ms.push_back(std::chrono::duration<double, std::milli>(arrived - called_at).count());
    EXPECT_LT(latencies_ms.back(), 10'000.0) << "woken by the call, not by the poll's deadline";
  }
  std::sort(latencies_ms.begin(), latencies_ms.end());
  std::printf("[ figures  ] call at A -> display at C: median %.1f ms, max %.1f ms (request included)\n",
              latencies_ms[latencies_ms.size() / 2], latencies_ms.back());
}

// A web counter behind a load balancer asks A, then B: the version A gave means the same at B, so B
// holds the poll (no answer-at-once loop), and a ticket handed in at C wakes it with the next version.
TEST_F(CityTest, AWebCounterPollingAnotherInstanceWaitsThereAndAKioskAtAThirdWakesIt) {
  const std::string staff = staff_token(at(0));
  ASSERT_EQ(post_ticket(at(2), city_ticket(at(0), 0)).status, 201);
  const auto first = json_of(http_request("GET", at(0).url("/v1/queue"), at(0).ca_file(), staff));
  const std::string version = first["version"];
  HttpResponse polled;
  std::thread counter([&] {
    polled = http_request("GET", at(1).url("/v1/queue?since=" + version + "&wait=25"), at(1).ca_file(), staff,
                          {}, {}, with_timeout_ms(40000));
  });
  ASSERT_TRUE(wait_until([&] { return long_polls_waiting(at(1)) == 1; })) << "B answered at once";
  ASSERT_EQ(post_ticket(at(2), city_ticket(at(0), 1)).status, 201);
  counter.join();
  ASSERT_EQ(polled.status, 200) << polled.body;
  const auto after = json_of(polled);
  EXPECT_NE(after["version"], version);
  EXPECT_EQ(after["waiting"].size(), 2u) << polled.body;
}

// Kiosks post through all three; instance B is killed with SIGKILL halfway. A kiosk whose request fails
// sends it again at the next instance, as its outbox does (same id, until a 2xx): nothing is lost or
// doubled.
TEST_F(CityTest, AnInstanceKilledMidRunCostsRetriesNotTickets) {
  constexpr int kTickets = 600, kKiosks = 4;
  std::atomic<int> sent{0}, retries{0}, lost{0};
  std::vector<std::thread> kiosks;
  for (int k = 0; k < kKiosks; ++k)
    kiosks.emplace_back([&, k] {
      for (int n = k; n < kTickets; n += kKiosks) {
        const auto body = city_ticket(at(0), n);
        bool done = false;
        for (int attempt = 0; attempt < 12 && !done; ++attempt) {
          Wijkqueue& wq = at(static_cast<std::size_t>(n + attempt));
          const auto r = post_ticket(wq, body);
          done = r.status == 201 || r.status == 200;
          if (!done) ++retries;
        }
        if (!done) ++lost;
        if (++sent == kTickets / 2) at(1).kill();
      }
    });
  for (auto& t : kiosks) t.join();
  EXPECT_FALSE(at(1).running());
  EXPECT_EQ(lost, 0);
  EXPECT_GT(retries, 0) << "B was killed while the kiosks still sent to it";
  EXPECT_EQ(count("SELECT COUNT(*) FROM tickets"), kTickets);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT id) FROM tickets"), kTickets);
  std::printf("[ figures  ] instance B killed after %d of %d tickets: %d retries at A and C, 0 lost\n",
              kTickets / 2, kTickets, retries.load());
}

// A volunteer's registration sent to two instances at the same moment (a retry that overtook its
// original): one row, one 201, one 200.
TEST_F(CityTest, AVolunteerSentToTwoInstancesAtOnceIsStoredOnce) {
  for (int n = 1; n <= 20; ++n) {
    const auto body = volunteer_body(n, "Anna", {{"phone", "0612345678"}}, at(0).now() - 60'000);
    HttpResponse first, second;
    std::thread other([&] { second = post_volunteer(at(n + 1), body, at(0).kiosk_token()); });
    first = post_volunteer(at(n), body, at(0).kiosk_token());
    other.join();
    EXPECT_EQ(std::set<long>({first.status, second.status}), std::set<long>({200, 201}))
        << first.body << second.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM volunteers"), 20);
}

// Failed logins count in the database: guesses spread over three instances meet the same limit.
TEST_F(CityTest, LoginLimitsCountAcrossInstances) {
  int refused_at = -1;
  for (int attempt = 0; attempt < 6 && refused_at < 0; ++attempt) {
    const auto r =
        login(at(attempt), at(0).location(), at(0).staff_user(), "wrong-password-" + std::to_string(attempt));
    if (r.status == 429)
      refused_at = attempt;
    else
      EXPECT_EQ(r.status, 401) << r.body;
  }
  // 3 free failures (one at each instance), then a delay: the fourth attempt, at instance A again.
  EXPECT_EQ(refused_at, 3);
}

// A reprint claimed by the kiosk through one instance is not handed out again through another within
// its lease.
TEST_F(CityTest, AReprintIsClaimedOnceAcrossInstances) {
  const auto ticket = city_ticket(at(0), 0);
  ASSERT_EQ(post_ticket(at(0), ticket).status, 201);
  const std::string staff = staff_token(at(0));
  const auto asked = staff_post(at(0), staff, "/v1/tickets/" + ticket["id"].get<std::string>() + "/reprint");
  ASSERT_EQ(asked.status, 202) << asked.body;
  std::vector<HttpResponse> polls(3);
  std::vector<std::thread> kiosks;
  for (int i = 0; i < 3; ++i)
    kiosks.emplace_back([&, i] {
      polls[i] = http_request("GET", at(i).url("/v1/print-jobs"), at(i).ca_file(), at(0).kiosk_token());
    });
  for (auto& t : kiosks) t.join();
  int handed_out = 0;
  for (const auto& p : polls) {
    ASSERT_EQ(p.status, 200) << p.body;
    handed_out += static_cast<int>(json_of(p)["jobs"].size());
  }
  EXPECT_EQ(handed_out, 1);
}

}  // namespace
}  // namespace wk::test
