#include "tree_watch.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace wk::bench {

namespace {
volatile std::sig_atomic_t g_signal = 0;
}  // namespace

void stop_on_signals() {
  struct sigaction sa {};
  sa.sa_handler = [](int sig) { g_signal = sig; };
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a waiting poll() returns at once
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

void throw_if_interrupted() {
  if (g_signal != 0) throw std::runtime_error("bench: interrupted by signal " + std::to_string(g_signal));
}

std::int64_t mono_us() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

std::string Tree::screen() const {
  return json.is_object() ? json.value("screen", "") : "";
}

std::optional<Rect> Tree::find(const std::string& id) const {
  if (!json.is_object()) return std::nullopt;
  for (const auto& e : json["elements"]) {
    if (e.value("id", "") != id) continue;
    const auto& r = e["rect"];
    Rect found;
    found.x = r.value("x", 0);
    found.y = r.value("y", 0);
    found.w = r.value("w", 0);
    found.h = r.value("h", 0);
    return found;
  }
  return std::nullopt;
}

std::string Tree::label(const std::string& id) const {
  if (json.is_object())
    for (const auto& e : json["elements"])
      if (e.value("id", "") == id) return e.value("label", "");
  return {};
}

std::vector<std::string> Tree::ids_starting(const std::string& prefix) const {
  std::vector<std::string> ids;
  if (json.is_object())
    for (const auto& e : json["elements"]) {
      const std::string id = e.value("id", "");
      if (id.starts_with(prefix)) ids.push_back(id);
    }
  return ids;
}

TreeWatch::TreeWatch(std::string path) : path_(std::move(path)) {
  const auto slash = path_.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path_.substr(0, slash);
  name_ = slash == std::string::npos ? path_ : path_.substr(slash + 1);
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0 || inotify_add_watch(fd_, dir.c_str(), IN_MOVED_TO | IN_CLOSE_WRITE) < 0)
    throw std::runtime_error("bench: cannot watch " + dir + ": " + std::strerror(errno));
  read_tree(mono_us());
}

TreeWatch::~TreeWatch() {
  ::close(fd_);
}

bool TreeWatch::read_tree(std::int64_t seen_us) {
  std::ifstream in(path_);
  if (!in) return false;
  std::stringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_discarded()) return false;
  latest_.seen_us = seen_us;
  latest_.json = std::move(json);
  return true;
}

bool TreeWatch::pump(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  const std::int64_t seen = mono_us();  // before the file is read: the rename is what was on time
  alignas(inotify_event) char buf[8192];
  bool ours = false;
  for (;;) {
    const ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) break;
    for (ssize_t off = 0; off < n;) {
      const auto* ev = reinterpret_cast<const inotify_event*>(buf + off);
      if (ev->len > 0 && name_ == ev->name && (ev->mask & IN_MOVED_TO)) ours = true;
      off += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
    }
  }
  return ours && read_tree(seen);
}

const Tree& TreeWatch::wait_for(const std::function<bool(const Tree&)>& holds, const std::string& what,
                                std::chrono::milliseconds timeout) {
  const std::int64_t deadline = mono_us() + timeout.count() * 1000;
  while (!holds(latest_)) {
    throw_if_interrupted();
    const std::int64_t left_us = deadline - mono_us();
    if (left_us <= 0)
      throw std::runtime_error("bench: gave up waiting for " + what + " (screen now: " + latest_.screen() +
                               ")");
    pump(static_cast<int>(left_us / 1000) + 1);
  }
  return latest_;
}

const Tree& TreeWatch::wait_for_screen(const std::string& screen, std::chrono::milliseconds timeout) {
  return wait_for([&](const Tree& t) { return t.screen() == screen; }, "screen " + screen, timeout);
}

void TreeWatch::settle(std::chrono::milliseconds quiet) {
  while (pump(static_cast<int>(quiet.count()))) throw_if_interrupted();
  throw_if_interrupted();
}

}  // namespace wk::bench
