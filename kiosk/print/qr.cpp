#include "print/qr.hpp"

#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace wk::print {

QrCode qr_encode(const std::string& text) {
  // QRcode_encodeData takes the bytes as they are, so a URL never meets libqrencode's mode guessing.
  std::unique_ptr<QRcode, decltype(&QRcode_free)> raw(
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  QrCode code;
  if (!raw) return code;
  code.width = raw->width;
  const std::size_t count = static_cast<std::size_t>(raw->width) * raw->width;
  code.modules.resize(count);
  // The lowest bit of each byte is the module's colour; the other bits only describe its role.
  for (std::size_t i = 0; i < count; ++i) code.modules[i] = (raw->data[i] & 1) != 0;
  return code;
}

int qr_pixel_size(const QrCode& code, int module_px, int quiet_zone_modules) {
  if (code.empty() || module_px <= 0) return 0;
  return (code.width + 2 * std::max(0, quiet_zone_modules)) * module_px;
}

std::vector<std::uint8_t> qr_rgba(const QrCode& code, int module_px, int quiet_zone_modules) {
  const int side = qr_pixel_size(code, module_px, quiet_zone_modules);
  if (side == 0) return {};
  const int quiet = std::max(0, quiet_zone_modules);
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(side) * side * 4, 255);  // white, opaque
  for (int y = 0; y < code.width; ++y) {
    for (int x = 0; x < code.width; ++x) {
      if (!code.dark(x, y)) continue;
      for (int py = 0; py < module_px; ++py) {
        const std::size_t row = static_cast<std::size_t>((quiet + y) * module_px + py) * side;
        std::uint8_t* p = &pixels[(row + static_cast<std::size_t>((quiet + x) * module_px)) * 4];
        for (int px = 0; px < module_px; ++px, p += 4) p[0] = p[1] = p[2] = 0;  // alpha stays 255
      }
    }
  }
  return pixels;
}

}  // namespace wk::print
