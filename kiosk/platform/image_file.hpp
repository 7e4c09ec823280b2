#pragma once
// Pictograms and other pictures from PNG files, decoded with stb_image (Debian's libstb) into RGBA for
// RenderSdl_CreateTexture. The SVG sources are turned into PNGs at build time, so no SVG library is in the
// running app's memory.
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace wk::platform {

struct RgbaImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;  // width * height * 4
};

Result<RgbaImage> image_load_png(const std::string& path);

}  // namespace wk::platform
