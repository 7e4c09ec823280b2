// QueueClient against a real wijkqueue over real TLS.
#include "net/queue_client.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "net_test_util.hpp"
#include "support/fault_proxy.hpp"

namespace wk::net {
namespace {

using testing::client_options;

class QueueClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { service_ = new test::Wijkqueue(); }
  static void TearDownTestSuite() {
    delete service_;
    service_ = nullptr;
  }
  static test::Wijkqueue& service() { return *service_; }
  QueueClient kiosk() { return QueueClient(client_options(service(), service().kiosk_token())); }

  static test::Wijkqueue* service_;
  static testing::TicketMaker maker_;  // one numbering for the suite: codes never repeat at the service
};
test::Wijkqueue* QueueClientTest::service_ = nullptr;
testing::TicketMaker QueueClientTest::maker_;

TEST_F(QueueClientTest, ConfigComesWithAnETagAndThen304) {
  QueueClient client(client_options(service(), service().kiosk_token()));
  auto first = client.get("/v1/config");
  ASSERT_TRUE(first.ok()) << to_string(first.error());
  EXPECT_EQ(first->status, 200);
  EXPECT_FALSE(first->etag.empty());
  const auto config = nlohmann::json::parse(first->body, nullptr, false);
  ASSERT_TRUE(config.is_object()) << first->body;
  EXPECT_TRUE(config.contains("topics"));

  auto second = client.get("/v1/config", first->etag);
  ASSERT_TRUE(second.ok()) << to_string(second.error());
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
  // The same handle serves a third call (kept alive or reconnected, never stuck).
  auto third = client.get("/v1/config", "\"some-other-etag\"");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->status, 200);
}

TEST_F(QueueClientTest, ATicketIsCreatedThenARetryIsTheSameTicket) {
  QueueClient client(client_options(service(), service().kiosk_token()));
  const Ticket t = maker_.issue("schulden");
  const std::string body = ticket_to_json(t).dump();
  auto created = client.post("/v1/tickets", body);
  ASSERT_TRUE(created.ok()) << to_string(created.error());
  EXPECT_EQ(created->status, 201) << created->body;
  auto retried = client.post("/v1/tickets", body);
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->status, 200) << retried->body;
  EXPECT_EQ(nlohmann::json::parse(retried->body)["id"], t.id);

  Ticket other = t;
  other.language = "en";
  auto conflict = client.post("/v1/tickets", ticket_to_json(other).dump());
  ASSERT_TRUE(conflict.ok());
  EXPECT_EQ(conflict->status, 409);
}

TEST_F(QueueClientTest, HttpRefusalsAreResponsesNotErrors) {
  QueueClient anonymous(client_options(service(), ""));
  auto r = anonymous.post("/v1/tickets", ticket_to_json(maker_.issue("werk")).dump());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 401);
  QueueClient display(client_options(service(), service().display_token()));
  auto d = display.post("/v1/tickets", ticket_to_json(maker_.issue("werk")).dump());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->status, 403);
}

TEST_F(QueueClientTest, AServiceWithACertificateFromAnotherCaIsATlsError) {
  // Another wijkqueue's CA: a well-formed CA that did not sign this service's certificate.
  test::Wijkqueue stranger(test::set_up_only());
  auto options = client_options(service(), service().kiosk_token());
  options.ca_file = stranger.ca_file();
  QueueClient client(options);
  const Ticket t = maker_.issue("werk");
  auto r = client.post("/v1/tickets", ticket_to_json(t).dump());
  ASSERT_FALSE(r.ok()) << "status " << r->status;
  EXPECT_EQ(r.error().code, "tls") << to_string(r.error());
  EXPECT_NE(r.error().message.find("certificate"), std::string::npos);
  // Nothing went over the wire: the service never heard of the ticket.
  auto look = kiosk().get("/v1/public/tickets/" + t.public_token);
  ASSERT_TRUE(look.ok());
  EXPECT_EQ(look->status, 404);
}

