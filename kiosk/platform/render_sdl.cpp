#include "platform/render_sdl.hpp"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace wk::platform {
namespace {

struct RenderSdlState {
  SDL_Renderer* renderer = nullptr;
  SDL_Texture* font_texture = nullptr;
  std::vector<float> xy;  // vertex positions moved to framebuffer pixels, reused between frames
};

RenderSdlState g_state;

// Interleaved vertex fields are read with byte strides, as SDL_RenderGeometryRaw expects them.
template <class T, class U>
const T* advance(const U* base, std::ptrdiff_t bytes) {
  return reinterpret_cast<const T*>(reinterpret_cast<const unsigned char*>(base) + bytes);
}

// What the caller had set on the renderer, so that drawing ImGui leaves no trace on it.
struct SavedRenderState {
  SDL_Rect viewport{};
  SDL_Rect clip{};
  bool clip_enabled = false;
  float scale_x = 1.0f, scale_y = 1.0f;
};

SavedRenderState save_state(SDL_Renderer* r) {
  SavedRenderState s;
  SDL_RenderGetViewport(r, &s.viewport);
  s.clip_enabled = SDL_RenderIsClipEnabled(r) == SDL_TRUE;
  SDL_RenderGetClipRect(r, &s.clip);
  SDL_RenderGetScale(r, &s.scale_x, &s.scale_y);
  return s;
}

void restore_state(SDL_Renderer* r, const SavedRenderState& s) {
  SDL_RenderSetScale(r, s.scale_x, s.scale_y);
  SDL_RenderSetViewport(r, &s.viewport);
  SDL_RenderSetClipRect(r, s.clip_enabled ? &s.clip : nullptr);
}

// ImGui's vertices are in display units from DisplayPos; SDL wants framebuffer pixels from the origin.
// Scaling the positions ourselves (instead of SDL_RenderSetScale) keeps the clip rectangles exact.
void reset_render_state(SDL_Renderer* r) {
  SDL_RenderSetViewport(r, nullptr);
  SDL_RenderSetScale(r, 1.0f, 1.0f);
  SDL_RenderSetClipRect(r, nullptr);
}

// The clip rectangle of one command in framebuffer pixels; false when nothing of it is visible.
bool clip_to_pixels(const ImVec4& clip, const ImVec2& origin, const ImVec2& scale, int fb_w, int fb_h,
                    SDL_Rect* out) {
  const float x1 = std::max(0.0f, std::floor((clip.x - origin.x) * scale.x));
  const float y1 = std::max(0.0f, std::floor((clip.y - origin.y) * scale.y));
  const float x2 = std::min(static_cast<float>(fb_w), std::ceil((clip.z - origin.x) * scale.x));
  const float y2 = std::min(static_cast<float>(fb_h), std::ceil((clip.w - origin.y) * scale.y));
  if (x2 <= x1 || y2 <= y1) return false;
  *out = SDL_Rect{static_cast<int>(x1), static_cast<int>(y1), static_cast<int>(x2 - x1),
                  static_cast<int>(y2 - y1)};
  return true;
}

void draw_list(SDL_Renderer* r, const ImDrawList& list, const ImVec2& origin, const ImVec2& scale, int fb_w,
               int fb_h) {
  const ImDrawVert* vtx = list.VtxBuffer.Data;
  const int vtx_count = list.VtxBuffer.Size;
  const bool identity = origin.x == 0.0f && origin.y == 0.0f && scale.x == 1.0f && scale.y == 1.0f;
  const float* xy = &vtx->pos.x;
  int xy_stride = static_cast<int>(sizeof(ImDrawVert));
  if (!identity) {
    g_state.xy.resize(static_cast<std::size_t>(vtx_count) * 2);
    for (int i = 0; i < vtx_count; ++i) {
      g_state.xy[2 * static_cast<std::size_t>(i)] = (vtx[i].pos.x - origin.x) * scale.x;
      g_state.xy[2 * static_cast<std::size_t>(i) + 1] = (vtx[i].pos.y - origin.y) * scale.y;
    }
    xy = g_state.xy.data();
    xy_stride = static_cast<int>(2 * sizeof(float));
  }
  // ImU32 colours are packed R, G, B, A in memory order, which is SDL_Color's layout.
  const auto* colors = advance<SDL_Color>(vtx, offsetof(ImDrawVert, col));
  const float* uv = &vtx->uv.x;
  constexpr int kStride = static_cast<int>(sizeof(ImDrawVert));

  for (const ImDrawCmd& cmd : list.CmdBuffer) {
    if (cmd.UserCallback != nullptr) {
      if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
        reset_render_state(r);
      } else {
        cmd.UserCallback(&list, &cmd);
      }
      continue;
    }
    SDL_Rect clip;
    if (!clip_to_pixels(cmd.ClipRect, origin, scale, fb_w, fb_h, &clip)) continue;
    SDL_RenderSetClipRect(r, &clip);
    // With VtxOffset the command's indices count from its first vertex, not from the list's.
    const std::ptrdiff_t first = cmd.VtxOffset;
    SDL_RenderGeometryRaw(r, static_cast<SDL_Texture*>(cmd.GetTexID()), advance<float>(xy, first * xy_stride),
                          xy_stride, advance<SDL_Color>(colors, first * kStride), kStride,
                          advance<float>(uv, first * kStride), kStride, vtx_count - static_cast<int>(first),
                          list.IdxBuffer.Data + cmd.IdxOffset, static_cast<int>(cmd.ElemCount),
                          static_cast<int>(sizeof(ImDrawIdx)));
  }
}

}  // namespace

