#include "platform/quit_signal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <thread>
#include <utility>

namespace wk::platform {
namespace {

struct QuitSignalState {
  std::function<void()> on_signal;
  std::thread watcher;
  int pipe_read = -1;
  int pipe_write = -1;
  struct sigaction old_term {};
  struct sigaction old_int {};
  bool installed = false;
};

QuitSignalState g_signal;
std::atomic<bool> g_received{false};
std::atomic<int> g_pipe_write{-1};  // what the handler sees; atomics of int are lock-free here
constexpr char kSignalByte = 's';
constexpr char kStopByte = 'x';

void on_quit_signal(int /*signo*/) {
  const int saved_errno = errno;  // the interrupted code may be about to read errno
  g_received.store(true);
  const int fd = g_pipe_write.load();
  if (fd >= 0) {
    const char byte = kSignalByte;
    [[maybe_unused]] const ssize_t n = write(fd, &byte, 1);
  }
  errno = saved_errno;
}

void watch() {
  for (;;) {
    char byte = 0;
    const ssize_t n = read(g_signal.pipe_read, &byte, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || byte == kStopByte) return;
    if (g_signal.on_signal) g_signal.on_signal();
  }
}

}  // namespace

bool QuitSignal_Install(std::function<void()> on_signal) {
  if (g_signal.installed) return false;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return false;
  g_signal.pipe_read = fds[0];
  g_signal.pipe_write = fds[1];
  g_signal.on_signal = std::move(on_signal);
  g_received.store(false);
  g_pipe_write.store(fds[1]);
  g_signal.watcher = std::thread(watch);

  struct sigaction action {};
  action.sa_handler = on_quit_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &action, &g_signal.old_term);
  sigaction(SIGINT, &action, &g_signal.old_int);
  g_signal.installed = true;
  return true;
}

bool QuitSignal_Received() {
  return g_received.load();
}

void QuitSignal_Uninstall() {
  if (!g_signal.installed) return;
  sigaction(SIGTERM, &g_signal.old_term, nullptr);
  sigaction(SIGINT, &g_signal.old_int, nullptr);
  g_pipe_write.store(-1);
  const char byte = kStopByte;
  [[maybe_unused]] const ssize_t n = write(g_signal.pipe_write, &byte, 1);
  g_signal.watcher.join();
  close(g_signal.pipe_read);
  close(g_signal.pipe_write);
  g_signal = QuitSignalState{};
}

}  // namespace wk::platform
