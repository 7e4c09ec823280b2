// systemd's notify protocol as the kiosk speaks it: a datagram per state to $NOTIFY_SOCKET (a path or an
// abstract name), nothing without one, and a watchdog interval only for the process it is meant for.
#include "platform/sd_notify.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

namespace wk::platform {
namespace {

// A socket as systemd would hold it for the unit, receiving what the app says.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& name) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, name.data(), name.size());
    if (name[0] == '@') addr.sun_path[0] = '\0';
    const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len), 0) << std::strerror(errno);
    timeval tv{5, 0};  // an upper bound for a datagram already sent, never a wait the test relies on
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setenv("NOTIFY_SOCKET", name.c_str(), 1);
  }
  ~NotifySocket() {
    ::unsetenv("NOTIFY_SOCKET");
    ::close(fd_);
  }
  std::string receive() {
    char buf[256];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
  }

 private:
  int fd_ = -1;
};

TEST(SdNotify, EachStateIsOneDatagramToThePathSystemdNames) {
  char dir[] = "/tmp/sd-notify-XXXXXX";
  ASSERT_NE(::mkdtemp(dir), nullptr);
  const std::string path = std::string(dir) + "/notify";
  {
    NotifySocket systemd(path);
    EXPECT_TRUE(SdNotify_Send("READY=1"));
    EXPECT_TRUE(SdNotify_Send("WATCHDOG=1"));
    EXPECT_EQ(systemd.receive(), "READY=1");
    EXPECT_EQ(systemd.receive(), "WATCHDOG=1");
  }
  ::unlink(path.c_str());
  ::rmdir(dir);
}

TEST(SdNotify, ANameTooLongForASocketIsRefused) {
  ::setenv("NOTIFY_SOCKET", ("/tmp/" + std::string(200, 'x')).c_str(), 1);
  EXPECT_FALSE(SdNotify_Send("READY=1"));
  ::unsetenv("NOTIFY_SOCKET");
}

TEST(SdNotify, AnAbstractSocketToo) {
  NotifySocket systemd("@wijkkiosk-test-" + std::to_string(::getpid()));
  EXPECT_TRUE(SdNotify_Send("STOPPING=1"));
  EXPECT_EQ(systemd.receive(), "STOPPING=1");
}

TEST(SdNotify, OutsideSystemdNothingIsSent) {
  ::unsetenv("NOTIFY_SOCKET");
  EXPECT_FALSE(SdNotify_Send("READY=1"));
}

TEST(SdNotify, TheWatchdogIsHalfItsTimeoutAndOnlyForThisProcess) {
  ::unsetenv("WATCHDOG_USEC");
  EXPECT_EQ(SdNotify_WatchdogIntervalMs(), 0u) << "no watchdog: the idle loop never wakes for it";
  ::setenv("WATCHDOG_USEC", "30000000", 1);
  ::unsetenv("WATCHDOG_PID");
  EXPECT_EQ(SdNotify_WatchdogIntervalMs(), 15000u);
  ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
  EXPECT_EQ(SdNotify_WatchdogIntervalMs(), 15000u);
  ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
  EXPECT_EQ(SdNotify_WatchdogIntervalMs(), 0u) << "meant for another process";
  ::unsetenv("WATCHDOG_USEC");
  ::unsetenv("WATCHDOG_PID");
}

}  // namespace
}  // namespace wk::platform
