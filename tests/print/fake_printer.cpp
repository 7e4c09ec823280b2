#include "fake_printer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace wk::print::test {

FakePrinter::FakePrinter(Status status, Mode mode) : status_(status), mode_(mode) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 8) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("bind/listen");
  }
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { run(); });
}

FakePrinter::~FakePrinter() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
}

void FakePrinter::set_status(Status s) {
  std::lock_guard<std::mutex> lock(m_);
  status_ = s;
}

void FakePrinter::set_mode(Mode m) {
  std::lock_guard<std::mutex> lock(m_);
  mode_ = m;
}

Bytes FakePrinter::received() const {
  std::lock_guard<std::mutex> lock(m_);
  return received_;
}

void FakePrinter::clear_received() {
  std::lock_guard<std::mutex> lock(m_);
  received_.clear();
}

void FakePrinter::handle(Client& c, const std::uint8_t* data, std::size_t n) {
  Bytes answer;
  {
    std::lock_guard<std::mutex> lock(m_);
    received_.insert(received_.end(), data, data + n);
    // Like a real printer, it reacts to DLE EOT n anywhere in the stream, image data included.
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t b = data[i];
      if (c.dle_state == 2) {
        c.dle_state = 0;
        if (b >= 1 && b <= 4) {
          if (mode_ == Mode::Answer) answer.push_back(status_[b - 1]);
          if (mode_ == Mode::Garbage) answer.push_back(0xFF);
          continue;
        }
      }
      if (c.dle_state == 1 && b == 0x04) {
        c.dle_state = 2;
        continue;
      }
      c.dle_state = b == 0x10 ? 1 : 0;
    }
  }
  if (!answer.empty()) (void)::send(c.fd, answer.data(), answer.size(), MSG_NOSIGNAL);
}

void FakePrinter::run() {
  std::vector<Client> clients;
  std::uint8_t buf[4096];
  while (!stop_) {
    if (drop_.exchange(false)) {
      for (const Client& c : clients) ::close(c.fd);
      clients.clear();
      open_ = 0;
    }
    std::vector<pollfd> fds{{listen_fd_, POLLIN, 0}};
    for (const Client& c : clients) fds.push_back({c.fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), 20) <= 0) continue;
    if (fds[0].revents & POLLIN) {
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        clients.push_back({fd, 0});
        ++connections_;
      }
    }
    for (std::size_t i = 1; i < fds.size(); ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Client& c = clients[i - 1];
      const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
      if (n <= 0) {
        ::close(c.fd);
        c.fd = -1;
        continue;
      }
      handle(c, buf, static_cast<std::size_t>(n));
    }
    std::erase_if(clients, [](const Client& c) { return c.fd < 0; });
    open_ = static_cast<int>(clients.size());
  }
  for (const Client& c : clients) ::close(c.fd);
}

}  // namespace wk::print::test
