// The standing check of the day-sensitive rules in core, at set dates (support/set_dates.hpp): the local
// day, numbering, opening hours, closed days and the kiosk's session, each with the time handed in, so
// the result is the same on whatever day the suite runs. tests/service/day_boundaries_test.cpp checks
// the service at the same instants.
#include <gtest/gtest.h>

#include "../support/set_dates.hpp"
#include "core/session.hpp"
#include "test_config.hpp"

namespace wk {
namespace {

using test::SetDate;

class DayBoundaries : public ::testing::TestWithParam<SetDate> {
 protected:
  const SetDate& d = GetParam();
  const TzRule tz = test::amsterdam();

  Topic topic(char letter) const {
    Topic t;
    t.id = std::string(1, letter);
    t.letter = letter;
    return t;
  }
  static Entropy entropy(std::uint8_t seed) {
    Entropy e;
    for (std::size_t i = 0; i < e.bytes.size(); ++i) e.bytes[i] = static_cast<std::uint8_t>(seed * 31 + i);
    return e;
  }
  // A location that is always open but for the listed days.
  LocationConfig closed_on(const std::string& day) const {
    LocationConfig c = test::sample_location();
    c.hours = OpeningHours{};
    c.hours.closed_days.insert(day);
    return c;
  }
};

TEST_P(DayBoundaries, TheLocalDayIsAmsterdamsWallClockDay) {
  EXPECT_EQ(local_day(tz, d.before), d.day_before);
  EXPECT_EQ(local_day(tz, d.after), d.day_after);
  // One millisecond either side of `after` when it is a midnight: the day changes exactly there.
  if (d.day_changes()) {
    EXPECT_EQ(local_day(tz, d.after - 1), d.day_before);
  }
}

TEST_P(DayBoundaries, NumberingRestartsAtLocalMidnightAndNowhereElse) {
  for (int slots : {1, 3}) {
    const int first = slots == 1 ? 1 : 2;  // kiosk 2 of 3 issues 2, 5, 8, ...
    Numbering n = Numbering::restore(first, slots, "", {});
    const Ticket a = issue_ticket(n, topic('S'), "nl", d.before, tz, entropy(1));
    const Ticket b = issue_ticket(n, topic('S'), "nl", d.before, tz, entropy(2));
    const Ticket c = issue_ticket(n, topic('S'), "nl", d.after, tz, entropy(3));
    EXPECT_EQ(a.local_day, d.day_before);
    EXPECT_EQ(a.number, first);
    EXPECT_EQ(b.number, first + slots);
    EXPECT_EQ(c.local_day, d.day_after);
    EXPECT_EQ(c.number, d.day_changes() ? first : first + 2 * slots) << "slots " << slots;
    EXPECT_NE(a.public_token, c.public_token);
  }
}

TEST_P(DayBoundaries, AClosedDayIsClosedFromItsLocalMidnightToTheNext) {
  const LocationConfig c = closed_on(d.day_after);
  EXPECT_FALSE(c.hours.is_open(to_local(tz, d.after)));
  EXPECT_EQ(c.hours.is_open(to_local(tz, d.before)), d.day_changes());
  // The config carries its closed days to the kiosk and back unchanged.
  const auto round = location_config_from_json(to_json(c), "test");
  ASSERT_TRUE(round) << to_string(round.error());
  EXPECT_EQ(round->hours.closed_days, c.hours.closed_days);
}

TEST_P(DayBoundaries, OpeningHoursFollowTheLocalClock) {
  // Open for exactly the local minute `after` falls in: `before` is open only when the local clock
  // showed that same minute of the same weekday then (02:30 twice on the day summer time ends).
  const CivilTime at = to_local(tz, d.after);
  const CivilTime earlier = to_local(tz, d.before);
  LocationConfig c = test::sample_location();
  c.hours = OpeningHours{};
  c.hours.always_open = false;
  const int minute = at.hour * 60 + at.minute;
  c.hours.by_weekday[static_cast<std::size_t>(at.weekday)].push_back({minute, minute + 1});
  EXPECT_TRUE(c.hours.is_open(at));
  const bool same_minute = earlier.weekday == at.weekday && earlier.hour * 60 + earlier.minute == minute;
  EXPECT_EQ(c.hours.is_open(earlier), same_minute);
}

TEST_P(DayBoundaries, TheKioskGivesEachTicketTheDayOfItsTimeAndClosesOnAClosedDay) {
  KioskState s;
  s.config = closed_on(d.day_changes() ? d.day_after : "1999-01-01");
  s.tz = tz;
  s.numbering = Numbering::restore(1, 1, "", {});
  std::uint8_t seed = 0;
  // Taps as a resident makes them, with the shell answering the outbox at once.
  auto take = [&](UnixMs now) -> std::optional<Ticket> {
    std::optional<Ticket> got;
    for (const Event& e :
         {Event{ev::Tick{}}, Event{ev::LanguageChosen{"nl"}}, Event{ev::TopicChosen{"schulden"}}}) {
      Update u = update(std::move(s), e, Inputs{now, entropy(++seed)});
      s = std::move(u.state);
      for (const auto& fx : u.effects)
        if (const auto* st = std::get_if<fx::StoreTicket>(&fx)) got = st->ticket;
    }
    if (got) {
      Update u = update(std::move(s), ev::TicketStored{got->id}, Inputs{now, entropy(++seed)});
      s = std::move(u.state);
      u = update(std::move(s), ev::StartOver{}, Inputs{now, entropy(++seed)});
      s = std::move(u.state);
    }
    return got;
  };
  const auto first = take(d.before);
  ASSERT_TRUE(first) << "open before";
  EXPECT_EQ(first->local_day, d.day_before);
  EXPECT_EQ(first->code, "S-001");
  const auto second = take(d.after);
  if (d.day_changes()) {
    EXPECT_FALSE(second) << "the closed day gives no ticket";
    EXPECT_EQ(s.session.screen, Screen::Closed);
  } else {
    ASSERT_TRUE(second);
    EXPECT_EQ(second->local_day, d.day_after);
    EXPECT_EQ(second->code, "S-002");
  }
}

INSTANTIATE_TEST_SUITE_P(SetDates, DayBoundaries, ::testing::ValuesIn(test::set_dates()),
                         [](const auto& param_info) { return test::set_date_name(param_info.param); });

}  // namespace
}  // namespace wk
