// Joining the queue from home (issue 18): /join/{location} is a plain page with plain forms; a join gives
// a ticket like the kiosk's whose code no kiosk can make, under caps per address and per location that
// refuse in words; staff can send a called remote ticket back to wait; its page says when to come in.
#include <gtest/gtest.h>

#include <future>
#include <set>
#include <thread>

#include "join_test_helpers.hpp"

namespace wk::test {
namespace {

class JoinTest : public ::testing::Test {
 protected:
  void SetUp() override { wq.clock().freeze_at(t0); }
  HttpResponse page(const std::string& path, const std::vector<std::string>& headers = {}) {
    return http_request("GET", wq.url(path), wq.ca_file(), {}, {}, headers);
  }
  std::string code_of(const HttpResponse& joined) { return public_ticket(wq, joined_token(joined))["code"]; }

  const UnixMs t0 = an_ordinary_weekday();
  Wijkqueue wq{join_service()};
};

TEST_F(JoinTest, ThePageOffersTheRemoteTopicsInPlainHtmlWithNothingFromElsewhere) {
  const auto r = page("/join/centrum");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Werk en inkomen"), std::string::npos);
  EXPECT_NE(r.body.find("Geldzorgen en schulden"), std::string::npos);
  EXPECT_EQ(r.body.find("Iets anders"), std::string::npos) << "not a remote topic";
  EXPECT_NE(r.body.find("Er wacht nu niemand."), std::string::npos);
  EXPECT_NE(r.body.find("<form method=\"post\" action=\"/join/centrum\">"), std::string::npos);
  EXPECT_NE(r.body.find("/join/centrum/callback?lang=nl"), std::string::npos);
  EXPECT_EQ(r.body.find("<script"), std::string::npos);
  EXPECT_EQ(r.body.find("http"), std::string::npos) << "no address elsewhere: no font, script or image";
  const std::string csp = r.header("content-security-policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("script-src"), std::string::npos) << csp;
  EXPECT_EQ(r.header("cache-control"), "no-store");

  const auto en = page("/join/centrum?lang=en");
  EXPECT_NE(en.body.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(en.body.find("Join the queue from home"), std::string::npos);
  EXPECT_NE(en.body.find("Work and income"), std::string::npos);
  // The browser's language, when the location offers it.
  EXPECT_NE(page("/join/centrum", {"Accept-Language: en-GB,en;q=0.8"}).body.find("<html lang=\"en\""),
            std::string::npos);
  // Waiting counts show once people wait.
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001")).status, 201);
  EXPECT_NE(page("/join/centrum").body.find("Er wacht nu 1 persoon."), std::string::npos);
}

TEST_F(JoinTest, UnknownPlacesGetAFriendlyPage) {
  const auto none = page("/join/nergens");
  EXPECT_EQ(none.status, 404);
  EXPECT_NE(none.body.find("Deze pagina bestaat niet"), std::string::npos);
  wq.add_location("zonder");  // a location without [join]
  EXPECT_EQ(page("/join/zonder").status, 404);
  EXPECT_EQ(join_from(wq, 1, "werk", "192.0.2.10", "zonder").status, 404);
}

TEST_F(JoinTest, AJoinIsATicketWhoseCodeNoKioskMakes) {
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001", "schulden", 60)).status, 201);
  const auto first = join_from(wq, 1, "schulden");
  ASSERT_EQ(first.status, 303) << first.body;
  const std::string token = joined_token(first);
  ASSERT_FALSE(token.empty()) << first.header("location");
  const auto t = public_ticket(wq, token);
  EXPECT_EQ(t["code"], "S-W01");
  EXPECT_EQ(t["remote"], true);
  EXPECT_EQ(t["status"], "waiting");
  EXPECT_EQ(t["position"], 2);
  EXPECT_EQ(t["language"], "nl");
  EXPECT_EQ(code_of(join_from(wq, 2, "schulden")), "S-W02");
  EXPECT_EQ(code_of(join_from(wq, 3, "werk")), "W-W01");
  // The same form sent again (a double tap, a reload): the same ticket, not a new one.
  const auto again = join_from(wq, 1, "schulden");
  EXPECT_EQ(joined_token(again), token);
  // The status page is the kiosk's, and staff see the ticket marked as joined from home.
  EXPECT_EQ(page("/t/" + token).status, 200);
  const auto queue = json_of(http_request("GET", wq.url("/v1/queue"), wq.ca_file(), staff_token(wq)));
  int remote = 0;
  for (const auto& w : queue["waiting"]) remote += w["remote"] == true ? 1 : 0;
  EXPECT_EQ(queue["waiting"].size(), 4u) << queue;
  EXPECT_EQ(remote, 3) << queue;
  // A topic not offered from home, or not the location's at all, is refused in words.
  for (const std::string topic : {"anders", "zwemmen"}) {
    const auto refused = join_from(wq, 9, topic);
    EXPECT_EQ(refused.status, 422) << topic;
    EXPECT_NE(refused.body.find("Er ging iets mis"), std::string::npos);
  }
}

TEST_F(JoinTest, TheEleventhJoinFromOneAddressInAnHourIsRefusedKindly) {
  for (int n = 1; n <= 10; ++n) ASSERT_EQ(join_from(wq, n, "werk", "192.0.2.77").status, 303) << n;
  const auto eleventh = join_from(wq, 11, "werk", "192.0.2.77");
  EXPECT_EQ(eleventh.status, 429) << eleventh.body;
  EXPECT_EQ(eleventh.header("retry-after"), "3600");
  EXPECT_NE(eleventh.body.find("Vanaf deze verbinding zijn het afgelopen uur al veel nummers genomen"),
            std::string::npos);
  EXPECT_NE(eleventh.body.find("023 511 5000"), std::string::npos) << "what to do instead";
  EXPECT_NE(eleventh.body.find("Wijkcentrum De Ringvaart"), std::string::npos);
  // Another address may still join; an hour later this one may too.
  EXPECT_EQ(join_from(wq, 12, "werk", "198.51.100.4").status, 303);
  wq.clock().freeze_at(t0 + 3'600'001);
  EXPECT_EQ(join_from(wq, 13, "werk", "192.0.2.77").status, 303);
  // No address is kept: only a keyed hash of it, for an hour.
  const std::string bytes = raw_database_bytes(wq);
  EXPECT_EQ(bytes.find("192.0.2.77"), std::string::npos);
  EXPECT_EQ(bytes.find("198.51.100.4"), std::string::npos);
}


TEST(JoinCaps, RemoteTicketsWaitingAndJoinsPerLocationAreCapped) {
  Wijkqueue wq{join_service("max_waiting = 3\nper_location_per_hour = 5\n")};
  wq.clock().freeze_at(an_ordinary_weekday());
  for (int n = 1; n <= 3; ++n) ASSERT_EQ(join_from(wq, n, "werk", "192.0.2." + std::to_string(n)).status, 303);
  const auto full = join_from(wq, 4, "werk", "192.0.2.4");
  EXPECT_EQ(full.status, 429);
  EXPECT_NE(full.body.find("Er wachten nu al veel mensen die vanaf huis aanschoven"), std::string::npos);
  // One is called and served: room again, but the location's hourly cap (5, with the refusal not
  // counted) leaves two more.
  const std::string staff = staff_token(wq);
  const auto called = staff_post(wq, staff, "/v1/desks/1/next");
  ASSERT_EQ(called.status, 200);
  ASSERT_EQ(staff_post(wq, staff, "/v1/tickets/" + json_of(called)["id"].get<std::string>() + "/served").status, 200);
  EXPECT_EQ(join_from(wq, 5, "werk", "192.0.2.5").status, 303);
  ASSERT_EQ(staff_post(wq, staff, "/v1/desks/1/next").status, 200);
  EXPECT_EQ(join_from(wq, 6, "werk", "192.0.2.6").status, 303);
  const auto busy = join_from(wq, 7, "werk", "192.0.2.7");
  EXPECT_EQ(busy.status, 429) << busy.body;
  EXPECT_NE(busy.body.find("Het afgelopen uur zijn er al veel nummers via internet genomen"), std::string::npos);
}

TEST(JoinHours, AJoinWhileClosedIsRefusedAndTheDoorSaysWhatElse) {
  // Remote joins from 12:00 to 17:00 only; the ordinary weekday starts at 10:00 or 11:00 local time.
  Wijkqueue wq{join_service("hours = { tue = [\"12:00-17:00\"] }\n")};
  const UnixMs t0 = an_ordinary_weekday();
  wq.clock().freeze_at(t0);
  const auto closed = http_request("GET", wq.url("/join/centrum"), wq.ca_file());
  EXPECT_EQ(closed.status, 200);
  EXPECT_NE(closed.body.find("Aanschuiven kan nu niet"), std::string::npos);
  EXPECT_NE(closed.body.find("023 511 5000"), std::string::npos);
  EXPECT_EQ(closed.body.find("name=\"topic\""), std::string::npos) << "no topic to join";
  const auto refused = join_from(wq, 1, "werk");
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("Vanaf huis aanschuiven kan alleen als de inloop open is."), std::string::npos);
  wq.clock().freeze_at(t0 + 4 * 3'600'000);  // 14:00 or 15:00 local
  EXPECT_EQ(join_from(wq, 1, "werk").status, 303);
}

TEST_F(JoinTest, AFormFromAnotherSiteIsRefused) {
  const auto r = join_from(wq, 1, "werk", "192.0.2.10", "centrum", {"Sec-Fetch-Site: cross-site"});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(join_from(wq, 1, "werk", "192.0.2.10", "centrum", {"Sec-Fetch-Site: same-origin"}).status, 303);
}

TEST_F(JoinTest, ACalledRemoteTicketGoesBackToWaitInsteadOfANoShow) {
  const auto joined = join_from(wq, 1, "werk");
  ASSERT_EQ(joined.status, 303);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 2, "W-001", "werk")).status, 201);
  const std::string staff = staff_token(wq);
  const auto called = staff_post(wq, staff, "/v1/desks/1/next", {{"topics", {"werk"}}});
  ASSERT_EQ(called.status, 200);
  EXPECT_EQ(json_of(called)["code"], "W-W01");
  EXPECT_EQ(json_of(called)["remote"], true);
  const std::string id = json_of(called)["id"];
  const auto later = staff_post(wq, staff, "/v1/tickets/" + id + "/later");
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(json_of(later)["status"], "waiting");
  // Behind the kiosk ticket that waited when it was sent back.
  EXPECT_EQ(public_ticket(wq, joined_token(joined))["position"], 2);
  const auto next = staff_post(wq, staff, "/v1/desks/1/next", {{"topics", {"werk"}}});
  EXPECT_EQ(json_of(next)["code"], "W-001");
  // A kiosk's resident was in the room: not coming is a no-show, never "later".
  const auto kiosk = staff_post(wq, staff, "/v1/tickets/" + json_of(next)["id"].get<std::string>() + "/later");
  EXPECT_EQ(kiosk.status, 409);
  EXPECT_EQ(error_of(kiosk)["code"], "not_remote");
  // A waiting ticket is not called, so "later" does not apply.
  EXPECT_EQ(error_of(staff_post(wq, staff, "/v1/tickets/" + id + "/later"))["code"], "bad_transition");
}

