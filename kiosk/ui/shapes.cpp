#include "ui/shapes.hpp"

#include <algorithm>

namespace wk::ui {

namespace {

// The corners in ImGui's 12-step circle (0 = right, 3 = down, 6 = left, 9 = up), clockwise from the top
// left, each with the direction into the box along both of its edges.
struct Corner {
  int from, to;
  float dx, dy;  // +1 or -1: into the box from that corner
};
constexpr Corner kCorners[4] = {{6, 9, 1, 1}, {9, 12, -1, 1}, {0, 3, -1, -1}, {3, 6, 1, -1}};

ImVec2 corner_centre(ImVec2 p, ImVec2 q, const Corner& k, float r) {
  return ImVec2(k.dx > 0 ? p.x + r : q.x - r, k.dy > 0 ? p.y + r : q.y - r);
}

// Where the corner's arc meets the box's edge at `step` (of the 12), moved a pixel along that edge into
// the box.
ImVec2 a_pixel_in(ImVec2 c, float r, int step, const Corner& k) {
  switch (step % 12) {
    case 0:
      return ImVec2(c.x + r, c.y + k.dy);  // on the end edge
    case 3:
      return ImVec2(c.x + k.dx, c.y + r);  // on the bottom edge
    case 6:
      return ImVec2(c.x - r, c.y + k.dy);  // on the start edge
    default:
      return ImVec2(c.x + k.dx, c.y - r);  // 9: on the top edge
  }
}

float fitting_radius(ImVec2 p, ImVec2 q, float radius) {
  return std::max(0.0f, std::min({radius, (q.x - p.x) / 2, (q.y - p.y) / 2}));
}

}  // namespace

void fill_rounded(ImDrawList* dl, ImVec2 p, ImVec2 q, ImU32 color, float radius) {
  const float r = fitting_radius(p, q, radius);
  if (r < 1.0f) {
    dl->AddRectFilled(p, q, color);
    return;
  }
  dl->AddRectFilled(ImVec2(p.x + r, p.y), ImVec2(q.x - r, q.y), color);      // the middle, full height
  dl->AddRectFilled(ImVec2(p.x, p.y + r), ImVec2(p.x + r, q.y - r), color);  // the start, between corners
  dl->AddRectFilled(ImVec2(q.x - r, p.y + r), ImVec2(q.x, q.y - r), color);  // the end
  for (const Corner& k : kCorners) {
    // A quarter disc reaching a pixel into the rectangles beside it: its anti-aliased edges along them
    // then fall on the same colour, where they cannot show. Clockwise, as ImGui's own shapes go.
    const ImVec2 c = corner_centre(p, q, k, r);
    dl->PathLineTo(a_pixel_in(c, r, k.from, k));
    dl->PathArcToFast(c, r, k.from, k.to);
    dl->PathLineTo(a_pixel_in(c, r, k.to, k));
    dl->PathLineTo(ImVec2(c.x + k.dx, c.y + k.dy));
    dl->PathFillConvex(color);
  }
}

}  // namespace wk::ui
