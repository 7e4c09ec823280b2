// The kiosk's outbox against a service on PostgreSQL while PostgreSQL itself stops and starts again: the
// service answers 503 meanwhile, the outbox keeps every ticket and sends it afterwards, and the database
// holds each exactly once (issue 17). The real SyncWorker, the real wijkqueue, a real PostgreSQL server.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "net/sync_worker.hpp"
#include "net_test_util.hpp"
#include "store/outbox.hpp"
#include "support/postgres_cluster.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace wk::net {
namespace {

using namespace std::chrono_literals;

TEST(KioskOutboxOnPostgres, PostgresStoppedAndStartedMidDrainLosesAndDoublesNothing) {
  test::PostgresCluster pg;
  pg.create_database("wijk");
  test::WijkqueueOptions o;
  o.database_url = pg.url("wijk");
  test::Wijkqueue service(o);
  test::TempDir dir("pg-sync");
  const std::string db = dir.file("outbox.db");
  testing::TicketMaker maker;
  std::vector<Ticket> tickets;
  auto append = [&](int n) {
    auto ob = store::Outbox::open(db);
    ASSERT_TRUE(ob.ok()) << to_string(ob.error());
    static const char* kTopics[] = {"werk", "schulden", "anders"};
    for (int i = 0; i < n; ++i) {
      tickets.push_back(maker.issue(kTopics[tickets.size() % 3]));
      ASSERT_TRUE(ob.value()->append_ticket(tickets.back()).ok());
    }
  };
  auto stats = [&] {
    auto ob = store::Outbox::open(db);
    return ob.ok() ? ob.value()->stats().value() : store::OutboxStats{};
  };
  { ASSERT_TRUE(store::Outbox::open(db).ok()); }
  SyncWorker::Options so;
  so.outbox_path = db;
  so.client = testing::client_options(service, service.kiosk_token());
  so.base_backoff_ms = 20;
  so.max_backoff_ms = 250;
  so.idle_poll_ms = 20;
  SyncWorker worker(so);
  worker.start();

  append(200);
  ASSERT_TRUE(test::wait_until([&] { return stats().sent >= 100; }, 30s));
  pg.stop();  // mid-drain: the service stays up and answers 503
  append(200);
  ASSERT_TRUE(test::wait_until(
      [&] { return service.server_log().find(" POST /v1/tickets 503 ") != std::string::npos; }, 30s))
      << "the outbox met the outage";
  EXPECT_GT(stats().pending, 0);
  EXPECT_EQ(stats().parked, 0) << "a 503 is retried, never set aside";
  pg.start();
  append(100);
  ASSERT_TRUE(test::wait_until([&] { return stats().sent + stats().parked == 500; }, 60s))
      << stats().pending << " still pending";
  EXPECT_EQ(stats().sent, 500);
  EXPECT_EQ(stats().parked, 0);
  EXPECT_EQ(pg.psql("SELECT COUNT(*) || ' ' || COUNT(DISTINCT id) FROM tickets", "wijk").out, "500 500\n");
}

}  // namespace
}  // namespace wk::net
