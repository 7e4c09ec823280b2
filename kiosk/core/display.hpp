#pragma once
// The waiting-room display as a pure model, like the kiosk's session and the counter:
// update(state, event, inputs) -> {state, effects}. The calls listener's news, the service lost and
// found, the speakers quiet again and the location's config come in as events; what to announce goes out
// as an effect, which the announcer (platform/) plays and answers with AnnouncementDone.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/display_board.hpp"
#include "core/model.hpp"

namespace wk::display {

struct DisplayState {
  Board board;
  LocationConfig config;  // the languages (the first is spoken) and the time zone
  TzRule tz;              // of config.timezone, read by the shell
};

namespace ev {
struct CallsArrived {
  CallBatch batch;
};
struct OnlineChanged {
  bool online = true;
};
struct AnnouncementDone {};
struct ConfigKnown {
  LocationConfig config;
  std::optional<TzRule> tz;  // none when this machine does not know the zone: the one in use stays
};
}  // namespace ev
using Event = std::variant<ev::CallsArrived, ev::OnlineChanged, ev::AnnouncementDone, ev::ConfigKnown>;

namespace fx {
struct Announce {
  std::string text;   // "nummer S 12, balie 2"
  std::string voice;  // espeak-ng's
};
}  // namespace fx
using Effect = std::variant<fx::Announce>;

struct Inputs {
  UnixMs now = 0;
};
using Update = ModelUpdate<DisplayState, Effect>;

Update update(DisplayState state, const Event& event, const Inputs& in);

// The language the display shows and speaks: the location's first, Dutch until its config is known.
std::string display_language(const DisplayState& s);
// The wall clock's "09:41" in the location's time zone.
std::string clock_text(const DisplayState& s, UnixMs now);
// The clock shows minutes: the next time the screen must be drawn again (a few ms past the minute).
UnixMs next_redraw(UnixMs now);

}  // namespace wk::display
