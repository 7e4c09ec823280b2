#include "ui/display_screens.hpp"

#include <algorithm>

#include "core/ticket.hpp"
#include "ui/widgets.hpp"

namespace wk::ui {
namespace {

// Text at a chosen pixel size (scaled from the nearest font), recorded in the tree; returns its size.
ImVec2 put(UiTree& tree, ImFont* font, float px, ImU32 color, ImVec2 at, const std::string& s,
           const std::string& id) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 size = font->CalcTextSizeA(px, FLT_MAX, 0, s.c_str());
  dl->AddText(font, px, at, color, s.c_str());
  record_text(tree, id, s, at, ImVec2(at.x + size.x, at.y + size.y), nullptr);
  return size;
}

}  // namespace

void draw_display(const DisplayView& v, UiTree& tree) {
  const Theme& t = v.theme;
  const ImVec2 screen = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(screen);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("display", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoBackground);
  const auto tr = [&](const char* id) { return v.text->tr(display::display_language(*v.state), id); };
  const float m = t.mm(8);
  // The top band: the latest call, as large as fits in the upper 55 % of the screen.
  const float band = screen.y * 0.55f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(screen.x, band), t.primary);
  put(tree, t.normal, t.normal->FontSize, t.primary_text, ImVec2(screen.x - m - t.mm(40), m / 2), v.clock,
      "clock");
  const auto& shown = v.state->board.shown;
  if (!shown.empty()) {
    const auto& latest = shown.front();
    const std::string code = code_label(latest.code, latest.code_shared, latest.issued_time);
    const std::string desk = tr("Desk") + " " + std::to_string(latest.desk);
    // Code and desk on one line when they fit, the code in the huge font scaled to the band.
    const float code_px = std::min(band * 0.75f, t.huge->FontSize * 2.0f);
    const ImVec2 cs = t.huge->CalcTextSizeA(code_px, FLT_MAX, 0, code.c_str());
    const float desk_px = code_px * 0.5f;
    const ImVec2 ds = t.huge->CalcTextSizeA(desk_px, FLT_MAX, 0, desk.c_str());
    const float scale = std::min(1.0f, (screen.x - 3 * m) / (cs.x + ds.x));
    const float y = (band - code_px * scale) / 2;
    put(tree, t.huge, code_px * scale, t.primary_text, ImVec2(m, y), code, "display-latest-code");
    put(tree, t.huge, desk_px * scale, t.primary_text,
        ImVec2(screen.x - m - ds.x * scale, y + (code_px - desk_px) * scale * 0.7f), desk,
        "display-latest-desk");
  }
  // Below: the previous five, code and desk per row.
  const float row_h = (screen.y - band - 2 * m) / static_cast<float>(display::kPreviousShown);
  const float row_px = std::min(row_h * 0.7f, t.huge->FontSize * 0.8f);
  for (std::size_t i = 1; i < shown.size(); ++i) {
    const float y = band + m + static_cast<float>(i - 1) * row_h + (row_h - row_px) / 2;
    const std::string desk = tr("Desk") + " " + std::to_string(shown[i].desk);
    const std::string id = "display-previous:" + std::to_string(i);
    put(tree, t.huge, row_px, t.ink, ImVec2(m, y),
        code_label(shown[i].code, shown[i].code_shared, shown[i].issued_time), id);
    const ImVec2 ds = t.huge->CalcTextSizeA(row_px, FLT_MAX, 0, desk.c_str());
    put(tree, t.huge, row_px, t.muted, ImVec2(screen.x - m - ds.x, y), desk, id + ":desk");
  }
  if (!v.state->board.online) {
    const std::string s = tr("reconnecting…");
    const ImVec2 ss = t.normal->CalcTextSizeA(t.normal->FontSize, FLT_MAX, 0, s.c_str());
    const ImVec2 at(screen.x - ss.x - m / 2, screen.y - ss.y - m / 2);
    dl->AddRectFilled(ImVec2(at.x - t.mm(2), at.y - t.mm(1)), ImVec2(screen.x, screen.y), t.warning_bg,
                      t.mm(2));
    put(tree, t.normal, t.normal->FontSize, t.ink, at, s, "reconnecting");
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace wk::ui
