#pragma once
// The staff PIN check on its own thread: Argon2id costs tens of milliseconds and 16 MiB by design, which
// the UI thread must not spend, so the screen keeps drawing while a PIN is verified. The verdict comes
// back as ev::PinChecked through `post` (thread-safe; the UI thread applies it), like the print worker's.
//
// The lock-out after wrong PINs is kept in data_dir too (pin_lock.json, written whole by rename), so a
// restart does not give five more tries.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "core/result.hpp"
#include "core/session.hpp"
#include "worker/job_thread.hpp"

namespace wk::app {

class PinChecker {
 public:
  PinChecker(std::string stored_hash, std::function<void(Event)> post);
  // Queues a PIN; its thread starts with the first one, so a kiosk whose panel is never opened has none.
  void check(std::string pin);
  void stop();

 private:
  std::string hash_;
  std::function<void(Event)> post_;
  std::atomic<bool> stopped_{false};  // no thread is started after the stop (which a lost display may call)
  worker::JobThread<std::string> pins_;
};

// The PIN pad's lock-out as kept on disk: the wrong tries so far and until when the pad is locked.
struct PinLock {
  int failures = 0;
  UnixMs locked_until = 0;
};
// A missing file is no lock-out. One that cannot be read locks the pad from `now` for the usual time (and
// the error says why): a broken file must not hand out fresh tries.
PinLock read_pin_lock(const std::string& path, UnixMs now, std::string* problem);
Result<void> write_pin_lock(const std::string& path, const PinLock& lock);

}  // namespace wk::app
