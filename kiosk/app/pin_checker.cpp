#include "app/pin_checker.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "app/staff_pin.hpp"
#include "store/file_write.hpp"

namespace wk::app {

PinChecker::PinChecker(std::string stored_hash, std::function<void(Event)> post)
    : hash_(std::move(stored_hash)), post_(std::move(post)) {}

void PinChecker::check(std::string pin) {
  if (stopped_) return;
  pins_.start({.run =
                   [this](std::string& p) {
                     const bool ok = verify_staff_pin(hash_, p);
                     std::fprintf(stderr, "wijkkiosk: staff PIN %s\n", ok ? "accepted" : "rejected");
                     post_(ev::PinChecked{ok});
                   },
               .idle = [] { return worker::kNever; }});
  pins_.post(std::move(pin));
}

void PinChecker::stop() {
  stopped_ = true;
  pins_.stop();
}

PinLock read_pin_lock(const std::string& path, UnixMs now, std::string* problem) {
  std::ifstream in(path);
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  const auto j = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (j.is_object() && j.contains("failures") && j["failures"].is_number_integer() &&
      j.contains("locked_until_ms") && j["locked_until_ms"].is_number_integer()) {
    PinLock lock{j["failures"].get<int>(), j["locked_until_ms"].get<UnixMs>()};
    if (lock.failures >= 0 && lock.failures < kPinMaxTries && lock.locked_until >= 0) return lock;
  }
  if (problem) *problem = "the staff PIN lock-out file " + path + " cannot be read; the PIN pad is locked";
  return PinLock{0, now + kPinLockMs};
}

Result<void> write_pin_lock(const std::string& path, const PinLock& lock) {
  const nlohmann::json j = {{"failures", lock.failures}, {"locked_until_ms", lock.locked_until}};
  return store::write_file_atomically(path, j.dump() + "\n");
}

}  // namespace wk::app
