#pragma once
// The waiting-room display's model: the calls the long-poll brings become the board (the latest call large,
// the previous five below) and a queue of announcements (chime, then the spoken call) that the shell plays
// one at a time. Each call is announced once: after a reconnect the board catches up, but calls it already
// saw are not announced again, and calls too old to be useful (the resident has long gone to the desk)
// are shown without a chime.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace wk::display {

struct Call {
  std::int64_t seq = 0;
  std::string code;  // "S-012"
  int desk = 0;
  UnixMs called_at = 0;
  bool recall = false;
  // Another resident holds this code today: the board shows the issue time beside it (code_label).
  bool code_shared = false;
  std::string issued_time;  // "09:14"
};

struct CallBatch {
  std::vector<Call> calls;
  std::int64_t last_seq = 0;
};

// The wire form of GET /v1/calls (API.md); errors name the field.
Result<CallBatch> calls_from_json(const nlohmann::json& j);

struct Announcement {
  std::int64_t seq = 0;
  std::string code;
  int desk = 0;
  UnixMs called_at = 0;
  std::string issued_time;  // only when another resident holds the code too: said with it
};

constexpr std::size_t kPreviousShown = 5;
constexpr UnixMs kAnnounceMaxAgeMs = 2 * 60 * 1000;  // older calls are shown, not chimed

struct Board {
  std::int64_t last_seq = 0;            // the highest seq seen: the next long-poll's `after`
  std::vector<Call> shown;              // newest first: [0] is the latest, then up to five previous
  std::deque<Announcement> pending;     // to chime and speak, oldest first
  std::optional<Announcement> playing;  // the one on the speakers now
  bool online = true;                   // false while the long-poll fails: "reconnecting…"
};

// Applies a batch from the long-poll at time `now` (the display's clock).
void apply_calls(Board& board, const CallBatch& batch, UnixMs now);
// The next announcement to play when none is playing (stale ones are dropped); marks it playing.
std::optional<Announcement> start_next_announcement(Board& board, UnixMs now);
void announcement_finished(Board& board);

// What the display says: "nummer S 12, balie 2" (nl), "number S 12, desk 2" (other languages): the
// number spoken as a number, never digit by digit, and the desk always named. With the issue time of a
// code two residents share: "nummer S 12 van 9 uur 14, balie 2", "number S 12 from 9:14, desk 2".
std::string spoken_text(const std::string& code, int desk, const std::string& language,
                        const std::string& issued_time = {});
// The espeak-ng voice for a location language: "nl" for Dutch, "en" for everything else (the spoken
// words are English then too, so voice and words always match).
std::string speech_voice(const std::string& language);

}  // namespace wk::display
