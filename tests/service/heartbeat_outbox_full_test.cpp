// POST /v1/heartbeat's outbox_full: a kiosk that refuses tickets for want of space says so, and IT's
// fleet view keeps it; anything but true, false or null is a 422 naming the field.
#include <gtest/gtest.h>

#include "service_test_helpers.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

const nlohmann::json kBase = {
    {"version", "0.1.0"}, {"uptime_s", 60}, {"outbox_depth", 0}, {"printer", "none"}};

HttpResponse heartbeat(Wijkqueue& wq, const nlohmann::json& body) {
  return http_request("POST", wq.url("/v1/heartbeat"), wq.ca_file(), wq.kiosk_token(), body.dump());
}

nlohmann::json kiosk_heartbeat(Wijkqueue& wq) {
  const auto fleet = nlohmann::json::parse(
      http_request("GET", wq.url("/v1/fleet"), wq.ca_file(), wq.admin_token()).body, nullptr, false);
  for (const auto& d : fleet.value("devices", nlohmann::json::array()))
    if (d.value("role", "") == "kiosk") return d["heartbeat"];
  return nullptr;
}

TEST(HeartbeatOutboxFull, IsKeptForTheFleetView) {
  Wijkqueue wq;
  nlohmann::json body = kBase;
  body["outbox_full"] = true;
  ASSERT_EQ(heartbeat(wq, body).status, 204);
  EXPECT_EQ(kiosk_heartbeat(wq)["outbox_full"], true);
  body["outbox_full"] = false;
  ASSERT_EQ(heartbeat(wq, body).status, 204);
  EXPECT_EQ(kiosk_heartbeat(wq)["outbox_full"], false);
  ASSERT_EQ(heartbeat(wq, kBase).status, 204);  // an older kiosk that does not send it
  EXPECT_TRUE(kiosk_heartbeat(wq)["outbox_full"].is_null());
}

TEST(HeartbeatOutboxFull, AnythingButABooleanIsRefusedNamingTheField) {
  Wijkqueue wq;
  for (const nlohmann::json& bad : {nlohmann::json("yes"), nlohmann::json(1), nlohmann::json::object()}) {
    nlohmann::json body = kBase;
    body["outbox_full"] = bad;
    const auto r = heartbeat(wq, body);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(error_of(r)["field"], "outbox_full") << r.body;
  }
}

}  // namespace
}  // namespace wk::test
