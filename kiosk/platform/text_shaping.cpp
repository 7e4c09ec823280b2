#include "platform/text_shaping.hpp"

#include "core/utf8.hpp"

#include <fribidi.h>
#include <hb.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

namespace wk::platform {
namespace {

// Characters that make a line need the bidi algorithm or shaping: Hebrew, Arabic (with its supplements and
// presentation forms), the other right-to-left blocks, and the controls that start a right-to-left run.
bool needs_work(char32_t cp) {
  return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF) ||
         cp == 0x200F || cp == 0x202B || cp == 0x202E || cp == 0x2067 || (cp >= 0x10800 && cp <= 0x10FFF) ||
         (cp >= 0x1E800 && cp <= 0x1EFFF);
}

// The letters HarfBuzz shapes for us: Arabic and its supplements (presentation forms come in shaped).
bool is_arabic(char32_t cp) {
  return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) || (cp >= 0x08A0 && cp <= 0x08FF);
}

bool is_presentation_form(char32_t cp) {
  return cp >= 0xFB50 && cp <= 0xFEFF;
}

// Bidi controls and other invisible format characters: the order already says what they said.
bool dropped(char32_t cp, FriBidiCharType type) {
  return FRIBIDI_IS_EXPLICIT_OR_BN(type) || FRIBIDI_IS_ISOLATE(type) || cp == 0x200E || cp == 0x200F ||
         cp == 0x061C;
}

// The whole state, as in an ImGui backend. UI thread only.
struct ShapingState {
  hb_blob_t* blob = nullptr;
  hb_face_t* face = nullptr;
  hb_font_t* font = nullptr;
  hb_buffer_t* buffer = nullptr;  // reused: every label of every frame comes through here
  hb_language_t arabic = nullptr;
  // glyph id -> the codepoint the font's cmap maps to it (0: none); a presentation form where there is one.
  std::vector<char32_t> codepoint_of_glyph;
};

ShapingState g_shaping;

void release() {
  if (g_shaping.buffer != nullptr) hb_buffer_destroy(g_shaping.buffer);
  if (g_shaping.font != nullptr) hb_font_destroy(g_shaping.font);
  if (g_shaping.face != nullptr) hb_face_destroy(g_shaping.face);
  if (g_shaping.blob != nullptr) hb_blob_destroy(g_shaping.blob);
  g_shaping = ShapingState{};
}

// One level run: a stretch of the line, logical [begin, end), all at one embedding level.
struct Run {
  int begin = 0, end = 0;
  FriBidiLevel level = 0;
};

// The codepoint to draw for a right-to-left character, mirrored when it has a mirror ("(" -> ")").
FriBidiChar mirrored(FriBidiChar ch) {
  FriBidiChar mirror = ch;
  return fribidi_get_mirror_char(ch, &mirror) ? mirror : ch;
}

