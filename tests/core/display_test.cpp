// The display's board: the latest call and five before it, each call announced once, never a chime for a
// call that is old news after a reconnect, and the words the voice says.
#include <gtest/gtest.h>

#include "core/display.hpp"
#include "core/display_board.hpp"

namespace wk::display {
namespace {

constexpr UnixMs kNow = 1'790'000'000'000;

Call call(std::int64_t seq, std::string code, int desk, UnixMs age_ms = 1000, bool recall = false) {
  return {seq, std::move(code), desk, kNow - age_ms, recall, false, {}};
}
CallBatch batch(std::vector<Call> calls) {
  CallBatch b{std::move(calls), 0};
  for (const auto& c : b.calls) b.last_seq = std::max(b.last_seq, c.seq);
  return b;
}

TEST(DisplayBoard, LatestLargeAndFivePrevious) {
  Board b;
  std::vector<Call> calls;
  for (int i = 1; i <= 8; ++i) calls.push_back(call(i, "S-00" + std::to_string(i), i % 3 + 1));
  apply_calls(b, batch(calls), kNow);
  ASSERT_EQ(b.shown.size(), 6u);
  EXPECT_EQ(b.shown[0].code, "S-008");
  EXPECT_EQ(b.shown[5].code, "S-003");
  EXPECT_EQ(b.last_seq, 8);
}

TEST(DisplayBoard, AnnouncesOneAtATimeEachCallOnce) {
  Board b;
  apply_calls(b, batch({call(1, "S-001", 1), call(2, "W-002", 2)}), kNow);
  auto a = start_next_announcement(b, kNow);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->code, "S-001");
  EXPECT_FALSE(start_next_announcement(b, kNow));  // never overlapping
  announcement_finished(b);
  a = start_next_announcement(b, kNow);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->code, "W-002");
  announcement_finished(b);
  // The same batch again (a retried long-poll): nothing new to say.
  apply_calls(b, batch({call(1, "S-001", 1), call(2, "W-002", 2)}), kNow);
  EXPECT_FALSE(start_next_announcement(b, kNow));
  EXPECT_EQ(b.shown.size(), 2u);
}

TEST(DisplayBoard, CatchUpAfterReconnectDoesNotChimeOldCalls) {
  Board b;
  apply_calls(b, batch({call(1, "S-001", 1)}), kNow);
  b.pending.clear();
  b.online = false;
  // Back online: calls 1..4 arrive, 2 and 3 made minutes ago while the display was away.
  apply_calls(b,
              batch({call(1, "S-001", 1), call(2, "S-002", 2, 5 * 60 * 1000),
                     call(3, "S-003", 1, 3 * 60 * 1000), call(4, "S-004", 2, 2000)}),
              kNow);
  EXPECT_EQ(b.shown[0].code, "S-004");
  EXPECT_EQ(b.shown.size(), 4u);
  auto a = start_next_announcement(b, kNow);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->code, "S-004");
  announcement_finished(b);
  EXPECT_FALSE(start_next_announcement(b, kNow));
}

TEST(DisplayBoard, QueuedAnnouncementsThatGrewStaleAreDropped) {
  Board b;
  apply_calls(b, batch({call(1, "S-001", 1), call(2, "S-002", 2)}), kNow);
  ASSERT_TRUE(start_next_announcement(b, kNow));
  announcement_finished(b);
  EXPECT_FALSE(start_next_announcement(b, kNow + 10 * 60 * 1000));
}

TEST(DisplayBoard, RecallMovesTheCodeToTheTopAndIsAnnouncedAgain) {
  Board b;
  apply_calls(b, batch({call(1, "S-001", 1), call(2, "W-002", 2)}), kNow);
  while (start_next_announcement(b, kNow)) announcement_finished(b);
  apply_calls(b, batch({call(3, "S-001", 1, 500, true)}), kNow);
  ASSERT_EQ(b.shown.size(), 2u);
  EXPECT_EQ(b.shown[0].code, "S-001");
  EXPECT_EQ(b.shown[1].code, "W-002");
  auto a = start_next_announcement(b, kNow);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->seq, 3);
}

TEST(DisplayBoard, ParsesTheCallsAnswer) {
  const auto b = calls_from_json(nlohmann::json::parse(
      R"({"calls":[{"seq":7,"code":"S-012","desk":2,"called_at":"2026-11-24T09:05:00Z","recall":false}],"last_seq":7})"));
  ASSERT_TRUE(b) << to_string(b.error());
  EXPECT_EQ(b->last_seq, 7);
  EXPECT_EQ(b->calls.at(0).desk, 2);
  EXPECT_GT(b->calls.at(0).called_at, 0);
  const auto empty = calls_from_json(nlohmann::json::parse(R"({"calls":[],"last_seq":12})"));
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->last_seq, 12);
  EXPECT_FALSE(calls_from_json(nlohmann::json::parse(R"({"calls":[{"code":"S-1"}]})")));
}

// The display's model: events in, state and the announcement to play out.
TEST(DisplayModel, AnnouncesInTheLocationsLanguageOneAtATime) {
  DisplayState s;
  auto u = update(std::move(s), ev::CallsArrived{batch({call(1, "S-001", 1), call(2, "W-002", 2)})}, {kNow});
  ASSERT_EQ(u.effects.size(), 1u);
  EXPECT_EQ(std::get<fx::Announce>(u.effects[0]).text, spoken_text("S-001", 1, "nl"));
  EXPECT_EQ(std::get<fx::Announce>(u.effects[0]).voice, "nl");
  LocationConfig en;
  en.languages = {"en"};
  u = update(std::move(u.state), ev::ConfigKnown{en, {}}, {kNow});
  EXPECT_TRUE(u.effects.empty());  // the first is still playing
  u = update(std::move(u.state), ev::AnnouncementDone{}, {kNow});
  ASSERT_EQ(u.effects.size(), 1u);
  EXPECT_EQ(std::get<fx::Announce>(u.effects[0]).text, spoken_text("W-002", 2, "en"));
  u = update(std::move(u.state), ev::AnnouncementDone{}, {kNow});
  EXPECT_TRUE(u.effects.empty());
  EXPECT_EQ(u.state.board.shown.size(), 2u);
}

TEST(DisplayModel, TheServiceLostAndFoundAndTheClock) {
  DisplayState s;
  auto u = update(std::move(s), ev::OnlineChanged{false}, {kNow});
  EXPECT_FALSE(u.state.board.online);
  u = update(std::move(u.state), ev::OnlineChanged{true}, {kNow});
  EXPECT_TRUE(u.state.board.online);
  // 1790000000 s is 2026-09-21 14:13:20 UTC; UTC without a rule.
  EXPECT_EQ(clock_text(u.state, kNow), "14:13");
  EXPECT_EQ(next_redraw(kNow), kNow + 40'000 + 5);
}

TEST(SpokenText, NumbersAsNumbersAndTheDeskAlways) {
  EXPECT_EQ(spoken_text("S-012", 2, "nl"), "nummer S 12, balie 2");
  EXPECT_EQ(spoken_text("S-012", 2, "en"), "number S 12, desk 2");
  EXPECT_EQ(spoken_text("W-100", 11, "nl"), "nummer W 100, balie 11");
  EXPECT_EQ(spoken_text("A-000", 1, "en"), "number A 0, desk 1");
  EXPECT_EQ(spoken_text("S-012", 3, "tr"), "number S 12, desk 3");
  EXPECT_EQ(speech_voice("nl"), "nl");
  EXPECT_EQ(speech_voice("uk"), "en");
}

}  // namespace
}  // namespace wk::display
