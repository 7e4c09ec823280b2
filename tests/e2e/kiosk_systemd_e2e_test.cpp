// The real kiosk as a Type=notify unit with a watchdog sees it: READY=1 once the first frame is on the
// glass, WATCHDOG=1 from the event loop while the kiosk idles on its welcome screen, STOPPING=1 at the end;
// and when the render loop hangs, the pings stop, so systemd's WatchdogSec restarts the kiosk.
#include <sys/socket.h>
#include <sys/un.h>

#include <cstring>

#include "e2e/kiosk_fixture.hpp"

namespace wk::test {
namespace {

// The unit's notify socket, as systemd holds it.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.data(), path.size());
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0) << std::strerror(errno);
    timeval tv{30, 0};  // an upper bound on waiting for the next datagram, never a pause
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~NotifySocket() { ::close(fd_); }
  std::string receive() {
    char buf[256];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
  }
  const std::string& path() const { return path_; }
  void set_timeout_s(int s) {
    timeval tv{s, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }

 private:
  std::string path_;
  int fd_ = -1;
};

TEST_F(KioskE2E, UnderSystemdItIsReadyAfterItsFirstFrameAndFeedsTheWatchdogWhileIdle) {
  write_config();
  NotifySocket systemd(dir_.file("notify"));
  auto env = x_.env();
  env["NOTIFY_SOCKET"] = systemd.path();
  env["WATCHDOG_USEC"] = "1000000";  // 1 s: the loop must say so every half second, idle or not
  kiosk_.emplace(Process::start(
      app_args({"--role", "kiosk", "--config", dir_.file("kiosk.toml"), "--ui-tree", dir_.file("tree.json")}),
      dir_.file("kiosk.out"), dir_.file("kiosk.err"), env));
  std::string said = systemd.receive();
  while (said == "WATCHDOG=1") said = systemd.receive();  // the loop may feed it before the first frame
  ASSERT_EQ(said, "READY=1") << read_file(dir_.file("kiosk.err"));
  EXPECT_EQ(tree_.screen(), "welcome") << "ready means the first frame is on the glass";
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(systemd.receive(), "WATCHDOG=1") << "an idle kiosk stopped feeding it";
  kiosk_->kill(SIGTERM);
  do {
    said = systemd.receive();
  } while (said == "WATCHDOG=1");
  EXPECT_EQ(said, "STOPPING=1");
  EXPECT_EQ(kiosk_->wait_for(std::chrono::seconds(10)).value_or(-1), 0);
}

TEST_F(KioskE2E, WhenTheRenderLoopHangsTheWatchdogPingsStop) {
  write_config();
  NotifySocket systemd(dir_.file("notify"));
  auto env = x_.env();
  env["NOTIFY_SOCKET"] = systemd.path();
  env["WATCHDOG_USEC"] = "1000000";          // a ping every half second while the loop runs
  env["WIJKKIOSK_FAULT_HANG_ON_TAP"] = "1";  // the frame that shows the first tap never returns
  kiosk_.emplace(Process::start(
      app_args({"--role", "kiosk", "--config", dir_.file("kiosk.toml"), "--ui-tree", dir_.file("tree.json")}),
      dir_.file("kiosk.out"), dir_.file("kiosk.err"), env));
  std::string said = systemd.receive();
  while (said == "WATCHDOG=1") said = systemd.receive();
  ASSERT_EQ(said, "READY=1") << read_file(dir_.file("kiosk.err"));
  for (int i = 0; i < 2; ++i) ASSERT_EQ(systemd.receive(), "WATCHDOG=1") << "no pings before the hang";
  tap_id("language:nl");
  // A ping or two may already be on their way; then silence, for longer than systemd would wait.
  systemd.set_timeout_s(2);
  int late = 0;
  while (systemd.receive() == "WATCHDOG=1") ASSERT_LT(++late, 3) << "the hung loop still feeds the watchdog";
  EXPECT_EQ(systemd.receive(), "") << "a ping after two seconds of silence";
  EXPECT_TRUE(kiosk_->running()) << "hung, not dead: systemd's watchdog is what ends it";
  kiosk_->kill(SIGKILL);
}

}  // namespace
}  // namespace wk::test
