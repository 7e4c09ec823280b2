#include "support/raw_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <mutex>

namespace wk::test {

// One connection may be written by one thread while another waits to read it (the slowloris test): the
// TLS session takes one call at a time (OpenSSL's rule for an SSL object), and the wait itself is a poll
// outside the lock, so a reader waiting never holds the writer up.
struct RawConnection::State {
  int fd = -1;
  SSL_CTX* ctx = nullptr;
  SSL* ssl = nullptr;
  std::mutex io;
  std::atomic<bool> closed{false};
};

void raise_open_file_limit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
}

RawConnection::RawConnection(std::unique_ptr<State> s) : s_(std::move(s)) {}

RawConnection::~RawConnection() {
  if (s_->ssl) SSL_free(s_->ssl);
  if (s_->ctx) SSL_CTX_free(s_->ctx);
  if (s_->fd >= 0) ::close(s_->fd);
}

std::unique_ptr<RawConnection> RawConnection::open(int port, const std::string& source,
                                                   const std::string& ca_file) {
  // OpenSSL writes with send(2) without MSG_NOSIGNAL: a write to a connection the server has just cut (as
  // the hostile-client tests expect it to) must fail that write, not end the test process by SIGPIPE.
  static const bool kNoSigpipe = [] { return std::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
  (void)kNoSigpipe;
  auto s = std::make_unique<State>();
  s->fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s->fd < 0) return nullptr;
  auto conn = std::unique_ptr<RawConnection>(new RawConnection(std::move(s)));
  State& st = *conn->s_;
  if (!source.empty()) {
    sockaddr_in from{};
    from.sin_family = AF_INET;
    inet_pton(AF_INET, source.c_str(), &from.sin_addr);
    if (::bind(st.fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) return nullptr;
  }
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (::connect(st.fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) return nullptr;
  if (!ca_file.empty()) {
    st.ctx = SSL_CTX_new(TLS_client_method());
    if (!st.ctx || SSL_CTX_load_verify_locations(st.ctx, ca_file.c_str(), nullptr) != 1) return nullptr;
    SSL_CTX_set_verify(st.ctx, SSL_VERIFY_PEER, nullptr);
    st.ssl = SSL_new(st.ctx);
    SSL_set_fd(st.ssl, st.fd);
    SSL_set_tlsext_host_name(st.ssl, "localhost");
    SSL_set1_host(st.ssl, "localhost");
    // The handshake must not hang the test when the server drops the connection.
    timeval tv{10, 0};
    ::setsockopt(st.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (SSL_connect(st.ssl) != 1) return nullptr;
  }
  return conn;
}

bool RawConnection::send(std::string_view bytes) {
  State& st = *s_;
  if (st.closed) return false;
  while (!bytes.empty()) {
    int n = 0;
    {
      std::lock_guard lock(st.io);
      n = st.ssl ? SSL_write(st.ssl, bytes.data(), static_cast<int>(bytes.size()))
                 : static_cast<int>(::send(st.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL));
    }
    if (n <= 0) {
      st.closed = true;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string RawConnection::read(std::chrono::milliseconds timeout, std::size_t limit) {
  State& st = *s_;
  std::string got;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[16 * 1024];
  while (!st.closed && got.size() < limit) {
    bool buffered = false;
    if (st.ssl) {
      std::lock_guard lock(st.io);
      buffered = SSL_pending(st.ssl) > 0;
    }
    if (!buffered) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd p{st.fd, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(std::max<long>(0, left.count()))) <= 0) break;
    }
    int n = 0, error = SSL_ERROR_NONE;
    {
      std::lock_guard lock(st.io);
      n = st.ssl ? SSL_read(st.ssl, buf, sizeof buf) : static_cast<int>(::recv(st.fd, buf, sizeof buf, 0));
      if (st.ssl && n <= 0) error = SSL_get_error(st.ssl, n);
    }
    if (n <= 0) {
      // A TLS record that is not whole yet: poll again.
      if (error == SSL_ERROR_WANT_READ) continue;
      st.closed = true;
      break;
    }
    got.append(buf, static_cast<std::size_t>(n));
  }
  return got;
}

bool RawConnection::closed_by_server(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // At least one look, also with no time to wait.
  do {
    read(std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(
                                                    deadline - std::chrono::steady_clock::now())));
  } while (!s_->closed && std::chrono::steady_clock::now() < deadline);
  return s_->closed;
}

}  // namespace wk::test
