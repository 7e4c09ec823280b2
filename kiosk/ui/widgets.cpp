#include "ui/widgets.hpp"

#include "ui/shapes.hpp"

#include <algorithm>
#include <cstring>
#include <tuple>

namespace wk::ui {
namespace {

constexpr float kLineSpacing = 1.15f;  // of the font's size, between wrapped lines

float line_height(const ImFont* font) {
  return font->FontSize * kLineSpacing;
}

}  // namespace

float cap_height(const ImFont* font) {
  if (font == nullptr) return 0;
  const ImFontGlyph* h = font->FindGlyphNoFallback('H');
  return h ? h->Y1 - h->Y0 : font->FontSize * 0.52f;
}

void record_text(UiTree& tree, const std::string& id, const std::string& text, ImVec2 min, ImVec2 max,
                 const ImFont* font, bool personal) {
  UiNode node{id, text, "text", min.x, min.y, max.x - min.x, max.y - min.y};
  node.cap_px = cap_height(font);
  node.personal = personal;
  tree.add(std::move(node));
}

std::vector<std::string> shaped_lines(const Theme& t, ImFont* font, const std::string& text, float wrap) {
  std::vector<std::string> lines;
  const char* s = text.c_str();
  const char* end = s + text.size();
  while (s < end) {
    // Broken in logical order, where words are; then each line is shaped (joined, reordered) on its own, so
    // a right-to-left sentence reads on from the right of the first line to the right of the next.
    const char* line_end = wrap > 0 ? font->CalcWordWrapPositionA(1.0f, s, end, wrap) : end;
    if (line_end == s) line_end = s + 1;
    const char* nl = static_cast<const char*>(std::memchr(s, '\n', static_cast<std::size_t>(line_end - s)));
    if (nl) line_end = nl;
    std::string_view logical(s, static_cast<std::size_t>(line_end - s));
    while (!logical.empty() && logical.back() == ' ') logical.remove_suffix(1);
    lines.push_back(t.shown(logical));
    s = line_end;
    while (s < end && (*s == ' ' || *s == '\n')) ++s;
  }
  return lines;
}

ImVec2 text_size(const Theme& t, ImFont* font, const std::string& text, float wrap) {
  const auto lines = shaped_lines(t, font, text, wrap);
  float w = 0;
  for (const auto& l : lines) w = std::max(w, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, l.c_str()).x);
  const float h =
      lines.empty() ? 0 : font->FontSize + line_height(font) * static_cast<float>(lines.size() - 1);
  return ImVec2(w, h);
}

ImVec2 draw_text(const Theme& t, ImFont* font, ImVec2 at, float box_w, ImU32 color, const std::string& text,
                 Align align, float wrap) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto lines = shaped_lines(t, font, text, wrap > 0 ? wrap : box_w);
  float y = at.y, widest = 0;
  for (const auto& l : lines) {
    const float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, l.c_str()).x;
    widest = std::max(widest, w);
    const bool right = (align == Align::Start && t.rtl) || (align == Align::End && !t.rtl);
    const float x = align == Align::Centre ? at.x + (box_w - w) / 2 : right ? at.x + box_w - w : at.x;
    dl->AddText(font, font->FontSize, ImVec2(x, y), color, l.c_str());
    y += line_height(font);
  }
  return ImVec2(widest, lines.empty() ? 0 : y - at.y - line_height(font) + font->FontSize);
}

