#pragma once
// QR codes for the ticket screen: the resident scans the code to follow their turn on their phone. The
// matrix is kept apart from its pixels so that the screen can pick a module size from millimetres and the
// printer layer can reuse the same matrix.
#include <cstdint>
#include <string>
#include <vector>

namespace wk::print {

struct QrCode {
  int width = 0;              // modules per side; 0 when encoding failed (text too long for a QR code)
  std::vector<bool> modules;  // width * width, row by row, true = dark

  bool empty() const { return width == 0; }
  bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y) * width + x]; }
};

// Encodes the bytes of `text` in 8-bit mode at error correction level M, at the smallest version that fits.
QrCode qr_encode(const std::string& text);

// The side in pixels of the image qr_rgba() makes.
int qr_pixel_size(const QrCode& code, int module_px, int quiet_zone_modules = 4);

// Opaque RGBA pixels (black on white, the quiet zone included) for RenderSdl_CreateTexture().
std::vector<std::uint8_t> qr_rgba(const QrCode& code, int module_px, int quiet_zone_modules = 4);

}  // namespace wk::print
