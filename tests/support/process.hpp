#pragma once
// Child processes for tests: the real binaries, started with posix_spawn, their stdout and stderr going to
// files (appended to, so a restarted server keeps one log). A Process still running when it goes away is
// killed with SIGKILL and reaped, so a failing test never leaves a server behind.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wk::test {

// $WIJKKIOSK_BIN_DIR/name (set by wijkkiosk_test() in CMake); throws when the variable is missing.
std::string bin_path(const std::string& name);

class Process {
 public:
  // argv[0] is the program's path. An empty output path means /dev/null. env entries are added to
  // (or replace those of) the test's own environment.
  static Process start(const std::vector<std::string>& argv, const std::string& stdout_path = {},
                       const std::string& stderr_path = {},
                       const std::map<std::string, std::string>& env = {});
  Process(Process&& other) noexcept;
  Process& operator=(Process&& other) noexcept;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process();

  pid_t pid() const { return pid_; }
  bool running();
  void kill(int sig);
  // Exit code, or 128 + the signal that ended it.
  int wait();
  // nullopt when it is still running after `timeout`.
  std::optional<int> wait_for(std::chrono::milliseconds timeout);

 private:
  explicit Process(pid_t pid) : pid_(pid) {}
  bool reap(int options);
  void kill_and_reap();
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

// Runs a command to its end and returns its exit code and output; throws when it runs past `timeout`.
RunResult run_command(const std::vector<std::string>& argv,
                      const std::map<std::string, std::string>& env = {},
                      std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace wk::test
