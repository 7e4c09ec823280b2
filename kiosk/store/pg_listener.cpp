#include "store/pg_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>

namespace wk::store {
namespace {

// The channel is our own constant, never input: quoted as an identifier all the same.
PGconn* connect_and_listen(const PostgresTarget& t, const std::string& channel) {
  std::vector<const char*> keys = {"dbname", "application_name", "connect_timeout"};
  std::vector<const char*> values = {t.conninfo.c_str(), "wijkqueue-listen", "5"};
  if (!t.password.empty()) {
    keys.push_back("password");
    values.push_back(t.password.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn = PQconnectdbParams(keys.data(), values.data(), 1);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return nullptr;
  }
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  const std::string sql = "LISTEN \"" + channel + "\"";
  PGresult* res = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  if (!ok) {
    PQfinish(conn);
    return nullptr;
  }
  return conn;
}

}  // namespace

PgListener::PgListener(PostgresTarget target, std::string channel,
                       std::function<void(const std::string&)> heard)
    : target_(std::move(target)),
      channel_(std::move(channel)),
      heard_(std::move(heard)),
      stop_fd_(::eventfd(0, EFD_CLOEXEC)),
      thread_([this] { run(); }) {}

PgListener::~PgListener() {
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(stop_fd_, &one, sizeof one);
  thread_.join();
  ::close(stop_fd_);
}

void PgListener::run() {
  PGconn* conn = nullptr;
  while (true) {
    if (conn == nullptr) conn = connect_and_listen(target_, channel_);
    // Waits for the server's next message, or a second before trying to connect again, or the stop.
    pollfd fds[2] = {{stop_fd_, POLLIN, 0}, {conn != nullptr ? PQsocket(conn) : -1, POLLIN, 0}};
    const int ready = ::poll(fds, 2, 1000);
    if (ready > 0 && (fds[0].revents & POLLIN) != 0) break;
    if (conn == nullptr || ready <= 0) continue;
    if (PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK) {
      PQfinish(conn);
      conn = nullptr;
      continue;
    }
    while (PGnotify* n = PQnotifies(conn)) {
      const std::string payload = n->extra != nullptr ? n->extra : "";
      PQfreemem(n);
      heard_(payload);
    }
  }
  if (conn != nullptr) PQfinish(conn);
}

}  // namespace wk::store
