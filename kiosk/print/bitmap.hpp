#pragma once
// A 1-bit image in the layout GS v 0 sends: rows top to bottom, each (width + 7) / 8 bytes, the leftmost dot
// in the most significant bit, 1 = black. Keeping the printer's layout means no conversion when encoding.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace wk::print {

struct Bitmap {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> bits;  // height * stride() bytes

  static Bitmap blank(int w, int h) {
    Bitmap b;
    if (w <= 0 || h <= 0) return b;
    b.width = w;
    b.height = h;
    b.bits.assign(static_cast<std::size_t>(b.stride()) * static_cast<std::size_t>(h), 0);
    return b;
  }
  bool empty() const { return width <= 0 || height <= 0; }
  int stride() const { return (width + 7) / 8; }
  std::size_t index(int x, int y) const {
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(stride()) + static_cast<std::size_t>(x / 8);
  }
  std::uint8_t mask(int x) const { return static_cast<std::uint8_t>(0x80u >> (x % 8)); }
  bool black(int x, int y) const { return (bits[index(x, y)] & mask(x)) != 0; }
  void set_black(int x, int y) { bits[index(x, y)] |= mask(x); }
};

}  // namespace wk::print
