#include "print/text_raster.hpp"

#include <stb_truetype.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

#include "print/codepage.hpp"

namespace wk::print {

struct Font {
  std::vector<unsigned char> data;  // stbtt_fontinfo points into it: it must not move after init
  stbtt_fontinfo info{};
};

namespace {

// A font file larger than this is not a font the kiosk should be loading.
constexpr std::streamsize kMaxFontBytes = 64 * 1024 * 1024;

bool keeps_ltr_order_in_rtl(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') ||
         (c >= U'\u0660' && c <= U'\u0669') || (c >= U'\u06F0' && c <= U'\u06F9');
}

// The visual order of a right-to-left line, without the Unicode bidi algorithm: the whole line reversed,
// then each run of Latin letters and digits turned back, so "nummer 12" inside Arabic stays readable.
std::u32string visual_rtl(std::u32string line) {
  std::reverse(line.begin(), line.end());
  for (std::size_t i = 0; i < line.size();) {
    if (!keeps_ltr_order_in_rtl(line[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < line.size() && keeps_ltr_order_in_rtl(line[j])) ++j;
    std::reverse(line.begin() + static_cast<std::ptrdiff_t>(i),
                 line.begin() + static_cast<std::ptrdiff_t>(j));
    i = j;
  }
  return line;
}

float line_advance(const Font& font, const std::u32string& text, float scale) {
  float x = 0;
  int previous = 0;
  for (char32_t c : text) {
    const int glyph = stbtt_FindGlyphIndex(&font.info, static_cast<int>(c));
    if (previous != 0)
      x += scale * static_cast<float>(stbtt_GetGlyphKernAdvance(&font.info, previous, glyph));
    int advance = 0;
    int bearing = 0;
    stbtt_GetGlyphHMetrics(&font.info, glyph, &advance, &bearing);
    x += scale * static_cast<float>(advance);
    previous = glyph;
  }
  return x;
}

// Greedy wrapping at spaces, in logical order: the first words go on the first line for either direction.
std::vector<std::u32string> wrap(const Font& font, const std::u32string& text, float scale, int max_width) {
  std::vector<std::u32string> words;
  std::u32string word;
  for (char32_t c : text) {
    if (c == U' ') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));

  std::vector<std::u32string> lines;
  std::u32string line;
  for (const std::u32string& w : words) {
    std::u32string candidate = line.empty() ? w : line + U' ' + w;
    if (!line.empty() && line_advance(font, candidate, scale) > static_cast<float>(max_width)) {
      lines.push_back(std::move(line));
      line = w;
    } else {
      line = std::move(candidate);
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

// Draws one line into an 8-bit coverage buffer (row length `width`) with its baseline at `baseline`.
void draw_line(const Font& font, const std::u32string& text, float scale, float left, int baseline, int width,
               int height, std::vector<unsigned char>& coverage) {
  float x = left;
  int previous = 0;
  std::vector<unsigned char> glyph_pixels;
  for (char32_t c : text) {
    const int glyph = stbtt_FindGlyphIndex(&font.info, static_cast<int>(c));
    if (previous != 0)
      x += scale * static_cast<float>(stbtt_GetGlyphKernAdvance(&font.info, previous, glyph));
    const float shift = x - std::floor(x);
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    stbtt_GetGlyphBitmapBoxSubpixel(&font.info, glyph, scale, scale, shift, 0, &x0, &y0, &x1, &y1);
    const int gw = x1 - x0;
    const int gh = y1 - y0;
    if (gw > 0 && gh > 0) {
      glyph_pixels.assign(static_cast<std::size_t>(gw) * static_cast<std::size_t>(gh), 0);
      stbtt_MakeGlyphBitmapSubpixel(&font.info, glyph_pixels.data(), gw, gh, gw, scale, scale, shift, 0,
                                    glyph);
      const int ox = static_cast<int>(std::floor(x)) + x0;
      const int oy = baseline + y0;
      for (int gy = 0; gy < gh; ++gy) {
        const int py = oy + gy;
        if (py < 0 || py >= height) continue;
        for (int gx = 0; gx < gw; ++gx) {
          const int px = ox + gx;
          if (px < 0 || px >= width) continue;
          unsigned char& dst = coverage[static_cast<std::size_t>(py) * static_cast<std::size_t>(width) +
                                        static_cast<std::size_t>(px)];
          dst = std::max(dst, glyph_pixels[static_cast<std::size_t>(gy) * static_cast<std::size_t>(gw) +
                                           static_cast<std::size_t>(gx)]);
        }
      }
    }
    int advance = 0;
    int bearing = 0;
    stbtt_GetGlyphHMetrics(&font.info, glyph, &advance, &bearing);
    x += scale * static_cast<float>(advance);
    previous = glyph;
  }
}

}  // namespace

const char* default_font_path() {
  return "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
}

Result<std::shared_ptr<const Font>> font_from_bytes(std::vector<unsigned char> ttf) {
  auto font = std::make_shared<Font>();
  font->data = std::move(ttf);
  if (font->data.size() < 12) return make_error("font", "The font file is not a TrueType font.", "too short");
  const int offset = stbtt_GetFontOffsetForIndex(font->data.data(), 0);
  if (offset < 0 || stbtt_InitFont(&font->info, font->data.data(), offset) == 0) {
    return make_error("font", "The font file is not a TrueType font.", "stbtt_InitFont failed");
  }
  return std::shared_ptr<const Font>(std::move(font));
}

Result<std::shared_ptr<const Font>> load_font(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error("font", "The font for printing other scripts could not be read.",
                      path + ": " + std::strerror(errno));
  }
  in.seekg(0, std::ios::end);
  const std::streamsize size = in.tellg();
  if (size <= 0 || size > kMaxFontBytes) {
    return make_error("font", "The font for printing other scripts could not be read.", path + ": bad size");
  }
  in.seekg(0, std::ios::beg);
  std::vector<unsigned char> data(static_cast<std::size_t>(size));
  if (!in.read(reinterpret_cast<char*>(data.data()), size)) {
    return make_error("font", "The font for printing other scripts could not be read.",
                      path + ": short read");
  }
  return font_from_bytes(std::move(data));
}

bool font_covers(const Font& font, std::string_view utf8) {
  for (char32_t c : decode_utf8(utf8)) {
    if (c == U' ') continue;
    if (stbtt_FindGlyphIndex(&font.info, static_cast<int>(c)) == 0) return false;
  }
  return true;
}

Bitmap render_text(const Font& font, std::string_view utf8, int pixel_height, int max_width, bool rtl) {
  if (pixel_height <= 0 || max_width <= 0) return {};
  std::u32string text = decode_utf8(utf8);
  // Control characters have no glyph and would only draw empty boxes.
  for (char32_t& c : text) {
    if (c < 0x20 || c == 0x7F) c = U' ';
  }
  const float scale = stbtt_ScaleForPixelHeight(&font.info, static_cast<float>(pixel_height));
  std::vector<std::u32string> lines = wrap(font, text, scale, max_width);
  if (lines.empty()) return {};

  int ascent = 0, descent = 0, gap = 0;
  stbtt_GetFontVMetrics(&font.info, &ascent, &descent, &gap);
  const int line_height = static_cast<int>(std::ceil(scale * static_cast<float>(ascent - descent + gap)));
  const int baseline0 = static_cast<int>(std::ceil(scale * static_cast<float>(ascent)));

  float widest = 0;
  for (std::u32string& line : lines) {
    if (rtl) line = visual_rtl(std::move(line));
    widest = std::max(widest, line_advance(font, line, scale));
  }
  const int width = std::clamp(static_cast<int>(std::ceil(widest)) + 1, 1, max_width);
  const int height = line_height * static_cast<int>(lines.size());
  std::vector<unsigned char> coverage(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const float left = std::max(0.0f, (static_cast<float>(width) - line_advance(font, lines[i], scale)) / 2);
    draw_line(font, lines[i], scale, left, baseline0 + static_cast<int>(i) * line_height, width, height,
              coverage);
  }

  // Thermal heads print dots, not greys: half coverage and more is black.
  Bitmap image = Bitmap::blank(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      if (coverage[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                   static_cast<std::size_t>(x)] >= 128) {
        image.set_black(x, y);
      }
    }
  }
  return image;
}

TextRasterizer font_rasterizer(std::shared_ptr<const Font> font, int pixel_height) {
  return [font = std::move(font), pixel_height](std::string_view utf8, int max_width, bool rtl) {
    if (!font) return Bitmap{};
    return render_text(*font, utf8, pixel_height, max_width, rtl);
  };
}

TextRasterizer lazy_font_rasterizer(std::string path, int pixel_height) {
  // The state is shared so that copies of the rasteriser load the font once between them. Like the
  // TicketPrinter that holds it, it is used from one thread.
  struct State {
    std::string path;
    bool tried = false;
    std::shared_ptr<const Font> font;
  };
  auto state = std::make_shared<State>();
  state->path = std::move(path);
  return [state, pixel_height](std::string_view utf8, int max_width, bool rtl) {
    if (!state->tried) {
      state->tried = true;
      if (auto loaded = load_font(state->path)) state->font = std::move(loaded.value());
    }
    if (!state->font) return Bitmap{};
    return render_text(*state->font, utf8, pixel_height, max_width, rtl);
  };
}

}  // namespace wk::print
