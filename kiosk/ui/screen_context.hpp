#pragma once
// What every screen function of the kiosk gets: the view, where taps go, and the layout basics. Shared by
// the resident's screens and the staff screens, private to ui/.
#include <string>
#include <vector>

#include "ui/kiosk_screens.hpp"

namespace wk::ui {

struct Ctx {
  const KioskView& v;
  UiTree& tree;
  std::vector<Event>& out;
  const std::string& lang;
  const Theme& t;
  float width, height, margin;
  std::string tr(const std::string& msgid) const { return v.text->tr(lang, msgid); }
  // Where something `w` wide at `x` from the left goes: mirrored for a right-to-left language.
  float mirror(float x, float w) const { return t.rtl ? width - x - w : x; }
};

void gap(const Ctx& c, float mm);
void heading(Ctx& c, const std::string& text, const std::string& id);
void bottom_bar(Ctx& c);  // "back" and "start over", always in the same place, and the aids beside them
// The resident's aids, at the end of the bottom row: bigger text, softer, louder, read aloud (these three
// only where the language has a voice). On the welcome and closed screens they stand alone there.
void aids_bar(Ctx& c);
// From 20 s before the timeout: how long is left, and "more time", in a band just above the bottom bar.
void countdown(Ctx& c);
float countdown_band_mm(const Ctx& c);  // taller with bigger text: "more time" in two lines
float bottom_bar_mm(const Ctx& c);      // the bottom row's height: taller with bigger text
// Where a screen's own content must end: above the countdown's band, always (not only while it shows), so
// "more time" never lies on a button and nothing moves when it appears.
float content_bottom(const Ctx& c);

}  // namespace wk::ui
