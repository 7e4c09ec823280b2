#pragma once
// The queue service's clock as the kiosk last learned it: the offset (the service's clock minus this
// kiosk's) in a small file beside the outbox, so that a restart with the service away still stamps tickets
// with it. The file is written whole by rename, and only when the offset moved (core's offset_moved), so
// answers cost no disk write. Thread-safe: the sync worker learns, the UI thread reads one atomic per event.
#include <atomic>
#include <cstdint>
#include <limits>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace wk::store {

class KeptClockOffset {
 public:
  // Reads the kept offset. A missing file means unknown; so does one that cannot be read (the error then
  // says why, for the log), and the kiosk learns it again from the service's next answer.
  explicit KeptClockOffset(std::string path);
  KeptClockOffset(const KeptClockOffset&) = delete;
  KeptClockOffset& operator=(const KeptClockOffset&) = delete;

  std::optional<std::int64_t> get() const;  // one atomic load
  // Why the file could not be read at start; empty when it was read or was not there.
  const std::string& read_problem() const { return read_problem_; }

  // A reading from an answer, at `now` on the kiosk's clock. Kept (on disk, then in use) when it moved;
  // answers true then. An error means it was kept in memory and is in use, but is not on disk.
  // A reading beyond kMaxClockOffsetMs is not kept.
  Result<bool> learn(std::int64_t offset_ms, UnixMs now);

 private:
  static constexpr std::int64_t kUnknown = std::numeric_limits<std::int64_t>::min();
  std::string path_;
  std::string read_problem_;
  std::atomic<std::int64_t> value_{kUnknown};
  std::mutex write_mu_;  // one writer at a time, so the file holds the newest kept value
};

}  // namespace wk::store