bool RenderSdl_Init(SDL_Renderer* renderer) {
  if (renderer == nullptr || g_state.renderer != nullptr) return false;
  ImGuiIO& io = ImGui::GetIO();
  g_state.renderer = renderer;
  io.BackendRendererName = "wijkkiosk_render_sdl";
  io.BackendRendererUserData = &g_state;
  // VtxOffset support lets ImGui split meshes over 64K vertices while the indices stay 16-bit.
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  return true;
}

void RenderSdl_Shutdown() {
  RenderSdl_DestroyFontsTexture();
  if (ImGui::GetCurrentContext() != nullptr) {
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = nullptr;
    io.BackendRendererUserData = nullptr;
    io.BackendFlags &= ~ImGuiBackendFlags_RendererHasVtxOffset;
  }
  g_state = RenderSdlState{};
}

bool RenderSdl_CreateFontsTexture() {
  if (g_state.renderer == nullptr) return false;
  RenderSdl_DestroyFontsTexture();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas->GetTexDataAsRGBA32(&pixels, &width, &height);
  if (pixels == nullptr) return false;
  ImTextureID id = RenderSdl_CreateTexture(pixels, width, height, TextureFilter::Linear);
  g_state.font_texture = static_cast<SDL_Texture*>(id);
  atlas->SetTexID(id);
  // The texture holds the pixels now; the atlas's own copy (several MB at kiosk sizes) is not needed.
  atlas->ClearTexData();
  return id != nullptr;
}

void RenderSdl_DestroyFontsTexture() {
  if (g_state.font_texture == nullptr) return;
  SDL_DestroyTexture(g_state.font_texture);
  g_state.font_texture = nullptr;
  if (ImGui::GetCurrentContext() != nullptr) ImGui::GetIO().Fonts->SetTexID(nullptr);
}

ImTextureID RenderSdl_CreateTexture(const std::uint8_t* rgba, int width, int height, TextureFilter filter) {
  if (g_state.renderer == nullptr || rgba == nullptr || width <= 0 || height <= 0) return nullptr;
  SDL_Texture* texture =
      SDL_CreateTexture(g_state.renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, width, height);
  if (texture == nullptr) return nullptr;
  if (SDL_UpdateTexture(texture, nullptr, rgba, width * 4) != 0) {
    SDL_DestroyTexture(texture);
    return nullptr;
  }
  SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(texture,
                          filter == TextureFilter::Nearest ? SDL_ScaleModeNearest : SDL_ScaleModeLinear);
  return texture;
}

void RenderSdl_DestroyTexture(ImTextureID texture) {
  if (texture != nullptr) SDL_DestroyTexture(static_cast<SDL_Texture*>(texture));
}

void RenderSdl_RenderDrawData(ImDrawData* draw_data) {
  SDL_Renderer* r = g_state.renderer;
  if (r == nullptr || draw_data == nullptr || draw_data->CmdListsCount == 0) return;
  ImVec2 scale = draw_data->FramebufferScale;
  if (scale.x <= 0.0f || scale.y <= 0.0f) scale = ImVec2(1.0f, 1.0f);
  const int fb_w = static_cast<int>(draw_data->DisplaySize.x * scale.x);
  const int fb_h = static_cast<int>(draw_data->DisplaySize.y * scale.y);
  if (fb_w <= 0 || fb_h <= 0) return;

  const SavedRenderState saved = save_state(r);
  reset_render_state(r);
  for (int i = 0; i < draw_data->CmdListsCount; ++i) {
    draw_list(r, *draw_data->CmdLists[i], draw_data->DisplayPos, scale, fb_w, fb_h);
  }
  restore_state(r, saved);
}

}  // namespace wk::platform
