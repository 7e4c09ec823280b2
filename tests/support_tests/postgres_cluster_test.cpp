#include "support/postgres_cluster.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "support/wait.hpp"

namespace wk::test {
namespace {

namespace fs = std::filesystem;
using Conn = std::unique_ptr<PGconn, decltype(&PQfinish)>;

Conn connect(const std::string& conninfo) {
  return Conn(PQconnectdb(conninfo.c_str()), &PQfinish);
}

// One value from a libpq query, or the error, so a failing test says what the server said.
std::string query_one(PGconn* c, const std::string& sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c, sql.c_str()), &PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) return std::string("error: ") + PQerrorMessage(c);
  return PQntuples(r.get()) > 0 ? PQgetvalue(r.get(), 0, 0) : "";
}

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

void make_tickets(PostgresCluster& pg, const std::string& db) {
  ASSERT_EQ(pg.psql("CREATE TABLE tickets (id serial PRIMARY KEY, code text NOT NULL)", db).exit_code, 0);
  ASSERT_EQ(pg.psql("INSERT INTO tickets (code) VALUES ('W1'), ('S2')", db).exit_code, 0);
}

std::string tickets(const PostgresCluster& pg, const std::string& db) {
  const RunResult r = pg.psql("SELECT string_agg(code, ',' ORDER BY id) FROM tickets", db);
  return r.exit_code == 0 ? r.out : "error: " + r.err;
}

TEST(PostgresCluster, CreatesADatabaseAndKeepsRowsInIt) {
  PostgresCluster pg;
  ASSERT_TRUE(pg.running());
  pg.create_database("wijk");
  make_tickets(pg, "wijk");
  EXPECT_EQ(tickets(pg, "wijk"), "W1,S2\n");
  // Durable unless asked otherwise, and the URI form reaches the same server.
  EXPECT_EQ(pg.psql("SHOW fsync").out, "on\n");
  const RunResult by_url = run_command(
      {pg.bin_dir() + "/psql", "-X", "-A", "-t", "-d", pg.url("wijk"), "-c", "SELECT count(*) FROM tickets"});
  EXPECT_EQ(by_url.out, "2\n") << by_url.err;
  EXPECT_NE(pg.psql("SELECT * FROM no_such_table", "wijk").exit_code, 0);
}

TEST(PostgresCluster, NotifyReachesAListeningLibpqSession) {
  PostgresCluster pg({.fast = true});
  Conn listener = connect(pg.conninfo());
  ASSERT_EQ(PQstatus(listener.get()), CONNECTION_OK) << PQerrorMessage(listener.get());
  PQclear(PQexec(listener.get(), "LISTEN ticket_called"));
  ASSERT_EQ(pg.psql("NOTIFY ticket_called, 'W12'").exit_code, 0);  // another session
  std::string channel, payload;
  EXPECT_TRUE(wait_until([&] {
    PQconsumeInput(listener.get());
    PGnotify* n = PQnotifies(listener.get());
    if (n == nullptr) return false;
    channel = n->relname, payload = n->extra;
    PQfreemem(n);
    return true;
  }));
  EXPECT_EQ(channel, "ticket_called");
  EXPECT_EQ(payload, "W12");
}

TEST(PostgresCluster, StopAndStartKeepCommittedRows) {
  PostgresCluster pg;
  make_tickets(pg, "postgres");
  pg.stop();
  EXPECT_FALSE(pg.running());
  EXPECT_NE(pg.psql("SELECT 1").exit_code, 0);
  pg.start();
  EXPECT_EQ(tickets(pg, "postgres"), "W1,S2\n");
}

TEST(PostgresCluster, KillThenStartRecoversCommittedRows) {
  PostgresCluster pg;
  make_tickets(pg, "postgres");
  const std::vector<pid_t> before = pg.server_pids();
  pg.kill();
  EXPECT_FALSE(pg.running());
  for (pid_t p : before) EXPECT_FALSE(fs::exists("/proc/" + std::to_string(p))) << p;
  pg.start();
  EXPECT_EQ(tickets(pg, "postgres"), "W1,S2\n");
  EXPECT_NE(pg.server_log().find("not properly shut down; automatic recovery"), std::string::npos)
      << pg.server_log();
}

