#include "support/postgres_cluster.hpp"

#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#include "support/wait.hpp"

namespace wk::test {
namespace {

namespace fs = std::filesystem;
constexpr auto kStartTimeout = std::chrono::seconds(30);
constexpr auto kStopTimeout = std::chrono::seconds(30);

// The newest server under /usr/lib/postgresql (Debian keeps one dir per major version there).
std::string find_bin_dir() {
  std::string best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = e.path().filename();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (!fs::exists(e.path() / "bin" / "postgres")) continue;
    if (std::stoi(name) > best_version) best_version = std::stoi(name), best = (e.path() / "bin").string();
  }
  if (best.empty())
    throw std::runtime_error("no PostgreSQL server under /usr/lib/postgresql; run deploy/install-deps.sh");
  return best;
}

// A port nobody listens on now. Someone could take it before the server does; the start would then fail
// loudly rather than flakily connect to a stranger, since the socket dir is our own.
int free_tcp_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  const bool ok = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  if (fd >= 0) ::close(fd);
  if (!ok) throw std::runtime_error("cannot find a free TCP port");
  return ntohs(addr.sin_port);
}

std::string random_password() {
  std::random_device rd;
  const char* hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 32; ++i) s += hex[rd() % 16];
  return s;
}

// Reaps `pid` if it is our child (the subreaper below makes orphaned server processes ours); a zombie that
// is not ours counts as gone too.
bool alive(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, WNOHANG) == pid) return false;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return false;
  const auto paren = stat.rfind(')');
  return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] != 'Z';
}

std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const std::string name = e.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(e.path() / "stat");
    std::string stat;
    if (!std::getline(in, stat)) continue;
    const auto paren = stat.rfind(')');
    if (paren == std::string::npos || paren + 4 > stat.size()) continue;
    if (std::atoi(stat.c_str() + paren + 4) == parent) out.push_back(std::stoi(name));
  }
  return out;
}

std::string quote_ident(const std::string& name) {
  std::string q = "\"";
  for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string describe(const RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + ": " + r.out + r.err;
}

}  // namespace

PostgresCluster::PostgresCluster(Options options)
    : options_(options), dir_("wijkkiosk-pg"), bin_dir_(find_bin_dir()), password_(random_password()) {
  // pg_ctl leaves the postmaster an orphan. This machine's init does not reap orphans, and a zombie
  // postmaster's pid still answers kill(pid, 0), which makes the next start on this data dir refuse
  // ("is another postmaster running?"). As their subreaper we reap the server's processes ourselves.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  if (options_.tcp) port_ = options_.port != 0 ? options_.port : free_tcp_port();
  // A unix socket path holds at most 107 bytes; say so rather than let the server fail obscurely.
  if (socket_dir().size() + 20 > sizeof(sockaddr_un::sun_path))
    throw std::runtime_error("socket dir path too long (TMPDIR?): " + socket_dir());
  fs::create_directory(socket_dir());
  write_file(password_file(), password_ + "\n");
  ::chmod(password_file().c_str(), 0600);
  if (::geteuid() == 0) {
    const passwd* pw = ::getpwnam(user_.c_str());
    if (pw == nullptr) throw std::runtime_error("no postgres user to run the server as (root refuses)");
    for (const auto& p : {dir(), socket_dir(), password_file()})
      if (::chown(p.c_str(), pw->pw_uid, pw->pw_gid) != 0)
        throw std::runtime_error("cannot chown " + p + " to postgres");
  }
  init_db();
  if (options_.start) start();
}

PostgresCluster::~PostgresCluster() {
  try {
    if (!running()) return;
    const std::vector<pid_t> pids = server_pids();
    run_as_owner({bin_dir_ + "/pg_ctl", "stop", "-D", data_dir(), "-m", "immediate", "-W"});
    if (!wait_until([&] { return !alive(postmaster_); }, kStopTimeout))
      for (pid_t p : pids) ::kill(p, SIGKILL);
    wait_until([&] {
      for (pid_t p : pids)
        if (alive(p)) return false;
      return true;
    });
  } catch (...) {
    // A destructor does not throw; the TempDir still goes.
  }
}

