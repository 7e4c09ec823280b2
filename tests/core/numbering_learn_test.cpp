// Issue 11: a kiosk that lost its ledger learns where the day's numbering stands from the service and
// numbers on above every code it holds, in its own slot's class; kiosks whose slots meet are found; a
// code two residents share is shown with its issue time.
#include <gtest/gtest.h>

#include "core/display_board.hpp"
#include "core/session.hpp"
#include "core/ticket.hpp"
#include "test_config.hpp"

namespace wk {
namespace {

constexpr const char* kDay = "2027-03-10";

TEST(NumberingLearn, NumbersOnAboveWhatTheServiceHoldsInItsOwnClass) {
  Numbering n = Numbering::restore(2, 3, kDay, {});  // numbers 2, 5, 8, 11, ...
  n.learn({kDay, {{'S', 10}, {'W', 1}, {'A', 2}}});
  EXPECT_EQ(n.next(kDay, 'S'), 11) << "the first of its own numbers above 10";
  EXPECT_EQ(n.next(kDay, 'W'), 2) << "1 is below its first number";
  EXPECT_EQ(n.next(kDay, 'A'), 5) << "2 may be its own lost ticket: the next is above it";
  EXPECT_EQ(n.next(kDay, 'B'), 2) << "a letter the service holds none of";
}

TEST(NumberingLearn, NeverGoesBackAndIgnoresAnotherDay) {
  Numbering n = Numbering::restore(1, 2, kDay, {{'S', 15}});
  n.learn({kDay, {{'S', 6}}});
  EXPECT_EQ(n.next(kDay, 'S'), 17) << "the ledger was further on";
  n.learn({"2027-03-09", {{'S', 99}}});
  EXPECT_EQ(n.next(kDay, 'S'), 19) << "yesterday's numbers say nothing of today";
}

TEST(NumberingLearn, TheNextNumberIsAboveTheHighestAndInTheKiosksClassForEveryCase) {
  for (int slots = 1; slots <= 5; ++slots)
    for (int slot = 1; slot <= slots; ++slot)
      for (int held = 0; held <= 30; ++held)
        for (int own : {0, 1, 7, 20}) {
          std::map<char, int> ledger;
          if (own >= slot) ledger['S'] = slot + (own - slot) / slots * slots;
          Numbering n = Numbering::restore(slot, slots, kDay, ledger);
          n.learn({kDay, {{'S', held}}});
          const int next = n.next(kDay, 'S');
          EXPECT_GT(next, held) << slot << "/" << slots << " held " << held << " own " << own;
          EXPECT_EQ((next - slot) % slots, 0) << slot << "/" << slots;
          EXPECT_LE(next, std::max(held, own) + slots) << "no number skipped without need";
        }
}

TEST(NumberingLearn, TheReducerMergesAndTheNextTicketFollows) {
  KioskState s;
  s.config = test::sample_location();
  s.tz = test::amsterdam();
  const UnixMs now = test::utc(2027, 3, 10, 9, 30);  // a Wednesday, open
  s.numbering = Numbering::restore(1, 1, local_day(s.tz, now), {});
  Update u = update(std::move(s), ev::NumberingLearned{{local_day(test::amsterdam(), now), {{'S', 4}}}},
                    Inputs{now, Entropy{}});
  EXPECT_TRUE(u.effects.empty()) << "nothing to do but remember";
  EXPECT_EQ(u.state.session.last_input, 0) << "not a resident's input: no timeout restarts";
  for (const Event& e :
       {Event{ev::StartTapped{}}, Event{ev::LanguageChosen{"nl"}}, Event{ev::TopicChosen{"schulden"}}})
    u = update(std::move(u.state), e, Inputs{now, Entropy{}});
  ASSERT_TRUE(u.state.session.storing.has_value());
  EXPECT_EQ(u.state.session.storing->code, "S-005");
}

TEST(NumberingLearn, TheServicesAnswerIsReadAndCheckedField) {
  const DayNumbering n{kDay, {{'S', 12}, {'W', 3}}};
  const auto j = day_numbering_to_json(n);
  EXPECT_EQ(j, (nlohmann::json{{"day", kDay}, {"highest", {{"S", 12}, {"W", 3}}}}));
  EXPECT_EQ(day_numbering_from_json(j).value(), n);
  EXPECT_EQ(
      day_numbering_from_json({{"day", kDay}, {"highest", nlohmann::json::object()}}).value().highest.size(),
      0u);
  for (const auto& bad : {nlohmann::json{{"highest", nlohmann::json::object()}},
                          nlohmann::json{{"day", kDay}, {"highest", {{"s", 1}}}},
                          nlohmann::json{{"day", kDay}, {"highest", {{"SS", 1}}}},
                          nlohmann::json{{"day", kDay}, {"highest", {{"S", -1}}}},
                          nlohmann::json{{"day", kDay}, {"highest", {{"S", "7"}}}}, nlohmann::json::array()})
    EXPECT_FALSE(day_numbering_from_json(bad).ok()) << bad.dump();
}

TEST(SlotsOverlap, KiosksMeetExactlyWhenTheirClassesShareANumber) {
  EXPECT_TRUE(slots_overlap(1, 2, 1, 2)) << "two kiosks on one slot";
  EXPECT_FALSE(slots_overlap(1, 2, 2, 2));
  EXPECT_FALSE(slots_overlap(1, 2, 2, 4)) << "odd numbers and 2, 6, 10, ...";
  EXPECT_TRUE(slots_overlap(1, 2, 3, 4)) << "3, 7, 11 are odd";
  EXPECT_TRUE(slots_overlap(1, 2, 2, 3)) << "1, 3, 5 and 2, 5, 8 share 5";
  EXPECT_TRUE(slots_overlap(1, 1, 2, 3)) << "a lone kiosk's slots = 1 meets everyone";
  // The brute-force truth for small numbers.
  for (int n1 = 1; n1 <= 6; ++n1)
    for (int n2 = 1; n2 <= 6; ++n2)
      for (int s1 = 1; s1 <= n1; ++s1)
        for (int s2 = 1; s2 <= n2; ++s2) {
          bool meet = false;
          for (int x = s1; x <= 200 && !meet; x += n1) meet = x >= s2 && (x - s2) % n2 == 0;
          EXPECT_EQ(slots_overlap(s1, n1, s2, n2), meet) << s1 << "/" << n1 << " " << s2 << "/" << n2;
        }
}

TEST(CodeLabel, TheIssueTimeOnlyWhenTheCodeIsShared) {
  EXPECT_EQ(code_label("S-012", false, "09:14"), "S-012");
  EXPECT_EQ(code_label("S-012", true, "09:14"), "S-012 \u00b7 09:14");
  EXPECT_EQ(code_label("S-012", true, ""), "S-012");
  EXPECT_EQ(local_hhmm(test::amsterdam(), test::utc(2027, 3, 10, 8, 14, 59)), "09:14");
}

TEST(CodeLabel, TheDisplayReadsWhetherACallsCodeIsShared) {
  const auto batch = display::calls_from_json(
      {{"calls",
        {{{"seq", 1}, {"code", "S-001"}, {"desk", 2}, {"code_shared", true}, {"issued_time", "09:14"}},
         {{"seq", 2}, {"code", "S-002"}, {"desk", 3}}}},
       {"last_seq", 2}});
  ASSERT_TRUE(batch.ok()) << to_string(batch.error());
  EXPECT_TRUE(batch->calls[0].code_shared);
  EXPECT_EQ(batch->calls[0].issued_time, "09:14");
  EXPECT_FALSE(batch->calls[1].code_shared) << "an older service says nothing: not shared";
}

TEST(CodeLabel, TheBoardShowsTwoResidentsWithOneCodeBothAndARecallOnce) {
  display::Board board;
  auto call = [](std::int64_t seq, const char* time) {
    display::Call c;
    c.seq = seq;
    c.code = "S-001";
    c.desk = static_cast<int>(seq);
    c.code_shared = true;
    c.issued_time = time;
    return c;
  };
  display::apply_calls(board, {{call(1, "09:14"), call(2, "09:31")}, 2}, 0);
  ASSERT_EQ(board.shown.size(), 2u);
  EXPECT_EQ(board.shown[0].issued_time, "09:31");
  EXPECT_EQ(board.shown[1].issued_time, "09:14");
  ASSERT_EQ(board.pending.size(), 2u);
  EXPECT_EQ(display::spoken_text(board.pending[0].code, 1, "nl", board.pending[0].issued_time),
            "nummer S 1 van 9 uur 14, balie 1")
      << "the voice names the time too, for whoever cannot read the board";
  EXPECT_EQ(display::spoken_text("S-001", 2, "en", "09:31"), "number S 1 from 9:31, desk 2");
  EXPECT_EQ(display::spoken_text("S-001", 2, "nl", "10:00"), "nummer S 1 van 10 uur, balie 2");
  EXPECT_EQ(display::spoken_text("S-001", 2, "nl", ""), "nummer S 1, balie 2");
  auto recall = call(3, "09:14");
  recall.recall = true;
  display::apply_calls(board, {{recall}, 3}, 0);
  ASSERT_EQ(board.shown.size(), 2u) << "the recalled resident moves to the top, listed once";
  EXPECT_EQ(board.shown[0].issued_time, "09:14");
  EXPECT_EQ(board.shown[1].issued_time, "09:31");
}

}  // namespace
}  // namespace wk
