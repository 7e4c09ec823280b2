#include "support/escpos_decode.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace wk::test {
namespace {

constexpr std::uint8_t kDle = 0x10, kEsc = 0x1B, kFs = 0x1C, kGs = 0x1D;
constexpr int kDefaultLineSpacing = 30;  // dots: 1/6 inch at the usual 180 dpi feed pitch (ESC 2)

// The upper halves of the code pages, as Unicode code points (from the Unicode mapping tables).
constexpr std::array<char16_t, 128> kPc437 = {
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

// PC858 is PC850 with the euro sign at 0xD5, where PC850 has the dotless i.
constexpr std::array<char16_t, 128> kPc858 = {
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

std::string hex(std::uint8_t b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b);
  return buf;
}

std::size_t u16(std::span<const std::uint8_t> d, std::size_t at) {
  return d[at] | static_cast<std::size_t>(d[at + 1]) << 8;
}

std::size_t esc_size(std::span<const std::uint8_t> d) {
  switch (d[1]) {
    case '@':
    case 'i':
    case 'm':
    case '2':
    case '<':
    case 'L':
    case 'S':
      return 2;
    case 't':
    case '!':
    case 'E':
    case 'a':
    case 'd':
    case 'J':
    case '-':
    case 'M':
    case '3':
    case 'G':
    case '{':
    case 'V':
    case 'R':
    case 'r':
    case ' ':
    case 'T':
    case 'U':
    case 'e':
    case '%':
    case '?':
    case '=':
      return 3;
    case '$':
    case '\\':
      return 4;
    case 'c':
      return 4;  // ESC c 3 n, ESC c 4 n, ESC c 5 n
    case 'p':
      return 5;  // ESC p m t1 t2: the drawer kick
    case 'W':
      return 10;
    case '*': {  // ESC * m nL nH d...: 8-dot modes send n bytes, 24-dot modes 3n
      if (d.size() < 5) return 0;
      const std::size_t n = u16(d, 3);
      return 5 + ((d[2] == 0 || d[2] == 1) ? n : 3 * n);
    }
    case 'D': {  // ESC D n1 ... NUL: tab stops
      const auto nul = std::find(d.begin() + 2, d.end(), std::uint8_t{0});
      return nul == d.end() ? 0 : static_cast<std::size_t>(nul - d.begin()) + 1;
    }
    default:
      return 2;
  }
}

std::size_t gs_size(std::span<const std::uint8_t> d) {
  switch (d[1]) {
    case 'V':  // GS V m [n]: modes A (0, 1, 48, 49) have no n, the feed-and-cut modes have one
      if (d.size() < 3) return 0;
      return (d[2] == 0 || d[2] == 1 || d[2] == 48 || d[2] == 49) ? 3 : 4;
    case '(':  // GS ( x pL pH ...: every extended command states its length
      return d.size() < 5 ? 0 : 5 + u16(d, 3);
    case 'v':  // GS v 0 m xL xH yL yH d...
      return d.size() < 8 ? 0 : 8 + u16(d, 4) * u16(d, 6);
    case '8': {  // GS 8 L p1 p2 p3 p4 ...: the 32-bit form of GS ( L
      if (d.size() < 7) return 0;
      const std::size_t n = d[3] | static_cast<std::size_t>(d[4]) << 8 |
                            static_cast<std::size_t>(d[5]) << 16 | static_cast<std::size_t>(d[6]) << 24;
      return 7 + n;
    }
    case 'k': {  // GS k m: old forms end with NUL, new forms (m >= 65) give the length
      if (d.size() < 3) return 0;
      if (d[2] >= 65) return d.size() < 4 ? 0 : 4 + d[3];
      const auto nul = std::find(d.begin() + 3, d.end(), std::uint8_t{0});
      return nul == d.end() ? 0 : static_cast<std::size_t>(nul - d.begin()) + 1;
    }
    case '!':
    case 'B':
    case 'H':
    case 'f':
    case 'h':
    case 'w':
    case 'a':
    case 'r':
    case 'I':
    case 'b':
    case '/':
    case 'E':
      return 3;
    case 'L':
    case 'W':
    case 'P':
    case '$':
    case '\\':
      return 4;
    default:
      return 2;
  }
}

}  // namespace

std::size_t escpos_command_size(std::span<const std::uint8_t> data) {
  if (data.empty()) return 0;
  std::size_t size = 1;
  switch (data[0]) {
    case kDle:
      if (data.size() < 2) return 0;
      size = data[1] == 0x14 ? 5 : (data[1] == 0x04 || data[1] == 0x05) ? 3 : 2;
      break;
    case kEsc:
      size = data.size() < 2 ? 0 : esc_size(data);
      break;
    case kGs:
      size = data.size() < 2 ? 0 : gs_size(data);
      break;
    case kFs:
      if (data.size() < 2) return 0;
      size = data[1] == 'p' ? 4 : data[1] == 'C' ? 3 : 2;
      break;
    default:
      break;
  }
  return size <= data.size() ? size : 0;
}

std::string code_page_to_utf8(std::uint8_t byte, int code_page) {
  if (byte < 0x80) return std::string(1, static_cast<char>(byte));
  const std::size_t i = byte - 0x80u;
  switch (code_page) {
    case 0:
      return to_utf8(kPc437[i]);
    case 2:
      return to_utf8(byte == 0xD5 ? 0x0131 : kPc858[i]);
    case 19:
      return to_utf8(kPc858[i]);
    default:
      return to_utf8(0xFFFD);
  }
}

namespace {

// The printer's state while the decoder walks the bytes, and the line it is filling.
class Decoder {
 public:
  DecodedTicket run(std::span<const std::uint8_t> all) {
    std::size_t pos = 0;
    while (pos < all.size()) {
      const auto rest = all.subspan(pos);
      const std::size_t len = escpos_command_size(rest);
      if (len == 0) {
        t_.truncated = true;
        break;
      }
      command(rest.first(len));
      pos += len;
    }
    flush(0);
    return std::move(t_);
  }

