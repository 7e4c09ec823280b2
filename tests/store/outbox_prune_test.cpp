// The outbox stays bounded: sent rows and old ledger days are pruned (never what the kiosk still needs),
// the WAL is emptied by a checkpoint, and at its bound a ticket is refused whole. Real SQLite files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>

#include "outbox_test_util.hpp"
#include "store/outbox.hpp"

namespace wk::store {
namespace {

using testing::make_test_ticket;
using testing::OutboxTempDir;

constexpr UnixMs kDay = 24LL * 3600 * 1000;
constexpr UnixMs kToday = 1'780'000'000'000;  // a fixed instant: no test depends on the real date

std::set<std::string> ledger_ids(Outbox& outbox) {
  std::set<std::string> ids;
  const auto tickets = outbox.tickets().value();
  for (const auto& t : tickets) ids.insert(t.id);
  return ids;
}

// The seq of the outbox row of ticket `id`.
std::int64_t seq_of(Outbox& outbox, const std::string& id) {
  const auto rows = outbox.pending(1000).value();
  for (const auto& row : rows)
    if (row.id == id) return row.seq;
  ADD_FAILURE() << "no pending row " << id;
  return 0;
}

TEST(OutboxPrune, DeletesOldSentRowsAndKeepsWhatTheKioskNeeds) {
  OutboxTempDir dir;
  auto outbox = Outbox::open(dir.file("outbox.db")).value();
  std::mt19937_64 rng(7);
  const Ticket old_sent = make_test_ticket(rng, 'W', 1, "day-5", kToday - 5 * kDay);
  const Ticket old_pending = make_test_ticket(rng, 'W', 2, "day-5", kToday - 5 * kDay + 1);
  const Ticket old_parked = make_test_ticket(rng, 'W', 3, "day-4", kToday - 4 * kDay);
  const Ticket yesterday = make_test_ticket(rng, 'W', 1, "day-1", kToday - kDay);
  const Ticket today = make_test_ticket(rng, 'W', 1, "day-0", kToday);
  for (const auto* t : {&old_sent, &old_pending, &old_parked, &yesterday, &today})
    ASSERT_TRUE(outbox->append_ticket(*t).ok());
  ASSERT_TRUE(outbox->mark_sent(seq_of(*outbox, old_sent.id), kToday - 5 * kDay).ok());
  ASSERT_TRUE(outbox->park(seq_of(*outbox, old_parked.id), "HTTP 422").ok());
  ASSERT_TRUE(outbox->mark_sent(seq_of(*outbox, yesterday.id), kToday - kDay).ok());
  ASSERT_TRUE(outbox->mark_sent(seq_of(*outbox, today.id), kToday).ok());

  const auto pruned = outbox->prune(kToday - kOutboxRetentionMs);
  ASSERT_TRUE(pruned.ok()) << to_string(pruned.error());
  EXPECT_EQ(pruned->outbox_rows, 1);
  EXPECT_EQ(pruned->ledger_rows, 1);

  EXPECT_EQ(ledger_ids(*outbox),
            (std::set<std::string>{old_pending.id, old_parked.id, yesterday.id, today.id}));
  const auto stats = outbox->stats().value();
  EXPECT_EQ(stats.pending, 1);
  EXPECT_EQ(stats.parked, 1);
  EXPECT_EQ(stats.sent, 2);
  // Numbering after a restart, the clock floor and the reprint read what is left.
  EXPECT_EQ(outbox->last_numbers("day-0").value().at('W'), 1);
  EXPECT_EQ(outbox->last_numbers("day-1").value().at('W'), 1);
  EXPECT_EQ(outbox->newest_created_at().value(), kToday);
  EXPECT_EQ(outbox->last_ticket().value()->id, today.id);
}

TEST(OutboxPrune, KeepsTheNewestTicketHoweverOld) {
  OutboxTempDir dir;
  auto outbox = Outbox::open(dir.file("outbox.db")).value();
  std::mt19937_64 rng(8);
  const Ticket only = make_test_ticket(rng, 'S', 4, "day-30", kToday - 30 * kDay);
  ASSERT_TRUE(outbox->append_ticket(only).ok());
  ASSERT_TRUE(outbox->mark_sent(seq_of(*outbox, only.id), kToday - 30 * kDay).ok());
  ASSERT_TRUE(outbox->prune(kToday - kOutboxRetentionMs).ok());
  EXPECT_EQ(outbox->stats().value().sent, 0);  // its POST is done with
  EXPECT_EQ(outbox->newest_created_at().value(), only.created_at);
  EXPECT_EQ(outbox->last_ticket().value()->id, only.id);
}

TEST(OutboxPrune, CheckpointEmptiesTheWal) {
  OutboxTempDir dir;
  const std::string path = dir.file("outbox.db");
  auto outbox = Outbox::open(path).value();
  std::mt19937_64 rng(9);
  for (int i = 1; i <= 40; ++i)
    ASSERT_TRUE(outbox->append_ticket(make_test_ticket(rng, 'W', i, "day-9", kToday - 9 * kDay + i)).ok());
  const auto rows = outbox->pending(100).value();
  for (const auto& row : rows) ASSERT_TRUE(outbox->mark_sent(row.seq, kToday).ok());
  const auto wal_before = std::filesystem::file_size(path + "-wal");
  ASSERT_GT(wal_before, 0u);
  ASSERT_TRUE(outbox->prune(kToday - kOutboxRetentionMs).ok());
  const auto checkpointed = outbox->checkpoint();
  ASSERT_TRUE(checkpointed.ok()) << to_string(checkpointed.error());
  EXPECT_LT(std::filesystem::file_size(path + "-wal"), wal_before);
  EXPECT_EQ(std::filesystem::file_size(path + "-wal"), 0u);
  EXPECT_EQ(outbox->tickets().value().size(), 1u);  // the newest stays
}

TEST(OutboxBound, AtItsBoundATicketIsRefusedWhole) {
  OutboxTempDir dir;
  const std::string path = dir.file("outbox.db");
  OutboxOptions options;
  options.max_size_bytes = 64 * 1024;
  auto outbox = Outbox::open(path, options).value();
  std::mt19937_64 rng(10);
  std::optional<Error> refused;
  int stored = 0;
  for (int i = 1; i <= 2000 && !refused; ++i) {
    auto r = outbox->append_ticket(make_test_ticket(rng, 'W', i, "day-0", kToday + i));
    if (r.ok())
      ++stored;
    else
      refused = r.error();
  }
  ASSERT_TRUE(refused.has_value()) << "the bound was never reached";
  EXPECT_EQ(refused->code, "disk_full") << to_string(*refused);
  ASSERT_GT(stored, 0);
  // No half-written ticket: the ledger and the outbox hold the same, complete, tickets.
  EXPECT_EQ(outbox->tickets().value().size(), static_cast<std::size_t>(stored));
  EXPECT_EQ(outbox->stats().value().pending, stored);
  outbox.reset();
  auto reopened = Outbox::open(path, options);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened.value()->tickets().value().size(), static_cast<std::size_t>(stored));
  // Once sent rows are pruned there is room again.
  const auto rows = reopened.value()->pending(5000).value();
  for (const auto& row : rows) {
    auto m = reopened.value()->mark_sent(row.seq, kToday);
    ASSERT_TRUE(m.ok()) << to_string(m.error());
  }
  ASSERT_TRUE(reopened.value()->prune(kToday + 10 * kDay).ok());
  EXPECT_TRUE(
      reopened.value()->append_ticket(make_test_ticket(rng, 'W', 9999, "day-0", kToday + 10 * kDay)).ok());
}

}  // namespace
}  // namespace wk::store
