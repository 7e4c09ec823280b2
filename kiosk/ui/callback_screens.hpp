#pragma once
// The "bel mij terug" screens behind the kiosk's call-back door: one per step of core's form (topic, phone,
// when, consent, thanks), with the volunteer's touch keyboard for the number. They draw the form and turn
// taps into its events; what is valid and what comes next is core's.
#include "ui/screen_context.hpp"

namespace wk::ui {

void draw_callback(Ctx& c);

}  // namespace wk::ui
