#pragma once
// Text as a 1-bit image, for lines in scripts the printer's code page lacks (Arabic, Ukrainian Cyrillic).
// Glyphs come from a TrueType font through stb_truetype. Reading the font file is the only I/O here and it
// happens in load_font(); rendering from a loaded font is deterministic, so encoded tickets stay
// reproducible.
//
// Limits, on purpose: there is no shaping and no bidi algorithm. Right-to-left lines are drawn in reversed
// code point order (runs of Latin letters and digits keep their order), and Arabic letters print in the
// forms the text carries: text pre-shaped to presentation forms (U+FB50..U+FEFF, as FriBidi makes them)
// prints joined; plain Arabic letters print unjoined but in the right order.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "print/bitmap.hpp"
#include "print/escpos.hpp"

namespace wk::print {

struct Font;  // the font file's bytes and stb_truetype's view of them

// DejaVu Sans: Latin, Cyrillic and Arabic presentation forms in one file (Debian: fonts-dejavu-core).
const char* default_font_path();

// Reads and parses a TTF file. Fonts are trusted system files: stb_truetype does not defend against
// malicious ones.
Result<std::shared_ptr<const Font>> load_font(const std::string& path);
// The same from bytes already in memory.
Result<std::shared_ptr<const Font>> font_from_bytes(std::vector<unsigned char> ttf);

// True when the font has a glyph for every character of `utf8` other than spaces.
bool font_covers(const Font& font, std::string_view utf8);

// Draws `utf8` with glyphs `pixel_height` dots tall, wrapping at spaces so that no line is wider than
// `max_width` (a single word wider than that is left to be cut by the encoder); lines are centred in the
// image. Empty for empty text.
Bitmap render_text(const Font& font, std::string_view utf8, int pixel_height, int max_width, bool rtl);

// A TextRasterizer for escpos.hpp that draws with `font`.
TextRasterizer font_rasterizer(std::shared_ptr<const Font> font, int pixel_height = 28);

// A TextRasterizer that loads the font at `path` on its first call and keeps it; when the font cannot be
// loaded it draws nothing (the text then prints with '?'), and it does not try the file again.
TextRasterizer lazy_font_rasterizer(std::string path = default_font_path(), int pixel_height = 28);

}  // namespace wk::print
