// PostgreSQL itself goes away under a running wijkqueue and comes back: 503s with a clear error meanwhile,
// recovery by itself afterwards, and the kiosks' retries (same id until a 2xx) lose nothing. And
// instances that start at once on a new database migrate it once.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "service/fresh_service_db.hpp"
#include "service/queue_test_helpers.hpp"
#include "support/postgres_cluster.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

TEST(PostgresOutageTest, StoppedAndStartedUnderTheService503ThenRecoversAndLosesNothing) {
  PostgresCluster pg;
  pg.create_database("wijk");
  WijkqueueOptions o;
  o.database_url = pg.url("wijk");
  Wijkqueue wq(o);
  ASSERT_EQ(post_ticket(wq, ticket_now(wq, 1, "S-001")).status, 201);

  pg.stop();
  const auto second = ticket_now(wq, 2, "S-002");  // the kiosk's outbox sends this one body until a 2xx
  const auto down = post_ticket(wq, second);
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_EQ(error_of(down)["code"], "db_unavailable") << down.body;
  EXPECT_NE(error_of(down)["message"].get<std::string>().find("does not answer"), std::string::npos)
      << down.body;
  EXPECT_FALSE(down.header("retry-after").empty()) << "a 503 says when to try again";
  const auto health = http_request("GET", wq.url("/healthz"), wq.ca_file());
  EXPECT_EQ(health.status, 503) << "a load balancer takes the instance out";
  EXPECT_TRUE(wq.running()) << "the service itself stays up";
  EXPECT_EQ(wq.server_log().find("S-002"), std::string::npos) << "no ticket code in the log";

  pg.start();
  // The kiosk's outbox sends the same ticket again until a 2xx: it lands once, as soon as the
  // database answers again (the pool makes its connections anew).
  HttpResponse back;
  ASSERT_TRUE(wait_until(
      [&] {
        back = post_ticket(wq, second);
        return back.status == 201 || back.status == 200;
      },
      std::chrono::seconds(60)))
      << back.status << " " << back.body;
  EXPECT_EQ(http_request("GET", wq.url("/healthz"), wq.ca_file()).status, 200);
  EXPECT_EQ(post_ticket(wq, second).status, 200) << "a retry of a stored ticket";
  const RunResult rows = pg.psql("SELECT COUNT(*) FROM tickets", "wijk");
  EXPECT_EQ(rows.out, "2\n");
}

TEST(PostgresOutageTest, ACrashedServerRecoversEveryAcknowledgedTicket) {
  PostgresCluster pg;
  pg.create_database("wijk");
  WijkqueueOptions o;
  o.database_url = pg.url("wijk");
  Wijkqueue wq(o);
  std::atomic<int> acknowledged{0};
  std::atomic<bool> stop{false};
  std::thread kiosk([&] {
    for (int n = 1; !stop; ++n) {
      char code[16];
      std::snprintf(code, sizeof code, "W-%03d", n);
      const auto body = ticket_now(wq, n, code, "werk");
      while (!stop) {
        const auto r = post_ticket(wq, body);
        if (r.status == 201 || r.status == 200) {
          ++acknowledged;
          break;
        }
      }
    }
  });
  ASSERT_TRUE(wait_until([&] { return acknowledged >= 20; }));
  pg.kill();  // SIGKILL to the postmaster: a crash, not a shutdown
  const int before = acknowledged;
  pg.start();  // crash recovery
  ASSERT_TRUE(wait_until([&] { return acknowledged >= before + 20; }, std::chrono::seconds(60)));
  stop = true;
  kiosk.join();
  const RunResult rows = pg.psql("SELECT COUNT(*) FROM tickets", "wijk");
  EXPECT_EQ(std::stoi(rows.out), acknowledged.load()) << "every 2xx is a row, and no row without one";
}

// Instances that start together on an empty database: one migrates, the others wait for its lock and
// find nothing left to do. Each open brings the schema; none fails on a table another made.
TEST(PostgresMigrations, FourOpensAtOnceOnAnEmptyDatabaseMigrateItOnce) {
  PostgresCluster pg({.tcp = false, .fast = true, .start = true, .port = 0});
  pg.create_database("fresh");
  std::vector<std::thread> opens;
  std::atomic<int> ok{0};
  std::vector<std::string> errors(4);
  for (int i = 0; i < 4; ++i)
    opens.emplace_back([&, i] {
      auto db = store::ServiceDb::open_postgres({pg.url("fresh"), "", 1}, store::OpenMode::existing);
      if (db.ok() || db.error().code == "no_db") {
        // "existing" refuses a database without the schema before migrating: make it as init does.
        auto made = store::ServiceDb::open_postgres({pg.url("fresh"), "", 1}, store::OpenMode::create_new);
        if (made.ok() || made.error().code == "db_exists")
          ++ok;
        else
          errors[i] = to_string(made.error());
      } else {
        errors[i] = to_string(db.error());
      }
    });
  for (auto& t : opens) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  EXPECT_EQ(ok, 4);
  EXPECT_EQ(pg.psql("SELECT COUNT(*) || ' ' || MAX(version) FROM wijkqueue_schema", "fresh").out, "1 3\n");
  auto db = store::ServiceDb::open_postgres({pg.url("fresh"), "", 1}, store::OpenMode::existing);
  ASSERT_TRUE(db.ok()) << to_string(db.error());
  EXPECT_EQ(db.value()->schema_version().value(), 3);  // the latest: issue 20 added the third
}

