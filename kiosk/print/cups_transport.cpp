// A printer behind a raw CUPS queue, for printers Linux finds only through CUPS. Each write runs
// `lp -d QUEUE -o raw FILE` with the ticket in a temporary file (a file rather than a pipe, so an lp that
// dies early cannot SIGPIPE the kiosk). CUPS does not pass the printer's DLE EOT answers back, so this
// transport reports no state (None) and a full or jammed printer shows only in CUPS itself.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "print/fd_io.hpp"
#include "print/transport.hpp"

extern char** environ;

namespace wk::print {
namespace {

// A temporary file that is removed when it goes out of scope.
class TempFile {
 public:
  TempFile() {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir != nullptr && dir[0] == '/' ? dir : "/tmp") + "/wijkkiosk-print-XXXXXX";
    fd_ = UniqueFd(::mkostemp(path_.data(), O_CLOEXEC));
    if (!fd_.valid()) path_.clear();
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  bool valid() const { return fd_.valid(); }
  int fd() const { return fd_.get(); }
  const std::string& path() const { return path_; }

  std::string head(std::size_t max) const {
    std::string out(max, '\0');
    const ssize_t n = ::pread(fd_.get(), out.data(), max, 0);
    out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
  }

 private:
  std::string path_;
  UniqueFd fd_;
};

class CupsTransport final : public Transport {
 public:
  CupsTransport(std::string queue, std::string lp) : queue_(std::move(queue)), lp_(std::move(lp)) {}

  Result<void> write(const Bytes& data, int timeout_ms) override {
    const Deadline deadline = deadline_after(timeout_ms);
    TempFile job;
    TempFile errors;
    if (!job.valid() || !errors.valid()) {
      return make_error("io", "The ticket could not be handed to CUPS.",
                        std::string("mkstemp: ") + std::strerror(errno));
    }
    if (auto written = write_all(job.fd(), data, timeout_ms, false); !written) return written.error();

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, errors.fd(), 2);
    std::string queue = queue_;
    std::string path = job.path();
    std::string d = "-d", o = "-o", raw = "raw";
    char* argv[] = {lp_.data(), d.data(), queue.data(), o.data(), raw.data(), path.data(), nullptr};
    pid_t pid = -1;
    const bool search = lp_.find('/') == std::string::npos;
    const int rc = search ? ::posix_spawnp(&pid, lp_.c_str(), &actions, nullptr, argv, environ)
                          : ::posix_spawn(&pid, lp_.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      return make_error("cups", "The ticket could not be handed to CUPS: is the lp command installed?",
                        lp_ + ": " + std::strerror(rc));
    }

    int status = 0;
    for (;;) {
      const pid_t done = ::waitpid(pid, &status, WNOHANG);
      if (done == pid) break;
      if (done < 0 && errno == EINTR) continue;
      if (done < 0) {
        // Someone else reaped it (SIGCHLD ignored): lp ran, but its verdict is lost.
        return Ok{};
      }
      if (remaining_ms(deadline) == 0) {
        ::kill(pid, SIGKILL);
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        return make_error("timeout", "CUPS did not take the ticket in time.", "lp -d " + queue_);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      return make_error("cups", "CUPS did not take the ticket: check the printer queue.",
                        "lp -d " + queue_ + ": " + errors.head(300));
    }
    return Ok{};
  }

  Result<Bytes> read(std::size_t, int) override {
    return make_error("no_status", "A CUPS queue cannot report the printer's state.");
  }
  bool reads_status() const override { return false; }

 private:
  std::string queue_;
  std::string lp_;
};

}  // namespace

Result<std::unique_ptr<Transport>> open_cups(const std::string& queue, std::string lp_command) {
  // Opening checks nothing with CUPS: the queue is asked for on each write, which is also when lp reports a
  // queue that does not exist. The name is still checked, so lp can never read it as an option.
  if (auto uri = parse_printer_uri("cups://" + queue); !uri) return uri.error();
  return std::unique_ptr<Transport>(std::make_unique<CupsTransport>(queue, std::move(lp_command)));
}

}  // namespace wk::print
