#include "print/escpos.hpp"

#include <algorithm>
#include <initializer_list>

#include "core/script.hpp"
#include "print/codepage.hpp"

namespace wk::print {
namespace {

constexpr std::uint8_t kLf = 0x0A;
constexpr std::uint8_t kDle = 0x10;
constexpr std::uint8_t kEot = 0x04;
constexpr std::uint8_t kEsc = 0x1B;
constexpr std::uint8_t kGs = 0x1D;

constexpr int kQuietZoneModules = 4;
constexpr int kMinQrMillimetres = 35;
constexpr int kMaxBandRows = 1024;
// Font A is 12 dots wide: the code is printed as large as fits on one line, up to three times.
constexpr int kFontAWidth = 12;
constexpr int kMaxCodeMagnification = 3;

void put(Bytes& out, std::initializer_list<std::uint8_t> bytes) {
  out.insert(out.end(), bytes);
}
void put(Bytes& out, const Bytes& bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

std::uint8_t lo(std::size_t n) {
  return static_cast<std::uint8_t>(n & 0xFF);
}
std::uint8_t hi(std::size_t n) {
  return static_cast<std::uint8_t>((n >> 8) & 0xFF);
}

// Cuts an image down to the paper width: a rasteriser that overshoots must not make the printer wrap
// half an image onto the next band.
Bitmap fit_width(Bitmap image, int max_width) {
  if (image.width <= max_width || max_width <= 0) return image;
  Bitmap out = Bitmap::blank(max_width, image.height);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < max_width; ++x) {
      if (image.black(x, y)) out.set_black(x, y);
    }
  }
  return out;
}

// One line of text, centred by ESC a. When the code page lacks a character and a rasteriser is there, the
// line goes as an image, so a resident reading Arabic or Ukrainian gets words rather than question marks.
void text_line(Bytes& out, std::string_view text, const PrinterProfile& profile, const TextRasterizer& raster,
               bool rtl) {
  if (text.empty()) return;
  if (raster && !fits_code_page(text, profile.code_page)) {
    Bitmap image = raster(text, profile.dots_per_line, rtl);
    if (!image.empty()) {
      put(out, encode_raster(fit_width(std::move(image), profile.dots_per_line)));
      return;
    }
  }
  // Wrapped at word boundaries here: the printer itself would break a word at the paper's edge.
  const Bytes bytes = to_code_page(text, profile.code_page);
  const std::size_t per_line = static_cast<std::size_t>(std::max(1, profile.dots_per_line / kFontAWidth));
  std::size_t start = 0;
  while (start < bytes.size()) {
    std::size_t end = std::min(bytes.size(), start + per_line);
    if (end < bytes.size()) {
      std::size_t space = end;
      while (space > start && bytes[space] != ' ') --space;
      if (space > start) end = space;
    }
    out.insert(out.end(), bytes.begin() + static_cast<std::ptrdiff_t>(start),
               bytes.begin() + static_cast<std::ptrdiff_t>(end));
    out.push_back(kLf);
    start = end;
    while (start < bytes.size() && bytes[start] == ' ') ++start;
  }
}

void code_line(Bytes& out, std::string_view code, const PrinterProfile& profile) {
  if (code.empty()) return;
  const Bytes text = to_code_page(code, profile.code_page);
  const int fits = profile.dots_per_line / (kFontAWidth * static_cast<int>(text.size()));
  const int m = std::clamp(fits, 1, kMaxCodeMagnification);
  const auto size = static_cast<std::uint8_t>(((m - 1) << 4) | (m - 1));
  put(out, {kEsc, 'E', 1, kGs, '!', size});
  put(out, text);
  put(out, {kLf, kGs, '!', 0x00, kEsc, 'E', 0});
}

void qr_block(Bytes& out, const std::string& url, const PrinterProfile& profile) {
  if (url.empty()) return;
  const QrCode code = qr_encode(url);
  if (code.empty()) return;  // too long for any QR code: the screen still shows the ticket
  if (profile.native_qr) {
    // The printer adds no quiet zone above or below: a blank line on each side gives it one.
    out.push_back(kLf);
    put(out, encode_native_qr(url, native_qr_module_size(code.width, profile)));
    out.push_back(kLf);
  } else {
    put(out, encode_raster(qr_bitmap(code, raster_qr_scale(code.width, profile), kQuietZoneModules)));
  }
}

}  // namespace

Bytes encode_status_query(int n) {
  if (n < 1 || n > 4) return {};
  return {kDle, kEot, static_cast<std::uint8_t>(n)};
}

Bytes encode_status_queries() {
  Bytes out;
  for (int n = 1; n <= 4; ++n) put(out, encode_status_query(n));
  return out;
}

