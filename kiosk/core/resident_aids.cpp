// The resident's aids as a part of the kiosk's model (core/kiosk_reducers.hpp).
#include "core/resident_aids.hpp"

#include <algorithm>

#include "core/kiosk_reducers.hpp"
#include "core/overloaded.hpp"

namespace wk {

bool aids_changed(const Aids& a) {
  return a != Aids{};
}

bool offers_reading(Screen on) {
  return !is_staff_screen(on);
}

bool offers_large_print(Screen on) {
  return offers_reading(on) && on != Screen::Closed;
}

void reduce_aids(KioskState& s, Screen screen_before, bool reading_before, const Event& event,
                 std::vector<Effect>& effects) {
  Aids& aids = s.session.aids;
  const Screen on = s.session.screen;
  auto set_volume = [&](int v) {
    aids.volume = std::clamp(v, kMinVolume, kMaxVolume);
    if (aids.reading) effects.emplace_back(std::in_place_type<fx::SetVolume>, fx::SetVolume{aids.volume});
  };
  std::visit(Overloaded{
                 [&](const ev::ReadAloud&) {
                   if (!offers_reading(on)) return;
                   if (aids.reading) {
                     aids.reading = false;
                     effects.emplace_back(std::in_place_type<fx::StopReading>);
                     return;
                   }
                   aids.reading = true;
                   effects.emplace_back(std::in_place_type<fx::ReadScreen>,
                                        fx::ReadScreen{session_language(s), aids.volume});
                 },
                 [&](const ev::ReadingEnded&) { aids.reading = false; },
                 [&](const ev::VolumeUp&) { set_volume(aids.volume + kVolumeStep); },
                 [&](const ev::VolumeDown&) { set_volume(aids.volume - kVolumeStep); },
                 [&](const ev::LargePrint&) {
                   if (offers_large_print(on)) aids.large_print = !aids.large_print;
                 },
                 [](const auto&) {},
             },
             event);
  // What is read is what is on the glass: a new screen (or a forgotten resident) ends the reading.
  if (reading_before && (s.session.screen != screen_before || !aids.reading)) {
    const bool asked_to_stop = std::holds_alternative<ev::ReadAloud>(event);
    const bool ended_by_itself = std::holds_alternative<ev::ReadingEnded>(event);
    aids.reading = false;
    if (!asked_to_stop && !ended_by_itself) effects.emplace_back(std::in_place_type<fx::StopReading>);
  }
}

}  // namespace wk
