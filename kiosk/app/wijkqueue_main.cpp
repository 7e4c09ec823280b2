// wijkqueue: the reference queue service and its admin command line.
// Exit codes: 0 done, 1 a failure (explained in a sentence on stderr), 2 bad arguments (usage on stderr).
// stdout carries only what a script may capture: a token, printed once.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/clock_source.hpp"
#include "app/command_line.hpp"
#include "service/admin.hpp"
#include "service/releases.hpp"
#include "service/report_files.hpp"
#include "service/server.hpp"

namespace {

constexpr const char* kUsage =
    "usage: wijkqueue init --dir D [--cert FILE --key FILE] [--db postgresql://USER@HOST/DB\n"
    "                      [--db-password-file F]]  (without --db: SQLite in D; with it, D records it)\n"
    "       wijkqueue migrate --dir D  (brings the database's schema up to date; safe beside running\n"
    "                       instances, and when several start at once)\n"
    "       wijkqueue migrate-data --from D --to postgresql://USER@HOST/DB [--db-password-file F]\n"
    "                       (copies D's SQLite database into an empty PostgreSQL one, verified; D stays\n"
    "                       as it is)\n"
    "       wijkqueue location add --dir D --id L --name NAME [--timezone Europe/Amsterdam]\n"
    "       wijkqueue location set-config --dir D --id L --file CONFIG.toml|CONFIG.json\n"
    "       wijkqueue device add --dir D --role kiosk|display --location L [--name NAME]\n"
    "       wijkqueue serve --dir D [--host 127.0.0.1] [--port 8443] [--port-file F] [--threads 16]\n"
    "                       [--min-free-mb 64]  (/healthz says 503 below this much free disk)\n"
    "                       [--max-per-address 64] [--max-connections 4000]  (open connections)\n"
    "                       [--request-deadline-s 15]  (a whole request must arrive within this)\n"
    "                       [--test-clock FILE]  (tests only; loopback hosts only)\n"
    "                       [--db postgresql://... [--db-password-file F]]  (instead of D's database)\n"
    "                       [--trusted-proxy 10.0.1.5,...]  (load balancers whose X-Forwarded-For names\n"
    "                       the client, for the login limits per address)\n"
    "       wijkqueue routes --dir D [--db ...]  (every HTTP route serve answers: METHOD PATTERN a line)\n"
    "       wijkqueue staff add --dir D --location L --user U [--password-file F]  (else the password from "
    "stdin)\n"
    "       wijkqueue staff passwd --dir D --location L --user U [--password-file F]\n"
    "       wijkqueue staff remove --dir D --location L --user U\n"
    "       wijkqueue device revoke --dir D --id DEVICE_ID  (the ids are in GET /v1/fleet)\n"
    "       wijkqueue purge [--dir /var/lib/wijkqueue]  (volunteers' registrations past their retention;\n"
    "                       prints how many it deleted)\n"
    "       wijkqueue release publish SOURCE_DIR --channel C [--dir /var/lib/wijkqueue]\n"
    "                       (SOURCE_DIR: manifest.json, manifest.json.sig and the files it lists)\n"
    "       wijkqueue release list [--dir /var/lib/wijkqueue]  (each channel's current release)\n"
    "       wijkqueue report --location L [--from DAY --to DAY | --period day|week|month [--day DAY]]\n"
    "                        [--format html|csv|json] [--out FILE] [--dir /var/lib/wijkqueue]\n"
    "                        (counts and durations only; a cell under 5 reads \"< 5\")\n"
    "       wijkqueue report signals [--day DAY] [--dir /var/lib/wijkqueue]  (topics per location that rose\n"
    "                        beyond their usual variation in the week ending DAY, default today)\n";

using wk::app::cli::BadArgs;
using wk::app::cli::get;
using Options = wk::app::cli::Options;

Options parse_options(const std::vector<std::string>& args, std::size_t from,
                      const std::set<std::string>& known, const std::set<std::string>& required) {
  return wk::app::cli::parse(args, from, {known, required, {}});
}

int parse_int(const Options& o, const std::string& key, int fallback, int lo, int hi) {
  return wk::app::cli::integer(o, key, fallback, lo, hi);
}

int fail(const wk::Error& e) {
  std::cerr << "wijkqueue: " << e.message << "\n";
  if (!e.detail.empty() && e.detail != e.message) std::cerr << "wijkqueue: (" << e.detail << ")\n";
  return 1;
}

int print_token(const wk::Result<std::string>& token, const char* what) {
  if (!token) return fail(token.error());
  std::cerr << "wijkqueue: " << what << " It is shown only this once; keep it safe.\n";
  std::cout << token.value() << std::endl;
  return 0;
}

// Writes the port next to its final name and renames it, so a reader never sees a half-written file.
bool write_port_file(const std::string& path, int port) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << "\n";
    out.flush();
    if (!out) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

// The password of `staff add`: the first line of the file, or of stdin, without its line end. Never an
// argument, which every user of the machine could read in the process list.
wk::Result<std::string> read_password(const Options& o) {
  std::string line;
  if (o.count("password-file")) {
    std::ifstream in(get(o, "password-file"));
    if (!in)
      return wk::make_error("io_error", "The password file " + get(o, "password-file") + " cannot be read.");
    std::getline(in, line);
  } else {
    if (::isatty(STDIN_FILENO)) std::cerr << "Password: " << std::flush;
    std::getline(std::cin, line);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// --db and --db-password-file; the password itself is never an argument (see service/database.hpp).
wk::service::DatabaseChoice database_choice(const Options& o) {
  if (o.count("db-password-file") && !o.count("db")) throw BadArgs{"--db-password-file needs --db"};
  return {get(o, "db", ""), get(o, "db-password-file", "")};
}

int serve(const Options& o) {
  wk::service::ServeOptions so;
  so.dir = get(o, "dir");
  so.host = get(o, "host", "127.0.0.1");
  so.port = parse_int(o, "port", 8443, 0, 65535);
  so.threads = parse_int(o, "threads", 16, 2, 1024);
  so.max_per_address = parse_int(o, "max-per-address", 64, 1, 100000);
  so.max_connections = parse_int(o, "max-connections", 4000, 1, 1000000);
  so.request_deadline_s = parse_int(o, "request-deadline-s", 15, 1, 3600);
  so.min_free_mb = parse_int(o, "min-free-mb", 64, 0, 1 << 30);
  so.db = database_choice(o);
  // Comma-separated: the load balancers' own addresses, as wijkqueue sees them.
  for (std::string rest = get(o, "trusted-proxy", ""); !rest.empty();) {
    const auto comma = rest.find(',');
    so.trusted_proxies.push_back(rest.substr(0, comma));
    rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
  }
  so.clock = wk::app::wall_clock();
  if (o.count("test-clock")) {
    // A clock a test sets is refused on any address but loopback, so that no server reachable from
    // elsewhere can run on it, and it is announced on every start.
    if (!wk::app::is_loopback_host(so.host))
      throw BadArgs{"--test-clock is for tests only and needs --host 127.0.0.1, ::1 or localhost"};
    auto clock = wk::app::test_clock(get(o, "test-clock"));
    if (!clock) return fail(clock.error());
    so.clock = clock.value();
    std::cerr << wk::app::test_clock_warning("wijkqueue", get(o, "test-clock")) << std::endl;
  }

  // SIGTERM and SIGINT are taken by sigtimedwait below: blocked here, before any thread exists, so that
  // every thread inherits the mask and none is interrupted by them. A client that hangs up mid-response
  // must not kill the server with SIGPIPE.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
  // A file-size limit makes a write fail (and SQLite say so), not kill the server.
  ::signal(SIGXFSZ, SIG_IGN);

  auto server = wk::service::QueueServer::create(so);
  if (!server) return fail(server.error());
  auto& srv = *server.value();
  std::atomic<bool> listener_done{false};
  std::thread listener([&] {
    srv.run();
    listener_done = true;
  });

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!srv.is_running() && !listener_done && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (!srv.is_running()) {
    srv.stop();
    listener.join();
    return fail(wk::make_error("listen_failed", "The server did not start listening."));
  }
  if (o.count("port-file") && !write_port_file(get(o, "port-file"), srv.port())) {
    srv.stop();
    listener.join();
    return fail(wk::make_error("io_error", "The port file " + get(o, "port-file") + " cannot be written."));
  }
  std::cerr << "wijkqueue: listening on https://" << so.host << ":" << srv.port() << std::endl;

  const timespec tick{0, 200 * 1000 * 1000};
  int signal_number = -1;
  while (signal_number < 0 && !listener_done) signal_number = sigtimedwait(&stop_signals, nullptr, &tick);
  srv.stop();
  listener.join();
  if (signal_number < 0)
    return fail(wk::make_error("listener_stopped", "The server stopped listening by itself."));
  std::cerr << "wijkqueue: stopped" << std::endl;
  return 0;
}

int run(const std::vector<std::string>& a) {
  const std::string cmd = a.size() > 1 ? a[1] : "";
  const std::string sub = a.size() > 2 ? a[2] : "";
  if (cmd == "init") {
    const auto o = parse_options(a, 2, {"dir", "cert", "key", "db", "db-password-file"}, {"dir"});
    return print_token(wk::service::init_service({get(o, "dir"), get(o, "cert"), get(o, "key"),
                                                  wk::app::wall_clock_ms(), database_choice(o)}),
                       "The line on stdout is the admin token.");
  }
  if (cmd == "migrate-data") {
    const auto o = parse_options(a, 2, {"from", "to", "db-password-file"}, {"from", "to"});
    const std::string from = get(o, "from");
    auto tables = wk::service::migrate_data(from, {get(o, "to"), get(o, "db-password-file", "")});
    if (!tables) return fail(tables.error());
    // stdout: what was copied and checked, one table per line, for the record of the move.
    for (const auto& t : tables.value()) std::cout << t.table << " " << t.rows << " " << t.sha256 << "\n";
    std::cerr << "wijkqueue: every table copied and checked (rows and SHA-256 above); " << from
              << " is unchanged. Point the directory at the new database by writing " << from
              << "/database.conf:\n  url = " << get(o, "to") << "\n";
    if (o.count("db-password-file")) std::cerr << "  password_file = " << get(o, "db-password-file") << "\n";
    return 0;
  }
  if (cmd == "migrate") {
    const auto o = parse_options(a, 2, {"dir", "db", "db-password-file"}, {"dir"});
    auto version = wk::service::migrate(get(o, "dir"), database_choice(o));
    if (!version) return fail(version.error());
    std::cerr << "wijkqueue: the database is at schema " << version.value() << ".\n";
    return 0;
  }
  if (cmd == "location" && sub == "add") {
    const auto o = parse_options(a, 3, {"dir", "id", "name", "timezone"}, {"dir", "id", "name"});
    if (auto r = wk::service::add_location(get(o, "dir"), get(o, "id"), get(o, "name"),
                                           get(o, "timezone", "Europe/Amsterdam"), wk::app::wall_clock_ms());
        !r)
      return fail(r.error());
    std::cerr << "wijkqueue: location " << get(o, "id") << " added.\n";
    return 0;
  }
  if (cmd == "location" && sub == "set-config") {
    const auto o = parse_options(a, 3, {"dir", "id", "file"}, {"dir", "id", "file"});
    if (auto r = wk::service::set_location_config(get(o, "dir"), get(o, "id"), get(o, "file")); !r)
      return fail(r.error());
    std::cerr << "wijkqueue: config of location " << get(o, "id") << " set.\n";
    return 0;
  }
  if (cmd == "device" && sub == "add") {
    const auto o = parse_options(a, 3, {"dir", "role", "location", "name"}, {"dir", "role", "location"});
    if (get(o, "role") != "kiosk" && get(o, "role") != "display")
      throw BadArgs{"--role must be kiosk or display"};
    return print_token(wk::service::add_device(get(o, "dir"), get(o, "role"), get(o, "location"),
                                               get(o, "name"), wk::app::wall_clock_ms()),
                       "The line on stdout is the device's token.");
  }
  if (cmd == "staff" && sub == "add") {
    const auto o =
        parse_options(a, 3, {"dir", "location", "user", "password-file"}, {"dir", "location", "user"});
    const auto password = read_password(o);
    if (!password) return fail(password.error());
    if (auto r = wk::service::add_staff(get(o, "dir"), get(o, "location"), get(o, "user"), password.value(),
                                        wk::app::wall_clock_ms());
        !r)
      return fail(r.error());
    std::cerr << "wijkqueue: staff user " << get(o, "user") << " of " << get(o, "location") << " added.\n";
    return 0;
  }
  if (cmd == "staff" && sub == "passwd") {
    const auto o =
        parse_options(a, 3, {"dir", "location", "user", "password-file"}, {"dir", "location", "user"});
    const auto password = read_password(o);
    if (!password) return fail(password.error());
    if (auto r = wk::service::set_staff_password(get(o, "dir"), get(o, "location"), get(o, "user"),
                                                 password.value());
        !r)
      return fail(r.error());
    std::cerr << "wijkqueue: new password for " << get(o, "user") << "; their sessions have ended.\n";
    return 0;
  }
  if (cmd == "staff" && sub == "remove") {
    const auto o = parse_options(a, 3, {"dir", "location", "user"}, {"dir", "location", "user"});
    if (auto r = wk::service::remove_staff(get(o, "dir"), get(o, "location"), get(o, "user")); !r)
      return fail(r.error());
    std::cerr << "wijkqueue: staff user " << get(o, "user") << " removed; their sessions have ended.\n";
    return 0;
  }
  if (cmd == "device" && sub == "revoke") {
    const auto o = parse_options(a, 3, {"dir", "id"}, {"dir", "id"});
    if (auto r = wk::service::revoke_device(get(o, "dir"), get(o, "id"), wk::app::wall_clock_ms()); !r)
      return fail(r.error());
    std::cerr << "wijkqueue: device " << get(o, "id") << " revoked; its token no longer works.\n";
    return 0;
  }
  if (cmd == "purge") {
    // The retention of volunteers' registrations, run daily by systemd/wijkqueue-purge.timer. stdout has
    // the number deleted and nothing else: never an id, a name or a contact.
    const auto o = parse_options(a, 2, {"dir"}, {});
    auto purged =
        wk::service::purge_volunteers(get(o, "dir", "/var/lib/wijkqueue"), wk::app::wall_clock_ms());
    if (!purged) return fail(purged.error());
    std::cout << purged.value() << std::endl;
    return 0;
  }
  if (cmd == "report" && sub == "signals") {
    const auto o = parse_options(a, 3, {"dir", "day"}, {});
    auto text = wk::service::signals_text(get(o, "dir", "/var/lib/wijkqueue"), get(o, "day", ""),
                                          wk::app::wall_clock_ms());
    if (!text) return fail(text.error());
    std::cout << text.value() << std::flush;
    return 0;
  }
  if (cmd == "report") {
    // A file for a wijkplatform meeting: stdout, or --out (written whole, then renamed into place).
    const auto o = parse_options(a, 2, {"dir", "location", "from", "to", "period", "day", "format", "out"},
                                 {"location"});
    wk::service::ReportRequest q;
    q.dir = get(o, "dir", "/var/lib/wijkqueue");
    q.location = get(o, "location");
    q.from = get(o, "from", "");
    q.to = get(o, "to", "");
    q.period = get(o, "period", "");
    q.day = get(o, "day", "");
    q.format = get(o, "format", "html");
    q.now = wk::app::wall_clock_ms();
    auto file = wk::service::report_file(q);
    if (!file) return fail(file.error());
    if (!o.count("out")) {
      std::cout << file.value() << std::flush;
      return 0;
    }
    const std::string out = get(o, "out"), tmp = out + ".tmp." + std::to_string(::getpid());
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      f << file.value();
      f.flush();
      if (!f) return fail(wk::make_error("io_error", "The file " + out + " cannot be written."));
    }
    if (std::rename(tmp.c_str(), out.c_str()) != 0)
      return fail(wk::make_error("io_error", "The file " + out + " cannot be written."));
    return 0;
  }
  if (cmd == "release" && sub == "publish") {
    // The source directory comes first, as a path, not as an option.
    if (a.size() < 4 || a[3].rfind("--", 0) == 0)
      throw BadArgs{"release publish needs the directory to publish"};
    const auto o = parse_options(a, 4, {"dir", "channel"}, {"channel"});
    auto row = wk::service::publish_release(get(o, "dir", "/var/lib/wijkqueue"), a[3], get(o, "channel"),
                                            wk::app::wall_clock_ms());
    if (!row) return fail(row.error());
    std::cerr << "wijkqueue: published version " << row.value().version << " (serial " << row.value().serial
              << ") on channel " << row.value().channel << "; kiosks fetch it from now on.\n";
    return 0;
  }
  if (cmd == "release" && sub == "list") {
    // stdout: one line per channel, "channel serial version", for a script.
    const auto o = parse_options(a, 3, {"dir"}, {});
    auto rows = wk::service::list_releases(get(o, "dir", "/var/lib/wijkqueue"));
    if (!rows) return fail(rows.error());
    for (const auto& r : rows.value()) std::cout << r.channel << " " << r.serial << " " << r.version << "\n";
    if (rows.value().empty()) std::cerr << "wijkqueue: nothing is published yet.\n";
    return 0;
  }
  if (cmd == "serve")
    return serve(parse_options(
        a, 2,
        {"dir", "host", "port", "port-file", "threads", "test-clock", "min-free-mb", "max-per-address",
         "max-connections", "request-deadline-s", "db", "trusted-proxy", "db-password-file"},
        {"dir"}));
  if (cmd == "routes") {
    // The route table as `serve` builds it (the database is opened and a free port bound, not served).
    const Options o = parse_options(a, 2, {"dir", "db", "db-password-file"}, {"dir"});
    wk::service::ServeOptions so;
    so.dir = get(o, "dir");
    so.port = 0;
    so.db = database_choice(o);
    so.clock = wk::app::wall_clock();
    auto server = wk::service::QueueServer::create(so);
    if (!server) return fail(server.error());
    for (const auto& line : server.value()->routes()) std::cout << line << "\n";
    return 0;
  }
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    std::cout << kUsage;
    return 0;
  }
  throw BadArgs{cmd.empty() ? "a command is needed"
                            : "unknown command '" + cmd + (sub.empty() ? "" : " " + sub) + "'"};
}

}  // namespace

int main(int argc, char** argv) {
  // Everything wijkqueue creates (the database and its WAL, keys, certificates) is its owner's alone.
  ::umask(077);
  const std::vector<std::string> args(argv, argv + argc);
  try {
    return run(args);
  } catch (const BadArgs& e) {
    std::cerr << "wijkqueue: " << e.why << "\n" << kUsage;
    return 2;
  }
}
