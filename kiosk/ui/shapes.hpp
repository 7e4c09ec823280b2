#pragma once
// Rounded boxes drawn so that SDL's software renderer (the kiosk's mini-PCs have no GPU to speak of) can
// draw them fast. It fills an axis-aligned quad of one colour as a rectangle, but any other triangle by
// testing every pixel of the triangle's bounding box. ImGui's rounded rectangle is a fan of triangles that
// each span nearly the whole box: the topics screen's tiles made a frame of 94 ms at 1080x1920, ~40 ms
// drawn this way (the bench log's means, docs/performance.md). Here the straight parts are rectangles and
// only the corners are small fans. For opaque colours (the theme's): the corners overlap the straight parts
// by a pixel, so no seam shows. Outlines stay ImGui's AddRect: a stroke's triangles are thin, and it covers
// the fill's rim as before.
#include <imgui.h>

namespace wk::ui {

// The box from `p` to `q` filled with `color`, its corners rounded by `radius` pixels.
void fill_rounded(ImDrawList* dl, ImVec2 p, ImVec2 q, ImU32 color, float radius);

}  // namespace wk::ui
