#pragma once
// The staff/IT panel behind the hidden gesture and the PIN: what IT needs to know at a glance, and the
// few things staff may do. Texts in the location's default language.
#include <string>
#include <vector>

#include "core/session.hpp"

namespace wk::ui {

struct StaffInfo {
  std::vector<std::pair<std::string, std::string>> rows;  // label, value: already in words
};

struct Ctx;  // screen_context.hpp
void draw_pin_pad(Ctx& c);
void draw_staff_panel(Ctx& c);

}  // namespace wk::ui
