// What the kiosk keeps of time on its disk: the service's clock offset (a file beside the outbox, written
// by rename, and only when it moved) and the newest stamp in the ledger. Real files in a temp dir.
#include "store/outbox_clock.hpp"

#include <gtest/gtest.h>

#include <random>

#include "core/clock_offset.hpp"

#include "outbox_test_util.hpp"
#include "store/outbox.hpp"
#include "support/temp_dir.hpp"

namespace wk::store {
namespace {

using testing::make_test_ticket;
using testing::OutboxTempDir;

constexpr std::int64_t kHour = 3'600'000;
constexpr UnixMs kT0 = 1795000000000;  // 2026-11-18: only ever compared with itself

TEST(KeptClockOffset, UnknownUntilLearnedThenKeptAcrossAReopen) {
  OutboxTempDir dir;
  const std::string path = dir.file("clock_offset.json");
  {
    KeptClockOffset kept(path);
    EXPECT_FALSE(kept.get().has_value());
    EXPECT_TRUE(kept.read_problem().empty()) << "no file yet is no problem";
    auto learned = kept.learn(-3 * kHour, kT0);
    ASSERT_TRUE(learned.ok()) << to_string(learned.error());
    EXPECT_TRUE(learned.value());
    EXPECT_EQ(kept.get(), -3 * kHour);
  }
  KeptClockOffset reopened(path);
  EXPECT_EQ(reopened.get(), -3 * kHour);
  EXPECT_TRUE(reopened.read_problem().empty()) << reopened.read_problem();
}

TEST(KeptClockOffset, AReadingWithinASecondOfTheKeptOneWritesNothing) {
  OutboxTempDir dir;
  const std::string path = dir.file("clock_offset.json");
  KeptClockOffset kept(path);
  ASSERT_TRUE(kept.learn(2 * kHour, kT0).value());
  const std::string written = test::read_file(path);
  for (std::int64_t jitter : {-1000, -400, 0, 300, 1000}) {
    auto again = kept.learn(2 * kHour + jitter, kT0 + 60'000);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again.value()) << jitter;
  }
  EXPECT_EQ(test::read_file(path), written) << "the file was written again for noise";
  EXPECT_EQ(kept.get(), 2 * kHour);
  ASSERT_TRUE(kept.learn(2 * kHour + 1500, kT0 + 120'000).value());
  EXPECT_EQ(kept.get(), 2 * kHour + 1500);
  EXPECT_EQ(KeptClockOffset(path).get(), 2 * kHour + 1500);
}

TEST(KeptClockOffset, ADamagedFileIsUnknownAndLearningWritesItWhole) {
  OutboxTempDir dir;
  const std::string path = dir.file("clock_offset.json");
  test::write_file(path, "{\"offset_ms\": \"soon\"");
  KeptClockOffset kept(path);
  EXPECT_FALSE(kept.get().has_value());
  EXPECT_FALSE(kept.read_problem().empty());
  ASSERT_TRUE(kept.learn(90'000, kT0).ok());
  EXPECT_EQ(KeptClockOffset(path).get(), 90'000);
  // A reading beyond a century is not a clock: not kept.
  auto wild = kept.learn(kMaxClockOffsetMs + 1, kT0);
  ASSERT_TRUE(wild.ok());
  EXPECT_FALSE(wild.value());
  EXPECT_EQ(kept.get(), 90'000);
}

TEST(KeptClockOffset, AFolderThatCannotBeWrittenKeepsTheOffsetInUse) {
  OutboxTempDir dir;
  KeptClockOffset kept(dir.file("no-such-folder/clock_offset.json"));
  auto learned = kept.learn(-4 * kHour, kT0);
  EXPECT_FALSE(learned.ok()) << "not on disk: said so";
  EXPECT_EQ(kept.get(), -4 * kHour) << "but in use";
}

TEST(OutboxNewestStamp, IsTheLatestCreatedAtInTheLedgerAndSurvivesAReopen) {
  OutboxTempDir dir;
  const std::string path = dir.file("outbox.db");
  std::mt19937_64 rng(7);
  {
    auto outbox = Outbox::open(path);
    ASSERT_TRUE(outbox.ok()) << to_string(outbox.error());
    auto none = outbox.value()->newest_created_at();
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none.value().has_value());
    // Appended out of time order (a clock that went back): the newest is the latest time, not the last row.
    ASSERT_TRUE(outbox.value()->append_ticket(make_test_ticket(rng, 'W', 1, "2026-11-18", kT0 + 5'000)).ok());
    ASSERT_TRUE(outbox.value()->append_ticket(make_test_ticket(rng, 'W', 2, "2026-11-18", kT0)).ok());
  }
  auto reopened = Outbox::open(path);
  ASSERT_TRUE(reopened.ok());
  auto newest = reopened.value()->newest_created_at();
  ASSERT_TRUE(newest.ok());
  EXPECT_EQ(newest.value(), kT0 + 5'000);
}

TEST(OutboxNewestStamp, NumbersOfTicketsStampedAheadCountForTheDayTheKioskIsBackOn) {
  OutboxTempDir dir;
  auto outbox = Outbox::open(dir.file("outbox.db"));
  ASSERT_TRUE(outbox.ok()) << to_string(outbox.error());
  auto& ob = *outbox.value();
  std::mt19937_64 rng(11);
  const UnixMs today_2230 = kT0;  // "2026-11-18", 22:30 for the sake of the story
  ASSERT_TRUE(ob.append_ticket(make_test_ticket(rng, 'W', 1, "2026-11-18", today_2230 - 3 * kHour)).ok());
  // A clock three hours fast stamped two tickets of tomorrow before the service's time was known.
  ASSERT_TRUE(ob.append_ticket(make_test_ticket(rng, 'W', 1, "2026-11-19", today_2230 + 3 * kHour)).ok());
  ASSERT_TRUE(ob.append_ticket(make_test_ticket(rng, 'S', 3, "2026-11-19", today_2230 + 3 * kHour + 1)).ok());
  EXPECT_EQ(ob.last_numbers("2026-11-18").value(), (std::map<char, int>{{'W', 1}}));
  // Back on today's time: today's numbers go on after those stamped ahead of it.
  EXPECT_EQ(ob.last_numbers("2026-11-18", today_2230).value(), (std::map<char, int>{{'W', 1}, {'S', 3}}));
  EXPECT_EQ(ob.last_numbers("2026-11-18", today_2230 + 3 * kHour).value(),
            (std::map<char, int>{{'W', 1}, {'S', 3}}));
  EXPECT_EQ(ob.last_numbers("2026-11-18", today_2230 + 4 * kHour).value(), (std::map<char, int>{{'W', 1}}));
}

}  // namespace
}  // namespace wk::store
