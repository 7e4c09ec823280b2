#pragma once
// The resident's screens. They draw core's KioskState and turn taps into core events; every decision
// (what comes next, what a timeout does, whether a ticket is issued) is core's.
#include <imgui.h>

#include <map>
#include <string>
#include <vector>

#include "core/catalogue.hpp"
#include "core/session.hpp"
#include "ui/staff_screens.hpp"
#include "ui/theme.hpp"
#include "ui/ui_tree.hpp"

namespace wk::ui {

struct KioskView {
  const KioskState* state = nullptr;
  UnixMs now = 0;
  const Catalogues* text = nullptr;
  Theme theme;
  std::map<std::string, ImTextureID> pictograms;  // by pictogram name
  ImTextureID qr = nullptr;                       // the current ticket's status QR, when there is a ticket
  float qr_side_px = 0;
  std::string notice;           // a line for the ticket screen about the printer, in the resident's language
  StaffInfo staff;              // filled only while the staff panel is open
  bool can_read_aloud = false;  // there is a voice for the resident's language: the speaker shows
};

// Draws the current screen into a full-window ImGui window; returns the events the taps made.
std::vector<Event> draw_kiosk(const KioskView& view, UiTree& tree);

// What the QR code on the ticket screen measures on the glass at the least, so a phone reads it from arm's
// length.
constexpr float kQrMinMm = 65.0f;
// The second door's pictogram (assets/pictograms/vrijwilliger.svg); the view's pictograms hold it.
constexpr const char* kVolunteerPictogram = "vrijwilliger";
// The call-back door's pictogram (assets/pictograms/terugbellen.svg), when the view's pictograms hold it.
constexpr const char* kCallbackPictogram = "terugbellen";

}  // namespace wk::ui