TEST(PostgresCluster, TcpWantsThePasswordFromTheFile) {
  PostgresCluster pg({.tcp = true, .fast = true});
  struct stat st {};
  ASSERT_EQ(::stat(pg.password_file().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string password = first_line(pg.password_file());
  EXPECT_EQ(password, pg.password());

  Conn wrong = connect(pg.tcp_conninfo() + " password=not-" + password);
  EXPECT_EQ(PQstatus(wrong.get()), CONNECTION_BAD);
  EXPECT_NE(std::string(PQerrorMessage(wrong.get())).find("password authentication failed"),
            std::string::npos)
      << PQerrorMessage(wrong.get());
  Conn none = connect(pg.tcp_conninfo() + " password=''");
  EXPECT_EQ(PQstatus(none.get()), CONNECTION_BAD);

  Conn right = connect(pg.tcp_conninfo() + " password=" + password);
  ASSERT_EQ(PQstatus(right.get()), CONNECTION_OK) << PQerrorMessage(right.get());
  EXPECT_EQ(query_one(right.get(), "SELECT auth_method FROM pg_hba_file_rules WHERE type = 'host' LIMIT 1"),
            "scram-sha-256");
  Conn by_url = connect(pg.tcp_url() + "?password=" + password);
  EXPECT_EQ(query_one(by_url.get(), "SELECT inet_server_addr()::text"), "127.0.0.1/32");
}

TEST(PostgresCluster, TwoAtOnceDoNotCollide) {
  PostgresCluster a({.tcp = true, .fast = true});
  PostgresCluster b({.tcp = true, .fast = true});
  EXPECT_NE(a.port(), b.port());
  EXPECT_NE(a.socket_dir(), b.socket_dir());
  EXPECT_EQ(a.psql("SHOW fsync").out, "off\n");
  make_tickets(a, "postgres");
  EXPECT_NE(b.psql("SELECT 1 FROM tickets").exit_code, 0);
  b.kill();
  EXPECT_TRUE(a.running());
  EXPECT_EQ(tickets(a, "postgres"), "W1,S2\n");
}

TEST(PostgresCluster, ATakenPortFailsTheStartWithTheServersWords) {
  PostgresCluster first({.tcp = true, .fast = true});
  try {
    PostgresCluster second({.tcp = true, .fast = true, .port = first.port()});
    ADD_FAILURE() << "a second server started on port " << first.port();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("could not create any TCP/IP sockets"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(first.running());
}

// No process runs with the data dir on its command line (the postmaster does) and no pid the server had
// exists any more: the destructor reaped them all, and the dir is gone.
TEST(PostgresCluster, DestructorLeavesNoProcessAndNoDir) {
  std::vector<pid_t> pids;
  std::string dir;
  Conn open(nullptr, &PQfinish);  // outlives the cluster: its backend is still there when the server goes
  {
    PostgresCluster pg;
    dir = pg.dir();
    open = connect(pg.conninfo());
    ASSERT_EQ(PQstatus(open.get()), CONNECTION_OK);
    pids = pg.server_pids();
    ASSERT_GE(pids.size(), 2u);
  }
  for (pid_t p : pids) EXPECT_FALSE(fs::exists("/proc/" + std::to_string(p))) << p;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    std::string cmdline;
    try {
      cmdline = read_file(e.path() / "cmdline");
    } catch (const std::exception&) {
      continue;  // not a process, or one that ended meanwhile
    }
    EXPECT_EQ(cmdline.find(dir), std::string::npos) << e.path();
  }
  EXPECT_FALSE(fs::exists(dir));
}

}  // namespace
}  // namespace wk::test
