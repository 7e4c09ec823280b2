#include "print/text_raster.hpp"

#include <fribidi.h>
#include <stb_truetype.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>

#include "print/codepage.hpp"

namespace wk::print {

struct Font {
  std::vector<unsigned char> data;  // stbtt_fontinfo points into it: it must not move after init
  stbtt_fontinfo info{};
};

namespace {

// A font file larger than this is not a font the kiosk should be loading.
constexpr std::streamsize kMaxFontBytes = 64 * 1024 * 1024;

// Characters that steer shaping and ordering but have no ink of their own: a ligature's second half that
// FriBidi leaves in its place, the bidi controls, zero-width joiners and spaces. Fonts may draw them as
// boxes.
bool invisible(char32_t c) {
  return c == U'\uFEFF' || (c >= U'\u200B' && c <= U'\u200F') || (c >= U'\u202A' && c <= U'\u202E') ||
         (c >= U'\u2066' && c <= U'\u2069');
}

// Arabic letters, marks, digits and punctuation, and their presentation forms.
bool is_arabic(char32_t c) {
  return (c >= U'\u0600' && c <= U'\u06FF') || (c >= U'\u0750' && c <= U'\u077F') ||
         (c >= U'\u08A0' && c <= U'\u08FF') || (c >= U'\uFB50' && c <= U'\uFDFF') ||
         (c >= U'\uFE70' && c <= U'\uFEFE');
}

// A font at the size the text is drawn in.
struct Face {
  const Font* font = nullptr;
  float scale = 0;
};

// One glyph of a face.
struct Glyph {
  std::size_t face = 0;
  int index = 0;
};

// The chain of fonts at one size. The main font is scaled so that its ascent to descent spans
// `pixel_height`; the fallbacks get the same em size, so their letters match the main font's.
class Faces {
 public:
  Faces(const std::vector<const Font*>& fonts, int pixel_height) {
    for (const Font* font : fonts) {
      if (font == nullptr) continue;
      Face face;
      face.font = font;
      if (faces_.empty()) {
        face.scale = stbtt_ScaleForPixelHeight(&font->info, static_cast<float>(pixel_height));
        em_pixels_ = face.scale / stbtt_ScaleForMappingEmToPixels(&font->info, 1.0f);
      } else {
        face.scale = stbtt_ScaleForMappingEmToPixels(&font->info, em_pixels_);
      }
      faces_.push_back(face);
    }
  }

  bool empty() const { return faces_.empty(); }
  std::size_t size() const { return faces_.size(); }
  const Face& face(std::size_t i) const { return faces_[i]; }

  // The first font's glyph for `c`; the main font's missing-glyph box when no font has one. Arabic is
  // drawn by a fallback that has it before the main font: a font made for Arabic draws it better.
  Glyph glyph(char32_t c) const {
    if (is_arabic(c)) {
      for (std::size_t i = 1; i < faces_.size(); ++i) {
        const int index = stbtt_FindGlyphIndex(&faces_[i].font->info, static_cast<int>(c));
        if (index != 0) return {i, index};
      }
    }
    for (std::size_t i = 0; i < faces_.size(); ++i) {
      const int index = stbtt_FindGlyphIndex(&faces_[i].font->info, static_cast<int>(c));
      if (index != 0) return {i, index};
    }
    return {0, 0};
  }

  std::vector<Glyph> glyphs(const std::u32string& visual) const {
    std::vector<Glyph> out;
    out.reserve(visual.size());
    for (char32_t c : visual) out.push_back(glyph(c));
    return out;
  }

