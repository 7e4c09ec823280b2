#include "ui/icons.hpp"

#include <cmath>
#include <initializer_list>

namespace wk::ui {
namespace {

// Coordinates in a unit square centred on 0 (-0.5 .. 0.5), scaled and placed by Pen.
struct Pen {
  ImDrawList* dl;
  ImVec2 c;
  float s;
  ImU32 col;
  float flip;  // -1 mirrors left and right
  ImVec2 at(float x, float y) const { return ImVec2(c.x + flip * x * s, c.y + y * s); }
  float w(float v) const { return v * s; }
  void line(float x0, float y0, float x1, float y1, float width = 0.09f) const {
    dl->AddLine(at(x0, y0), at(x1, y1), col, w(width));
  }
  void arrow(bool back) const {  // a shaft and a head, pointing left (back) or right
    const float d = back ? -1.0f : 1.0f;
    line(-0.35f * d, 0, 0.35f * d, 0);
    const ImVec2 head[3] = {at(0.42f * d, 0), at(0.12f * d, -0.26f), at(0.12f * d, 0.26f)};
    dl->AddTriangleFilled(head[0], head[1], head[2], col);
  }
  void speaker(float dx) const {
    const ImVec2 body[6] = {at(dx - 0.40f, -0.12f), at(dx - 0.24f, -0.12f), at(dx - 0.04f, -0.32f),
                            at(dx - 0.04f, 0.32f),  at(dx - 0.24f, 0.12f),  at(dx - 0.40f, 0.12f)};
    dl->AddConvexPolyFilled(body, 6, col);
  }
  void plus(float x, float y, float r) const {
    line(x - r, y, x + r, y, 0.08f);
    line(x, y - r, x, y + r, 0.08f);
  }
};

void waves(const Pen& p) {
  for (float r : {0.16f, 0.30f}) {
    const int n = 10;
    ImVec2 pts[n + 1];
    for (int i = 0; i <= n; ++i) {
      const float a = -0.9f + 1.8f * static_cast<float>(i) / n;
      pts[i] = p.at(0.02f + r * std::cos(a), r * std::sin(a));
    }
    p.dl->AddPolyline(pts, n + 1, p.col, 0, p.w(0.07f));
  }
}

}  // namespace

void draw_icon(ImDrawList* dl, Icon icon, ImVec2 centre, float side, ImU32 color, bool rtl) {
  const Pen p{dl, centre, side, color, rtl ? -1.0f : 1.0f};
  switch (icon) {
    case Icon::None:
      return;
    case Icon::Back:
      p.arrow(true);
      return;
    case Icon::Next:
      p.arrow(false);
      return;
    case Icon::StartOver: {
      const ImVec2 roof[3] = {p.at(0, -0.42f), p.at(0.42f, -0.02f), p.at(-0.42f, -0.02f)};
      dl->AddTriangleFilled(roof[0], roof[1], roof[2], color);
      dl->AddRectFilled(p.at(-0.28f, -0.04f), p.at(0.28f, 0.40f), color);
      return;
    }
    case Icon::MoreTime:
      dl->AddCircle(p.at(-0.08f, 0.04f), p.w(0.34f), color, 24, p.w(0.08f));
      p.line(-0.08f, 0.04f, -0.08f, -0.18f, 0.07f);
      p.line(-0.08f, 0.04f, 0.08f, 0.12f, 0.07f);
      p.plus(0.32f, -0.30f, 0.12f);
      return;
    case Icon::Speaker:
      p.speaker(0);
      waves(p);
      return;
    case Icon::Stop:
      dl->AddRectFilled(p.at(-0.28f, -0.28f), p.at(0.28f, 0.28f), color, p.w(0.04f));
      return;
    case Icon::Louder:
      p.speaker(0);
      p.plus(0.26f, 0, 0.16f);
      return;
    case Icon::Softer:
      p.speaker(0);
      p.line(0.10f, 0, 0.42f, 0, 0.08f);
      return;
    case Icon::LargePrint: {  // a small A and a large A, as strokes
      auto letter = [&](float x, float h) {
        p.line(x - h * 0.38f, 0.38f, x, 0.38f - h, 0.07f);
        p.line(x, 0.38f - h, x + h * 0.38f, 0.38f, 0.07f);
        p.line(x - h * 0.2f, 0.38f - h * 0.42f, x + h * 0.2f, 0.38f - h * 0.42f, 0.06f);
      };
      letter(-0.24f, 0.40f);
      letter(0.16f, 0.76f);
      return;
    }
    case Icon::Yes: {
      const ImVec2 tick[3] = {p.at(-0.34f, 0.02f), p.at(-0.10f, 0.28f), p.at(0.36f, -0.26f)};
      dl->AddPolyline(tick, 3, color, 0, p.w(0.12f));
      return;
    }
    case Icon::No:
      p.line(-0.28f, -0.28f, 0.28f, 0.28f, 0.12f);
      p.line(-0.28f, 0.28f, 0.28f, -0.28f, 0.12f);
      return;
    case Icon::Erase: {
      const ImVec2 key[5] = {p.at(-0.44f, 0), p.at(-0.20f, -0.26f), p.at(0.42f, -0.26f), p.at(0.42f, 0.26f),
                             p.at(-0.20f, 0.26f)};
      dl->AddPolyline(key, 5, color, ImDrawFlags_Closed, p.w(0.06f));
      p.line(0.0f, -0.11f, 0.22f, 0.11f, 0.07f);
      p.line(0.0f, 0.11f, 0.22f, -0.11f, 0.07f);
      return;
    }
  }
}

}  // namespace wk::ui
