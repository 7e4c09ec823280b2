// Pictures of printed tickets, drawn by ImageMagick's convert from binary PBM files this code writes, so
// the tests need no image library; the QR symbols are encoded again with the kiosk's own QR encoder
// because the printer would draw them from the payload too.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "print/qr.hpp"
#include "support/escpos_decode.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {
namespace {

constexpr int kMargin = 16;       // white paper above the first line, in dots
constexpr int kQuietModules = 4;  // the white border a QR symbol needs around it to be found
constexpr int kCharWidth = 12;    // Font A: 12 x 24 dots, 48 characters on 576 dots
constexpr int kCharHeight = 24;
// DejaVu Sans Mono advances 0.602 em, so at this size a character is just under Font A's 12 dots wide and
// a full line fits the paper as it does on the printer.
constexpr double kPointsPerLine = 19.8;

// Writes a binary PBM ("P4"): rows padded to whole bytes, most significant bit leftmost, 1 = black.
bool write_pbm(const std::string& path, int width, int height, const std::function<bool(int, int)>& dark) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << "P4\n" << width << ' ' << height << '\n';
  std::string row(static_cast<std::size_t>((width + 7) / 8), '\0');
  for (int y = 0; y < height; ++y) {
    std::fill(row.begin(), row.end(), '\0');
    for (int x = 0; x < width; ++x) {
      if (dark(x, y)) row[static_cast<std::size_t>(x / 8)] |= static_cast<char>(0x80 >> (x % 8));
    }
    out << row;
  }
  return static_cast<bool>(out.flush());
}

bool write_raster_pbm(const RasterImage& image, const std::string& path) {
  const auto row_bytes = static_cast<std::size_t>(image.width / 8);
  if (image.width <= 0 || image.height <= 0 || image.bits.size() != row_bytes * image.height) return false;
  return write_pbm(path, image.width, image.height, [&](int x, int y) { return image.dark(x, y); });
}

bool run_convert(std::vector<std::string> args) {
  args.insert(args.begin(), {"/usr/bin/env", "convert"});
  try {
    return run_command(args, {}, std::chrono::seconds(60)).exit_code == 0;
  } catch (const std::exception&) {
    return false;  // convert hung or could not start: no picture, not a crashed test run
  }
}

