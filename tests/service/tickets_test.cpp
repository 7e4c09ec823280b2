// POST /v1/tickets and GET /v1/public/tickets/{token}: created, retried, refused; and the place in line.
#include <gtest/gtest.h>

#include <thread>

#include "service_test_helpers.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

class TicketsTest : public ::testing::Test {
 protected:
  // The server's clock stands still on an ordinary weekday; every time below is relative to it.
  void SetUp() override { wq.clock().freeze_at(t0); }
  // A ticket body created `ago_ms` before the server's now.
  nlohmann::json ticket(int n, const std::string& code, const std::string& topic = "schulden",
                        UnixMs ago_ms = 5 * 60'000) {
    return ticket_body(n, code, topic, to_rfc3339(t0 - ago_ms));
  }

  const UnixMs t0 = an_ordinary_weekday();
  Wijkqueue wq;

  HttpResponse post(const std::string& body, const std::vector<std::string>& headers = {}) {
    return http_request("POST", wq.url("/v1/tickets"), wq.ca_file(), wq.kiosk_token(), body, headers);
  }
  HttpResponse post(const nlohmann::json& body) { return post(body.dump()); }
  HttpResponse public_ticket(const std::string& token) {
    return http_request("GET", wq.url("/v1/public/tickets/" + token), wq.ca_file());
  }
  long tickets_total() {
    const auto r = http_request("GET", wq.url("/metrics"), wq.ca_file(), wq.admin_token());
    long total = 0;
    std::size_t at = 0;
    // Sum every wijkqueue_tickets_total sample.
    while ((at = r.body.find("\nwijkqueue_tickets_total{", at)) != std::string::npos) {
      const auto end = r.body.find('\n', at + 1);
      const auto space = r.body.rfind(' ', end);
      total += std::stol(r.body.substr(space + 1, end - space - 1));
      at = end;
    }
    return total;
  }
};

TEST_F(TicketsTest, CreatedThenAnIdenticalRetryIsOneTicket) {
  const auto body = ticket(1, "S-012");
  const auto first = post(body);
  ASSERT_EQ(first.status, 201) << first.body;
  const auto stored = nlohmann::json::parse(first.body);
  EXPECT_EQ(stored["id"], body["id"]);
  EXPECT_EQ(stored["code"], "S-012");
  EXPECT_EQ(stored["status"], "waiting");
  EXPECT_EQ(stored["local_day"], amsterdam_day(t0));

  // The same ticket again, with its keys in another order and an unknown field: still the same ticket.
  nlohmann::json again = body;
  again["unknown_field"] = "ignored";
  const auto retry = post(again);
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(nlohmann::json::parse(retry.body), stored);
  EXPECT_EQ(tickets_total(), 1);
}

TEST_F(TicketsTest, TheSameIdWithAnotherBodyIsAConflict) {
  ASSERT_EQ(post(ticket(1, "S-012")).status, 201);
  auto other = ticket(1, "S-013");
  const auto r = post(other);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(error_of(r)["code"], "id_conflict");
  EXPECT_EQ(tickets_total(), 1);
}

TEST_F(TicketsTest, ACodeHeldThatLocalDayIsStoredAsItsTwin) {
  const auto first = post(ticket(1, "S-012", "schulden", 6 * 3'600'000));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(nlohmann::json::parse(first.body)["code_twin"], 0);
  // The resident holds the ticket: it is never set aside for its code.
  const auto taken = post(ticket(2, "S-012", "schulden", 0));
  ASSERT_EQ(taken.status, 201) << taken.body;
  EXPECT_EQ(nlohmann::json::parse(taken.body)["code_twin"], 1);
  EXPECT_EQ(post(ticket(2, "S-012", "schulden", 0)).status, 200) << "its retry is the same ticket";
  // t0 is 09:00 UTC; 23:30 UTC that day is already the next day in Amsterdam (UTC+1 or +2): a new day,
  // so the code is free again.
  const UnixMs late = t0 + 14 * 3'600'000 + 30 * 60'000;
  wq.clock().freeze_at(late);
  const auto next_day = post(ticket_body(3, "S-012", "schulden", to_rfc3339(late)));
  ASSERT_EQ(next_day.status, 201) << next_day.body;
  EXPECT_EQ(nlohmann::json::parse(next_day.body)["local_day"], amsterdam_day(t0 + 86'400'000));
  EXPECT_EQ(nlohmann::json::parse(next_day.body)["code_twin"], 0);
}

TEST_F(TicketsTest, MissingOrInvalidFieldsGet422NamingTheField) {
  for (const std::string field : {"id", "code", "topic", "language", "created_at", "public_token"}) {
    auto body = ticket(1, "S-001");
    body.erase(field);
    const auto r = post(body);
    EXPECT_EQ(r.status, 422) << field;
    ASSERT_FALSE(error_of(r).is_null()) << r.body;
    EXPECT_EQ(error_of(r)["field"], field);
    EXPECT_NE(error_of(r)["message"].get<std::string>().find(field), std::string::npos) << r.body;
  }
  const std::vector<std::pair<std::string, nlohmann::json>> invalid = {
      {"id", "not-a-uuid"},
      {"code", "S12"},
      {"created_at", "yesterday"},
      {"public_token", "short"},
      {"topic", "parking"},  // not a topic of the test location
      {"language", 7},
      {"code", "W-001"},            // a letter that is not its topic's (schulden is S)
      {"language", "fr"},           // not offered at the location (nl, en)
      {"language", "nl\u001b[2J"},  // control characters never get stored and echoed
      {"topic", "schulden\n"},      //
      {"created_at", "0000-01-01T00:00:00Z"},
      {"created_at", "9999-12-31T23:59:59Z"}};
  for (const auto& [field, value] : invalid) {
    auto body = ticket(1, "S-001");
    body[field] = value;
    const auto r = post(body);
    EXPECT_EQ(r.status, 422) << field << ": " << r.body;
    EXPECT_EQ(error_of(r)["field"], field) << r.body;
  }
  EXPECT_EQ(tickets_total(), 0);
}

