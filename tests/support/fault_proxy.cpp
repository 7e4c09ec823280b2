#include "support/fault_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace wk::test {
namespace {

constexpr int kPollMs = 50;  // how soon a connection's thread sees stop() or a new fault when idle

sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const sockaddr_in a = loopback(port);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

// An RST instead of a FIN: SO_LINGER with a zero timeout makes close() abort the connection.
void reset(int fd) {
  if (fd < 0) return;
  linger l{};
  l.l_onoff = 1;
  l.l_linger = 0;
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  ::close(fd);
}

void close_fd(int fd) {
  if (fd >= 0) ::close(fd);
}

bool send_all(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    data += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

}  // namespace

const char* fault_name(Fault f) {
  switch (f) {
    case Fault::none:
      return "none";
    case Fault::delay:
      return "delay";
    case Fault::drop:
      return "drop";
    case Fault::reset_request:
      return "reset_request";
    case Fault::reset_response:
      return "reset_response";
    case Fault::truncate:
      return "truncate";
    case Fault::black_hole:
      return "black_hole";
  }
  return "?";
}

int listen_on_loopback(int& port, const std::string& who) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(who + ": socket: " + std::strerror(errno));
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a = loopback(0);
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, 128) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error(who + ": listen: " + why);
  }
  port = ntohs(a.sin_port);
  return fd;
}

FaultProxy::FaultProxy(int target_port) : target_port_(target_port) {
  listener_ = listen_on_loopback(port_, "FaultProxy");
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  stop();
}

void FaultProxy::set(FaultSettings settings) {
  std::lock_guard lock(mu_);
  settings_ = settings;
}

FaultSettings FaultProxy::settings() const {
  std::lock_guard lock(mu_);
  return settings_;
}

void FaultProxy::Connection::close_client(bool rst) {
  std::lock_guard lock(mu);
  if (client < 0) return;
  if (rst) {
    reset(client);
  } else {
    ::close(client);
  }
  client = -1;
}

FaultProxy::Counts FaultProxy::counts() const {
  Counts c;
  c.connections = connections_count_.load();
  for (std::size_t i = 0; i < kFaultKinds; ++i) c.faults[i] = faults_[i].load();
  return c;
}

void FaultProxy::stop() {
  if (stopping_.exchange(true)) return;
  if (acceptor_.joinable()) acceptor_.join();
  close_fd(listener_);
  std::list<Connection> all;
  {
    std::lock_guard lock(mu_);
    all.splice(all.end(), connections_);
  }
  // A thread blocked in send() to a peer that does not read: shutting the client's socket down frees it.
  for (auto& c : all) {
    std::lock_guard lock(c.mu);
    if (c.client >= 0) ::shutdown(c.client, SHUT_RDWR);
  }
  for (auto& c : all) c.thread.join();
}

void FaultProxy::reap_finished() {
  std::list<Connection> finished;
  {
    std::lock_guard lock(mu_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      auto next = std::next(it);
      if (it->done) finished.splice(finished.end(), connections_, it);
      it = next;
    }
  }
  for (auto& c : finished) c.thread.join();
}

void FaultProxy::accept_loop() {
  while (!stopping_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, kPollMs) <= 0) continue;
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    connections_count_.fetch_add(1);
    reap_finished();
    std::lock_guard lock(mu_);
    Connection& c = connections_.emplace_back();
    c.client = fd;
    c.thread = std::thread([this, &c] {
      serve(c);
      c.done = true;
    });
  }
}

// One connection: the fault is read again before every chunk; when it changes, the byte counts that
// reset_* and truncate go by start again from zero, so every fault applies to connections under way too.
// Each kind is counted once per connection it was applied to.
void FaultProxy::serve(Connection& c) {
  const int client = c.client;
  int server = -1;
  std::array<bool, kFaultKinds> counted{};
  auto note = [&](Fault f) {
    if (!counted[static_cast<std::size_t>(f)]) count(f);
    counted[static_cast<std::size_t>(f)] = true;
  };
  Fault mode = Fault::none;
  std::size_t to_server = 0, to_client = 0;  // bytes passed on since `mode` began for this connection
  std::vector<char> buf(16384);
  auto pause = [&](int ms) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!stopping_ && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(ms, 10)));
  };

  while (!stopping_) {
    const FaultSettings s = settings();
    if (s.fault != mode) {
      mode = s.fault;
      to_server = to_client = 0;
    }
    if (mode == Fault::drop) {
      note(Fault::drop);
      break;
    }
    if (mode == Fault::black_hole) {
      note(Fault::black_hole);
      pollfd p{client, POLLIN, 0};
      if (::poll(&p, 1, kPollMs) <= 0) continue;
      if (::recv(client, buf.data(), buf.size(), 0) <= 0) break;  // the client gave up
      continue;
    }
    if (server < 0 && (server = connect_to(target_port_)) < 0) break;  // the service is down: as it would be

    pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    if (::poll(p, 2, kPollMs) <= 0) continue;
    bool open = true;
    for (int side = 0; side < 2 && open; ++side) {
      if (!(p[side].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const bool upstream = side == 0;  // client -> server
      const int from = upstream ? client : server, to = upstream ? server : client;
      const ssize_t n = ::recv(from, buf.data(), buf.size(), 0);
      if (n <= 0) {
        open = false;
        break;
      }
      std::size_t pass = static_cast<std::size_t>(n);
      std::size_t& passed = upstream ? to_server : to_client;
      const bool cut_here = (upstream && mode == Fault::reset_request) ||
                            (!upstream && (mode == Fault::reset_response || mode == Fault::truncate));
      if (cut_here) pass = std::min(pass, s.after_bytes - std::min(passed, s.after_bytes));
      if (mode == Fault::delay) {
        note(Fault::delay);
        pause(s.delay_ms);
      }
      if (pass > 0 && !send_all(to, buf.data(), pass)) {
        open = false;
        break;
      }
      passed += pass;
      if (cut_here && passed >= s.after_bytes) {
        note(mode);
        if (mode == Fault::truncate) {
          ::shutdown(client, SHUT_WR);  // a clean end of the stream where the answer should go on
          close_fd(server);
          server = -1;
          // Wait for the client to close its side, so the FIN is all it sees (no RST for unread bytes).
          pollfd q{client, POLLIN, 0};
          while (!stopping_ && ::poll(&q, 1, kPollMs) >= 0)
            if ((q.revents & (POLLIN | POLLHUP | POLLERR)) && ::recv(client, buf.data(), buf.size(), 0) <= 0)
              break;
          c.close_client(false);
        } else {
          c.close_client(true);
          reset(server);
          server = -1;
        }
        return;
      }
    }
    if (!open) break;
  }
  close_fd(server);
  c.close_client(false);
}

}  // namespace wk::test
