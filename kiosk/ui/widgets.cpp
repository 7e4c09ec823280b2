#include "ui/widgets.hpp"

#include <algorithm>
#include <cstring>

namespace wk::ui {

void record_text(UiTree& tree, const std::string& id, const std::string& text, ImVec2 min, ImVec2 max) {
  tree.add({id, text, "text", min.x, min.y, max.x - min.x, max.y - min.y});
}

bool big_button(const Theme& t, UiTree& tree, const std::string& id, const std::string& label, ImVec2 size,
                ButtonKind kind, ImFont* font) {
  size.x = std::max(size.x, t.mm(Theme::kMinTargetMm));
  size.y = std::max(size.y, t.mm(Theme::kMinTargetMm));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const bool tapped = ImGui::InvisibleButton(id.c_str(), size);
  const bool held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 q(p.x + size.x, p.y + size.y);
  const float r = t.mm(3);
  if (kind == ButtonKind::Primary) {
    dl->AddRectFilled(p, q, held ? t.accent : t.primary, r);
  } else {
    dl->AddRectFilled(p, q, held ? t.pressed : t.tile, r);
    dl->AddRect(p, q, t.tile_border, r, 0, t.mm(0.8f));
  }
  ImFont* f = font ? font : t.normal;
  const float wrap = size.x - t.mm(6);
  const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, wrap, label.c_str());
  const ImVec2 at(p.x + (size.x - ts.x) / 2, p.y + (size.y - ts.y) / 2);
  dl->AddText(f, f->FontSize, at, kind == ButtonKind::Primary ? t.primary_text : t.ink, label.c_str(),
              nullptr, wrap);
  tree.add({id, label, "button", p.x, p.y, size.x, size.y});
  return tapped;
}

namespace {

// What topic tiles and choice tiles share: the target, the frame (pressed or on: filled; on: a thicker
// border, so it is told by more than colour), and the pictogram on the left, at most `icon_mm` high.
struct Tile {
  ImVec2 p;
  bool tapped;
  float text_x;  // where the tile's text starts, right of the pictogram
};
Tile tile_at(const Theme& t, const std::string& id, ImVec2 size, ImTextureID pictogram, float icon_mm,
             bool on) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const bool tapped = ImGui::InvisibleButton(id.c_str(), size);
  const bool held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 q(p.x + size.x, p.y + size.y);
  dl->AddRectFilled(p, q, held || on ? t.pressed : t.tile, t.mm(3));
  dl->AddRect(p, q, t.tile_border, t.mm(3), 0, t.mm(on ? 1.6f : 0.8f));
  const float pad = t.mm(3);
  const float icon = std::min(size.y - 2 * pad, t.mm(icon_mm));
  if (pictogram) {
    const ImVec2 ip(p.x + pad, p.y + (size.y - icon) / 2);
    dl->AddImage(pictogram, ip, ImVec2(ip.x + icon, ip.y + icon));
  }
  return {p, tapped, p.x + pad + (pictogram ? icon + pad : 0)};
}

}  // namespace

bool topic_tile(const Theme& t, UiTree& tree, const std::string& id, const std::string& name,
                const std::string& line, ImTextureID pictogram, ImVec2 size) {
  const Tile tile = tile_at(t, id, size, pictogram, 22, false);
  const ImVec2 p = tile.p, q(p.x + size.x, p.y + size.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float pad = t.mm(3);
  const float text_x = tile.text_x;
  const float wrap = q.x - pad - text_x;
  const ImVec2 ns = t.large->CalcTextSizeA(t.large->FontSize, FLT_MAX, wrap, name.c_str());
  const ImVec2 ls =
      line.empty() ? ImVec2(0, 0) : t.normal->CalcTextSizeA(t.normal->FontSize, FLT_MAX, wrap, line.c_str());
  float y = p.y + (size.y - ns.y - (line.empty() ? 0 : ls.y + t.mm(1))) / 2;
  dl->AddText(t.large, t.large->FontSize, ImVec2(text_x, y), t.ink, name.c_str(), nullptr, wrap);
  if (!line.empty())
    dl->AddText(t.normal, t.normal->FontSize, ImVec2(text_x, y + ns.y + t.mm(1)), t.muted, line.c_str(),
                nullptr, wrap);
  tree.add({id, name, "button", p.x, p.y, size.x, size.y});
  return tile.tapped;
}

bool choice_tile(const Theme& t, UiTree& tree, const std::string& id, const std::string& label,
                 ImTextureID pictogram, ImVec2 size, bool on) {
  const Tile tile = tile_at(t, id, size, pictogram, 18, on);
  const ImVec2 p = tile.p, q(p.x + size.x, p.y + size.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float pad = t.mm(3);
  const float box = t.mm(9);
  const ImVec2 bp(q.x - pad - box, p.y + (size.y - box) / 2);
  dl->AddRectFilled(bp, ImVec2(bp.x + box, bp.y + box), on ? t.primary : t.tile, t.mm(1.5f));
  dl->AddRect(bp, ImVec2(bp.x + box, bp.y + box), t.tile_border, t.mm(1.5f), 0, t.mm(0.8f));
  if (on) {
    const ImVec2 tick[3] = {ImVec2(bp.x + box * 0.22f, bp.y + box * 0.52f),
                            ImVec2(bp.x + box * 0.42f, bp.y + box * 0.72f),
                            ImVec2(bp.x + box * 0.78f, bp.y + box * 0.28f)};
    dl->AddPolyline(tick, 3, t.primary_text, 0, t.mm(1.2f));
  }
  const float text_x = tile.text_x;
  const float wrap = bp.x - pad - text_x;
  const ImVec2 ns = t.large->CalcTextSizeA(t.large->FontSize, FLT_MAX, wrap, label.c_str());
  dl->AddText(t.large, t.large->FontSize, ImVec2(text_x, p.y + (size.y - ns.y) / 2), t.ink, label.c_str(),
              nullptr, wrap);
  UiNode node{id, label, "button", p.x, p.y, size.x, size.y};
  node.selected = on;
  tree.add(std::move(node));
  return tile.tapped;
}

void centered_text(const Theme& t, UiTree& tree, ImFont* font, ImU32 color, const std::string& text,
                   float wrap_width, const std::string& id) {
  (void)t;
  const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap_width, text.c_str());
  const float win_w = ImGui::GetWindowWidth();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const ImVec2 p(ImGui::GetWindowPos().x + (win_w - size.x) / 2, start.y);
  // Each wrapped line is centred on its own.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const char* s = text.c_str();
  const char* end = s + text.size();
  float y = p.y;
  while (s < end) {
    const char* line_end = font->CalcWordWrapPositionA(1.0f, s, end, wrap_width);
    if (line_end == s) line_end = s + 1;
    const char* nl = static_cast<const char*>(std::memchr(s, '\n', static_cast<std::size_t>(line_end - s)));
    if (nl) line_end = nl;
    const ImVec2 ls = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s, line_end);
    dl->AddText(font, font->FontSize, ImVec2(ImGui::GetWindowPos().x + (win_w - ls.x) / 2, y), color, s,
                line_end);
    y += font->FontSize * 1.15f;
    s = line_end;
    while (s < end && (*s == ' ' || *s == '\n')) ++s;
  }
  const float h = std::max(y - p.y, size.y);
  ImGui::Dummy(ImVec2(win_w - 1, h));
  if (!id.empty()) record_text(tree, id, text, p, ImVec2(p.x + size.x, p.y + h));
}

}  // namespace wk::ui
