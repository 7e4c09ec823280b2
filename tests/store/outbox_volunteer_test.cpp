// A volunteer's registration in the kiosk's outbox: sealed before it is written, so neither the database
// file nor its WAL holds the name or the phone number; delivered like a ticket; and gone from the file,
// its free pages and the WAL once the service has it.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "outbox_test_util.hpp"
#include "store/outbox.hpp"
#include "store/sealed_box.hpp"
#include "support/sample_volunteer.hpp"

namespace wk::store {
namespace {

using testing::OutboxTempDir;

std::string raw_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(SealedBox, ItsKeyIsMadeOnceReadableOnlyByTheAppAndOpensOnlyItsOwn) {
  OutboxTempDir dir;
  auto box = SealedBox::open_or_create(dir.file("volunteer.key"));
  ASSERT_TRUE(box) << to_string(box.error());
  struct stat st {};
  ASSERT_EQ(::stat(dir.file("volunteer.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string sealed = box->seal("Wilhelmina");
  EXPECT_EQ(sealed.find("Wilhelmina"), std::string::npos);
  EXPECT_NE(box->seal("Wilhelmina"), sealed) << "a fresh nonce every time";
  auto again = SealedBox::open_or_create(dir.file("volunteer.key"));
  ASSERT_TRUE(again);
  ASSERT_TRUE(again->open(sealed));
  EXPECT_EQ(again->open(sealed).value(), "Wilhelmina");
  auto other = SealedBox::open_or_create(dir.file("other.key"));
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->open(sealed)) << "another kiosk's key opens nothing";
  std::string changed = sealed;
  changed[changed.size() / 2] = changed[changed.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(box->open(changed)) << "a changed byte is noticed";
  std::ofstream(dir.file("short.key")) << "too short";
  EXPECT_FALSE(SealedBox::open_or_create(dir.file("short.key")));
}

TEST(OutboxVolunteer, SealedOnDiskDeliveredLikeATicketAndGoneOnceSent) {
  OutboxTempDir dir;
  auto box = SealedBox::open_or_create(dir.file("volunteer.key"));
  ASSERT_TRUE(box);
  auto outbox = Outbox::open(dir.file("outbox.db"));
  ASSERT_TRUE(outbox) << to_string(outbox.error());
  const VolunteerRegistration v = test::sample_volunteer(1'790'000'000'000);
  ASSERT_TRUE((*outbox)->append_volunteer(v, *box));

  for (const char* file : {"outbox.db", "outbox.db-wal"}) {
    const std::string bytes = raw_bytes(dir.file(file));
    EXPECT_EQ(bytes.find(test::kSampleVolunteerName), std::string::npos) << file;
    EXPECT_EQ(bytes.find("87654321"), std::string::npos) << file;
  }
  auto pending = (*outbox)->pending(10);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1u);
  const OutboxRow& row = pending->front();
  EXPECT_TRUE(row.sealed);
  EXPECT_EQ(row.path, "/v1/volunteers");
  EXPECT_EQ(row.id, v.id);
  auto body = box->open(row.body);
  ASSERT_TRUE(body);
  EXPECT_EQ(nlohmann::json::parse(body.value()), volunteer_to_json(v));

  ASSERT_TRUE((*outbox)->mark_sent(row.seq, v.created_at + 1000));
  auto after = (*outbox)->pending(10);
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->empty());
  auto stats = (*outbox)->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->sent, 0) << "not kept as sent: deleted";
  // Not even the sealed bytes are left: the row's page was overwritten and the WAL emptied.
  const std::string sealed_piece = row.body.substr(8, 24);
  EXPECT_EQ(raw_bytes(dir.file("outbox.db")).find(sealed_piece), std::string::npos);
  EXPECT_EQ(raw_bytes(dir.file("outbox.db-wal")).find(sealed_piece), std::string::npos);
}

}  // namespace
}  // namespace wk::store
