#pragma once
// What the kiosk's screens need besides core's state, made by the shell: the QR code of the ticket on
// screen as a texture, the topics' pictograms, the staff panel's facts, the fonts for the location.
#include <map>
#include <string>

#include "app/kiosk_runtime.hpp"
#include "platform/fonts.hpp"
#include "ui/kiosk_screens.hpp"

namespace wk::app {

// The QR texture follows the ticket on screen: made when a ticket appears, freed when it goes.
struct QrTexture {
  std::string ticket_id;
  ImTextureID texture = nullptr;
  float side_px = 0;
  void update(const KioskState& s, const std::string& service_url);
  void release();
};

// Loads the pictograms of the config's topics that `out` does not hold yet (a new config may add some);
// with `volunteers`, the second door's and the interests' too. Those are wanted only once a resident reaches
// the topics: loaded then, the kiosk's first frame and its memory while idle stay as they were without them.
void load_pictograms(const LocationConfig& config, std::map<std::string, ImTextureID>& out, bool volunteers);
void release_pictograms(std::map<std::string, ImTextureID>& pictograms);

// What the staff panel shows, in words: read from the sync worker and the outbox when the panel is open.
ui::StaffInfo staff_info(KioskRuntime& rt, const Catalogues& texts);

// The kiosk's fonts now: sizes in mm (bigger with the resident's large print); a script's glyphs only while
// the resident's language is written in it, and otherwise just the language names and welcome titles (as
// `shaper` draws them); in the huge font the codes and the welcome title (welcome_title_language).
platform::FontOptions kiosk_fonts(const KioskRuntime& rt, const ui::TextShaper& shaper);

}  // namespace wk::app
