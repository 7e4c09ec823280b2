// The kiosk's outbox and ledger on a real SQLite file in a temp dir.
#include "store/outbox.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "outbox_test_util.hpp"

namespace wk::store {
namespace {

using testing::make_test_ticket;
using testing::OutboxTempDir;
using testing::query_long;
using testing::query_text;

constexpr UnixMs kT0 = 1795000000000;  // 2026-11-18

class OutboxTest : public ::testing::Test {
 protected:
  std::unique_ptr<Outbox> open(const OutboxOptions& options = {}) {
    auto r = Outbox::open(path_, options);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : to_string(r.error()));
    return r.ok() ? std::move(r.value()) : nullptr;
  }
  Ticket ticket(char letter, int number, const std::string& day = "2026-11-18") {
    return make_test_ticket(rng_, letter, number, day, kT0 + number);
  }

  OutboxTempDir dir_;
  std::string path_ = dir_.file("outbox.db");
  std::mt19937_64 rng_{std::random_device{}()};
};

TEST_F(OutboxTest, AppendedTicketsComeOutPendingInOrder) {
  auto ob = open();
  ASSERT_TRUE(ob);
  std::vector<Ticket> in = {ticket('S', 1), ticket('W', 1), ticket('S', 2)};
  for (const auto& t : in) ASSERT_TRUE(ob->append_ticket(t).ok());

  auto rows = ob->pending(10);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  for (std::size_t i = 0; i < in.size(); ++i) {
    EXPECT_EQ((*rows)[i].id, in[i].id);
    EXPECT_EQ((*rows)[i].path, "/v1/tickets");
    EXPECT_EQ((*rows)[i].body, ticket_to_json(in[i]).dump());
    EXPECT_EQ((*rows)[i].created_at, in[i].created_at);
    EXPECT_EQ((*rows)[i].attempts, 0);
    if (i > 0) {
      EXPECT_GT((*rows)[i].seq, (*rows)[i - 1].seq);
    }
  }
  auto two = ob->pending(2);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[1].id, in[1].id);

  auto ledger = ob->tickets();
  ASSERT_TRUE(ledger.ok());
  EXPECT_EQ(*ledger, in);
}

TEST_F(OutboxTest, SentAndParkedRowsLeaveThePendingList) {
  auto ob = open();
  ASSERT_TRUE(ob);
  for (int n = 1; n <= 4; ++n) ASSERT_TRUE(ob->append_ticket(ticket('S', n)).ok());
  auto rows = ob->pending(10).value();

  ASSERT_TRUE(ob->count_attempt(rows[0].seq).ok());
  ASSERT_TRUE(ob->mark_sent(rows[0].seq, kT0 + 1000).ok());
  ASSERT_TRUE(ob->park(rows[1].seq, "HTTP 422 field_invalid: The field 'topic' must be a topic id.").ok());
  ASSERT_TRUE(ob->count_attempt(rows[2].seq).ok());
  ASSERT_TRUE(ob->count_attempt(rows[2].seq).ok());

  auto left = ob->pending(10).value();
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[0].id, rows[2].id);
  EXPECT_EQ(left[0].attempts, 2);
  EXPECT_EQ(left[1].id, rows[3].id);

  auto s = ob->stats().value();
  EXPECT_EQ(s.pending, 2);
  EXPECT_EQ(s.sent, 1);
  EXPECT_EQ(s.parked, 1);
  EXPECT_EQ(s.oldest_pending_created_at, rows[2].created_at);
  EXPECT_EQ(s.last_sent_at, kT0 + 1000);
  EXPECT_EQ(query_long(path_, "SELECT attempts FROM outbox WHERE seq = " + std::to_string(rows[0].seq)), 2);

  auto parked = ob->parked().value();
  ASSERT_EQ(parked.size(), 1u);
  EXPECT_EQ(parked[0].id, rows[1].id);
  EXPECT_EQ(parked[0].path, "/v1/tickets");
  EXPECT_EQ(parked[0].reason, "HTTP 422 field_invalid: The field 'topic' must be a topic id.");

  EXPECT_EQ(ob->mark_sent(999999, kT0).error().code, "outbox_row_missing");
}

