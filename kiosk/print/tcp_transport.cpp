// Raw TCP to a network printer (port 9100). The connect is non-blocking and name resolution runs on a
// helper thread, so a printer that is switched off or a DNS server that does not answer costs at most the
// timeout.
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <system_error>
#include <thread>

#include "print/fd_io.hpp"
#include "print/transport.hpp"

namespace wk::print {
namespace {

class TcpTransport final : public Transport {
 public:
  explicit TcpTransport(UniqueFd fd) : fd_(std::move(fd)) {}
  Result<void> write(const Bytes& data, int timeout_ms) override {
    return write_all(fd_.get(), data, timeout_ms, true);
  }
  Result<Bytes> read(std::size_t max, int timeout_ms) override {
    return read_some(fd_.get(), max, timeout_ms);
  }
  bool reads_status() const override { return true; }

 private:
  UniqueFd fd_;
};

using AddrList = std::unique_ptr<addrinfo, decltype(&freeaddrinfo)>;

// getaddrinfo() has no timeout of its own. The lookup runs on a detached thread that owns its share of the
// state, so giving up on it early leaves nothing dangling: the thread frees the result when it finishes.
Result<AddrList> resolve(const std::string& host, int port, Deadline deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  const std::string service = std::to_string(port);

  // A numeric address (the usual case for a printer) needs no lookup and no thread.
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* numeric = nullptr;
  if (getaddrinfo(host.c_str(), service.c_str(), &hints, &numeric) == 0)
    return AddrList(numeric, &freeaddrinfo);

  struct Lookup {
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    int rc = 0;
    addrinfo* result = nullptr;
    ~Lookup() {
      if (result != nullptr) freeaddrinfo(result);
    }
  };
  auto lookup = std::make_shared<Lookup>();
  hints.ai_flags = AI_NUMERICSERV;
  try {
    std::thread([lookup, host, service, hints] {
      addrinfo* result = nullptr;
      const int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &result);
      std::lock_guard<std::mutex> lock(lookup->m);
      lookup->rc = rc;
      lookup->result = result;
      lookup->done = true;
      lookup->cv.notify_all();
    }).detach();
  } catch (const std::system_error& e) {
    return make_error("io", "The printer's address could not be looked up.", e.what());
  }
  std::unique_lock<std::mutex> lock(lookup->m);
  if (!lookup->cv.wait_until(lock, deadline, [&] { return lookup->done; })) {
    return make_error("timeout", "The printer's address could not be looked up in time.", host);
  }
  if (lookup->rc != 0 || lookup->result == nullptr) {
    return make_error("printer_not_found", "The printer's address is not known on this network.",
                      host + ": " + gai_strerror(lookup->rc));
  }
  addrinfo* result = lookup->result;
  lookup->result = nullptr;
  return AddrList(result, &freeaddrinfo);
}

Result<UniqueFd> connect_one(const addrinfo& ai, Deadline deadline) {
  UniqueFd fd(::socket(ai.ai_family, ai.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai.ai_protocol));
  if (!fd.valid()) return make_error("io", "No network socket for the printer.", std::strerror(errno));
  if (::connect(fd.get(), ai.ai_addr, ai.ai_addrlen) != 0) {
    if (errno != EINPROGRESS) {
      return make_error("connect_failed", "The printer refused the connection.", std::strerror(errno));
    }
    for (;;) {
      pollfd p{fd.get(), POLLOUT, 0};
      const int ready = ::poll(&p, 1, remaining_ms(deadline));
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0) return make_error("io", "Connecting to the printer failed.", std::strerror(errno));
      if (ready == 0) return make_error("timeout", "The printer did not answer on the network in time.");
      break;
    }
    int err = 0;
    socklen_t len = sizeof err;
    if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    if (err != 0)
      return make_error("connect_failed", "The printer refused the connection.", std::strerror(err));
  }
  // Status queries are a few bytes that must leave at once, not wait for Nagle.
  const int one = 1;
  ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  ::setsockopt(fd.get(), SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
  return fd;
}

}  // namespace

Result<std::unique_ptr<Transport>> open_tcp(const std::string& host, int port, int timeout_ms) {
  const Deadline deadline = deadline_after(timeout_ms);
  auto addresses = resolve(host, port, deadline);
  if (!addresses) return addresses.error();
  Error last = make_error("printer_not_found", "The printer's address is not known on this network.", host);
  for (const addrinfo* ai = addresses->get(); ai != nullptr; ai = ai->ai_next) {
    auto fd = connect_one(*ai, deadline);
    if (fd) return std::unique_ptr<Transport>(std::make_unique<TcpTransport>(std::move(fd.value())));
    last = fd.error();
    last.detail = host + ":" + std::to_string(port) + ": " + last.detail;
    if (remaining_ms(deadline) == 0) break;
  }
  return last;
}

}  // namespace wk::print