 private:
  std::vector<Face> faces_;
  float em_pixels_ = 0;
};

// Places glyphs left to right at their advances, with the font's kerning between two of the same font, and
// calls `draw(glyph, x)` with each glyph's pen position. Returns the line's advance.
template <typename Draw>
float lay_out(const Faces& faces, const std::vector<Glyph>& line, float left, Draw&& draw) {
  float x = left;
  const Glyph* previous = nullptr;
  for (const Glyph& g : line) {
    const Face& face = faces.face(g.face);
    if (previous != nullptr && previous->face == g.face) {
      x += face.scale *
           static_cast<float>(stbtt_GetGlyphKernAdvance(&face.font->info, previous->index, g.index));
    }
    draw(g, x);
    int advance = 0;
    int bearing = 0;
    stbtt_GetGlyphHMetrics(&face.font->info, g.index, &advance, &bearing);
    x += face.scale * static_cast<float>(advance);
    previous = &g;
  }
  return x - left;
}

float line_advance(const Faces& faces, const std::vector<Glyph>& line) {
  return lay_out(faces, line, 0, [](const Glyph&, float) {});
}

// Greedy wrapping at spaces, in logical order: the first words go on the first line for either direction.
// Each candidate line is measured as it will be drawn, shaped and ordered.
std::vector<std::u32string> wrap(const Faces& faces, const std::u32string& text, int max_width, bool rtl) {
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
    if (!line.empty() &&
        line_advance(faces, faces.glyphs(visual_line(candidate, rtl))) > static_cast<float>(max_width)) {
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
void draw_line(const Faces& faces, const std::vector<Glyph>& line, float left, int baseline, int width,
               int height, std::vector<unsigned char>& coverage) {
  std::vector<unsigned char> glyph_pixels;
  lay_out(faces, line, left, [&](const Glyph& g, float x) {
    const Face& face = faces.face(g.face);
    const float shift = x - std::floor(x);
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    stbtt_GetGlyphBitmapBoxSubpixel(&face.font->info, g.index, face.scale, face.scale, shift, 0, &x0, &y0,
                                    &x1, &y1);
    const int gw = x1 - x0;
    const int gh = y1 - y0;
    if (gw <= 0 || gh <= 0) return;
    glyph_pixels.assign(static_cast<std::size_t>(gw) * static_cast<std::size_t>(gh), 0);
    stbtt_MakeGlyphBitmapSubpixel(&face.font->info, glyph_pixels.data(), gw, gh, gw, face.scale, face.scale,
                                  shift, 0, g.index);
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
  });
}

Bitmap render_chain(const std::vector<const Font*>& fonts, std::string_view utf8, int pixel_height,
                    int max_width, bool rtl) {
  if (pixel_height <= 0 || max_width <= 0) return {};
  const Faces faces(fonts, pixel_height);
  if (faces.empty()) return {};
  std::u32string text = decode_utf8(utf8);
  // Control characters have no glyph and would only draw empty boxes.
  for (char32_t& c : text) {
    if (c < 0x20 || c == 0x7F) c = U' ';
  }
  const std::vector<std::u32string> logical = wrap(faces, text, max_width, rtl);
  if (logical.empty()) return {};

  std::vector<std::vector<Glyph>> lines;
  float widest = 0;
  for (const std::u32string& line : logical) {
    lines.push_back(faces.glyphs(visual_line(line, rtl)));
    widest = std::max(widest, line_advance(faces, lines.back()));
  }
  // Room above and below the baseline: the main font's, and more where a glyph of a fallback reaches
  // further (its ink, not its font's line metrics, which for Arabic fonts leave room for stacked marks the
  // printed lines do not have).
  int ascent = 0, descent = 0, gap = 0;
  stbtt_GetFontVMetrics(&faces.face(0).font->info, &ascent, &descent, &gap);
  float above = faces.face(0).scale * static_cast<float>(ascent);
  float below = faces.face(0).scale * static_cast<float>(gap - descent);
  for (const std::vector<Glyph>& line : lines) {
    for (const Glyph& g : line) {
      if (g.face == 0) continue;
      const Face& face = faces.face(g.face);
      int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      stbtt_GetGlyphBitmapBox(&face.font->info, g.index, face.scale, face.scale, &x0, &y0, &x1, &y1);
      above = std::max(above, static_cast<float>(-y0));
      below = std::max(below, static_cast<float>(y1));
    }
  }
  const int line_height = static_cast<int>(std::ceil(above + below));
  const int baseline0 = static_cast<int>(std::ceil(above));

  const int width = std::clamp(static_cast<int>(std::ceil(widest)) + 1, 1, max_width);
  const int height = line_height * static_cast<int>(lines.size());
  std::vector<unsigned char> coverage(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const float left = std::max(0.0f, (static_cast<float>(width) - line_advance(faces, lines[i])) / 2);
    draw_line(faces, lines[i], left, baseline0 + static_cast<int>(i) * line_height, width, height, coverage);
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

std::vector<const Font*> raw(const FontChain& fonts) {
  std::vector<const Font*> out;
  for (const auto& f : fonts) {
    if (f) out.push_back(f.get());
  }
  return out;
}

}  // namespace

const char* default_font_path() {
  return "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
}

const char* arabic_font_path() {
  return "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
}

const char* ethiopic_font_path() {
  return "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf";
}

std::vector<std::string> fallback_font_paths() {
  return {arabic_font_path(), ethiopic_font_path()};
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

bool font_covers(const FontChain& fonts, std::string_view utf8) {
  for (char32_t c : decode_utf8(utf8)) {
    if (c == U' ') continue;
    if (std::none_of(fonts.begin(), fonts.end(), [c](const std::shared_ptr<const Font>& f) {
          return f && stbtt_FindGlyphIndex(&f->info, static_cast<int>(c)) != 0;
        })) {
      return false;
    }
  }
  return true;
}

std::u32string visual_line(std::u32string_view logical, bool rtl) {
  // FriBidi counts in ints; no printed line comes near that.
  if (logical.empty() || logical.size() > static_cast<std::size_t>(std::numeric_limits<int>::max() / 4)) {
    return std::u32string(logical);
  }
  const auto len = static_cast<FriBidiStrIndex>(logical.size());
  std::vector<FriBidiChar> str(logical.begin(), logical.end());
  std::vector<FriBidiCharType> types(logical.size());
  std::vector<FriBidiBracketType> brackets(logical.size());
  std::vector<FriBidiLevel> levels(logical.size());
  std::vector<FriBidiJoiningType> joining(logical.size());
  fribidi_get_bidi_types(str.data(), len, types.data());
  fribidi_get_bracket_types(str.data(), len, types.data(), brackets.data());
  FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
  if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), len, &base, levels.data()) == 0) {
    return std::u32string(logical);  // out of memory: the letters in logical order beat no letters
  }
  // Joining and shaping work on the logical order, reordering comes last.
  fribidi_get_joining_types(str.data(), len, joining.data());
  std::vector<FriBidiArabicProp> arabic(joining.begin(), joining.end());
  fribidi_join_arabic(types.data(), len, levels.data(), arabic.data());
  const FriBidiFlags flags = FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC;
  fribidi_shape(flags, levels.data(), len, arabic.data(), str.data());
  if (fribidi_reorder_line(flags, types.data(), len, 0, base, levels.data(), str.data(), nullptr) == 0) {
    return std::u32string(logical);
  }
  std::u32string visual;
  visual.reserve(str.size());
  for (FriBidiChar c : str) {
    if (!invisible(static_cast<char32_t>(c))) visual.push_back(static_cast<char32_t>(c));
  }
  return visual;
}

Bitmap render_text(const Font& font, std::string_view utf8, int pixel_height, int max_width, bool rtl) {
  return render_chain({&font}, utf8, pixel_height, max_width, rtl);
}

Bitmap render_text(const FontChain& fonts, std::string_view utf8, int pixel_height, int max_width, bool rtl) {
  return render_chain(raw(fonts), utf8, pixel_height, max_width, rtl);
}

TextRasterizer font_rasterizer(std::shared_ptr<const Font> font, int pixel_height) {
  return font_rasterizer(FontChain{std::move(font)}, pixel_height);
}

TextRasterizer font_rasterizer(FontChain fonts, int pixel_height) {
  return [fonts = std::move(fonts), pixel_height](std::string_view utf8, int max_width, bool rtl) {
    if (fonts.empty() || !fonts.front()) return Bitmap{};
    return render_text(fonts, utf8, pixel_height, max_width, rtl);
  };
}

TextRasterizer lazy_font_rasterizer(std::string path, std::vector<std::string> fallbacks, int pixel_height) {
  // The state is shared so that copies of the rasteriser load the fonts once between them. Like the
  // TicketPrinter that holds it, it is used from one thread.
  struct State {
    std::string path;
    std::vector<std::string> fallbacks;
    bool tried = false;
    FontChain fonts;
  };
  auto state = std::make_shared<State>();
  state->path = std::move(path);
  state->fallbacks = std::move(fallbacks);
  return [state, pixel_height](std::string_view utf8, int max_width, bool rtl) {
    if (!state->tried) {
      state->tried = true;
      if (auto main = load_font(state->path)) {
        state->fonts.push_back(std::move(main.value()));
        for (const std::string& fallback : state->fallbacks) {
          if (auto loaded = load_font(fallback)) state->fonts.push_back(std::move(loaded.value()));
        }
      }
    }
    if (state->fonts.empty()) return Bitmap{};
    return render_text(state->fonts, utf8, pixel_height, max_width, rtl);
  };
}

}  // namespace wk::print