// A drain after an outage marks a round's rows in one commit: all of them, or on a failure none, so a row
// is never left half-way and the ones not marked are simply sent again (the service knows them by id).
TEST_F(OutboxTest, ManyRowsAreMarkedSentTogetherOrNotAtAll) {
  auto ob = open();
  ASSERT_TRUE(ob);
  for (int n = 1; n <= 4; ++n) ASSERT_TRUE(ob->append_ticket(ticket('S', n)).ok());
  auto rows = ob->pending(10).value();

  const auto missing = ob->mark_sent(std::vector<std::int64_t>{rows[0].seq, rows[1].seq, 999999}, kT0);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "outbox_row_missing");
  EXPECT_EQ(ob->pending(10).value().size(), 4u) << "the first two were rolled back with the third";
  EXPECT_EQ(ob->stats().value().sent, 0);

  ASSERT_TRUE(ob->mark_sent(std::vector<std::int64_t>{rows[0].seq, rows[1].seq, rows[2].seq}, kT0 + 5).ok());
  auto left = ob->pending(10).value();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].id, rows[3].id);
  const auto stats = ob->stats().value();
  EXPECT_EQ(stats.sent, 3);
  EXPECT_EQ(stats.last_sent_at, kT0 + 5);
  EXPECT_TRUE(ob->mark_sent(std::vector<std::int64_t>{}, kT0).ok());  // an empty round writes nothing
}

TEST_F(OutboxTest, EmptyOutboxHasNoTimes) {
  auto ob = open();
  ASSERT_TRUE(ob);
  auto s = ob->stats().value();
  EXPECT_EQ(s.pending + s.sent + s.parked, 0);
  EXPECT_FALSE(s.oldest_pending_created_at);
  EXPECT_FALSE(s.last_sent_at);
  EXPECT_TRUE(ob->pending(10)->empty());
  EXPECT_TRUE(ob->last_numbers("2026-11-18")->empty());
}

TEST_F(OutboxTest, LastNumbersArePerLetterAndDay) {
  auto ob = open();
  ASSERT_TRUE(ob);
  for (int n : {1, 3, 5}) ASSERT_TRUE(ob->append_ticket(ticket('S', n)).ok());
  for (int n : {2, 4}) ASSERT_TRUE(ob->append_ticket(ticket('W', n)).ok());
  ASSERT_TRUE(ob->append_ticket(ticket('S', 41, "2026-11-17")).ok());
  ASSERT_TRUE(ob->append_ticket(ticket('Z', 7, "2026-11-19")).ok());

  auto today = ob->last_numbers("2026-11-18").value();
  EXPECT_EQ(today, (std::map<char, int>{{'S', 5}, {'W', 4}}));
  EXPECT_EQ(ob->last_numbers("2026-11-17").value(), (std::map<char, int>{{'S', 41}}));
  EXPECT_TRUE(ob->last_numbers("2026-11-20")->empty());
}

TEST_F(OutboxTest, ReopeningKeepsEveryRowAndItsState) {
  std::vector<Ticket> in;
  {
    auto ob = open();
    ASSERT_TRUE(ob);
    for (int n = 1; n <= 5; ++n) {
      in.push_back(ticket('H', n));
      ASSERT_TRUE(ob->append_ticket(in.back()).ok());
    }
    auto rows = ob->pending(10).value();
    ASSERT_TRUE(ob->mark_sent(rows[0].seq, kT0).ok());
    ASSERT_TRUE(ob->park(rows[1].seq, "HTTP 404").ok());
  }
  auto ob = open();
  ASSERT_TRUE(ob);
  EXPECT_EQ(ob->tickets().value(), in);
  auto s = ob->stats().value();
  EXPECT_EQ(s.sent, 1);
  EXPECT_EQ(s.parked, 1);
  EXPECT_EQ(s.pending, 3);
  EXPECT_EQ(ob->last_numbers("2026-11-18").value(), (std::map<char, int>{{'H', 5}}));
  // New rows go after the old ones: AUTOINCREMENT never reuses a seq.
  auto t = ticket('H', 6);
  ASSERT_TRUE(ob->append_ticket(t).ok());
  EXPECT_EQ(ob->pending(10)->back().id, t.id);
}