TEST_F(TicketsTest, AnIdInCapitalsIsTheSameTicket) {
  auto lower = ticket(1, "S-001");
  lower["id"] = "0000000a-0000-4000-8000-00000000000b";
  ASSERT_EQ(post(lower).status, 201);
  auto upper = lower;
  upper["id"] = "0000000A-0000-4000-8000-00000000000B";
  const auto r = post(upper);
  EXPECT_EQ(r.status, 200) << "the same UUID, spelt in capitals, is a retry: " << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["id"], lower["id"]);
  EXPECT_EQ(tickets_total(), 1);
}

TEST_F(TicketsTest, TopicsFollowANewConfigAtOnce) {
  ASSERT_EQ(post(ticket(1, "A-001", "anders")).status, 201);
  std::string toml = test_location_toml("centrum");
  toml.erase(toml.find("[[topics]]\nid = \"anders\""));  // the last topic goes
  write_file(wq.dir() + "/fewer.toml", toml);
  const auto set = wq.cli(
      {"location", "set-config", "--dir", wq.dir(), "--id", "centrum", "--file", wq.dir() + "/fewer.toml"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  const auto r = post(ticket(2, "A-002", "anders"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(error_of(r)["field"], "topic");
}

TEST_F(TicketsTest, MalformedJsonIs400AndAnotherContentTypeIs415) {
  const auto bad = post(std::string(R"({"id": "x", )"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_of(bad)["code"], "bad_json");
  const auto text = post(ticket(1, "S-001").dump(), {"Content-Type: text/plain"});
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(error_of(text)["code"], "unsupported_media_type");
  const auto with_charset =
      post(ticket(1, "S-001").dump(), {"Content-Type: application/json; charset=utf-8"});
  EXPECT_EQ(with_charset.status, 201) << with_charset.body;
}

TEST_F(TicketsTest, ABodyOver64KiBIs413AndTheServerGoesOn) {
  std::string big = R"({"pad": ")" + std::string(70 * 1024, 'a') + R"("})";
  const auto r = post(big);
  ASSERT_EQ(r.curl_code, 0) << r.error;
  EXPECT_EQ(r.status, 413);
  ASSERT_FALSE(error_of(r).is_null()) << r.body;
  EXPECT_EQ(error_of(r)["code"], "payload_too_large");
  const auto chunked = post(big, {"Transfer-Encoding: chunked"});
  EXPECT_EQ(chunked.status, 413) << "a chunked body has no Content-Length to check up front";
  EXPECT_EQ(post(ticket(1, "S-001")).status, 201);
  EXPECT_EQ(http_request("GET", wq.url("/healthz"), wq.ca_file()).status, 200);
}

TEST_F(TicketsTest, ConcurrentRetriesOverHttpStoreOneTicket) {
  const std::string body = ticket(1, "S-001").dump();
  std::vector<long> statuses(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < statuses.size(); ++i)
    threads.emplace_back([&, i] { statuses[i] = post(body).status; });
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 7);
  EXPECT_EQ(tickets_total(), 1);
}

TEST_F(TicketsTest, PublicTicketShowsCodeTopicStatusAndPosition) {
  auto a = ticket(1, "S-001", "schulden", 30 * 60'000);
  auto b = ticket(2, "S-002", "schulden", 20 * 60'000);
  auto w = ticket(3, "W-001", "werk", 10 * 60'000);
  // b arrives first (a was issued offline earlier): places follow created_at, not arrival.
  for (const auto& t : {b, a, w}) ASSERT_EQ(post(t).status, 201);

  const auto rb = public_ticket(b["public_token"]);
  ASSERT_EQ(rb.status, 200) << rb.body;
  const auto jb = nlohmann::json::parse(rb.body);
  // Before any service time is known each place counts 6 minutes, with one desk (none has called yet).
  EXPECT_EQ(jb, (nlohmann::json{
                    {"code", "S-002"},
                    {"topic", "schulden"},
                    {"status", "waiting"},
                    {"position", 2},
                    {"estimated_wait_s", 720},
                    {"desk", nullptr},
                    {"language", "nl"},
                    {"code_shared", false},
                    {"remote", false},
                    {"come_in", false},
                    {"people_before", 1},
                    {"issued_time",
                     local_hhmm(amsterdam(), parse_rfc3339(b["created_at"].get<std::string>()).value())}}));
  EXPECT_EQ(nlohmann::json::parse(public_ticket(a["public_token"]).body)["position"], 1);
  EXPECT_EQ(nlohmann::json::parse(public_ticket(w["public_token"]).body)["position"], 1);
  // Nothing of the ticket that is not for the resident's own eyes: no id, no token.
  EXPECT_FALSE(jb.contains("id"));
  EXPECT_FALSE(jb.contains("public_token"));

  const auto unknown = public_ticket("unknownTokenXXXXXXXXXXXXXXXX");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_of(unknown)["code"], "unknown_ticket");
  const auto odd = public_ticket("not%20a%20token");
  EXPECT_EQ(odd.status, 404);
  EXPECT_FALSE(error_of(odd).is_null()) << odd.body;
}

}  // namespace
}  // namespace wk::test
