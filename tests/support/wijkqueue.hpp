#pragma once
// A real wijkqueue for a test: `init` in a temp dir (database, a CA and a localhost certificate made now),
// one location with a test config (topics werk W, schulden S, anders A; languages nl, en), a kiosk, a
// display and a staff user (staff_user() / staff_password()), then `serve` on a free loopback port. stop()
// and start() again keep the dir and the port, so a test can take the service away and bring it back. Setup
// failures throw with the server's own words.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_clock.hpp"

namespace wk::test {

// The test location's config as TOML, for location `id`.
std::string test_location_toml(const std::string& id);

struct WijkqueueOptions {
  std::string location = "centrum";
  std::string location_name = "Wijkcentrum De Ringvaart";
  std::string timezone = "Europe/Amsterdam";
  std::optional<std::string> config_toml;  // default: test_location_toml(location)
  bool start = true;                       // false: set up only; call start() yourself
  int threads = 0;                         // 0: the server's default
  std::vector<std::string> serve_args;     // more options for `serve` (e.g. {"--min-free-mb", "9"})
  // A PostgreSQL database of the test's own for `init --db`, whatever WIJKKIOSK_TEST_DB says; the test
  // owns it (it is not dropped).
  std::string database_url;
  // Another instance of that Wijkqueue, as a city runs several behind one address: no set-up, but its
  // directory, database, tokens and clock; a port, a process and a log of its own.
  class Wijkqueue* instance_of = nullptr;
};

class Wijkqueue;

// Options for one more instance of `first` (see WijkqueueOptions::instance_of).
WijkqueueOptions another_instance_of(Wijkqueue& first);

// Options for a Wijkqueue that is set up (init, location, config, devices) but not started.
inline WijkqueueOptions set_up_only() {
  WijkqueueOptions o;
  o.start = false;
  return o;
}

class Wijkqueue {
 public:
  explicit Wijkqueue(WijkqueueOptions options = {});
  ~Wijkqueue();
  Wijkqueue(const Wijkqueue&) = delete;
  Wijkqueue& operator=(const Wijkqueue&) = delete;

  // The first start takes a free port; every later one the same port again.
  void start();
  // SIGTERM, then waits for a clean exit (code 0) and throws on anything else.
  void stop();
  // SIGKILL: the service dies as in a power cut.
  void kill();
  bool running();

  int port() const { return port_; }
  pid_t pid() const { return server_ ? server_->pid() : -1; }
  std::string base_url() const;  // "https://localhost:PORT"
  std::string url(const std::string& path) const { return base_url() + path; }
  const std::string& dir() const { return served_dir_; }
  std::string ca_file() const { return served_dir_ + "/ca.pem"; }
  // SQLite's file; on PostgreSQL (WIJKKIOSK_TEST_DB=postgres, see test_database.hpp) db_url() instead.
  std::string db_file() const { return served_dir_ + "/wijkqueue.db"; }
  bool on_postgres() const { return !db_url_.empty(); }
  const std::string& db_url() const { return db_url_; }
  // What anyone who copies the database would read: SQLite's file and its WAL, or PostgreSQL's pg_dump.
  std::string database_bytes() const;
  const std::string& location() const { return options_.location; }
  const std::string& admin_token() const { return admin_token_; }
  const std::string& kiosk_token() const { return kiosk_token_; }
  const std::string& display_token() const { return display_token_; }
  const std::string& staff_user() const { return staff_user_; }          // "balie"
  const std::string& staff_password() const { return staff_password_; }  // "geheim-wachtwoord"

  // The server's clock (serve --test-clock): running from an_ordinary_weekday() until the test sets it.
  // now() is the time the server reads at this moment, so a test's dates are relative to the clock the
  // server is given, never to the day the test runs.
  TestClockFile& clock() { return options_.instance_of ? options_.instance_of->clock() : clock_; }
  UnixMs now() const { return options_.instance_of ? options_.instance_of->now() : clock_.now(); }

  // Everything the server wrote to stderr so far, over all its runs (the request log).
  std::string server_log() const;
  // Runs `wijkqueue ARGS...` to its end (e.g. {"device", "add", "--dir", dir(), ...}).
  RunResult cli(const std::vector<std::string>& args) const;
  // Adds another device and returns its token.
  std::string add_device(const std::string& role, const std::string& location);
  // Adds a location with test_location_toml(id) as its config.
  void add_location(const std::string& id);
  // Adds a staff user (by `staff add` with a password file).
  void add_staff(const std::string& location, const std::string& user, const std::string& password);

 private:
  std::string cli_ok(const std::vector<std::string>& args) const;  // stdout; throws unless exit code 0

  WijkqueueOptions options_;
  TempDir dir_;
  std::string served_dir_;  // dir_, or the first instance's
  std::string admin_token_, kiosk_token_, display_token_;
  std::string db_url_;    // empty: SQLite in dir_
  bool owns_db_ = false;  // db_url_ was made for this Wijkqueue: dropped with it
  std::string staff_user_ = "balie", staff_password_ = "geheim-wachtwoord";
  TestClockFile clock_;
  std::optional<Process> server_;
  int port_ = 0;
};

}  // namespace wk::test
