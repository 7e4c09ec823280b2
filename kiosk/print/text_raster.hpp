#pragma once
// Text as a 1-bit image, for lines in scripts the printer's code page lacks (Arabic, Ge'ez, Ukrainian
// Cyrillic). Glyphs come from TrueType fonts through stb_truetype. Reading a font file is the only I/O here
// and it happens in load_font(); shaping and rendering from loaded fonts are deterministic, so encoded
// tickets stay reproducible.
//
// A line is shaped and ordered by FriBidi before it is drawn: Arabic letters are joined to their
// presentation forms (U+FB50..U+FEFF, with the mandatory lam-alef ligatures), and the Unicode bidi
// algorithm puts the line in visual order, so Latin words, digits and ticket codes like "S-012" inside
// Arabic stay left-to-right. Glyphs are then placed one after another, left to right, at the font's
// advances: there is no OpenType layout (no GPOS mark positioning, no contextual alternates), which
// presentation forms make unnecessary for Arabic and Ge'ez does not need.
//
// Fonts form a chain: each character is drawn by the first font that has a glyph for it, except that
// Arabic is drawn by a later font that has it before the main one. So DejaVu Sans draws Latin and Cyrillic,
// Noto Sans Arabic the Arabic (its presentation forms included; DejaVu draws them when it is missing) and
// Noto Sans Ethiopic the Ge'ez that DejaVu lacks. Fallbacks are drawn at the main font's em size.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "print/bitmap.hpp"
#include "print/escpos.hpp"

namespace wk::print {

struct Font;  // the font file's bytes and stb_truetype's view of them

// Fonts tried in order for every character (Arabic first in the fallbacks); the first is the main font,
// whose metrics set the size.
using FontChain = std::vector<std::shared_ptr<const Font>>;

// DejaVu Sans: Latin, Cyrillic and Arabic presentation forms in one file (Debian: fonts-dejavu-core).
const char* default_font_path();
// Noto Sans Arabic: Arabic with its presentation forms (Debian: fonts-noto-core).
const char* arabic_font_path();
// Noto Sans Ethiopic: Ge'ez, for Tigrinya and Amharic (Debian: fonts-noto-core).
const char* ethiopic_font_path();
// The fonts tried after the main one: Noto Sans Arabic, Noto Sans Ethiopic.
std::vector<std::string> fallback_font_paths();

// Reads and parses a TTF file. Fonts are trusted system files: stb_truetype does not defend against
// malicious ones.
Result<std::shared_ptr<const Font>> load_font(const std::string& path);
// The same from bytes already in memory.
Result<std::shared_ptr<const Font>> font_from_bytes(std::vector<unsigned char> ttf);

// True when the font (or some font of the chain) has a glyph for every character of `utf8` other than
// spaces, as written: the presentation forms that shaping makes are not checked.
bool font_covers(const Font& font, std::string_view utf8);
bool font_covers(const FontChain& fonts, std::string_view utf8);

// One line of logical text in the order it is drawn, left to right: Arabic joined to presentation forms
// (a ligature's second half and the invisible bidi controls dropped), runs reordered by the Unicode bidi
// algorithm in a paragraph of the given direction (`rtl`, or left-to-right).
std::u32string visual_line(std::u32string_view logical, bool rtl);

// Draws `utf8` with glyphs `pixel_height` dots tall, wrapping at spaces so that no line is wider than
// `max_width` (a single word wider than that is left to be cut by the encoder); each line is shaped and
// ordered as visual_line() says, lines are centred in the image. Empty for empty text.
Bitmap render_text(const Font& font, std::string_view utf8, int pixel_height, int max_width, bool rtl);
Bitmap render_text(const FontChain& fonts, std::string_view utf8, int pixel_height, int max_width, bool rtl);

// A TextRasterizer for escpos.hpp that draws with `font`, or with the chain `fonts`.
TextRasterizer font_rasterizer(std::shared_ptr<const Font> font, int pixel_height = 28);
TextRasterizer font_rasterizer(FontChain fonts, int pixel_height = 28);

// A TextRasterizer that loads the font at `path` and the `fallbacks` on its first call and keeps them; when
// the main font cannot be loaded it draws nothing (the text then prints with '?'), a fallback that cannot
// be loaded is left out, and it does not try the files again.
TextRasterizer lazy_font_rasterizer(std::string path = default_font_path(),
                                    std::vector<std::string> fallbacks = fallback_font_paths(),
                                    int pixel_height = 28);

}  // namespace wk::print
