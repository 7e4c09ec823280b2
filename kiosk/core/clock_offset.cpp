#include "core/clock_offset.hpp"

#include <algorithm>

namespace wk {

std::optional<std::int64_t> offset_from_answer(UnixMs date, UnixMs sent_at, UnixMs received_at) {
  if (received_at < sent_at) return std::nullopt;
  const UnixMs midpoint = sent_at + (received_at - sent_at) / 2;
  return date + 500 - midpoint;
}

bool offset_moved(std::optional<std::int64_t> kept, std::int64_t reading) {
  if (!kept) return true;
  const std::int64_t moved = reading - *kept;
  return moved > kOffsetStepMs || moved < -kOffsetStepMs;
}

UnixMs corrected_time(UnixMs clock, std::optional<std::int64_t> offset) {
  if (!offset || (*offset <= kClockToleranceMs && *offset >= -kClockToleranceMs)) return clock;
  return clock + *offset;
}

UnixMs stamp_floor(UnixMs build_time, std::optional<UnixMs> newest_stamp) {
  return newest_stamp ? std::max(build_time, *newest_stamp) : build_time;
}

UnixMs stamp_time(UnixMs clock, std::optional<std::int64_t> offset, UnixMs floor) {
  return std::max(corrected_time(clock, offset), floor);
}

KioskTime start_kiosk_time(UnixMs build_time, std::optional<UnixMs> newest_stamp,
                           std::optional<std::int64_t> kept_offset) {
  KioskTime t;
  t.offset = kept_offset;
  t.build_time = build_time;
  t.floor = stamp_floor(build_time, newest_stamp);
  return t;
}

KioskNow kiosk_now(KioskTime t, UnixMs clock, std::optional<std::int64_t> monotonic) {
  if (monotonic) {
    if (t.last && t.offset) {
      const std::int64_t step = (clock - t.last->clock) - (*monotonic - t.last->monotonic);
      if (step > kClockJumpMs || step < -kClockJumpMs) t.jumped += step;
    }
    t.last = ClockReading{clock, *monotonic};
  }
  const std::optional<std::int64_t> offset =
      t.offset ? std::optional<std::int64_t>(*t.offset - t.jumped) : std::nullopt;
  const UnixMs corrected = corrected_time(clock, offset);
  if (corrected >= t.floor) {
    t.held = 0;  // plausible again: the clock (corrected) is the time once more
    return {corrected, t};
  }
  const UnixMs now = stamp_time(corrected + t.held, std::nullopt, t.floor);
  t.held = now - corrected;
  return {now, t};
}

KioskTime offset_learned(KioskTime t, std::int64_t offset, UnixMs clock) {
  t.offset = offset;
  t.held = 0;
  t.jumped = 0;
  t.floor = std::max(t.build_time, std::min(t.floor, corrected_time(clock, offset)));
  return t;
}

KioskTime stamped(KioskTime t, UnixMs stamp) {
  t.floor = std::max(t.floor, stamp);
  return t;
}

}  // namespace wk