// label: reads a file for text starting with '@' and expands '%' escapes and backslashes: keep them literal.
std::string label_text(const std::string& text) {
  std::string out = "label:";
  if (!text.empty() && text[0] == '@') out += '\\';
  for (const char c : text) {
    if (c == '%') out += '%';
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

const char* gravity(Align a) {
  return a == Align::Center ? "Center" : a == Align::Right ? "East" : "West";
}

// Builds the convert arguments for the receipt piece by piece, each in its own parentheses, stacked with
// -append at the end.
class Receipt {
 public:
  Receipt(const TempDir& dir, int width) : dir_(dir), width_(width) {}

  void blank(int dots) {
    if (dots <= 0) return;
    args_.insert(args_.end(), {"(", "-size", size(width_, dots), "xc:white", ")"});
  }

  // The printer starts a new line when one is full, so a long line becomes several.
  void text(const TicketBlock& b) {
    const auto per_line = static_cast<std::size_t>(std::max(1, width_ / (kCharWidth * b.width_mul)));
    std::size_t start = 0, chars = 0;
    for (std::size_t i = 0; i <= b.text.size(); ++i) {
      const bool at_char = i == b.text.size() || (static_cast<unsigned char>(b.text[i]) & 0xC0) != 0x80;
      if (!at_char) continue;
      if (chars == per_line || i == b.text.size()) {
        text_line(b, b.text.substr(start, i - start));
        start = i;
        chars = 0;
      }
      ++chars;
    }
  }

  void text_line(const TicketBlock& b, const std::string& line) {
    const int height = std::max(b.dots, kCharHeight) + kCharHeight * (b.height_mul - 1);
    const std::string points = std::to_string(kPointsPerLine * b.height_mul);
    args_.insert(args_.end(), {"(", "-background", "white", "-fill", "black", "-font",
                               b.bold ? "DejaVu-Sans-Mono-Bold" : "DejaVu-Sans-Mono", "-pointsize", points,
                               label_text(line)});
    if (b.width_mul != b.height_mul) {
      args_.insert(args_.end(), {"-resize", std::to_string(100 * b.width_mul / b.height_mul) + "%x100%"});
    }
    place(b.align, height);
  }

  bool qr(const TicketBlock& b) {
    const auto code = wk::print::qr_encode(b.text);
    if (code.empty()) return false;
    const int module = std::max(1, b.module_size);
    const int side = (code.width + 2 * kQuietModules) * module;
    const std::string file = next_file();
    const bool ok = write_pbm(file, side, side, [&](int x, int y) {
      const int mx = x / module - kQuietModules, my = y / module - kQuietModules;
      return mx >= 0 && my >= 0 && mx < code.width && my < code.width && code.dark(mx, my);
    });
    if (!ok) return false;
    args_.insert(args_.end(), {"(", file});
    place(b.align, side);
    return true;
  }

  bool raster(const RasterImage& image, Align align) {
    const std::string file = next_file();
    if (!write_raster_pbm(image, file)) return false;
    args_.insert(args_.end(),
                 {"(", file, "-scale",
                  std::to_string(100 * image.scale_x) + "%x" + std::to_string(100 * image.scale_y) + "%"});
    place(align, image.height * image.scale_y);
    return true;
  }

  void cut() {
    const std::string line = "stroke-dasharray 12 8 line 0,12 " + std::to_string(width_) + ",12";
    args_.insert(args_.end(), {"(", "-size", size(width_, 24), "xc:white", "-stroke", "black", "-strokewidth",
                               "2", "-draw", line, ")"});
  }

  bool write(const std::string& path) {
    std::vector<std::string> args = {"-respect-parentheses"};
    args.insert(args.end(), args_.begin(), args_.end());
    args.insert(args.end(), {"-background", "white", "-append", "+repage", "-depth", "8", "png:" + path});
    return run_convert(args);
  }

 private:
  static std::string size(int w, int h) { return std::to_string(w) + "x" + std::to_string(h); }

  // Sets the last piece on a white line of the paper's width, closing its parentheses.
  void place(Align align, int height) {
    args_.insert(args_.end(),
                 {"-background", "white", "-gravity", gravity(align), "-extent", size(width_, height), ")"});
  }

  std::string next_file() { return dir_.file("piece" + std::to_string(files_++) + ".pbm"); }

  const TempDir& dir_;
  int width_;
  int files_ = 0;
  std::vector<std::string> args_;
};

}  // namespace

bool write_png(const RasterImage& image, const std::string& path, int scale) {
  if (scale < 1) return false;
  TempDir dir("wijkkiosk-png");
  const std::string pbm = dir.file("image.pbm");
  if (!write_raster_pbm(image, pbm)) return false;
  const std::string geometry = std::to_string(image.width * scale * image.scale_x) + "x" +
                               std::to_string(image.height * scale * image.scale_y) + "!";
  return run_convert({pbm, "-scale", geometry, "png:" + path});
}

bool render_receipt_png(const Bytes& ticket, const std::string& path, int dots_per_line) {
  if (dots_per_line < 8) return false;
  const DecodedTicket t = decode_escpos(ticket);
  TempDir dir("wijkkiosk-receipt");
  Receipt r(dir, dots_per_line);
  r.blank(kMargin);
  for (const auto& b : t.blocks) {
    bool ok = true;
    switch (b.kind) {
      case TicketBlock::Kind::Text:
        r.text(b);
        break;
      case TicketBlock::Kind::Feed:
        r.blank(b.dots);
        break;
      case TicketBlock::Kind::Qr:
        ok = r.qr(b);
        break;
      case TicketBlock::Kind::Raster:
        ok = r.raster(t.rasters[b.index], b.align);
        break;
      case TicketBlock::Kind::Cut:
        r.cut();
        break;
    }
    if (!ok) return false;
  }
  if (t.blocks.empty() || t.blocks.back().kind != TicketBlock::Kind::Cut) r.blank(kMargin);
  return r.write(path);
}

std::string scan_barcodes(const std::string& image_path) {
  try {
    auto result =
        run_command({"/usr/bin/env", "zbarimg", "-q", "--raw", image_path}, {}, std::chrono::seconds(30));
    if (result.exit_code != 0) return {};
    while (!result.out.empty() && result.out.back() == '\n') result.out.pop_back();
    return result.out;
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace wk::test
