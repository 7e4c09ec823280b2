// The rules for a kiosk whose clock is wrong: what it learns from the service's Date, and the time it
// stamps (and numbers) tickets by.
#include "core/clock_offset.hpp"

#include <gtest/gtest.h>

#include "core/ticket.hpp"
#include "test_config.hpp"

namespace wk {
namespace {

using test::amsterdam;
using test::utc;

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;

TEST(ClockOffset, AnAnswersDateGivesTheOffsetFromTheMiddleOfTheCallAndTheSecond) {
  const UnixMs sent = utc(2026, 11, 24, 9, 0, 0);
  // The service said 12:00:07 (so it was 12:00:07.000-.999 there) while we waited 200 ms for its answer.
  const UnixMs date = utc(2026, 11, 24, 12, 0, 7);
  const auto offset = offset_from_answer(date, sent, sent + 200);
  ASSERT_TRUE(offset);
  EXPECT_EQ(*offset, 3 * kHour + 7'000 + 500 - 100);
  EXPECT_EQ(offset_from_answer(sent, sent, sent), 500);
  EXPECT_FALSE(offset_from_answer(date, sent, sent - 1)) << "an answer before its request is no reading";
}

TEST(ClockOffset, AReadingIsKeptWhenItIsTheFirstOrMovedMoreThanASecond) {
  EXPECT_TRUE(offset_moved(std::nullopt, 0));
  EXPECT_FALSE(offset_moved(3 * kHour, 3 * kHour + 900));
  EXPECT_FALSE(offset_moved(3 * kHour, 3 * kHour - 1000));
  EXPECT_TRUE(offset_moved(3 * kHour, 3 * kHour + 1001));
  EXPECT_TRUE(offset_moved(-5'000, 5'000));
}

TEST(ClockOffset, UnderTwoMinutesOffTheKioskStampsByItsOwnClock) {
  const UnixMs clock = utc(2026, 11, 24, 10, 15, 0);
  const UnixMs floor = utc(2026, 1, 1);
  EXPECT_EQ(stamp_time(clock, std::nullopt, floor), clock) << "nothing known: the clock";
  EXPECT_EQ(stamp_time(clock, 90'000, floor), clock);
  EXPECT_EQ(stamp_time(clock, -119'000, floor), clock);
  EXPECT_EQ(stamp_time(clock, 2 * kMinute, floor), clock) << "two minutes exactly is still within";
}

TEST(ClockOffset, OverTwoMinutesOffTheKioskStampsWithTheServicesTime) {
  const UnixMs clock = utc(2026, 11, 24, 10, 15, 0);
  const UnixMs floor = utc(2026, 1, 1);
  EXPECT_EQ(stamp_time(clock, 2 * kMinute + 1, floor), clock + 2 * kMinute + 1);
  EXPECT_EQ(stamp_time(clock, -3 * kHour, floor), clock - 3 * kHour);
  EXPECT_EQ(stamp_time(clock, 2 * 86'400'000LL, floor), clock + 2 * 86'400'000LL);
}

TEST(ClockOffset, AClockBeforeTheBuildNeverStampsBeforeItAndTimeRunsOnFromThere) {
  const UnixMs build = utc(2026, 11, 1, 12, 0, 0);
  const UnixMs reset = utc(1970, 1, 1, 0, 0, 5);  // a dead clock battery after a power cut
  EXPECT_EQ(stamp_floor(build, std::nullopt), build);
  EXPECT_EQ(stamp_time(reset, std::nullopt, build), build);

  KioskTime t = start_kiosk_time(build, std::nullopt, std::nullopt);
  KioskNow first = kiosk_now(t, reset);
  EXPECT_EQ(first.now, build);
  // The session's timeouts still come: the kiosk's time runs on at the clock's pace, from the floor.
  const KioskNow later = kiosk_now(first.time, reset + 30'000);
  EXPECT_EQ(later.now, build + 30'000);

  // Once the service's time is known, that is the time, and the held distance goes.
  const UnixMs service = utc(2026, 11, 24, 9, 0, 0);
  t = offset_learned(later.time, service - (reset + 31'000), reset + 31'000);
  const KioskNow known = kiosk_now(t, reset + 32'000);
  EXPECT_EQ(known.now, service + 1'000);
  EXPECT_EQ(known.time.held, 0);
}

TEST(ClockOffset, AClockBeforeTheNewestOutboxTimeNeverMakesATicketOfAnEarlierDay) {
  const TzRule tz = amsterdam();
  const UnixMs build = utc(2026, 11, 1);
  const UnixMs newest = utc(2026, 11, 24, 20, 0, 0);  // 21:00 in Amsterdam: the last ticket
  // The clock fell back to the day before (a bad NTP server, a person setting it by hand).
  const UnixMs fell_back = utc(2026, 11, 23, 15, 0, 0);
  EXPECT_EQ(stamp_floor(build, newest), newest);
  EXPECT_EQ(stamp_time(fell_back, std::nullopt, stamp_floor(build, newest)), newest);

  KioskTime t = start_kiosk_time(build, newest, std::nullopt);
  const KioskNow now = kiosk_now(t, fell_back);
  EXPECT_EQ(local_day(tz, now.now), "2026-11-24");
  // A stamp raises the floor: no later ticket is stamped earlier than one already made.
  t = stamped(now.time, now.now + 10'000);
  EXPECT_EQ(kiosk_now(t, fell_back + 1'000).now, now.now + 10'000);
  // When the clock is plausible again, it is the time again.
  const KioskNow back = kiosk_now(t, newest + kHour);
  EXPECT_EQ(back.now, newest + kHour);
  EXPECT_EQ(back.time.held, 0);
}

TEST(ClockOffset, AFastClockAtHalfPastElevenGivesTodaysDayOnceTheOffsetIsKnown) {
  const TzRule tz = amsterdam();
  const UnixMs service = utc(2026, 11, 24, 22, 30, 0);  // 23:30 in Amsterdam (CET, UTC+1)
  const UnixMs clock = service + 3 * kHour;             // the kiosk's clock: 02:30 tomorrow
  ASSERT_EQ(local_day(tz, clock), "2026-11-25") << "the fault: by its own clock it is tomorrow";

  KioskTime t = start_kiosk_time(utc(2026, 11, 1), std::nullopt, std::nullopt);
  // The service's answer: sent and received on the kiosk's clock, Date on the service's.
  const auto offset = offset_from_answer(service, clock - 40, clock + 40);
  ASSERT_TRUE(offset);
  t = offset_learned(t, *offset, clock);
  const KioskNow now = kiosk_now(t, clock + 1'000);
  EXPECT_NEAR(static_cast<double>(now.now), static_cast<double>(service + 1'000), 1'000);
  EXPECT_EQ(local_day(tz, now.now), "2026-11-24");

  // The ticket's stamp and its numbering day are that same time.
  Numbering numbering = Numbering::restore(1, 1, "2026-11-24", {{'W', 41}});
  Topic werk;
  werk.id = "werk";
  werk.letter = 'W';
  const Ticket ticket = issue_ticket(numbering, werk, "nl", now.now, tz, Entropy{});
  EXPECT_EQ(ticket.local_day, "2026-11-24");
  EXPECT_EQ(ticket.code, "W-042");
  EXPECT_EQ(ticket.created_at, now.now);
}

TEST(ClockOffset, StampsMadeAheadBeforeTheOffsetWasKnownDoNotHoldTheKioskOnTomorrow) {
  const TzRule tz = amsterdam();
  const UnixMs service = utc(2026, 11, 24, 22, 30, 0);
  const UnixMs clock = service + 3 * kHour;
  // The fast clock made a ticket of tomorrow before the service answered; it is in the outbox.
  KioskTime t = start_kiosk_time(utc(2026, 11, 1), clock - 5'000, std::nullopt);
  EXPECT_EQ(local_day(tz, kiosk_now(t, clock).now), "2026-11-25");
  t = offset_learned(t, service - clock, clock);
  EXPECT_EQ(local_day(tz, kiosk_now(t, clock + 1'000).now), "2026-11-24");
  // The build time stays a floor whatever the service says.
  const KioskTime wild = offset_learned(t, -60LL * 365 * 86'400'000, clock);
  EXPECT_EQ(kiosk_now(wild, clock).now, utc(2026, 11, 1));
}

TEST(ClockOffset, AKeptOffsetIsUsedFromTheStart) {
  const UnixMs clock = utc(2026, 11, 24, 10, 0, 0);
  const KioskTime t = start_kiosk_time(utc(2026, 11, 1), std::nullopt, -3 * kHour);
  EXPECT_EQ(kiosk_now(t, clock).now, clock - 3 * kHour);
  EXPECT_EQ(corrected_time(clock, -3 * kHour), clock - 3 * kHour);
  EXPECT_EQ(corrected_time(clock, 10'000), clock);
}

// A clock that jumps, seen against the monotonic clock read beside it.
TEST(ClockOffset, AClockResetADayAheadKeepsTheServicesTimeWhileTheOffsetIsKnown) {
  const TzRule tz = amsterdam();
  const UnixMs clock = utc(2026, 11, 24, 9, 0, 0);  // 10:00 in Amsterdam, and the service agrees
  KioskTime t = start_kiosk_time(utc(2026, 11, 1), std::nullopt, 400);
  KioskNow now = kiosk_now(t, clock, 5'000);
  EXPECT_EQ(now.now, clock) << "within two minutes: the clock itself";
  // Ten seconds on, the clock says a day and ten seconds later.
  now = kiosk_now(now.time, clock + 86'400'000 + 10'000, 15'000);
  EXPECT_EQ(now.time.jumped, 86'400'000);
  EXPECT_EQ(now.now, clock + 10'000 + 400) << "the service's time: the clock plus the offset, less the jump";
  EXPECT_EQ(local_day(tz, now.now), "2026-11-24");
  // And it runs on at the monotonic clock's pace.
  now = kiosk_now(now.time, clock + 86'400'000 + 70'000, 75'000);
  EXPECT_EQ(now.now, clock + 70'000 + 400);
  // The service is heard again: its offset (with the jump in it) is the time, and the jump is done with.
  t = offset_learned(now.time, 400 - 86'400'000, clock + 86'400'000 + 71'000);
  EXPECT_EQ(t.jumped, 0);
  now = kiosk_now(t, clock + 86'400'000 + 72'000, 77'000);
  EXPECT_EQ(now.now, clock + 72'000 + 400);
}

TEST(ClockOffset, AnHourBackAndForwardAgainIsTakenOutBothWays) {
  const UnixMs clock = utc(2026, 11, 24, 9, 0, 0);
  KioskTime t = start_kiosk_time(utc(2026, 11, 1), std::nullopt, 0);
  KioskNow now = kiosk_now(t, clock, 0);
  now = kiosk_now(now.time, clock - kHour + 1'000, 1'000);  // NTP stepped the clock an hour back
  EXPECT_EQ(now.now, clock + 1'000);
  now = kiosk_now(now.time, clock + 2'000, 2'000);  // and forward again
  EXPECT_EQ(now.time.jumped, 0);
  EXPECT_EQ(now.now, clock + 2'000);
}

TEST(ClockOffset, DriftUnderASecondIsNoJumpAndWithoutTheServicesTimeAJumpIsTheTime) {
  const UnixMs clock = utc(2026, 11, 24, 9, 0, 0);
  KioskTime known = start_kiosk_time(utc(2026, 11, 1), std::nullopt, 0);
  KioskNow now = kiosk_now(known, clock, 0);
  now = kiosk_now(now.time, clock + 60'900, 60'000);  // NTP slewing: 900 ms in a minute
  EXPECT_EQ(now.time.jumped, 0);
  EXPECT_EQ(now.now, clock + 60'900);
  // Nothing to hold to: a kiosk that never heard the service takes its clock as it is.
  KioskTime unknown = start_kiosk_time(utc(2026, 11, 1), std::nullopt, std::nullopt);
  now = kiosk_now(unknown, clock, 0);
  now = kiosk_now(now.time, clock + 86'400'000, 1'000);
  EXPECT_EQ(now.now, clock + 86'400'000);
  // Nor without a monotonic reading (a test's clock file): each reading is the clock.
  now = kiosk_now(known, clock, std::nullopt);
  now = kiosk_now(now.time, clock + 86'400'000, std::nullopt);
  EXPECT_EQ(now.now, clock + 86'400'000);
}

}  // namespace
}  // namespace wk