bool big_button(const Theme& t, UiTree& tree, const std::string& id, const std::string& label, ImVec2 size,
                ButtonKind kind, ImFont* font, Icon icon) {
  size.x = std::max(size.x, t.mm(Theme::kMinTargetMm));
  size.y = std::max(size.y, t.mm(Theme::kMinTargetMm));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const bool tapped = ImGui::InvisibleButton(id.c_str(), size);
  const bool held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 q(p.x + size.x, p.y + size.y);
  const float r = t.mm(3);
  if (kind == ButtonKind::Primary) {
    fill_rounded(dl, p, q, held ? t.accent : t.primary, r);
  } else {
    fill_rounded(dl, p, q, held ? t.pressed : t.tile, r);
    dl->AddRect(p, q, t.tile_border, r, 0, t.mm(t.border_mm));
  }
  const ImU32 ink = kind == ButtonKind::Primary ? t.primary_text : t.ink;
  // The label in the font asked for, or in the normal one when it would not fit the button's height (a
  // long word in a language that has one, in bigger text).
  ImFont* f = font ? font : t.normal;
  auto layout = [&](ImFont* with) {
    const float icon_side = icon == Icon::None ? 0 : std::min(size.y - t.mm(4), cap_height(with) * 1.8f);
    const float icon_gap = icon == Icon::None ? 0 : t.mm(3);
    const float wrap = size.x - t.mm(6) - icon_side - icon_gap;
    return std::make_tuple(icon_side, icon_gap, wrap, text_size(t, with, label, wrap));
  };
  auto [icon_side, icon_gap, wrap, ts] = layout(f);
  if (ts.y > size.y - t.mm(2) && f != t.normal) {
    f = t.normal;
    std::tie(icon_side, icon_gap, wrap, ts) = layout(f);
  }
  // Still too long (a key in bigger text): the pictogram alone says it; the label stays in the tree, so
  // read-aloud still says it.
  const bool icon_only = icon != Icon::None && ts.y > size.y - t.mm(2);
  if (icon_only) {
    icon_gap = 0;
    ts = ImVec2(0, 0);
  }
  const float block = icon_side + icon_gap + ts.x;
  const float start = p.x + (size.x - block) / 2;
  const float text_x = t.rtl ? start : start + icon_side + icon_gap;
  if (icon != Icon::None) {
    const float icon_x = t.rtl ? start + ts.x + icon_gap : start;
    draw_icon(dl, icon, ImVec2(icon_x + icon_side / 2, p.y + size.y / 2), icon_side, ink, t.rtl);
  }
  if (!icon_only)
    draw_text(t, f, ImVec2(text_x, p.y + (size.y - ts.y) / 2), ts.x, ink, label, Align::Centre, wrap);
  UiNode node{id, label, "button", p.x, p.y, size.x, size.y};
  node.cap_px = cap_height(f);
  node.text_w = block;
  node.text_h = std::max(ts.y, icon_side);
  tree.add(std::move(node));
  return tapped;
}

bool icon_button(const Theme& t, UiTree& tree, const std::string& id, const std::string& label, Icon icon,
                 float side, bool on) {
  side = std::max(side, t.mm(Theme::kMinTargetMm));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const bool tapped = ImGui::InvisibleButton(id.c_str(), ImVec2(side, side));
  const bool held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 q(p.x + side, p.y + side);
  fill_rounded(dl, p, q, on ? t.primary : held ? t.pressed : t.tile, t.mm(3));
  dl->AddRect(p, q, t.tile_border, t.mm(3), 0, t.mm(t.border_mm));
  draw_icon(dl, icon, ImVec2(p.x + side / 2, p.y + side / 2), side * 0.7f, on ? t.primary_text : t.ink,
            t.rtl);
  tree.add({id, label, "button", p.x, p.y, side, side, on});
  return tapped;
}

namespace {

// What topic tiles and choice tiles share: the target, the frame (pressed or on: filled; on: a thicker
// border, so it is told by more than colour), and the pictogram at the start, at most `icon_mm` high.
struct Tile {
  ImVec2 p;
  bool tapped;
  float text_x0, text_x1;  // where the tile's text may go, beside the pictogram
};
Tile tile_at(const Theme& t, const std::string& id, ImVec2 size, ImTextureID pictogram, float icon_mm,
             bool on) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const bool tapped = ImGui::InvisibleButton(id.c_str(), size);
  const bool held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 q(p.x + size.x, p.y + size.y);
  fill_rounded(dl, p, q, held || on ? t.pressed : t.tile, t.mm(3));
  dl->AddRect(p, q, t.tile_border, t.mm(3), 0, t.mm(on ? 2 * t.border_mm : t.border_mm));
  const float pad = t.mm(3);
  const float icon = std::min(size.y - 2 * pad, t.mm(icon_mm));
  const float used = pictogram ? icon + pad : 0;
  if (pictogram) {
    const float ix = t.rtl ? q.x - pad - icon : p.x + pad;
    const ImVec2 ip(ix, p.y + (size.y - icon) / 2);
    dl->AddImage(pictogram, ip, ImVec2(ip.x + icon, ip.y + icon));
  }
  return t.rtl ? Tile{p, tapped, p.x + pad, q.x - pad - used} : Tile{p, tapped, p.x + pad + used, q.x - pad};
}

}  // namespace

