#include "platform/image_file.hpp"

#include <stb_image.h>

namespace wk::platform {

Result<RgbaImage> image_load_png(const std::string& path) {
  int w = 0, h = 0, channels = 0;
  stbi_uc* data = stbi_load(path.c_str(), &w, &h, &channels, 4);
  if (!data)
    return make_error("image_unreadable", "A picture could not be read: " + path, stbi_failure_reason());
  RgbaImage img;
  img.width = w;
  img.height = h;
  img.pixels.assign(data, data + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  stbi_image_free(data);
  return img;
}

}  // namespace wk::platform