RunResult PostgresCluster::run_as_owner(const std::vector<std::string>& argv) const {
  if (::geteuid() != 0) return run_command(argv);
  std::vector<std::string> as = {"/usr/sbin/runuser", "-u", user_, "--"};
  as.insert(as.end(), argv.begin(), argv.end());
  return run_command(as);
}

void PostgresCluster::init_db() {
  // No locale (C collation) and UTF8, so results do not depend on the machine's locale; no sync of the
  // new files, which only matters for an OS crash and costs seconds.
  const RunResult r = run_as_owner({bin_dir_ + "/initdb", "-D", data_dir(), "-U", user_, "--pwfile",
                                    password_file(), "--auth-local=trust", "--auth-host=scram-sha-256", "-E",
                                    "UTF8", "--no-locale", "--no-sync"});
  if (r.exit_code != 0) throw std::runtime_error("initdb failed, " + describe(r));
  // recovery_init_sync_method: before crash recovery the server fsyncs every file of the data dir, one by
  // one, which took 3-8 s on a busy CI machine; one syncfs() does the same job in well under a second.
  std::ofstream conf(data_dir() + "/postgresql.conf", std::ios::app);
  conf << "\n# wijkkiosk test cluster\n"
       << "listen_addresses = '" << (options_.tcp ? "127.0.0.1" : "") << "'\n"
       << "port = " << port_ << "\n"
       << "unix_socket_directories = '" << socket_dir() << "'\n"
       << "recovery_init_sync_method = syncfs\n";
  if (options_.fast) conf << "fsync = off\nsynchronous_commit = off\n";
  if (options_.tls) {
    make_certificates();
    conf << "ssl = on\nssl_cert_file = '" << dir_.file("tls-server.pem") << "'\nssl_key_file = '"
         << dir_.file("tls-server.key") << "'\n";
  }
  if (!conf.flush()) throw std::runtime_error("cannot write postgresql.conf");
}

// A CA and a server certificate for "localhost" (no IP address in it), made as the server's owner so
// that the key is its own and 0600, as PostgreSQL insists.
void PostgresCluster::make_certificates() {
  const std::string ext = dir_.file("tls-ext.cnf");
  std::ofstream(ext) << "subjectAltName = DNS:localhost\n";
  const std::vector<std::vector<std::string>> steps = {
      {"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", dir_.file("tls-ca.key"), "-out", ca_file(), "-days", "2", "-subj",
       "/CN=wijkkiosk test CA"},
      {"/usr/bin/openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
       "-keyout", dir_.file("tls-server.key"), "-out", dir_.file("tls-server.csr"), "-subj", "/CN=localhost"},
      {"/usr/bin/openssl", "x509", "-req", "-in", dir_.file("tls-server.csr"), "-CA", ca_file(), "-CAkey",
       dir_.file("tls-ca.key"), "-CAcreateserial", "-out", dir_.file("tls-server.pem"), "-days", "2",
       "-extfile", ext}};
  for (const auto& step : steps) {
    const RunResult r = run_as_owner(step);
    if (r.exit_code != 0) throw std::runtime_error("openssl failed, " + describe(r));
  }
}

