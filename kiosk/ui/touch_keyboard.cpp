#include "ui/touch_keyboard.hpp"

#include <algorithm>
#include <cfloat>

#include "ui/shapes.hpp"
#include "ui/widgets.hpp"

namespace wk::ui {

void field_box(Ctx& c, const std::string& text) {
  const float h = c.t.mm(20);
  const float w = c.width - 2 * c.margin;
  ImGui::SetCursorPosX(c.margin);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rounded(dl, p, ImVec2(p.x + w, p.y + h), c.t.tile, c.t.mm(2));
  dl->AddRect(p, ImVec2(p.x + w, p.y + h), c.t.tile_border, c.t.mm(2), 0, c.t.mm(0.8f));
  const std::string shown = c.t.shown(text) + "|";
  ImFont* f = c.t.large;
  const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, shown.c_str());
  // The end of a long entry stays in sight: it is where the next letter goes.
  const float x = p.x + c.t.mm(4) + std::min(0.0f, w - c.t.mm(8) - ts.x);
  dl->PushClipRect(p, ImVec2(p.x + w, p.y + h), true);
  dl->AddText(f, f->FontSize, ImVec2(x, p.y + (h - ts.y) / 2), c.t.ink, shown.c_str());
  dl->PopClipRect();
  const ImVec2 wp = ImGui::GetWindowPos();
  record_text(c.tree, "field", text, ImVec2(p.x - wp.x, p.y - wp.y), ImVec2(p.x - wp.x + w, p.y - wp.y + h),
              f, true);
  ImGui::Dummy(ImVec2(w, h));
}

namespace {

// A key drawn as the picker's buttons are, but not one yet: the finger is still on the key it came from.
void preview_key(Ctx& c, const std::string& text, ImVec2 size) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rounded(dl, p, ImVec2(p.x + size.x, p.y + size.y), c.t.primary, c.t.mm(3));
  const ImVec2 ts = c.t.large->CalcTextSizeA(c.t.large->FontSize, FLT_MAX, 0, text.c_str());
  dl->AddText(c.t.large, c.t.large->FontSize, ImVec2(p.x + (size.x - ts.x) / 2, p.y + (size.y - ts.y) / 2),
              c.t.primary_text, text.c_str());
}

}  // namespace

void touch_keyboard(Ctx& c, const KeyRows& rows, float bottom, const std::vector<std::string>& accents,
                    bool held, const KeyEvents& on) {
  const float key_h = c.t.mm(kKeyMm);
  const float gap_px = c.t.mm(kKeyGapMm);
  std::size_t widest = 1;
  for (const auto& row : rows) {
    std::size_t units = 0;
    for (const Key& k : row) units += k.kind == Key::Kind::space ? 4 : k.kind == Key::Kind::erase ? 2 : 1;
    widest = std::max(widest, units);
  }
  const float unit =
      (c.width - 2 * c.margin - gap_px * static_cast<float>(widest - 1)) / static_cast<float>(widest);
  float y = bottom - static_cast<float>(rows.size()) * (key_h + gap_px);
  // The accent picker, over the row above the keyboard: the letters the held key offers. While the finger
  // is still on the key they only show; once it lifts they are buttons to tap.
  if (!accents.empty()) {
    const float ay = y - c.t.mm(kKeyMm + 2 + kKeyGapMm);  // its keys are 2 mm taller; a gap above the keys
    const float aw = std::max(unit, c.t.mm(Theme::kMinTargetMm));
    const ImVec2 size(aw, key_h + c.t.mm(2));
    const bool lifted = !held;
    float x = (c.width - static_cast<float>(accents.size()) * (aw + gap_px)) / 2;
    std::string offered;
    for (const std::string& a : accents) {
      ImGui::SetCursorPos(ImVec2(x, ay));
      if (lifted) {
        if (big_button(c.t, c.tree, "accent:" + a, a, size, ButtonKind::Primary, c.t.large)) on.accent(a);
      } else {
        preview_key(c, a, size);
        offered += (offered.empty() ? "" : " ") + a;
      }
      x += aw + gap_px;
    }
    if (!lifted)
      record_text(c.tree, "accents-offered", offered, ImVec2(0, ay), ImVec2(c.width, ay + size.y), c.t.large);
  }
  for (const auto& row : rows) {
    std::size_t units = 0;
    for (const Key& k : row) units += k.kind == Key::Kind::space ? 4 : k.kind == Key::Kind::erase ? 2 : 1;
    float x = (c.width - static_cast<float>(units) * unit - gap_px * static_cast<float>(row.size() - 1)) / 2;
    for (const Key& k : row) {
      const float span = k.kind == Key::Kind::space ? 4 : k.kind == Key::Kind::erase ? 2 : 1;
      const float w = unit * span + gap_px * (span - 1);
      ImGui::SetCursorPos(ImVec2(x, y));
      if (k.kind == Key::Kind::erase) {
        if (big_button(c.t, c.tree, "key:erase", c.tr("Erase"), ImVec2(w, key_h), ButtonKind::Secondary,
                       nullptr, Icon::Erase))
          on.erase();
      } else if (k.kind == Key::Kind::space) {
        if (big_button(c.t, c.tree, "key:space", c.tr("Space"), ImVec2(w, key_h), ButtonKind::Secondary))
          on.type(" ");
      } else {
        big_button(c.t, c.tree, "key:" + k.text, k.text, ImVec2(w, key_h), ButtonKind::Secondary, c.t.large);
        if (ImGui::IsItemActivated()) on.down(k.text);
        if (ImGui::IsItemDeactivated()) on.up();
      }
      x += w + gap_px;
    }
    y += key_h + gap_px;
  }
}

}  // namespace wk::ui
