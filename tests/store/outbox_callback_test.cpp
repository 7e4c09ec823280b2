// A call-back request in the kiosk's outbox, as a volunteer's registration is: sealed before it is written,
// so neither the database file nor its WAL holds the phone number; delivered by its own path; and gone
// from the file, its free pages and the WAL once the service has it. Tickets beside it are kept as sent.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "outbox_test_util.hpp"
#include "store/outbox.hpp"
#include "store/sealed_box.hpp"
#include "support/sample_callback.hpp"

namespace wk::store {
namespace {

using testing::OutboxTempDir;

std::string raw_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(OutboxCallback, SealedOnDiskDeliveredByItsPathAndGoneOnceSent) {
  OutboxTempDir dir;
  auto box = SealedBox::open_or_create(dir.file("volunteer.key"));
  ASSERT_TRUE(box);
  auto outbox = Outbox::open(dir.file("outbox.db"));
  ASSERT_TRUE(outbox) << to_string(outbox.error());
  const CallbackRequest c = test::sample_callback(1'790'000'000'000);
  ASSERT_TRUE((*outbox)->append_callback(c, *box));

  for (const char* file : {"outbox.db", "outbox.db-wal"}) {
    const std::string bytes = raw_bytes(dir.file(file));
    EXPECT_EQ(bytes.find(test::kSampleCallbackDigits), std::string::npos) << file;
    EXPECT_EQ(bytes.find("schulden"), std::string::npos) << file << ": the whole body is sealed";
  }
  auto pending = (*outbox)->pending(10);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1u);
  const OutboxRow& row = pending->front();
  EXPECT_TRUE(row.sealed);
  EXPECT_EQ(row.path, "/v1/callbacks");
  EXPECT_EQ(row.id, c.id);
  EXPECT_EQ(row.created_at, c.created_at);
  auto body = box->open(row.body);
  ASSERT_TRUE(body);
  EXPECT_EQ(nlohmann::json::parse(body.value()), callback_to_json(c));

  ASSERT_TRUE((*outbox)->mark_sent(row.seq, c.created_at + 1000));
  auto after = (*outbox)->pending(10);
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->empty());
  auto stats = (*outbox)->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->sent, 0) << "not kept as sent: deleted";
  const std::string sealed_piece = row.body.substr(8, 24);
  EXPECT_EQ(raw_bytes(dir.file("outbox.db")).find(sealed_piece), std::string::npos);
  EXPECT_EQ(raw_bytes(dir.file("outbox.db-wal")).find(sealed_piece), std::string::npos);
}

TEST(OutboxCallback, TheSameIdTwiceIsRefusedAndATicketBesideItIsKeptAsSent) {
  OutboxTempDir dir;
  auto box = SealedBox::open_or_create(dir.file("volunteer.key"));
  ASSERT_TRUE(box);
  auto outbox = Outbox::open(dir.file("outbox.db"));
  ASSERT_TRUE(outbox);
  const CallbackRequest c = test::sample_callback(1'790'000'000'000);
  ASSERT_TRUE((*outbox)->append_callback(c, *box));
  EXPECT_FALSE((*outbox)->append_callback(c, *box)) << "one request, one row";
  Ticket t;
  t.id = "0b7f5c1a-2d3e-4f50-8a6b-7c8d9e0f1a2b";
  t.code = "S-001";
  t.topic = "schulden";
  t.language = "nl";
  t.created_at = c.created_at + 1;
  t.public_token = "tok";
  t.local_day = "2026-09-21";
  t.number = 1;
  ASSERT_TRUE((*outbox)->append_ticket(t));
  auto pending = (*outbox)->pending(10);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_TRUE((*pending)[0].sealed);
  EXPECT_FALSE((*pending)[1].sealed);
  ASSERT_TRUE((*outbox)->mark_sent((*pending)[1].seq, c.created_at + 2));
  ASSERT_TRUE((*outbox)->mark_sent((*pending)[0].seq, c.created_at + 3));
  const auto stats = (*outbox)->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->sent, 1) << "the ticket is kept as sent; the request is gone";
  EXPECT_EQ(stats->pending, 0);
}

}  // namespace
}  // namespace wk::store