TEST(JoinComeIn, TheStatusPageSaysComeInNowOnceFewAreBefore) {
  Wijkqueue wq{join_service("come_when_before = 1\n")};
  wq.clock().freeze_at(an_ordinary_weekday());
  for (int n = 1; n <= 3; ++n)
    ASSERT_EQ(post_ticket(wq, ticket_now(wq, n, "W-00" + std::to_string(n), "werk", 60 - n)).status, 201);
  const std::string token = joined_token(join_from(wq, 1, "werk"));
  auto t = public_ticket(wq, token);
  EXPECT_EQ(t["people_before"], 3);
  EXPECT_EQ(t["come_in"], false);
  auto status = http_request("GET", wq.url("/t/" + token), wq.ca_file());
  EXPECT_NE(status.body.find("id=\"come\" class=\"come\""), std::string::npos);
  EXPECT_NE(status.body.find("hidden>Kom nu naar de inloop"), std::string::npos) << "there, but hidden";
  const std::string staff = staff_token(wq);
  ASSERT_EQ(staff_post(wq, staff, "/v1/desks/1/next").status, 200);
  ASSERT_EQ(staff_post(wq, staff, "/v1/desks/2/next").status, 200);
  t = public_ticket(wq, token);
  EXPECT_EQ(t["people_before"], 1);
  EXPECT_EQ(t["come_in"], true);
  status = http_request("GET", wq.url("/t/" + token), wq.ca_file());
  EXPECT_NE(status.body.find(">Kom nu naar de inloop: er is nog 1 persoon voor u.</p>"), std::string::npos);
  EXPECT_NE(status.body.find("<title>Kom nu naar de inloop: er is nog 1 persoon voor u."), std::string::npos);
  // A kiosk's ticket never gets the line: its resident is in the room.
  const auto kiosk = post_ticket(wq, ticket_now(wq, 9, "S-001"));
  EXPECT_EQ(public_ticket(wq, json_of(kiosk)["public_token"])["come_in"], false);
}