void PostgresCluster::start() {
  if (running()) return;
  const std::size_t log_start = server_log().size();
  const RunResult r =
      run_as_owner({bin_dir_ + "/pg_ctl", "start", "-D", data_dir(), "-l", dir_.file("server.log"), "-W"});
  if (r.exit_code != 0) throw std::runtime_error("pg_ctl start failed, " + describe(r));
  // A postmaster that gives up (a taken port, say) says so in its last line: stop waiting then.
  bool gave_up = false;
  const bool ready = wait_until(
      [&] {
        if (run_command({bin_dir_ + "/pg_isready", "-q", "-d", conninfo()}).exit_code == 0) return true;
        gave_up = server_log().find("database system is shut down", log_start) != std::string::npos;
        return gave_up;
      },
      kStartTimeout);
  std::ifstream pidfile(data_dir() + "/postmaster.pid");
  const bool have_pid = static_cast<bool>(pidfile >> postmaster_);
  if (ready && !gave_up && have_pid) return;
  // A server that hangs in its start must not outlive the test that gave up on it.
  if (have_pid) {
    ::kill(postmaster_, SIGKILL);
    wait_until([&] { return !alive(postmaster_); });
  }
  postmaster_ = -1;
  throw std::runtime_error("PostgreSQL did not become ready; its log:\n" + server_log().substr(log_start));
}

void PostgresCluster::stop() {
  if (!running()) return;
  const RunResult r = run_as_owner({bin_dir_ + "/pg_ctl", "stop", "-D", data_dir(), "-m", "fast", "-W"});
  if (r.exit_code != 0) throw std::runtime_error("pg_ctl stop failed, " + describe(r));
  wait_gone({postmaster_}, "stop");
}

void PostgresCluster::kill() {
  if (!running()) return;
  const std::vector<pid_t> pids = server_pids();
  ::kill(postmaster_, SIGKILL);
  // The children notice the postmaster's death and exit; the next start needs them gone (they still hold
  // the shared memory).
  wait_gone(pids, "kill");
}

void PostgresCluster::wait_gone(const std::vector<pid_t>& pids, const char* what) {
  const bool gone = wait_until(
      [&] {
        for (pid_t p : pids)
          if (alive(p)) return false;
        return true;
      },
      kStopTimeout);
  if (!gone) throw std::runtime_error(std::string("PostgreSQL still runs after ") + what);
  postmaster_ = -1;
}

bool PostgresCluster::running() {
  if (postmaster_ > 0 && !alive(postmaster_)) postmaster_ = -1;
  return postmaster_ > 0;
}

pid_t PostgresCluster::pid() {
  return running() ? postmaster_ : -1;
}

std::vector<pid_t> PostgresCluster::server_pids() {
  if (!running()) return {};
  std::vector<pid_t> pids{postmaster_};
  for (pid_t child : children_of(postmaster_)) pids.push_back(child);
  return pids;
}

std::string PostgresCluster::conninfo(const std::string& db) const {
  return "host=" + socket_dir() + " port=" + std::to_string(port_) + " user=" + user_ + " dbname=" + db;
}

std::string PostgresCluster::url(const std::string& db) const {
  // The socket dir goes in the query: a path cannot be the host part of a URI.
  return "postgresql://" + user_ + "@/" + db + "?host=" + socket_dir() + "&port=" + std::to_string(port_);
}

std::string PostgresCluster::tcp_conninfo(const std::string& db) const {
  if (!options_.tcp) throw std::logic_error("this PostgresCluster has no TCP (Options::tcp)");
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=" + user_ + " dbname=" + db;
}

std::string PostgresCluster::tcp_url(const std::string& db) const {
  if (!options_.tcp) throw std::logic_error("this PostgresCluster has no TCP (Options::tcp)");
  return "postgresql://" + user_ + "@127.0.0.1:" + std::to_string(port_) + "/" + db;
}

void PostgresCluster::create_database(const std::string& name) {
  const RunResult r = psql("CREATE DATABASE " + quote_ident(name));
  if (r.exit_code != 0) throw std::runtime_error("CREATE DATABASE " + name + " failed, " + describe(r));
}

RunResult PostgresCluster::psql(const std::string& sql, const std::string& db) const {
  // -X: no ~/.psqlrc, so the test sees the same output on every machine.
  return run_command(
      {bin_dir_ + "/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conninfo(db), "-c", sql});
}

std::string PostgresCluster::server_log() const {
  std::error_code ec;
  return fs::exists(dir_.file("server.log"), ec) ? read_file(dir_.file("server.log")) : std::string();
}

}  // namespace wk::test
