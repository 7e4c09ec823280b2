#pragma once
// The volunteer's screens behind the kiosk's second door: one per step of core's form (interests, when,
// name, contact, consent, thanks), and the touch keyboard with its accent picker. They draw the form and
// turn taps into its events; what is valid and what comes next is core's.
#include "ui/screen_context.hpp"

namespace wk::ui {

void draw_volunteer(Ctx& c);

}  // namespace wk::ui