TEST(PostgresMigrations, AnAddressWithAPasswordIsRefusedAndThePasswordComesFromAFile) {
  PostgresCluster pg({.tcp = true, .fast = true, .start = true, .port = 0});
  pg.create_database("wijk");
  TempDir dir;
  const std::string bin = bin_path("wijkqueue");
  // In the address: refused before anything is made, and the password is not repeated back.
  std::string with_password = pg.tcp_url("wijk");
  with_password.insert(with_password.find("://") + 3 + pg.user().size(), ":" + pg.password());
  const RunResult refused = run_command({bin, "init", "--dir", dir.file("a"), "--db", with_password});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("holds a password"), std::string::npos) << refused.err;
  EXPECT_EQ(refused.err.find(pg.password()), std::string::npos) << "the password is not echoed";
  EXPECT_FALSE(std::filesystem::exists(dir.file("a")));
  // Without it and without a file: libpq's own words (no password supplied).
  const RunResult none = run_command({bin, "init", "--dir", dir.file("b"), "--db", pg.tcp_url("wijk")},
                                     {{"PGPASSWORD", ""}, {"PGPASSFILE", "/nonexistent"}});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("cannot be reached"), std::string::npos) << none.err;
  // From a file: set up, recorded without the password, and every later command finds it.
  const RunResult made = run_command({bin, "init", "--dir", dir.file("c"), "--db", pg.tcp_url("wijk"),
                                      "--db-password-file", pg.password_file()});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string record = read_file(dir.file("c/database.conf"));
  EXPECT_NE(record.find(pg.tcp_url("wijk")), std::string::npos) << record;
  EXPECT_EQ(record.find(pg.password()), std::string::npos) << "no password in the record";
  const RunResult added =
      run_command({bin, "location", "add", "--dir", dir.file("c"), "--id", "centrum", "--name", "C"});
  EXPECT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(pg.psql("SELECT id FROM locations", "wijk").out, "centrum\n");
  // `migrate` on a database that is up to date: nothing to do, and it says at which schema it is.
  const RunResult migrated = run_command({bin, "migrate", "--dir", dir.file("c")});
  EXPECT_EQ(migrated.exit_code, 0) << migrated.err;
  EXPECT_NE(migrated.err.find("at schema 3"), std::string::npos) << migrated.err;
}

}  // namespace
}  // namespace wk::test

namespace wk::test {
namespace {

// TLS to the database, verified when the address asks for it (sslmode=verify-full): the server's
// certificate against the CA given, and its name against the host. The cluster's certificate is for
// "localhost" only.
TEST(PostgresMigrations, TlsToTheDatabaseIsVerifiedWhenAskedFor) {
  PostgresCluster pg({.tcp = true, .fast = true, .tls = true, .start = true, .port = 0});
  pg.create_database("wijk");
  TempDir dir;
  const std::string bin = bin_path("wijkqueue");
  const std::string port = std::to_string(pg.port());
  auto url = [&](const std::string& host, const std::string& ca) {
    return "postgresql://" + pg.user() + "@" + host + ":" + port +
           "/wijk?sslmode=verify-full&sslrootcert=" + ca;
  };
  auto init = [&](const std::string& name, const std::string& address) {
    return run_command(
        {bin, "init", "--dir", dir.file(name), "--db", address, "--db-password-file", pg.password_file()});
  };
  // Another CA, which signed nothing of this server's.
  const RunResult other =
      run_command({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                   "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", dir.file("other.key"), "-out",
                   dir.file("other.pem"), "-days", "2", "-subj", "/CN=someone else"});
  ASSERT_EQ(other.exit_code, 0) << other.err;

  const RunResult wrong_ca = init("a", url("localhost", dir.file("other.pem")));
  EXPECT_EQ(wrong_ca.exit_code, 1);
  EXPECT_NE(wrong_ca.err.find("certificate verify failed"), std::string::npos) << wrong_ca.err;
  const RunResult wrong_name = init("b", url("127.0.0.1", pg.ca_file()));
  EXPECT_EQ(wrong_name.exit_code, 1);
  EXPECT_NE(wrong_name.err.find("does not match host name"), std::string::npos) << wrong_name.err;
  const RunResult right = init("c", url("localhost", pg.ca_file()));
  ASSERT_EQ(right.exit_code, 0) << right.err;
}

}  // namespace
}  // namespace wk::test