 private:
  void reset() {
    t_.code_page = 0;
    bold_ = false;
    esc_wide_ = esc_tall_ = false;
    gs_width_ = gs_height_ = 1;
    align_ = Align::Left;
    spacing_ = kDefaultLineSpacing;
    qr_data_.clear();
    qr_module_ = 3;
    line_ = TicketBlock{};
    line_started_ = false;
  }

  int width_mul() const { return std::max(gs_width_, esc_wide_ ? 2 : 1); }
  int height_mul() const { return std::max(gs_height_, esc_tall_ ? 2 : 1); }

  void add_text(const std::string& s) {
    if (!line_started_) {
      line_ = TicketBlock{};
      line_.align = align_;
      line_started_ = true;
    }
    line_.text += s;
    line_.width_mul = std::max(line_.width_mul, width_mul());
    line_.height_mul = std::max(line_.height_mul, height_mul());
    line_.bold = line_.bold || bold_;
  }

  // Prints the line being filled; then feeds `lines` more lines' worth (an empty line still takes one).
  void flush(int lines) {
    if (line_started_ && !line_.text.empty()) {
      line_.kind = TicketBlock::Kind::Text;
      line_.dots = spacing_;
      t_.text_lines.push_back(line_.text);
      t_.blocks.push_back(line_);
      --lines;
    }
    line_started_ = false;
    line_ = TicketBlock{};
    if (lines > 0) feed(lines * spacing_);
  }

  void feed(int dots) {
    if (!t_.blocks.empty() && t_.blocks.back().kind == TicketBlock::Kind::Feed) {
      t_.blocks.back().dots += dots;
      return;
    }
    TicketBlock b;
    b.kind = TicketBlock::Kind::Feed;
    b.dots = dots;
    t_.blocks.push_back(b);
  }

  // Notes a command outside the subset as "ESC 0x70" (or a lone control byte as "0x0C").
  void unknown(std::span<const std::uint8_t> c) {
    const char* name = c[0] == kDle   ? "DLE "
                       : c[0] == kEsc ? "ESC "
                       : c[0] == kFs  ? "FS "
                       : c[0] == kGs  ? "GS "
                                      : "";
    t_.unknown.push_back(*name != '\0' ? std::string(name) + hex(c[1]) : hex(c[0]));
  }

  static Align align_of(std::uint8_t n) {
    if (n == 1 || n == '1') return Align::Center;
    if (n == 2 || n == '2') return Align::Right;
    return Align::Left;
  }

  void command(std::span<const std::uint8_t> c) {
    switch (c[0]) {
      case '\n':
        flush(1);
        return;
      case '\r':
        return;  // thermal printers ignore CR unless told otherwise
      case '\t':
        add_text(" ");
        return;
      case kEsc:
        esc(c);
        return;
      case kGs:
        gs(c);
        return;
      case kDle:
        if (c[1] != 0x04 && c[1] != 0x05 && c[1] != 0x14) unknown(c);
        return;  // real-time requests print nothing
      case kFs:
        if (c[1] != '.' && c[1] != '&' && c[1] != 'C') unknown(c);
        return;  // FS . and FS & switch Kanji mode, FS C the Kanji code system
      default:
        if (c[0] < 0x20) {
          unknown(c);
        } else if (c[0] != 0x7F) {
          add_text(code_page_to_utf8(c[0], t_.code_page));
        }
    }
  }

