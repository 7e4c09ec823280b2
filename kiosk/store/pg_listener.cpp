#include "store/pg_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

#include "store/pg_connect.hpp"

namespace wk::store {
namespace {

// The channel is our own constant, never input: quoted as an identifier all the same.
PGconn* connect_and_listen(const PostgresTarget& t, const std::string& channel) {
  std::string why;
  PGconn* conn = db::postgres_connect(t.conninfo, t.password, "wijkqueue-listen", why);
  if (conn == nullptr) return nullptr;
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
      stop_fd_(::eventfd(0, EFD_CLOEXEC)) {
  if (stop_fd_ < 0) throw std::runtime_error("no eventfd for the database listener");
  thread_ = std::thread([this] { run(); });
}

PgListener::~PgListener() {
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(stop_fd_, &one, sizeof one);
  thread_.join();
  ::close(stop_fd_);
}

void PgListener::run() {
  PGconn* conn = nullptr;
  auto hand_on = [this](PGconn* c) {
    while (PGnotify* n = PQnotifies(c)) {
      const std::string payload = n->extra != nullptr ? n->extra : "";
      PQfreemem(n);
      heard_(payload);
    }
  };
  while (true) {
    if (conn == nullptr) {
      conn = connect_and_listen(target_, channel_);
      if (conn != nullptr) hand_on(conn);  // anything that came in with the LISTEN's own answer
    }
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
    hand_on(conn);
  }
  if (conn != nullptr) PQfinish(conn);
}

}  // namespace wk::store