TEST_F(JoinTest, KiosksOfflineAndJoinsAtOnceNeverShareACode) {
  // Two kiosks (slots 1 and 2 of 2) hand in what they numbered offline while residents join from home,
  // all at once, for the same letter.
  const std::string second_kiosk = wq.add_device("kiosk", "centrum");
  std::vector<std::future<std::vector<std::string>>> runs;
  for (int k = 0; k < 2; ++k)
    runs.push_back(std::async(std::launch::async, [&, k] {
      std::vector<std::string> codes;
      for (int i = 0; i < 25; ++i) {
        const int number = 1 + k + 2 * i;
        char code[8];
        std::snprintf(code, sizeof code, "S-%03d", number);
        const auto r = post_ticket(wq, ticket_now(wq, 100 * (k + 1) + i, code), k == 0 ? wq.kiosk_token() : second_kiosk);
        if (r.status == 201) codes.push_back(json_of(r)["code"]);
      }
      return codes;
    }));
  for (int j = 0; j < 2; ++j)
    runs.push_back(std::async(std::launch::async, [&, j] {
      std::vector<std::string> codes;
      for (int i = 0; i < 10; ++i) {
        const auto r = join_from(wq, 1000 + 100 * j + i, "schulden", "192.0.2." + std::to_string(10 * j + i));
        if (r.status == 303) codes.push_back(public_ticket(wq, joined_token(r))["code"]);
      }
      return codes;
    }));
  std::multiset<std::string> all;
  for (auto& run : runs)
    for (const auto& c : run.get()) all.insert(c);
  EXPECT_EQ(all.size(), 70u);
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), 70u) << "a code given twice";
  EXPECT_EQ(all.count("S-W20"), 1u);
  // None of them had to be stored as a twin of another.
  const auto metrics = http_request("GET", wq.url("/metrics"), wq.ca_file(), wq.admin_token());
  EXPECT_EQ(metrics.body.find("wijkqueue_code_collisions_total{"), std::string::npos);
}

