#include "print/codepage.hpp"

#include <array>
#include <cstdint>

namespace wk::print {
namespace {

// The Unicode code point of bytes 0x80..0xFF. Bytes below 0x80 are ASCII in both pages.
using UpperHalf = std::array<char16_t, 128>;

constexpr UpperHalf kPc858 = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE,
    0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6,
    0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA,
    0x00BA, 0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502,
    0x2524, 0x00C1, 0x00C2, 0x00C0, 0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510, 0x2514,
    0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550,
    0x256C, 0x00A4, 0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x20AC, 0x00CD, 0x00CE, 0x00CF, 0x2518, 0x250C,
    0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580, 0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE,
    0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4, 0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6,
    0x00A7, 0x00F7, 0x00B8, 0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
};

constexpr UpperHalf kPc437 = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE,
    0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6,
    0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA,
    0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502,
    0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514,
    0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550,
    0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C,
    0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320,
    0x2321, 0x00F7, 0x2248, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
};

const UpperHalf* upper_half(int code_page) {
  if (code_page == 19) return &kPc858;
  if (code_page == 0) return &kPc437;
  return nullptr;
}

// Typographic punctuation that word processors put into catalogues prints as its ASCII look-alike rather
// than as '?': a resident reads "Iets voor een ander's" fine, but not "ander?s".
std::string_view look_alike(char32_t c) {
  switch (c) {
    case U'\t':
      return " ";
    case U'\u2018':
    case U'\u2019':
    case U'\u201A':
    case U'\u2032':
      return "'";
    case U'\u201C':
    case U'\u201D':
    case U'\u201E':
    case U'\u2033':
      return "\"";
    case U'\u2010':
    case U'\u2011':
    case U'\u2012':
    case U'\u2013':
    case U'\u2014':
    case U'\u2212':
      return "-";
    case U'\u2026':
      return "...";
    case U'\u202F':
    case U'\u2007':
    case U'\u2009':
      return " ";
    default:
      return {};
  }
}

// Appends the bytes of one code point; false when it became '?'.
bool append_char(Bytes& out, char32_t c, const UpperHalf* page) {
  if (c >= 0x20 && c < 0x7F) {
    out.push_back(static_cast<std::uint8_t>(c));
    return true;
  }
  if (const std::string_view alike = look_alike(c); !alike.empty()) {
    out.insert(out.end(), alike.begin(), alike.end());
    return true;
  }
  if (page != nullptr && c >= 0xA0) {
    for (std::size_t i = 0; i < page->size(); ++i) {
      if ((*page)[i] == c) {
        out.push_back(static_cast<std::uint8_t>(0x80 + i));
        return true;
      }
    }
  }
  out.push_back('?');
  // Control characters count as printable: an image would not show them either.
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0);
}

}  // namespace

std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<std::uint8_t>(s[i]);
    int extra = 0;
    char32_t c = 0;
    char32_t min = 0;
    if (b0 < 0x80) {
      c = b0;
    } else if ((b0 & 0xE0) == 0xC0) {
      extra = 1, c = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
      extra = 2, c = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
      extra = 3, c = b0 & 0x07, min = 0x10000;
    } else {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    std::size_t j = 1;
    for (; j <= static_cast<std::size_t>(extra); ++j) {
      if (i + j >= s.size() || (static_cast<std::uint8_t>(s[i + j]) & 0xC0) != 0x80) break;
      c = (c << 6) | (static_cast<std::uint8_t>(s[i + j]) & 0x3F);
    }
    if (j <= static_cast<std::size_t>(extra)) {  // truncated: resynchronise at the byte that broke it
      out.push_back(U'\uFFFD');
      i += j;
      continue;
    }
    // Overlong forms, surrogates and values past U+10FFFF are not characters.
    const bool valid = c >= min && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
    out.push_back(valid ? c : U'\uFFFD');
    i += j;
  }
  return out;
}

bool code_page_known(int code_page) {
  return upper_half(code_page) != nullptr;
}

Bytes to_code_page(std::string_view utf8, int code_page) {
  const UpperHalf* page = upper_half(code_page);
  Bytes out;
  out.reserve(utf8.size());
  for (char32_t c : decode_utf8(utf8)) append_char(out, c, page);
  return out;
}

bool fits_code_page(std::string_view utf8, int code_page) {
  const UpperHalf* page = upper_half(code_page);
  Bytes scratch;
  for (char32_t c : decode_utf8(utf8)) {
    if (!append_char(scratch, c, page)) return false;
  }
  return true;
}

}  // namespace wk::print
