// wijkqueue migrate-data: a walk-in point that outgrew its box moves from SQLite to PostgreSQL. Whatever
// it held answers the same afterwards (queue, calls, volunteers, report, sessions), the counts and
// checksums are printed, and the SQLite file is not changed by a byte.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "service/queue_test_helpers.hpp"
#include "service/volunteer_test_helpers.hpp"
#include "support/postgres_cluster.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

// What staff and displays see, as JSON texts to compare before and after the move.
struct Views {
  std::string queue, calls, volunteers, report;
};

Views views_of(const Wijkqueue& wq, const std::string& staff) {
  auto get = [&](const std::string& path, const std::string& token) {
    const auto r = http_request("GET", wq.url(path), wq.ca_file(), token);
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    return r.body;
  };
  const std::string day = amsterdam_day(wq.now());
  // The queue's version is the process's own count (a restart answers any old one at once): left out.
  auto queue = nlohmann::json::parse(get("/v1/queue", staff));
  queue.erase("version");
  return {queue.dump(), get("/v1/calls", wq.display_token()), get("/v1/volunteers", staff),
          get("/v1/reports/" + wq.location() + "?from=" + day + "&to=" + day, staff)};
}

TEST(MigrateData, SqliteToPostgresKeepsEverythingAndLeavesTheSourceAsItWas) {
  Wijkqueue wq(volunteer_service());
  wq.clock().freeze_at(wq.now());  // the waits shown are the same before and after the move
  const std::string staff = staff_token(wq);
  for (int n = 1; n <= 30; ++n) {
    char code[16];
    std::snprintf(code, sizeof code, "S-%03d", n);
    ASSERT_EQ(post_ticket(wq, ticket_now(wq, n, code, "schulden", 3600 - n * 60)).status, 201);
  }
  for (int i = 0; i < 12; ++i) {
    const auto called = staff_post(wq, staff, "/v1/desks/" + std::to_string(1 + i % 3) + "/next");
    ASSERT_EQ(called.status, 200) << called.body;
    const std::string id = json_of(called)["id"];
    ASSERT_EQ(staff_post(wq, staff, "/v1/tickets/" + id + (i % 4 == 3 ? "/no-show" : "/served")).status, 200);
  }
  ASSERT_EQ(staff_post(wq, staff, "/v1/desks/2/next").status, 200);  // one at a desk now
  const char* names[] = {"Anna", "Bram", "Cas"};
  for (int n = 1; n <= 3; ++n)
    ASSERT_EQ(
        post_volunteer(wq, volunteer_body(n, names[n - 1], {{"phone", "0612345678"}}, wq.now() - n * 60'000),
                       wq.kiosk_token())
            .status,
        201);
  const Views before = views_of(wq, staff);
  wq.stop();
  const std::string source = read_file(wq.db_file());

  PostgresCluster pg;
  pg.create_database("city");
  const RunResult moved = wq.cli({"migrate-data", "--from", wq.dir(), "--to", pg.url("city")});
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_EQ(read_file(wq.db_file()), source) << "the source is not changed by a byte";
  // One line per table: name, rows, SHA-256; the tickets, calls and volunteers as made above.
  std::map<std::string, long long> rows;
  std::istringstream lines(moved.out);
  for (std::string table, sha; lines >> table;) lines >> rows[table] >> sha;
  EXPECT_EQ(rows["tickets"], 30);
  EXPECT_EQ(rows["calls"], 13);
  EXPECT_EQ(rows["volunteers"], 3);
  EXPECT_EQ(rows.size(), 13u) << moved.out;  // remote_joins lives an hour and is not moved
  EXPECT_EQ(pg.psql("SELECT COUNT(*) FROM tickets", "city").out, "30\n");

  // Again into the same database: refused, nothing doubled.
  const RunResult again = wq.cli({"migrate-data", "--from", wq.dir(), "--to", pg.url("city")});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("only fills an empty one"), std::string::npos) << again.err;
  EXPECT_EQ(pg.psql("SELECT COUNT(*) FROM tickets", "city").out, "30\n");

  // The directory now points at PostgreSQL (the step migrate-data names), and the service answers as
  // before: the same queue, calls, volunteers and report, for the same staff session.
  write_file(wq.dir() + "/database.conf", "url = " + pg.url("city") + "\n");
  std::filesystem::rename(wq.db_file(), wq.db_file() + ".moved");
  wq.start();
  const Views after = views_of(wq, staff);
  EXPECT_EQ(after.queue, before.queue);
  EXPECT_EQ(after.calls, before.calls);
  EXPECT_EQ(after.volunteers, before.volunteers);
  EXPECT_EQ(after.report, before.report);
  // And it goes on: a new call gets the next seq, after the copied ones.
  const auto next = staff_post(wq, staff, "/v1/desks/1/next");
  ASSERT_EQ(next.status, 200) << next.body;
  const auto calls = json_of(http_request("GET", wq.url("/v1/calls"), wq.ca_file(), wq.display_token()));
  EXPECT_EQ(calls["last_seq"], 14) << calls.dump();
}

}  // namespace
}  // namespace wk::test
