#pragma once
// The kiosk's model is composed of four small ones, as lager composes reducers: update() (session.hpp)
// first applies what holds for every event (the opening hours, the timeout, the hidden corner), then
// hands the event to each part in turn. A part ignores what is not its own, so each is tested alone.
// Effects are emplaced with std::in_place_type: GCC 12 takes a temporary variant holding a ticket for
// "maybe uninitialised" once the parts are functions of their own (-Werror).
#include <vector>

#include "core/session.hpp"

namespace wk {

// The resident's way: welcome, language, topic, the ticket stored before it shows, failures, the config.
void reduce_resident(KioskState& s, const Event& event, const Inputs& in, std::vector<Effect>& effects);
// The staff's: the corner held, the PIN pad and its lock-out, the panel's actions.
void reduce_staff(KioskState& s, const Event& event, const Inputs& in, std::vector<Effect>& effects);
// The printer's: its state, how the resident's print went, the counters' reprints.
void reduce_printer(KioskState& s, const Event& event, const Inputs& in, std::vector<Effect>& effects);

// The volunteer's: the second door, the form composed in (core/volunteer_form.hpp), its reference printed.
void reduce_volunteer(KioskState& s, const Event& event, const Inputs& in, std::vector<Effect>& effects);
// "Bel mij terug": its door, the call-back form composed in (core/callback_form.hpp), its reference printed.
void reduce_callback(KioskState& s, const Event& event, const Inputs& in, std::vector<Effect>& effects);

// The resident's aids (core/resident_aids.hpp): read-aloud, its volume, bigger text. Told the screen and
// whether it was being read before the event: a reading stops when the screen changes or the resident is
// forgotten (what is read must be what is on the glass).
void reduce_aids(KioskState& s, Screen screen_before, bool reading_before, const Event& event,
                 std::vector<Effect>& effects);

// Shared by the parts: a staff screen; forgetting the resident (a fresh session on the screen the hours
// call for).
bool is_staff_screen(Screen s);
void forget(KioskState& s, UnixMs now);
// A ticket, a registration or a call-back request on its way to the outbox: the session is not forgotten
// until it is there.
bool storing(const Session& s);

}  // namespace wk
