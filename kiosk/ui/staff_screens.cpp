#include "ui/staff_screens.hpp"

#include <string>

#include "ui/screen_context.hpp"
#include "ui/widgets.hpp"

namespace wk::ui {

void draw_pin_pad(Ctx& c) {
  const KioskState& s = *c.v.state;
  ImGui::SetCursorPosY(c.margin * 2);
  heading(c, c.tr("Staff: enter the PIN"), "title");
  gap(c, 4);
  const int locked = pin_locked_minutes(s, c.v.now);
  std::string status = std::string(s.session.pin_entry.size(), '*');
  if (locked > 0)
    status = fill(c.tr("Too many wrong PINs. Try again in {m} minutes."), {{"m", std::to_string(locked)}});
  else if (s.session.pin_rejected && s.session.pin_entry.empty())
    status = c.tr("Wrong PIN.");
  centered_text(c.t, c.tree, c.t.large, locked > 0 ? c.t.accent : c.t.ink, status.empty() ? " " : status,
                c.width - 2 * c.margin, "pin-status");
  gap(c, 6);
  const float key = c.t.mm(24);
  const float gap_px = c.t.mm(4);
  const float left = (c.width - 3 * key - 2 * gap_px) / 2;
  const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "<", "0", "OK"};
  const float top = ImGui::GetCursorPosY();
  for (int i = 0; i < 12; ++i) {
    ImGui::SetCursorPos(ImVec2(left + static_cast<float>(i % 3) * (key + gap_px),
                               top + static_cast<float>(i / 3) * (key + gap_px)));
    const std::string k = keys[i];
    const std::string id = k == "<" ? "pin:erase" : k == "OK" ? "pin:ok" : "pin:" + k;
    if (big_button(c.t, c.tree, id, k == "<" ? c.tr("Erase") : k, ImVec2(key, key),
                   k == "OK" ? ButtonKind::Primary : ButtonKind::Secondary, c.t.large)) {
      if (k == "<")
        c.out.push_back(ev::PinErase{});
      else if (k == "OK")
        c.out.push_back(ev::PinSubmit{});
      else
        c.out.push_back(ev::PinDigit{k[0]});
    }
  }
  bottom_bar(c);
}

void draw_staff_panel(Ctx& c) {
  ImGui::SetCursorPosY(c.margin * 2);
  heading(c, c.tr("Staff and IT"), "title");
  gap(c, 6);
  const ImVec2 wp = ImGui::GetWindowPos();
  for (const auto& [label, value] : c.v.staff.rows) {
    const ImVec2 p(wp.x + c.margin, wp.y + ImGui::GetCursorPosY());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddText(c.t.normal, c.t.normal->FontSize, p, c.t.muted, label.c_str());
    dl->AddText(c.t.normal, c.t.normal->FontSize, ImVec2(p.x + c.width * 0.38f, p.y), c.t.ink, value.c_str(),
                nullptr, c.width * 0.55f);
    const float h =
        c.t.normal->CalcTextSizeA(c.t.normal->FontSize, FLT_MAX, c.width * 0.55f, value.c_str()).y;
    record_text(c.tree, "info:" + label, label + ": " + value, ImVec2(p.x - wp.x, p.y - wp.y),
                ImVec2(c.width - c.margin, p.y - wp.y + h), c.t.normal);
    ImGui::Dummy(ImVec2(1, h + c.t.mm(2.5f)));
  }
  gap(c, 6);
  const float w = (c.width - 3 * c.margin) / 2;
  const float h = c.t.mm(22);
  struct Action {
    const char* id;
    const char* label;
    StaffAction action;
  };
  const Action actions[] = {{"staff:sync", "Sync now", StaffAction::SyncNow},
                            {"staff:print-test", "Print test ticket", StaffAction::PrintTest},
                            {"staff:reprint", "Reprint last ticket", StaffAction::Reprint},
                            {"staff:exit", "Exit the kiosk", StaffAction::Exit}};
  for (std::size_t i = 0; i < std::size(actions); ++i) {
    ImGui::SetCursorPosX(c.margin + static_cast<float>(i % 2) * (w + c.margin));
    if (big_button(c.t, c.tree, actions[i].id, c.tr(actions[i].label), ImVec2(w, h),
                   actions[i].action == StaffAction::Exit ? ButtonKind::Secondary : ButtonKind::Primary))
      c.out.push_back(ev::Staff{actions[i].action});
    if (i % 2 == 0)
      ImGui::SameLine(0, c.margin);
    else
      ImGui::Dummy(ImVec2(1, c.margin / 2));
  }
  bottom_bar(c);
}

}  // namespace wk::ui