// A right-to-left run with Arabic in it, shaped by HarfBuzz; its glyphs come out in visual order (HarfBuzz
// reverses a right-to-left buffer). A glyph the cmap has no codepoint for is replaced by FriBidi's own
// shaping of the characters of its cluster, once per cluster.
void shape_arabic_run(const std::vector<FriBidiChar>& text, const std::vector<FriBidiChar>& fribidi_shaped,
                      const std::vector<FriBidiCharType>& types, const Run& run, std::string& out) {
  hb_buffer_t* buffer = g_shaping.buffer;
  hb_buffer_clear_contents(buffer);
  const auto length = run.end - run.begin;
  hb_buffer_add_utf32(buffer, text.data() + run.begin, length, 0, length);
  hb_buffer_set_direction(buffer, HB_DIRECTION_RTL);
  hb_buffer_set_script(buffer, HB_SCRIPT_ARABIC);
  hb_buffer_set_language(buffer, g_shaping.arabic);
  hb_buffer_set_flags(buffer, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
  hb_shape(g_shaping.font, buffer, nullptr, 0);
  unsigned int count = 0;
  const hb_glyph_info_t* glyphs = hb_buffer_get_glyph_infos(buffer, &count);

  // The clusters, sorted: a cluster covers the characters from its value up to the next cluster's.
  std::vector<unsigned int> starts;
  starts.reserve(count);
  for (unsigned int g = 0; g < count; ++g) starts.push_back(glyphs[g].cluster);
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  std::vector<bool> fell_back(starts.size(), false);

  for (unsigned int g = 0; g < count; ++g) {
    const hb_codepoint_t id = glyphs[g].codepoint;
    const unsigned int cluster = glyphs[g].cluster;
    const auto slot =
        static_cast<std::size_t>(std::lower_bound(starts.begin(), starts.end(), cluster) - starts.begin());
    const unsigned int cluster_end =
        slot + 1 < starts.size() ? starts[slot + 1] : static_cast<unsigned int>(length);
    char32_t cp = id != 0 && id < g_shaping.codepoint_of_glyph.size() ? g_shaping.codepoint_of_glyph[id] : 0;
    // A plain character the font draws as itself (a space, a digit) stays itself rather than becoming some
    // other codepoint that shares its glyph.
    if (cp != 0 && !is_presentation_form(cp) && cluster_end == cluster + 1) {
      const FriBidiChar source = text[static_cast<std::size_t>(run.begin) + cluster];
      hb_codepoint_t nominal = 0;
      if (hb_font_get_nominal_glyph(g_shaping.font, source, &nominal) && nominal == id) cp = source;
    }
    if (cp != 0) {
      out += to_utf8(cp);
      continue;
    }
    if (fell_back[slot]) continue;
    fell_back[slot] = true;
    for (unsigned int k = cluster_end; k > cluster; --k) {
      const auto at = static_cast<std::size_t>(run.begin) + k - 1;
      if (dropped(fribidi_shaped[at], types[at]) || fribidi_shaped[at] == FRIBIDI_CHAR_FILL) continue;
      out += to_utf8(mirrored(fribidi_shaped[at]));
    }
  }
}

// One line (no '\n') in logical order -> visual order, shaped.
void order_line(const std::vector<FriBidiChar>& text, std::string& out) {
  const auto length = static_cast<FriBidiStrIndex>(text.size());
  if (length == 0) return;
  const auto n = text.size();
  std::vector<FriBidiCharType> types(n);
  fribidi_get_bidi_types(text.data(), length, types.data());
  std::vector<FriBidiBracketType> brackets(n);
  fribidi_get_bracket_types(text.data(), length, types.data(), brackets.data());
  std::vector<FriBidiLevel> levels(n);
  FriBidiParType direction = FRIBIDI_PAR_ON;  // from the first strong character (rules P2, P3)
  if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), length, &direction, levels.data()) ==
      0) {
    for (FriBidiChar ch : text) out += to_utf8(ch);
    return;
  }

  // FriBidi's own Arabic shaping (presentation forms, lam-alef ligatures): the whole answer without a font,
  // and the answer for a glyph HarfBuzz picks that has no codepoint.
  std::vector<FriBidiChar> shaped = text;
  std::vector<FriBidiArabicProp> joining(n);
  fribidi_get_joining_types(text.data(), length, joining.data());
  fribidi_join_arabic(types.data(), length, levels.data(), joining.data());
  fribidi_shape(FRIBIDI_FLAGS_ARABIC, levels.data(), length, joining.data(), shaped.data());

  // Visual order (rules L1 and L2): map[visual] = logical.
  std::vector<FriBidiStrIndex> map(n);
  std::iota(map.begin(), map.end(), 0);
  if (fribidi_reorder_line(0, types.data(), length, 0, direction, levels.data(), nullptr, map.data()) == 0) {
    for (FriBidiChar ch : shaped) out += to_utf8(ch);
    return;
  }

  // Level runs are contiguous both in logical and in visual order; each is drawn once, where its first
  // character shows up in visual order.
  std::vector<Run> runs;
  std::vector<int> run_of(n);
  for (FriBidiStrIndex i = 0; i < length; ++i) {
    if (runs.empty() || runs.back().level != levels[static_cast<std::size_t>(i)]) {
      runs.push_back(Run{i, i, levels[static_cast<std::size_t>(i)]});
    }
    runs.back().end = i + 1;
    run_of[static_cast<std::size_t>(i)] = static_cast<int>(runs.size()) - 1;
  }
  int last = -1;
  for (FriBidiStrIndex logical : map) {
    const int r = run_of[static_cast<std::size_t>(logical)];
    if (r == last) continue;
    last = r;
    const Run& run = runs[static_cast<std::size_t>(r)];
    if (run.level % 2 == 0) {
      for (int i = run.begin; i < run.end; ++i) {
        const auto at = static_cast<std::size_t>(i);
        if (!dropped(text[at], types[at])) out += to_utf8(text[at]);
      }
      continue;
    }
    const bool arabic = std::any_of(text.begin() + run.begin, text.begin() + run.end, is_arabic);
    if (arabic && g_shaping.font != nullptr) {
      shape_arabic_run(text, shaped, types, run, out);
      continue;
    }
    for (int i = run.end; i > run.begin; --i) {
      const auto at = static_cast<std::size_t>(i - 1);
      if (dropped(shaped[at], types[at]) || shaped[at] == FRIBIDI_CHAR_FILL) continue;
      out += to_utf8(mirrored(shaped[at]));
    }
  }
}

}  // namespace