// A service that goes away in the middle of the handshake (restarting, a line that drops) has nothing
// wrong with its certificate: the kiosk says it cannot reach it, and retries, rather than sending IT to the
// CA file.
TEST_F(QueueClientTest, AConnectionDroppedDuringTheHandshakeIsANetworkErrorNotACertificateOne) {
  for (const test::Fault fault : {test::Fault::drop, test::Fault::reset_response}) {
    test::FaultProxy proxy(service().port());
    proxy.set(test::FaultSettings{.fault = fault, .delay_ms = 0, .after_bytes = 0});
    auto options = client_options(service(), service().kiosk_token());
    options.base_url = "https://localhost:" + std::to_string(proxy.port());
    auto r = QueueClient(options).get("/v1/config");
    ASSERT_FALSE(r.ok()) << test::fault_name(fault) << ": status " << r->status;
    EXPECT_EQ(r.error().code, "network") << test::fault_name(fault) << ": " << to_string(r.error());
    EXPECT_EQ(r.error().message.find("certificate"), std::string::npos) << r.error().message;
    EXPECT_GE(proxy.counts().connections, 1) << "the client never reached the proxy";
  }
}

TEST_F(QueueClientTest, TheSystemsPublicCasAreNotTrustedInsteadOfTheConfiguredOne) {
  auto options = client_options(service(), service().kiosk_token());
  options.ca_file = "/etc/ssl/certs/ca-certificates.crt";
  QueueClient client(options);
  auto r = client.get("/v1/config");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "tls");
}

TEST_F(QueueClientTest, AMissingCaFileIsATlsErrorAndAnEmptyOneIsRefused) {
  auto options = client_options(service(), service().kiosk_token());
  options.ca_file = service().dir() + "/no-such-ca.pem";
  auto missing = QueueClient(options).get("/v1/config");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "tls") << to_string(missing.error());
  options.ca_file.clear();
  auto empty = QueueClient(options).get("/v1/config");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "config");
}

TEST_F(QueueClientTest, PlainHttpIsNeverUsed) {
  auto options = client_options(service(), service().kiosk_token());
  options.base_url = "http://localhost:" + std::to_string(service().port());
  auto r = QueueClient(options).get("/v1/config");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "config");
}

TEST_F(QueueClientTest, AStoppedServiceIsANetworkErrorAndTheClientRecovers) {
  QueueClient client(client_options(service(), service().kiosk_token()));
  ASSERT_TRUE(client.get("/v1/config").ok());
  service().stop();
  auto down = client.get("/v1/config");
  service().start();
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, "network") << to_string(down.error());
  EXPECT_NE(down.error().message.find("cannot be reached"), std::string::npos);
  auto up = client.get("/v1/config");
  ASSERT_TRUE(up.ok()) << to_string(up.error());
  EXPECT_EQ(up->status, 200);
}

TEST_F(QueueClientTest, ARaisedCancelFlagEndsTheCall) {
  std::atomic<bool> cancel{true};
  auto options = client_options(service(), service().kiosk_token());
  options.cancel = &cancel;
  auto r = QueueClient(options).get("/v1/config");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "cancelled");
}

// One curl handle serves every call of a client: a DELETE (the counter's "vergeet mij") must go out as
// one, and must not turn the calls after it into DELETEs too.
TEST_F(QueueClientTest, ADeleteIsSentAsOneAndTheNextCallKeepsItsOwnMethod) {
  QueueClient client(client_options(service(), service().kiosk_token()));
  auto removed = client.remove("/v1/config");
  ASSERT_TRUE(removed.ok()) << to_string(removed.error());
  EXPECT_EQ(removed->status, 405) << "the service saw another method than DELETE: " << removed->body;
  auto got = client.get("/v1/config");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->status, 200) << got->body;
  ASSERT_TRUE(client.remove("/v1/config").ok());
  auto posted = client.post("/v1/tickets", ticket_to_json(maker_.issue("werk")).dump());
  ASSERT_TRUE(posted.ok());
  EXPECT_EQ(posted->status, 201) << posted->body;
}

}  // namespace
}  // namespace wk::net