TEST_F(JoinTest, CallMeBackFromTheJoinPageIsTakenOnceAndKeepsNoNumberInClear) {
  const auto form = page("/join/centrum/callback");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("type=\"tel\""), std::string::npos);
  EXPECT_NE(form.body.find("uiterlijk na 30 dagen"), std::string::npos) << "the consent says how long";
  auto send = [&](std::map<std::string, std::string> fields) {
    fields.emplace("id", form_id(42));
    fields.emplace("lang", "nl");
    fields.emplace("topic", "schulden");
    fields.emplace("part_of_day", "afternoon");
    return http_request("POST", wq.url("/join/centrum/callback"), wq.ca_file(), {}, form_encoded(fields),
                        {"Content-Type: application/x-www-form-urlencoded", "X-Forwarded-For: 192.0.2.50"});
  };
  const auto wrong = send({{"phone", "12"}, {"consent", "yes"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("Dit telefoonnummer klopt niet"), std::string::npos);
  EXPECT_NE(wrong.body.find("aria-invalid=\"true\""), std::string::npos);
  const auto no_consent = send({{"phone", "06 9988 7766"}});
  EXPECT_EQ(no_consent.status, 422);
  EXPECT_NE(no_consent.body.find("Zet een vinkje"), std::string::npos);
  const auto sent = send({{"phone", "06 9988 7766"}, {"consent", "yes"}});
  EXPECT_EQ(sent.status, 201) << sent.body;
  EXPECT_NE(sent.body.find("Uw kenmerk: B-C0FFEE."), std::string::npos);
  EXPECT_EQ(sent.body.find("99887766"), std::string::npos);
  const auto again = send({{"phone", "06 9988 7766"}, {"consent", "yes"}});
  EXPECT_EQ(again.status, 200);
  const auto list = callbacks_seen_by(wq, staff_token(wq));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["part_of_day"], "afternoon");
  EXPECT_EQ(list[0]["topic"], "schulden");
  const std::string bytes = raw_database_bytes(wq);
  for (const std::string digits : {"99887766", "0699887766", "+31699887766"})
    EXPECT_EQ(bytes.find(digits), std::string::npos) << digits;
  EXPECT_EQ(wq.server_log().find("99887766"), std::string::npos);
}

}  // namespace
}  // namespace wk::test
