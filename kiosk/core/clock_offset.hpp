#pragma once
// A kiosk's own clock may be wrong: lost after a power cut, running fast, or behind a network that blocks
// NTP. The queue service's clock is the one a location's day is judged by, and every answer of the service
// carries it (the Date header). These are the pure rules for learning the service's time from its answers
// and for the time a kiosk stamps tickets with (and numbers them by); the shell hands in every reading.
#include <cstdint>
#include <optional>

#include "core/clock.hpp"

namespace wk {

// Within this much of the service's time the kiosk's own clock is good enough and stamps with it: a
// clock a few seconds off is no reason to stamp with an estimate that is itself only good to a second.
constexpr std::int64_t kClockToleranceMs = 2 * 60 * 1000;
// Readings of the same offset differ by up to about a second (Date has whole seconds): a new reading
// replaces the kept one only when it moved more than this, so the kiosk does not write it down on every
// answer.
constexpr std::int64_t kOffsetStepMs = 1000;
// A step between two readings of the clock, against the monotonic clock, larger than this is a jump (NTP
// stepping, someone setting the date, a clock reset), not the slow drift NTP slews away.
constexpr std::int64_t kClockJumpMs = 1000;
// The largest offset a device reports (a century either way): far beyond a clock reset to 1970, and still
// exact as a JSON number everywhere.
constexpr std::int64_t kMaxClockOffsetMs = 100LL * 366 * 86'400'000;

// The service's clock minus ours, from one answer: its Date has whole seconds (truncated), so the service's
// time then lay in [date, date + 1 s), whose middle is date + 500 ms; and the answer was made somewhere
// between sending the request and receiving the answer on our clock, whose middle is taken. nullopt when
// the readings cannot be right (received before sent).
std::optional<std::int64_t> offset_from_answer(UnixMs date, UnixMs sent_at, UnixMs received_at);

// Whether a reading replaces the kept offset: the first one, or one that moved more than kOffsetStepMs.
bool offset_moved(std::optional<std::int64_t> kept, std::int64_t reading);

// The clock corrected by the service's offset when they disagree by more than kClockToleranceMs; the
// clock itself otherwise, or while the offset is unknown.
UnixMs corrected_time(UnixMs clock, std::optional<std::int64_t> offset);

// No ticket is stamped before this: the build's own time (a clock before it is plainly wrong) and the
// newest stamp the kiosk already made (its outbox), so a clock that fell back never makes a ticket of an
// earlier day than the last one.
UnixMs stamp_floor(UnixMs build_time, std::optional<UnixMs> newest_stamp);

// The time to stamp tickets with: the corrected time, but never earlier than the floor.
UnixMs stamp_time(UnixMs clock, std::optional<std::int64_t> offset, UnixMs floor);

// The kiosk's time as its shell keeps it from one event to the next. stamp_time alone would stand still at
// the floor while the clock is below it, and with it every timeout of a resident's session; so the distance
// from such a clock to the floor is held, and time runs on from the floor at the clock's pace, until the
// clock is plausible again or the service's time is learned.
//
// A clock that jumps while the service's offset is known does not take the kiosk's time with it: the
// service's clock did not jump, so its time stays the clock plus the offset minus the jump, until the
// service is heard again (a clock reset to a day ahead would otherwise stamp a ticket on tomorrow).
struct ClockReading {
  UnixMs clock = 0;
  std::int64_t monotonic = 0;  // ms on a clock that never jumps (CLOCK_MONOTONIC)
};
struct KioskTime {
  std::optional<std::int64_t> offset;  // the service's clock minus ours, as last learned
  UnixMs build_time = 0;
  UnixMs floor = 0;                  // stamp_floor, raised by every stamp
  std::int64_t held = 0;             // added to an impossible clock, so it runs on from the floor
  std::int64_t jumped = 0;           // the clock's jumps since the offset was learned
  std::optional<ClockReading> last;  // the previous reading, to see a jump by
};

struct KioskNow {
  UnixMs now = 0;
  KioskTime time;  // to keep for the next reading
};

KioskTime start_kiosk_time(UnixMs build_time, std::optional<UnixMs> newest_stamp,
                           std::optional<std::int64_t> kept_offset);
// The time now, from a reading of the process's clock; with a reading of the monotonic clock beside it, a
// jump of the clock since the previous reading is seen and, while the offset is known, taken out.
KioskNow kiosk_now(KioskTime t, UnixMs clock, std::optional<std::int64_t> monotonic = std::nullopt);
// A new offset was learned from the service at `clock`: the service's time is real, so a held distance
// goes, and a floor held up by stamps ahead of the service's time (a fast clock before the offset was
// known) comes down to it, so those stamps do not keep the kiosk on a later day. The build time stays, and
// jumps seen before are in the new offset already.
KioskTime offset_learned(KioskTime t, std::int64_t offset, UnixMs clock);
// A ticket was stamped: no later one is stamped earlier.
KioskTime stamped(KioskTime t, UnixMs stamp);

}  // namespace wk
