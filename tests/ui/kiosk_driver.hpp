#pragma once
// Drives core's kiosk model as the kiosk's shell does, draws its state headless and taps where a finger
// would: shared by the tests of the resident's screens and of the volunteer's.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>

#include "core/session.hpp"
#include "headless_imgui.hpp"
#include "ui/kiosk_screens.hpp"

namespace wk {

using uitest::find;

inline uitest::Glass kiosk_glass() {
  uitest::Glass g;  // portrait 1080x1920, the kiosk's fonts (kiosk_view.cpp)
  for (const auto& l : uitest::catalogues().languages()) g.huge_text += uitest::catalogues().tr(l, "Welcome");
  return g;
}

// Drives core's session as the kiosk's shell does and draws its state.
class Kiosk {
 public:
  // `language` first: the location's default, which Welcome, Language and Closed speak.
  explicit Kiosk(const std::string& language, uitest::Glass glass = kiosk_glass()) : imgui_(glass) {
    state.config = uitest::demo_location();
    auto& langs = state.config.languages;
    std::rotate(langs.begin(), std::find(langs.begin(), langs.end(), language), langs.end());
    state.tz = uitest::amsterdam();
    state.numbering = Numbering::restore(1, 1, "", {});
    send(ev::Tick{});
  }

  // An event with the time and fresh entropy; the effects answered as a working outbox and PIN check do.
  void send(const Event& e, bool store_ok = true) {
    Inputs in;
    in.now = now;
    for (std::size_t i = 0; i < in.entropy.bytes.size(); ++i)
      in.entropy.bytes[i] = static_cast<std::uint8_t>(++entropy_ * 13 + i);
    Update u = update(std::move(state), e, in);
    state = std::move(u.state);
    for (const auto& fx : u.effects) {
      if (const auto* store = std::get_if<fx::StoreTicket>(&fx)) {
        if (store_ok)
          send(ev::TicketStored{store->ticket.id});
        else
          send(ev::StoreFailed{make_error("disk_full", "The outbox is full.")});
      }
      if (std::get_if<fx::CheckPin>(&fx)) send(ev::PinChecked{true});
      if (const auto* store = std::get_if<fx::StoreVolunteer>(&fx))
        send(ev::Volunteer{volunteer::ev::Stored{store->registration.id}});
      if (const auto* store = std::get_if<fx::StoreCallback>(&fx))
        send(ev::Callback{callback::ev::Stored{store->request.id}});
    }
  }
  void wait_ms(UnixMs ms) {
    now += ms;
    send(ev::Tick{});
  }

  // Draws one frame; returns the events the ui made of it.
  std::vector<Event> draw() {
    std::vector<Event> out;
    imgui_.frame(tree, screen_name(state.session.screen), [&] {
      ui::KioskView view;
      view.state = &state;
      view.now = now;
      view.text = &uitest::catalogues();
      view.theme = imgui_.theme();
      view.staff = staff;
      view.qr = qr;
      view.notice = notice;
      view.can_read_aloud = can_read_aloud;
      out = ui::draw_kiosk(view, tree);
    });
    return out;
  }
  // A finger on the middle of `id` and off again; the events of those frames.
  std::vector<Event> tap(const std::string& id) {
    draw();
    const ui::UiNode* n = find(tree, id);
    if (!n) {
      ADD_FAILURE() << "nothing to tap: no '" << id << "' on " << tree.screen();
      return {};
    }
    const float x = n->x + n->w / 2, y = n->y + n->h / 2;
    std::vector<Event> out;
    for (bool down : {false, true, false}) {
      imgui_.mouse(x, y, down);
      for (auto& e : draw()) out.push_back(std::move(e));
    }
    imgui_.mouse(-1, -1, false);
    return out;
  }

  KioskState state;
  UnixMs now = uitest::utc(2026, 11, 24, 9, 0);  // a Tuesday, 10:00 in Amsterdam
  ui::UiTree tree;
  ui::StaffInfo staff;
  ImTextureID qr = nullptr;
  std::string notice;          // the printer's line, already in the resident's language
  bool can_read_aloud = true;  // as for every language with an espeak-ng voice
  uitest::HeadlessImGui imgui_;

 private:
  int entropy_ = 0;
};

}  // namespace wk
