#include <gtest/gtest.h>

#include <set>

#include "core/ticket.hpp"
#include "test_config.hpp"

namespace wk {
namespace {

using test::amsterdam;
using test::utc;

// A deterministic entropy source for tests: a counter spread over the bytes.
Entropy entropy(std::uint64_t seed) {
  Entropy e;
  for (std::size_t i = 0; i < e.bytes.size(); ++i)
    e.bytes[i] = static_cast<std::uint8_t>((seed * 0x9E3779B97F4A7C15ULL >> (i % 8 * 8)) + i * 31);
  return e;
}

Topic topic(const char* id, char letter) {
  Topic t;
  t.id = id;
  t.letter = letter;
  return t;
}

TEST(Ticket, IdIsUuidV4AndTokenCarries144Bits) {
  Numbering n;
  const Ticket t =
      issue_ticket(n, topic("schulden", 'S'), "nl", utc(2026, 11, 24, 9), amsterdam(), entropy(1));
  ASSERT_EQ(t.id.size(), 36u);
  EXPECT_EQ(t.id[14], '4');
  EXPECT_NE(std::string("89ab").find(t.id[19]), std::string::npos);
  EXPECT_EQ(t.public_token.size(), 24u);  // 18 bytes -> 24 base64url characters
  EXPECT_EQ(
      t.public_token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  EXPECT_EQ(t.code, "S-001");
  EXPECT_EQ(t.local_day, "2026-11-24");
  const Ticket other =
      issue_ticket(n, topic("schulden", 'S'), "nl", utc(2026, 11, 24, 9), amsterdam(), entropy(2));
  EXPECT_NE(other.id, t.id);
  EXPECT_NE(other.public_token, t.public_token);
  EXPECT_EQ(other.code, "S-002");
}

TEST(Ticket, Base64UrlMatchesRfc4648) {
  const std::uint8_t data[] = {'f', 'o', 'o', 'b', 'a', 'r', 0xfb, 0xff};
  EXPECT_EQ(base64url(data, 6), "Zm9vYmFy");
  EXPECT_EQ(base64url(data, 4), "Zm9vYg");
  EXPECT_EQ(base64url(data, 5), "Zm9vYmE");
  EXPECT_EQ(base64url(data + 6, 2), "-_8");
}

TEST(Numbering, TopicsCountSeparately) {
  Numbering n;
  EXPECT_EQ(n.next("2026-11-24", 'S'), 1);
  EXPECT_EQ(n.next("2026-11-24", 'S'), 2);
  EXPECT_EQ(n.next("2026-11-24", 'W'), 1);
  EXPECT_EQ(format_code('S', 12), "S-012");
  EXPECT_EQ(format_code('W', 1234), "W-1234");
}

TEST(Numbering, KiosksOfOneLocationNeverCollideOffline) {
  Numbering a = Numbering::restore(1, 3, "", {});
  Numbering b = Numbering::restore(2, 3, "", {});
  Numbering c = Numbering::restore(3, 3, "", {});
  std::set<std::string> codes;
  for (int i = 0; i < 400; ++i)
    for (Numbering* n : {&a, &b, &c})
      EXPECT_TRUE(codes.insert(format_code('S', n->next("2026-11-24", 'S'))).second);
  EXPECT_EQ(codes.size(), 1200u);
  EXPECT_TRUE(codes.count("S-001") && codes.count("S-002") && codes.count("S-003"));
}

TEST(Numbering, RestoreContinuesAfterARestart) {
  Numbering n = Numbering::restore(2, 2, "2026-11-24", {{'S', 8}});
  EXPECT_EQ(n.next("2026-11-24", 'S'), 10);
  EXPECT_EQ(n.next("2026-11-24", 'W'), 2);
  EXPECT_EQ(n.next("2026-11-25", 'S'), 2);  // a new day starts again
}

// Issues a ticket every five minutes across a DST change and counts how often the numbering restarts.
void expect_one_restart_per_local_midnight(UnixMs from, UnixMs to, std::vector<UnixMs> midnights) {
  Numbering n;
  const TzRule tz = amsterdam();
  std::vector<UnixMs> restarts;
  std::uint64_t seed = 0;
  for (UnixMs t = from; t < to; t += 5 * 60 * 1000) {
    const Ticket tk = issue_ticket(n, topic("werk", 'W'), "nl", t, tz, entropy(++seed));
    if (tk.number == 1 && t != from) restarts.push_back(t);
  }
  EXPECT_EQ(restarts, midnights);
}

TEST(Numbering, RestartsExactlyOncePerLocalDayOnDstDays) {
  // Summer time starts 2026-03-29 (a 23-hour day), ends 2026-10-25 (a 25-hour day).
  expect_one_restart_per_local_midnight(utc(2026, 3, 28, 12), utc(2026, 3, 30, 12),
                                        {utc(2026, 3, 28, 23), utc(2026, 3, 29, 22)});
  expect_one_restart_per_local_midnight(utc(2026, 10, 24, 12), utc(2026, 10, 26, 12),
                                        {utc(2026, 10, 24, 22), utc(2026, 10, 25, 23)});
}

TEST(TicketJson, RoundTrips) {
  Numbering n;
  const Ticket t =
      issue_ticket(n, topic("werk", 'W'), "en", utc(2026, 11, 24, 9, 30), amsterdam(), entropy(7));
  auto back = ticket_from_json(ticket_to_json(t));
  ASSERT_TRUE(back) << to_string(back.error());
  EXPECT_EQ(back->id, t.id);
  EXPECT_EQ(back->code, t.code);
  EXPECT_EQ(back->number, 1);
  EXPECT_EQ(back->created_at, t.created_at);
  EXPECT_EQ(back->public_token, t.public_token);
}

TEST(TicketJson, NamesTheFieldThatIsWrong) {
  Numbering n;
  const auto good =
      ticket_to_json(issue_ticket(n, topic("werk", 'W'), "nl", utc(2026, 11, 24), amsterdam(), entropy(3)));
  for (const char* field : {"id", "code", "topic", "language", "created_at", "public_token"}) {
    auto missing = good;
    missing.erase(field);
    auto r = ticket_from_json(missing);
    ASSERT_FALSE(r) << field;
    EXPECT_EQ(r.error().code, "field_missing");
    EXPECT_EQ(r.error().detail, field);
    auto wrong_type = good;
    wrong_type[field] = 12;
    auto r2 = ticket_from_json(wrong_type);
    ASSERT_FALSE(r2) << field;
    EXPECT_EQ(r2.error().detail, field);
  }
  const std::pair<const char*, const char*> bad_values[] = {
      {"id", "not-a-uuid"},      {"code", "S12"},
      {"code", "s-012"},         {"created_at", "yesterday"},
      {"public_token", "short"}, {"public_token", "has spaces in it but is long enough"},
      {"language", "x"}};
  for (const auto& [field, value] : bad_values) {
    auto j = good;
    j[field] = value;
    auto r = ticket_from_json(j);
    ASSERT_FALSE(r) << field << "=" << value;
    EXPECT_EQ(r.error().detail, field);
    EXPECT_NE(r.error().message.find(field), std::string::npos);
  }
  EXPECT_FALSE(ticket_from_json(nlohmann::json::array()));
}

}  // namespace
}  // namespace wk

namespace wk {
namespace {

TEST(RemoteCode, JoinedFromHomeHasALetterAfterTheDashWhichNoKioskCodeHas) {
  EXPECT_EQ(remote_code('S', 3), "S-W03");
  EXPECT_EQ(remote_code('W', 120), "W-W120");
  // No kiosk code can be one: a kiosk's is the letter, a dash and digits only.
  for (int n = 1; n <= 999; ++n) EXPECT_NE(format_code('S', n).substr(0, 3), "S-W") << n;
  EXPECT_EQ(spoken_code("S-W03"), "S W 3");
  EXPECT_EQ(spoken_code("S-W03 · 09:14"), "S W 3, 09:14");
  EXPECT_EQ(spoken_code("S-012"), "S 12");
}

}  // namespace
}  // namespace wk
