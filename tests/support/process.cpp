#include "support/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "support/temp_dir.hpp"

extern char** environ;

namespace wk::test {

std::string bin_path(const std::string& name) {
  const char* dir = std::getenv("WIJKKIOSK_BIN_DIR");
  if (dir == nullptr || *dir == '\0')
    throw std::runtime_error("WIJKKIOSK_BIN_DIR is not set; run the tests through ctest");
  return std::string(dir) + "/" + name;
}

Process Process::start(const std::vector<std::string>& argv, const std::string& stdout_path,
                       const std::string& stderr_path, const std::map<std::string, std::string>& env) {
  if (argv.empty()) throw std::invalid_argument("Process::start needs a program");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const int out_flags = O_WRONLY | O_CREAT | O_APPEND;
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO,
                                   stdout_path.empty() ? "/dev/null" : stdout_path.c_str(), out_flags, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO,
                                   stderr_path.empty() ? "/dev/null" : stderr_path.c_str(), out_flags, 0644);

  // The child's environment: ours, with `env` laid over it.
  std::map<std::string, std::string> merged;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [k, v] : env) merged[k] = v;
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : merged) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp, args;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (auto& s : argv_copy) args.push_back(s.data());
  args.push_back(nullptr);

  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
  return Process(pid);
}

Process::Process(Process&& other) noexcept : pid_(other.pid_), exit_code_(other.exit_code_) {
  other.pid_ = -1;
}

Process& Process::operator=(Process&& other) noexcept {
  if (this != &other) {
    kill_and_reap();
    pid_ = other.pid_;
    exit_code_ = other.exit_code_;
    other.pid_ = -1;
  }
  return *this;
}

Process::~Process() {
  kill_and_reap();
}

void Process::kill_and_reap() {
  if (pid_ > 0 && !exit_code_) {
    ::kill(pid_, SIGKILL);
    reap(0);
  }
}

bool Process::reap(int options) {
  if (exit_code_) return true;
  int status = 0;
  pid_t r;
  do {
    r = ::waitpid(pid_, &status, options);
  } while (r < 0 && errno == EINTR);
  if (r != pid_) return false;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return true;
}

bool Process::running() {
  return pid_ > 0 && !reap(WNOHANG);
}

void Process::kill(int sig) {
  if (running()) ::kill(pid_, sig);
}

int Process::wait() {
  if (pid_ <= 0) throw std::logic_error("Process::wait on no process");
  reap(0);
  return *exit_code_;
}

std::optional<int> Process::wait_for(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return exit_code_;
}

RunResult run_command(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                      std::chrono::milliseconds timeout) {
  TempDir tmp("wijkkiosk-run");
  auto p = Process::start(argv, tmp.file("out"), tmp.file("err"), env);
  const auto code = p.wait_for(timeout);
  if (!code)
    throw std::runtime_error(argv[0] + " did not finish within " + std::to_string(timeout.count()) + " ms");
  return RunResult{*code, read_file(tmp.file("out")), read_file(tmp.file("err"))};
}

}  // namespace wk::test