Result<void> Shaping_Init(const std::string& arabic_font_path) {
  release();
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(arabic_font_path.c_str());
  if (blob == nullptr) {
    return make_error("fonts", "The Arabic font is missing; reinstall fonts-noto-core.",
                      "cannot read " + arabic_font_path);
  }
  hb_face_t* face = hb_face_create(blob, 0);
  const unsigned int glyph_count = hb_face_get_glyph_count(face);
  if (glyph_count == 0) {
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return make_error("fonts", "The Arabic font is damaged; reinstall fonts-noto-core.",
                      arabic_font_path + " has no glyphs");
  }
  g_shaping.blob = blob;
  g_shaping.face = face;
  g_shaping.font = hb_font_create(face);
  g_shaping.buffer = hb_buffer_create();
  g_shaping.arabic = hb_language_from_string("ar", -1);

  // The reverse cmap, built once: for each glyph the codepoint that maps to it, a presentation form
  // (U+FB50..U+FEFF, what the atlas loads for Arabic) before any other, else the lowest.
  g_shaping.codepoint_of_glyph.assign(glyph_count, 0);
  hb_set_t* unicodes = hb_set_create();
  hb_face_collect_unicodes(face, unicodes);
  hb_codepoint_t cp = HB_SET_VALUE_INVALID;
  while (hb_set_next(unicodes, &cp)) {
    hb_codepoint_t glyph = 0;
    if (!hb_font_get_nominal_glyph(g_shaping.font, cp, &glyph) || glyph == 0 || glyph >= glyph_count)
      continue;
    char32_t& best = g_shaping.codepoint_of_glyph[glyph];
    if (best == 0 || (is_presentation_form(cp) && !is_presentation_form(best))) best = cp;
  }
  hb_set_destroy(unicodes);
  return Ok{};
}

std::string Shaping_VisualLine(std::string_view logical_utf8) {
  // The fast path: most lines (Dutch, English, Turkish, Polish, Ukrainian, Tigrinya) need nothing.
  bool work = false;
  for (std::size_t i = 0; i < logical_utf8.size() && !work;) {
    if (static_cast<unsigned char>(logical_utf8[i]) < 0x80) {
      ++i;
      continue;
    }
    work = needs_work(next_code_point(logical_utf8, i));
  }
  if (!work) return std::string(logical_utf8);

  std::string out;
  out.reserve(logical_utf8.size() + logical_utf8.size() / 2);
  std::vector<FriBidiChar> line;
  std::size_t i = 0;
  while (true) {
    if (i == logical_utf8.size() || logical_utf8[i] == '\n') {
      order_line(line, out);
      line.clear();
      if (i == logical_utf8.size()) break;
      out += '\n';
      ++i;
      continue;
    }
    line.push_back(next_code_point(logical_utf8, i));
  }
  return out;
}

bool Shaping_IsRtl(std::string_view text) {
  int isolates = 0;  // what is inside an isolate does not decide the paragraph (rule P2)
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    const FriBidiCharType type = fribidi_get_bidi_type(cp);
    if (type == FRIBIDI_TYPE_LRI || type == FRIBIDI_TYPE_RLI || type == FRIBIDI_TYPE_FSI) {
      ++isolates;
    } else if (type == FRIBIDI_TYPE_PDI) {
      if (isolates > 0) --isolates;
    } else if (isolates == 0 && FRIBIDI_IS_STRONG(type) && FRIBIDI_IS_LETTER(type)) {
      return FRIBIDI_IS_RTL(type) != 0;
    } else if (type == FRIBIDI_TYPE_BS) {
      break;  // the first paragraph decides
    }
  }
  return false;
}

void Shaping_Shutdown() {
  release();
}

}  // namespace wk::platform