Bytes encode_raster(const Bitmap& image) {
  Bytes out;
  if (image.empty()) return out;
  const auto stride = static_cast<std::size_t>(image.stride());
  for (int top = 0; top < image.height; top += kMaxBandRows) {
    const auto rows = static_cast<std::size_t>(std::min(kMaxBandRows, image.height - top));
    put(out, {kGs, 'v', '0', 0, lo(stride), hi(stride), lo(rows), hi(rows)});
    const auto first =
        image.bits.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(top) * stride);
    const std::size_t data_at = out.size();
    out.insert(out.end(), first, first + static_cast<std::ptrdiff_t>(rows * stride));
    // Printers act on DLE EOT n wherever it appears, image data included, and would answer a status query
    // nobody asked, which the next real query would then read. Such a run holds a lone dot (0x04): dropping
    // that one dot changes nothing a reader can see and keeps the stream free of stray queries.
    for (std::size_t i = data_at; i + 2 < out.size(); ++i) {
      if (out[i] == kDle && out[i + 1] == kEot && out[i + 2] >= 1 && out[i + 2] <= 4) out[i + 1] = 0x00;
    }
  }
  return out;
}

Bytes encode_native_qr(std::string_view data, int module_size) {
  Bytes out;
  // cn = 49 ('1') selects QR in every GS ( k function; the two bytes after "GS ( k" count what follows.
  put(out, {kGs, '(', 'k', 4, 0, '1', 'A', '2', 0});  // fn 165: model 2
  put(out,
      {kGs, '(', 'k', 3, 0, '1', 'C', static_cast<std::uint8_t>(std::clamp(module_size, 1, 16))});  // fn 167
  put(out, {kGs, '(', 'k', 3, 0, '1', 'E', '1'});  // fn 169: level M is 49
  const std::size_t len = data.size() + 3;         // fn 180 counts cn, fn and m too
  put(out, {kGs, '(', 'k', lo(len), hi(len), '1', 'P', '0'});
  out.insert(out.end(), data.begin(), data.end());
  put(out, {kGs, '(', 'k', 3, 0, '1', 'Q', '0'});  // fn 181: print the stored symbol
  return out;
}

Bitmap qr_bitmap(const QrCode& code, int scale, int quiet_zone) {
  if (code.empty() || scale <= 0) return {};
  quiet_zone = std::max(0, quiet_zone);
  const int side = (code.width + 2 * quiet_zone) * scale;
  Bitmap image = Bitmap::blank(side, side);
  for (int my = 0; my < code.width; ++my) {
    for (int mx = 0; mx < code.width; ++mx) {
      if (!code.dark(mx, my)) continue;
      const int x0 = (quiet_zone + mx) * scale;
      const int y0 = (quiet_zone + my) * scale;
      for (int y = y0; y < y0 + scale; ++y) {
        for (int x = x0; x < x0 + scale; ++x) image.set_black(x, y);
      }
    }
  }
  return image;
}

int raster_qr_scale(int qr_width, const PrinterProfile& profile) {
  if (qr_width <= 0) return 1;
  const int min_dots = kMinQrMillimetres * std::max(1, profile.dots_per_mm);
  const int wanted = (min_dots + qr_width - 1) / qr_width;
  const int fits = profile.dots_per_line / (qr_width + 2 * kQuietZoneModules);
  return std::max(1, std::min(wanted, fits));
}

int native_qr_module_size(int qr_width, const PrinterProfile& profile) {
  const int wanted = std::clamp(profile.qr_module_size, 1, 16);
  if (qr_width <= 0) return wanted;
  const int fits = profile.dots_per_line / (qr_width + 2 * kQuietZoneModules);
  return std::max(1, std::min(wanted, fits));
}

Bytes encode_ticket(const TicketLayout& layout, const PrinterProfile& profile, const TextRasterizer& raster) {
  Bytes out;
  put(out, {kEsc, '@'});  // initialise
  put(out, {kEsc, 't', static_cast<std::uint8_t>(std::clamp(profile.code_page, 0, 255))});
  put(out, {kEsc, 'a', 1});  // centre everything
  text_line(out, layout.location, profile, raster, false);
  out.push_back(kLf);
  code_line(out, layout.code, profile);
  // The topic, the position and the help line are in the resident's language; the place and time are not.
  // Arabic script is right-to-left whatever the catalogue says (core's script rule); Arabic and Ge'ez never
  // fit a code page, so text_line draws those lines as images.
  const bool rtl = layout.help_rtl || script_of(layout.help_language) == Script::arabic;
  text_line(out, layout.topic, profile, raster, rtl);
  text_line(out, layout.time, profile, raster, false);
  text_line(out, layout.position, profile, raster, rtl);
  qr_block(out, layout.qr_url, profile);
  text_line(out, layout.help, profile, raster, rtl);
  if (profile.cut) {
    put(out, {kEsc, 'd', 3});     // a margin under the last line
    put(out, {kGs, 'V', 66, 0});  // feed to the cutter and cut partially
  } else {
    put(out, {kEsc, 'd', 6});  // without a cutter the last line must pass the tear bar
  }
  return out;
}

}  // namespace wk::print
