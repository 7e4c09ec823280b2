#include "support/wijkqueue.hpp"

#include "support/privacy_ledger.hpp"
#include "support/test_database.hpp"

#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace wk::test {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(20);
constexpr auto kStopTimeout = std::chrono::seconds(20);

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::string test_location_toml(const std::string& id) {
  return "id = \"" + id + "\"\n" + R"(name = "Wijkcentrum De Ringvaart"
timezone = "Europe/Amsterdam"
languages = ["nl", "en"]

[[topics]]
id = "werk"
letter = "W"
names = { nl = "Werk en inkomen", en = "Work and income" }

[[topics]]
id = "schulden"
letter = "S"
names = { nl = "Geldzorgen en schulden", en = "Money worries and debts" }

[[topics]]
id = "anders"
letter = "A"
names = { nl = "Iets anders", en = "Something else" }
)";
}

WijkqueueOptions another_instance_of(Wijkqueue& first) {
  WijkqueueOptions o;
  o.instance_of = &first;
  return o;
}

Wijkqueue::Wijkqueue(WijkqueueOptions options)
    : options_(std::move(options)),
      dir_("wijkqueue"),
      served_dir_(options_.instance_of ? options_.instance_of->dir() : dir_.path()),
      clock_(dir_.file("clock")) {
  if (Wijkqueue* first = options_.instance_of) {
    options_.location = first->location();
    admin_token_ = first->admin_token_;
    kiosk_token_ = first->kiosk_token_;
    display_token_ = first->display_token_;
    db_url_ = first->db_url_;
    if (options_.start) start();
    return;
  }
  const std::string d = dir();
  if (!options_.database_url.empty()) {
    db_url_ = options_.database_url;
    admin_token_ = cli_ok({"init", "--dir", d, "--db", db_url_});
  } else if (testing_postgres()) {
    db_url_ = fresh_postgres_database();
    owns_db_ = true;
    admin_token_ = cli_ok({"init", "--dir", d, "--db", db_url_});
  } else {
    admin_token_ = cli_ok({"init", "--dir", d});
  }
  cli_ok({"location", "add", "--dir", d, "--id", options_.location, "--name", options_.location_name,
          "--timezone", options_.timezone});
  const std::string config = dir_.file("location.toml");
  write_file(config, options_.config_toml.value_or(test_location_toml(options_.location)));
  cli_ok({"location", "set-config", "--dir", d, "--id", options_.location, "--file", config});
  std::filesystem::remove(config);
  note_secret(admin_token_);
  kiosk_token_ = add_device("kiosk", options_.location);
  display_token_ = add_device("display", options_.location);
  add_staff(options_.location, staff_user_, staff_password_);
  // The server's day is an ordinary weekday whatever day the test runs, and its time runs on from there:
  // a test that does not set the clock itself still never sees a midnight or a change of the clocks.
  clock_.run_from(an_ordinary_weekday());
  if (options_.start) start();
}

Wijkqueue::~Wijkqueue() {
  if (server_ && server_->running()) {
    server_->kill(SIGTERM);
    if (!server_->wait_for(kStopTimeout)) server_->kill(SIGKILL);
  }
  if (owns_db_) {
    try {
      drop_postgres_database(db_url_);
    } catch (const std::exception&) {  // the server goes at the process's end, with every database in it
    }
  }
}

std::string Wijkqueue::database_bytes() const {
  if (on_postgres()) return postgres_dump(db_url_);
  std::string bytes;
  for (const auto& f : {db_file(), db_file() + "-wal"})
    if (std::filesystem::exists(f)) bytes += read_file(f);
  return bytes;
}

RunResult Wijkqueue::cli(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {bin_path("wijkqueue")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

std::string Wijkqueue::cli_ok(const std::vector<std::string>& args) const {
  const RunResult r = cli(args);
  if (r.exit_code != 0) {
    std::string cmd = "wijkqueue";
    for (const auto& a : args) cmd += " " + a;
    throw std::runtime_error(cmd + " failed with exit code " + std::to_string(r.exit_code) + ": " + r.err);
  }
  return trim(r.out);
}

std::string Wijkqueue::add_device(const std::string& role, const std::string& location) {
  std::string token = cli_ok({"device", "add", "--dir", dir(), "--role", role, "--location", location});
  note_secret(token);
  return token;
}

void Wijkqueue::add_location(const std::string& id) {
  cli_ok({"location", "add", "--dir", dir(), "--id", id, "--name", "Locatie " + id});
  const std::string config = dir_.file("location-" + id + ".toml");
  write_file(config, test_location_toml(id));
  cli_ok({"location", "set-config", "--dir", dir(), "--id", id, "--file", config});
  std::filesystem::remove(config);
}

void Wijkqueue::add_staff(const std::string& location, const std::string& user, const std::string& password) {
  const std::string file = dir_.file("password-" + user);
  note_secret(password);
  write_file(file, password + "\n");
  cli_ok({"staff", "add", "--dir", dir(), "--location", location, "--user", user, "--password-file", file});
  std::filesystem::remove(file);
}

void Wijkqueue::start() {
  if (server_ && server_->running())
    throw std::logic_error("Wijkqueue::start: the server is running already");
  const std::string port_file = dir_.file("port");
  std::filesystem::remove(port_file);
  std::vector<std::string> argv = {
      bin_path("wijkqueue"), "serve",       "--dir",   dir(),          "--host",      "127.0.0.1", "--port",
      std::to_string(port_), "--port-file", port_file, "--test-clock", clock().path()};
  if (options_.threads > 0) argv.insert(argv.end(), {"--threads", std::to_string(options_.threads)});
  argv.insert(argv.end(), options_.serve_args.begin(), options_.serve_args.end());
  server_.emplace(Process::start(argv, {}, dir_.file("serve.log")));

  // The port file appears (written whole, by rename) once the server listens.
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (true) {
    if (std::filesystem::exists(port_file)) {
      const int port = std::stoi(read_file(port_file));
      if (port_ != 0 && port != port_) throw std::runtime_error("wijkqueue came back on another port");
      port_ = port;
      return;
    }
    if (!server_->running())
      throw std::runtime_error("wijkqueue serve exited with code " + std::to_string(server_->wait()) +
                               " before listening: " + server_log());
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("wijkqueue serve did not listen within 20 s: " + server_log());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void Wijkqueue::stop() {
  if (!server_ || !server_->running()) throw std::logic_error("Wijkqueue::stop: the server is not running");
  server_->kill(SIGTERM);
  const auto code = server_->wait_for(kStopTimeout);
  if (!code) {
    server_->kill(SIGKILL);
    throw std::runtime_error("wijkqueue did not stop within 20 s of SIGTERM");
  }
  if (*code != 0) {
    const std::string log = server_log();
    throw std::runtime_error("wijkqueue stopped with exit code " + std::to_string(*code) +
                             "; the end of its log:\n" +
                             log.substr(log.size() > 3000 ? log.size() - 3000 : 0));
  }
}

void Wijkqueue::kill() {
  if (!server_ || !server_->running()) throw std::logic_error("Wijkqueue::kill: the server is not running");
  server_->kill(SIGKILL);
  server_->wait();
}

bool Wijkqueue::running() {
  return server_ && server_->running();
}

std::string Wijkqueue::base_url() const {
  return "https://localhost:" + std::to_string(port_);
}

std::string Wijkqueue::server_log() const {
  const std::string path = dir_.file("serve.log");
  return std::filesystem::exists(path) ? read_file(path) : std::string();
}

}  // namespace wk::test