TEST_F(OutboxTest, IsInWalModeWithAVersionedSchema) {
  ASSERT_TRUE(open());
  EXPECT_EQ(query_text(path_, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query_long(path_, "PRAGMA user_version"), 1);
}

TEST_F(OutboxTest, AFileFromANewerVersionIsRefused) {
  ASSERT_TRUE(open());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto r = Outbox::open(path_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "store_too_new");
}

TEST_F(OutboxTest, AnUnwritablePlaceIsAnErrorWithAHumanMessage) {
  auto r = Outbox::open(dir_.file("no/such/dir/outbox.db"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "store_cannot_open");
  EXPECT_NE(r.error().message.find("Please ask a staff member."), std::string::npos);
  EXPECT_NE(r.error().detail.find("no/such/dir"), std::string::npos);
}

TEST_F(OutboxTest, TheSameTicketTwiceIsRefusedAndLeavesNoHalfRow) {
  auto ob = open();
  ASSERT_TRUE(ob);
  auto t = ticket('S', 1);
  ASSERT_TRUE(ob->append_ticket(t).ok());
  auto again = ob->append_ticket(t);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(query_long(path_, "SELECT count(*) FROM ledger"), 1);
  EXPECT_EQ(query_long(path_, "SELECT count(*) FROM outbox"), 1);
  // The failed transaction was rolled back: the connection takes the next ticket.
  ASSERT_TRUE(ob->append_ticket(ticket('S', 2)).ok());
}

TEST_F(OutboxTest, AFullDiskIsAnErrorValueAndKeepsEarlierRows) {
  std::vector<Ticket> stored;
  {
    OutboxOptions tight;
    tight.max_size_bytes = 96 * 1024;
    auto ob = open(tight);
    ASSERT_TRUE(ob);
    Result<void> last = Ok{};
    for (int n = 1; n <= 5000 && last.ok(); ++n) {
      auto t = ticket('S', n);
      last = ob->append_ticket(t);
      if (last.ok()) stored.push_back(t);
    }
    ASSERT_FALSE(last.ok()) << "the size bound never hit";
    EXPECT_EQ(last.error().code, "disk_full");
    EXPECT_EQ(last.error().message,
              "The kiosk's disk is full: no ticket could be stored. Please ask a staff member.");
    EXPECT_NE(last.error().detail.find("sqlite 13"), std::string::npos) << last.error().detail;
    // Still full, still an error, and reading keeps working.
    EXPECT_EQ(ob->append_ticket(ticket('S', 9999)).error().code, "disk_full");
    EXPECT_EQ(ob->pending(100000)->size(), stored.size());
    EXPECT_EQ(ob->tickets().value(), stored);
  }
  ASSERT_GT(stored.size(), 10u);
  EXPECT_EQ(query_text(path_, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(testing::orphan_rows(path_), 0);
  EXPECT_EQ(query_long(path_, "SELECT count(*) FROM outbox"), static_cast<long>(stored.size()));
  // Room again (the bound lifted): appends work on the same file.
  auto ob = open();
  ASSERT_TRUE(ob);
  ASSERT_TRUE(ob->append_ticket(ticket('S', 9999)).ok());
  EXPECT_EQ(ob->tickets()->size(), stored.size() + 1);
}

TEST_F(OutboxTest, AWriteErrorIsAnErrorValueNotACrash) {
  // A file-size limit makes write(2) fail (EFBIG) as a broken or full disk would; it applies to the
  // whole process, so a child process hits it and reports through its exit status.
  { ASSERT_TRUE(open()); }
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    signal(SIGXFSZ, SIG_IGN);
    auto ob = Outbox::open(path_);
    if (!ob.ok()) _exit(2);
    const rlimit limit{1024 * 1024, 1024 * 1024};
    setrlimit(RLIMIT_FSIZE, &limit);
    std::mt19937_64 rng{42};
    for (int n = 1; n <= 20000; ++n) {
      auto r = (*ob)->append_ticket(make_test_ticket(rng, 'S', n, "2026-11-18", kT0));
      if (!r.ok()) {
        const bool human = r.error().message.find("Please ask a staff member.") != std::string::npos;
        _exit(human && (r.error().code == "disk_error" || r.error().code == "disk_full") ? 0 : 3);
      }
    }
    _exit(4);  // the limit never hit
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "the child crashed";
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(query_text(path_, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(testing::orphan_rows(path_), 0);
  auto ob = open();
  ASSERT_TRUE(ob);
  EXPECT_GT(ob->tickets()->size(), 0u);
}

TEST_F(OutboxTest, TheUiAndTheSyncWorkerShareTheFile) {
  // One connection appends while another drains, as the UI thread and the sync worker do.
  constexpr int kTickets = 150;
  auto writer = open();
  auto reader = open();
  ASSERT_TRUE(writer && reader);
  std::vector<Ticket> in;
  for (int n = 1; n <= kTickets; ++n) in.push_back(ticket('S', n));
  std::thread ui([&] {
    for (const auto& t : in) ASSERT_TRUE(writer->append_ticket(t).ok());
  });
  int sent = 0;
  for (int spins = 0; sent < kTickets && spins < 100000; ++spins) {
    auto rows = reader->pending(16);
    ASSERT_TRUE(rows.ok()) << to_string(rows.error());
    for (const auto& row : *rows) {
      ASSERT_TRUE(reader->mark_sent(row.seq, kT0).ok());
      EXPECT_EQ(row.id, in[static_cast<std::size_t>(sent)].id);  // strictly FIFO
      ++sent;
    }
  }
  ui.join();
  EXPECT_EQ(sent, kTickets);
  EXPECT_EQ(reader->stats()->sent, kTickets);
}

}  // namespace
}  // namespace wk::store