bool topic_tile(const Theme& t, UiTree& tree, const std::string& id, const std::string& name,
                const std::string& line, ImTextureID pictogram, ImVec2 size) {
  const Tile tile = tile_at(t, id, size, pictogram, 22, false);
  const ImVec2 p = tile.p;
  const float wrap = tile.text_x1 - tile.text_x0;
  const ImVec2 ns = text_size(t, t.large, name, wrap);
  const ImVec2 ls = line.empty() ? ImVec2(0, 0) : text_size(t, t.normal, line, wrap);
  const float y = p.y + (size.y - ns.y - (line.empty() ? 0 : ls.y + t.mm(1))) / 2;
  draw_text(t, t.large, ImVec2(tile.text_x0, y), wrap, t.ink, name, Align::Start);
  UiNode node{id, name, "button", p.x, p.y, size.x, size.y};
  node.cap_px = cap_height(t.large);
  node.text_w = std::max(ns.x, ls.x) + (tile.text_x0 - p.x) + (p.x + size.x - tile.text_x1);
  node.text_h = ns.y + (line.empty() ? 0 : ls.y + t.mm(1));
  tree.add(std::move(node));
  if (!line.empty()) {
    const float ly = y + ns.y + t.mm(1);
    draw_text(t, t.normal, ImVec2(tile.text_x0, ly), wrap, t.muted, line, Align::Start);
    record_text(tree, "line:" + id, line, ImVec2(tile.text_x0, ly), ImVec2(tile.text_x0 + wrap, ly + ls.y),
                t.normal);
  }
  return tile.tapped;
}

bool choice_tile(const Theme& t, UiTree& tree, const std::string& id, const std::string& label,
                 ImTextureID pictogram, ImVec2 size, bool on) {
  Tile tile = tile_at(t, id, size, pictogram, 18, on);
  const ImVec2 p = tile.p;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float pad = t.mm(3);
  const float box = t.mm(9);
  // The box at the end: right in a left-to-right language, left in Arabic.
  const ImVec2 bp(t.rtl ? p.x + pad : p.x + size.x - pad - box, p.y + (size.y - box) / 2);
  if (t.rtl)
    tile.text_x0 = bp.x + box + pad;
  else
    tile.text_x1 = bp.x - pad;
  fill_rounded(dl, bp, ImVec2(bp.x + box, bp.y + box), on ? t.primary : t.tile, t.mm(1.5f));
  dl->AddRect(bp, ImVec2(bp.x + box, bp.y + box), t.tile_border, t.mm(1.5f), 0, t.mm(t.border_mm));
  if (on) draw_icon(dl, Icon::Yes, ImVec2(bp.x + box / 2, bp.y + box / 2), box * 0.9f, t.primary_text);
  const float wrap = tile.text_x1 - tile.text_x0;
  const ImVec2 ns = text_size(t, t.large, label, wrap);
  draw_text(t, t.large, ImVec2(tile.text_x0, p.y + (size.y - ns.y) / 2), wrap, t.ink, label, Align::Start);
  UiNode node{id, label, "button", p.x, p.y, size.x, size.y, on};
  node.cap_px = cap_height(t.large);
  node.text_w = ns.x + (tile.text_x0 - p.x) + (p.x + size.x - tile.text_x1);
  node.text_h = ns.y;
  tree.add(std::move(node));
  return tile.tapped;
}

void centered_text(const Theme& t, UiTree& tree, ImFont* font, ImU32 color, const std::string& text,
                   float wrap_width, const std::string& id, bool personal) {
  const float win_w = ImGui::GetWindowWidth();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float box_x = ImGui::GetWindowPos().x + (win_w - wrap_width) / 2;
  const ImVec2 size = draw_text(t, font, ImVec2(box_x, start.y), wrap_width, color, text, Align::Centre);
  const ImVec2 p(ImGui::GetWindowPos().x + (win_w - size.x) / 2, start.y);
  ImGui::Dummy(ImVec2(win_w - 1, std::max(size.y, font->FontSize)));
  record_text(tree, id.empty() ? tree.next_text_id() : id, text, p, ImVec2(p.x + size.x, p.y + size.y), font,
              personal);
}

}  // namespace wk::ui
