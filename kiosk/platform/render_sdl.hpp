#pragma once
// The project's own Dear ImGui renderer over SDL_Renderer (SDL_RenderGeometry, SDL 2.0.18+). Debian's
// libimgui-dev ships only the header of the upstream SDL_Renderer backend, and the kiosk must run on SDL's
// software renderer (no GPU, ~30 MB) as well as on its GL renderers, so this small one is ours. Shaped
// like an ImGui backend: a flat Init / ... / Shutdown API over one state struct, one ImGui context.
#include <imgui.h>

#include <cstdint>

struct SDL_Renderer;

namespace wk::platform {

enum class TextureFilter { Linear, Nearest };

// Needs a current ImGui context; the renderer stays owned by the caller (window.cpp).
bool RenderSdl_Init(SDL_Renderer* renderer);
void RenderSdl_Shutdown();

// (Re)builds the font atlas texture from ImGui::GetIO().Fonts; call it again after the fonts were rebuilt
// for a new scale (fonts.cpp does). The old texture is destroyed; the CPU copy of the atlas is freed.
bool RenderSdl_CreateFontsTexture();
void RenderSdl_DestroyFontsTexture();

// Draws ImGui::GetDrawData() into the current render target; the caller clears and presents.
void RenderSdl_RenderDrawData(ImDrawData* draw_data);

// A texture from tightly packed RGBA bytes (R first), for ImGui::Image: QR codes (Nearest keeps the modules
// sharp) and pictograms. Returns nullptr on failure. Free it with RenderSdl_DestroyTexture.
ImTextureID RenderSdl_CreateTexture(const std::uint8_t* rgba, int width, int height,
                                    TextureFilter filter = TextureFilter::Linear);
void RenderSdl_DestroyTexture(ImTextureID texture);

}  // namespace wk::platform
