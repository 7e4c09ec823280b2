// The staff's part of the kiosk model: the hidden corner, the PIN pad with its lock-out, the panel's
// actions. A resident's event never reaches past the pad.
#include "core/kiosk_reducers.hpp"
#include "core/overloaded.hpp"

namespace wk {

void reduce_staff(KioskState& s, const Event& event, const Inputs& in, std::vector<Effect>& effects) {
  Session& ses = s.session;
  std::visit(Overloaded{
                 [&](const ev::CornerDown&) {
                   if (!ses.corner_down_at) ses.corner_down_at = in.now;
                 },
                 [&](const ev::CornerUp&) { ses.corner_down_at.reset(); },
                 [&](const ev::PinDigit& e) {
                   if (ses.screen != Screen::StaffPin || ses.pin_checking || e.digit < '0' || e.digit > '9')
                     return;
                   if (ses.pin_entry.size() < kPinMaxDigits) ses.pin_entry += e.digit;
                   ses.pin_rejected = false;
                 },
                 [&](const ev::PinErase&) {
                   if (ses.screen == Screen::StaffPin && !ses.pin_checking && !ses.pin_entry.empty())
                     ses.pin_entry.pop_back();
                 },
                 [&](const ev::PinSubmit&) {
                   if (ses.screen != Screen::StaffPin || ses.pin_checking || ses.pin_entry.empty()) return;
                   if (pin_locked_minutes(s, in.now) > 0) {
                     ses.pin_entry.clear();
                     return;
                   }
                   ses.pin_checking = true;
                   effects.emplace_back(std::in_place_type<fx::CheckPin>, fx::CheckPin{ses.pin_entry});
                   ses.pin_entry.clear();  // the digits are not kept once handed over
                 },
                 [&](const ev::PinChecked& e) {
                   if (ses.screen != Screen::StaffPin || !ses.pin_checking) return;
                   ses.pin_checking = false;
                   if (e.ok) {
                     s.pin_failures = 0;
                     ses.screen = Screen::StaffPanel;
                   } else if (++s.pin_failures >= kPinMaxTries) {
                     s.pin_failures = 0;
                     s.pin_locked_until = in.now + kPinLockMs;
                     ses.pin_rejected = true;
                   } else {
                     ses.pin_rejected = true;
                   }
                 },
                 [&](const ev::Staff& e) {
                   if (e.action == StaffAction::Close && is_staff_screen(ses.screen)) {
                     forget(s, in.now);
                     return;
                   }
                   if (ses.screen != Screen::StaffPanel) return;  // only once the PIN was right
                   switch (e.action) {
                     case StaffAction::SyncNow:
                       effects.emplace_back(std::in_place_type<fx::SyncNow>);
                       break;
                     case StaffAction::PrintTest:
                       effects.emplace_back(std::in_place_type<fx::PrintTest>);
                       break;
                     case StaffAction::Exit:
                       effects.emplace_back(std::in_place_type<fx::Quit>);
                       break;
                     case StaffAction::Reprint:
                       effects.emplace_back(std::in_place_type<fx::Reprint>);
                       break;
                     case StaffAction::Close:
                       break;
                   }
                 },
                 [](const auto&) {},  // not this part's event
             },
             event);
}

}  // namespace wk
