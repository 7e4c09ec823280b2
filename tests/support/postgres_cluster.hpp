#pragma once
// A real, throwaway PostgreSQL server for one test: initdb in a temp dir, then pg_ctl, from the newest
// /usr/lib/postgresql/N/bin. It listens on a unix socket in a dir of its own (local auth: trust) and, when
// asked, on 127.0.0.1 at a free port (scram-sha-256 with the superuser's password, which is also in a 0600
// file). The server refuses to run as root, so as root (CI) the server tools run as the postgres user
// through runuser and the temp dir is handed to that user. Readiness is waited for with pg_isready; the
// destructor stops the server (immediate) and removes the dir. Setup failures throw with the tools' words.
// Side effect: the test process becomes a child subreaper (prctl), so that it, not an init that may never
// reap, inherits and reaps the postmaster pg_ctl leaves behind (see the constructor).
#include <sys/types.h>

#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {

struct PostgresOptions {
  bool tcp = false;   // also listen on 127.0.0.1 at a free port (kept over stop() and start())
  bool fast = false;  // fsync=off, synchronous_commit=off: only for tests that do not test durability
  // With tcp: TLS too, with a certificate for "localhost" only (not for 127.0.0.1) from a CA of the
  // cluster's own (ca_file()), so a test can check that a client verifies the server and its name.
  bool tls = false;
  bool start = true;  // false: initdb only; call start() yourself
  int port = 0;       // with tcp: 0 takes a free port; else this one (a taken port makes start() throw)
};

class PostgresCluster {
 public:
  using Options = PostgresOptions;
  explicit PostgresCluster(Options options = {});
  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // start() waits until the server accepts connections; stop() is a clean (fast) shutdown and waits for
  // the postmaster to be gone; kill() is a crash: SIGKILL to the postmaster, then waits for all its
  // processes to be gone, so that start() runs crash recovery.
  void start();
  void stop();
  void kill();
  bool running();

  // libpq keyword form / URI over the unix socket, as the superuser (no password needed there).
  std::string conninfo(const std::string& db = "postgres") const;
  std::string url(const std::string& db = "postgres") const;
  // The same over TCP, without the password (the caller supplies it: that is what such tests test).
  // Throw unless the cluster was made with tcp.
  std::string tcp_conninfo(const std::string& db = "postgres") const;
  std::string tcp_url(const std::string& db = "postgres") const;

  void create_database(const std::string& name);
  // Runs one psql -c over the socket: unaligned, tuples only, stops at the first error.
  RunResult psql(const std::string& sql, const std::string& db = "postgres") const;

  int port() const { return port_; }
  const std::string& user() const { return user_; }  // "postgres"
  const std::string& password() const { return password_; }
  std::string password_file() const { return dir_.file("superuser-password"); }
  std::string ca_file() const { return dir_.file("tls-ca.pem"); }  // with tls
  const std::string& dir() const { return dir_.path(); }
  std::string data_dir() const { return dir_.file("data"); }
  std::string socket_dir() const { return dir_.file("socket"); }
  const std::string& bin_dir() const { return bin_dir_; }
  // The postmaster while it runs (else -1), and it with its children: for tests of what is left behind.
  pid_t pid();
  std::vector<pid_t> server_pids();
  // Everything the server logged so far, over all its runs.
  std::string server_log() const;

 private:
  RunResult run_as_owner(const std::vector<std::string>& argv) const;  // as postgres when we are root
  void wait_gone(const std::vector<pid_t>& pids, const char* what);
  void init_db();
  void make_certificates();

  Options options_;
  TempDir dir_;
  std::string bin_dir_, user_ = "postgres", password_;
  int port_ = 5432;
  pid_t postmaster_ = -1;
};

}  // namespace wk::test