  void esc(std::span<const std::uint8_t> c) {
    switch (c[1]) {
      case '@':
        t_.code_page = 0;
        reset();
        return;
      case 't':
        t_.code_page = c[2];
        return;
      case '!':
        bold_ = (c[2] & 0x08) != 0;
        esc_tall_ = (c[2] & 0x10) != 0;
        esc_wide_ = (c[2] & 0x20) != 0;
        return;
      case 'E':
        bold_ = (c[2] & 1) != 0;
        return;
      case 'a':
        align_ = align_of(c[2]);
        return;
      case 'd':
        flush(c[2]);
        return;
      case 'J':
        flush(0);
        feed(c[2]);
        return;
      case '2':
        spacing_ = kDefaultLineSpacing;
        return;
      case '3':
        spacing_ = c[2];
        return;
      case 'i':
      case 'm':
        cut();
        return;
      case '-':
      case 'M':
      case 'G':
      case 'R':
      case 'p':
      case ' ':
      case '{':
      case 'c':
        return;
      default:
        unknown(c);
    }
  }

  void gs(std::span<const std::uint8_t> c) {
    switch (c[1]) {
      case '!':
        gs_width_ = (c[2] >> 4 & 0x07) + 1;
        gs_height_ = (c[2] & 0x07) + 1;
        return;
      case 'V':
        cut();
        return;
      case '(':
        if (c[2] == 'k') qr(c.subspan(5));
        return;  // other extended commands (GS ( A, GS ( L, ...) print no ticket content here
      case 'v':
        if (c[2] == '0')
          raster(c);
        else
          unknown(c);
        return;
      case 'B':
      case 'L':
      case 'W':
      case 'a':
      case 'r':
      case 'I':
      case 'b':
      case 'P':
        return;
      default:
        unknown(c);
    }
  }

  void cut() {
    flush(0);
    t_.cut = true;
    TicketBlock b;
    b.kind = TicketBlock::Kind::Cut;
    t_.blocks.push_back(b);
  }

  // GS ( k body: cn fn [parameters]; only the QR code symbol (cn 49) is understood.
  void qr(std::span<const std::uint8_t> body) {
    if (body.size() < 2 || body[0] != 49) return;
    const auto arg = [&](std::size_t i) -> int { return i < body.size() ? body[i] : -1; };
    switch (body[1]) {
      case 65:
        t_.qr_model = arg(2) - 48;
        return;  // fn 165: 49 = model 1, 50 = model 2, 51 = micro
      case 67:
        t_.qr_module_size = qr_module_ = std::max(1, arg(2));
        return;   // fn 167
      case 69: {  // fn 169: 48..51 = L, M, Q, H
        const int level = arg(2) - 48;
        t_.qr_ecc = level >= 0 && level < 4 ? "LMQH"[level] : '?';
        return;
      }
      case 80:  // fn 180: cn fn m d1...dk
        qr_data_.assign(body.begin() + std::min<std::size_t>(3, body.size()), body.end());
        t_.qr_payloads.push_back(qr_data_);
        return;
      case 81: {  // fn 181: print the stored symbol where the line begins
        flush(0);
        ++t_.qr_printed;
        if (qr_data_.empty()) return;
        TicketBlock b;
        b.kind = TicketBlock::Kind::Qr;
        b.text = qr_data_;
        b.align = align_;
        b.module_size = qr_module_;
        t_.blocks.push_back(b);
        return;
      }
      default:
        return;  // fn 182 (symbol size) and the like print nothing
    }
  }

  void raster(std::span<const std::uint8_t> c) {
    flush(0);
    RasterImage img;
    const int m = c[3] >= 48 ? c[3] - 48 : c[3];
    img.scale_x = (m & 1) != 0 ? 2 : 1;
    img.scale_y = (m & 2) != 0 ? 2 : 1;
    img.width = static_cast<int>(u16(c, 4)) * 8;
    img.height = static_cast<int>(u16(c, 6));
    img.bits.assign(c.begin() + 8, c.end());
    TicketBlock b;
    b.kind = TicketBlock::Kind::Raster;
    b.align = align_;
    b.index = t_.rasters.size();
    t_.rasters.push_back(std::move(img));
    t_.blocks.push_back(b);
  }

  DecodedTicket t_;
  bool bold_ = false, esc_wide_ = false, esc_tall_ = false;
  int gs_width_ = 1, gs_height_ = 1;
  Align align_ = Align::Left;
  int spacing_ = kDefaultLineSpacing;
  std::string qr_data_;
  int qr_module_ = 3;
  TicketBlock line_;
  bool line_started_ = false;
};

}  // namespace

DecodedTicket decode_escpos(const Bytes& bytes) {
  return Decoder{}.run(bytes);
}

}  // namespace wk::test
