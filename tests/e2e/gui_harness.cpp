#include "e2e/gui_harness.hpp"

#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/wait.hpp"

namespace wk::test {

namespace {

// An X server holds display N while /tmp/.XN-lock names a live process. A lock left by a server that was
// killed outright names a dead one: Xvfb takes such a display over itself, so it counts as free.
bool display_taken(int n) {
  std::ifstream lock("/tmp/.X" + std::to_string(n) + "-lock");
  if (!lock) return false;
  long pid = 0;
  if (!(lock >> pid) || pid <= 0) return true;  // being written just now, or not ours to judge
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

Xvfb::Xvfb(int width, int height) {
  // A display number no other test (or the demo) holds, starting at a place of this process's own so that
  // tests running side by side rarely try the same one.
  const int first = 90 + static_cast<int>(getpid() % 200);
  for (int i = 0; i < 300; ++i) {
    const int n = 90 + (first - 90 + i) % 300;
    if (display_taken(n)) continue;
    display_ = ":" + std::to_string(n);
    server_.emplace(Process::start({"/usr/bin/Xvfb", display_, "-screen", "0",
                                    std::to_string(width) + "x" + std::to_string(height) + "x24", "-nolisten",
                                    "tcp", "-dpi", "96"}));
    const std::string socket = "/tmp/.X11-unix/X" + std::to_string(n);
    const bool up = wait_until([&] { return ::access(socket.c_str(), F_OK) == 0 || !server_->running(); },
                               std::chrono::seconds(10));
    if (up && server_->running()) return;
    server_.reset();  // someone else took it between the check and the start: try the next one
  }
  throw std::runtime_error("Xvfb did not start on any display");
}

Xvfb::~Xvfb() {
  if (!server_) return;
  // Asked to end, Xvfb removes its lock file; killed outright, it would leave it behind.
  server_->kill(SIGTERM);
  server_->wait_for(std::chrono::seconds(5));
}

std::optional<nlohmann::json> UiTreeFile::read() const {
  std::ifstream in(path_);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

std::string UiTreeFile::screen() const {
  const auto j = read();
  return j ? j->value("screen", "") : "";
}

std::optional<UiElement> UiTreeFile::find(const std::string& id) const {
  const auto j = read();
  if (!j) return std::nullopt;
  for (const auto& e : (*j)["elements"]) {
    if (e["id"] != id) continue;
    const auto& r = e["rect"];
    UiElement found{e["id"], e["label"], e["role"], r["x"], r["y"], r["w"], r["h"]};
    found.selected = e.contains("selected") && e.at("selected") == true;
    return found;
  }
  return std::nullopt;
}

std::vector<std::string> UiTreeFile::selected() const {
  std::vector<std::string> ids;
  if (const auto j = read())
    for (const auto& e : (*j)["elements"])
      if (e.contains("selected") && e.at("selected") == true) {
        const std::string id = e.at("id").dump();  // quoted: ids are plain ASCII
        ids.push_back(id.substr(1, id.size() - 2));
      }
  return ids;
}

bool UiTreeFile::wait_for_screen(const std::string& screen_name, std::chrono::milliseconds timeout) const {
  return wait_until([&] { return screen() == screen_name; }, timeout);
}

bool UiTreeFile::wait_for_element(const std::string& id, std::chrono::milliseconds timeout) const {
  return wait_until([&] { return find(id).has_value(); }, timeout);
}

std::string UiTreeFile::all_labels() const {
  std::string out;
  if (const auto j = read())
    for (const auto& e : (*j)["elements"]) out += e["label"].get<std::string>() + "\n";
  return out;
}

void tap(const Xvfb& x, const UiElement& e) {
  const auto r = run_command({"/usr/bin/xdotool", "mousemove", std::to_string(e.x + e.w / 2),
                              std::to_string(e.y + e.h / 2), "click", "1"},
                             x.env());
  if (r.exit_code != 0) throw std::runtime_error("xdotool failed: " + r.err);
}

void press_keys(const Xvfb& x, const std::string& keys) {
  const auto r = run_command({"/usr/bin/xdotool", "key", keys}, x.env());
  if (r.exit_code != 0) throw std::runtime_error("xdotool key failed: " + r.err);
}

void screenshot(const Xvfb& x, const std::string& png) {
  const auto r = run_command({"/usr/bin/import", "-window", "root", png}, x.env());
  if (r.exit_code != 0) throw std::runtime_error("import failed: " + r.err);
}

std::string read_qr(const std::string& png) {
  const auto r = run_command({"/usr/bin/zbarimg", "-q", "--raw", png});
  std::string out = r.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace wk::test
