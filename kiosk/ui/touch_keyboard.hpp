#pragma once
// The kiosk's touch keyboard and the box above it that shows what has been typed, shared by every form
// that asks a resident to type (the volunteer's name and contact, the call-back's phone number), so they
// all look, measure and behave alike. Each form hands in its own events; the keyboard decides nothing.
#include <functional>
#include <string>
#include <vector>

#include "core/keyboard.hpp"
#include "ui/screen_context.hpp"

namespace wk::ui {

constexpr float kKeyMm = 19;
constexpr float kKeyGapMm = 3;  // issue 15: at least 3 mm between targets

// What a key does, as the form's events: pressed and lifted (a short press types, a long one may open the
// accent picker: the form's choice), the erase and space keys, and a letter chosen from the picker.
struct KeyEvents {
  std::function<void(const std::string&)> down;
  std::function<void()> up;
  std::function<void()> erase;
  std::function<void(const std::string&)> type;  // the space key's " "
  std::function<void(const std::string&)> accent;
};

// The keys of `rows`, bottom-aligned with their last row ending at `bottom`. `accents`: the letters the
// held key offers, shown above the keys (only shown while `held`, buttons once the finger lifted).
void touch_keyboard(Ctx& c, const KeyRows& rows, float bottom, const std::vector<std::string>& accents,
                    bool held, const KeyEvents& on);

// What has been typed, in a box with a caret at the cursor; recorded as the tree's "field", personal.
void field_box(Ctx& c, const std::string& text);

}  // namespace wk::ui
