#include "store/outbox_clock.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "core/clock_offset.hpp"
#include "store/file_write.hpp"

namespace wk::store {
namespace {

// {"offset_ms": -10800000, "learned_at": "2026-11-24T21:30:00.000Z"}: learned_at (the kiosk's clock) is
// only for a person reading the file.
Result<std::optional<std::int64_t>> read_offset(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::optional<std::int64_t>();
  std::stringstream ss;
  ss << in.rdbuf();
  const auto j = nlohmann::json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("offset_ms") || !j["offset_ms"].is_number_integer())
    return make_error("clock_offset_unreadable", "The kept clock offset " + path + " cannot be read.",
                      "not {\"offset_ms\": integer}");
  const auto offset = j["offset_ms"].get<std::int64_t>();
  if (offset > kMaxClockOffsetMs || offset < -kMaxClockOffsetMs)
    return make_error("clock_offset_unreadable", "The kept clock offset " + path + " is out of range.",
                      std::to_string(offset));
  return std::optional(offset);
}

}  // namespace

KeptClockOffset::KeptClockOffset(std::string path) : path_(std::move(path)) {
  auto kept = read_offset(path_);
  if (!kept)
    read_problem_ = to_string(kept.error());
  else if (kept.value())
    value_ = *kept.value();
}

std::optional<std::int64_t> KeptClockOffset::get() const {
  const std::int64_t v = value_.load(std::memory_order_acquire);
  return v == kUnknown ? std::nullopt : std::optional(v);
}

Result<bool> KeptClockOffset::learn(std::int64_t offset_ms, UnixMs now) {
  // Beyond a century one of the two clocks is not a clock at all: not something to stamp tickets by.
  if (offset_ms > kMaxClockOffsetMs || offset_ms < -kMaxClockOffsetMs) return false;
  std::lock_guard lock(write_mu_);
  if (!offset_moved(get(), offset_ms)) return false;
  // On disk first, then in use: whoever sees the new offset may count on it surviving a restart.
  const nlohmann::json j = {{"offset_ms", offset_ms}, {"learned_at", to_rfc3339(now)}};
  auto written = write_file_atomically(path_, j.dump() + "\n");
  value_.store(offset_ms, std::memory_order_release);
  if (!written) return written.error();
  return true;
}

}  // namespace wk::store
