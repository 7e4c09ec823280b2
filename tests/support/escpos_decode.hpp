#pragma once
// Reading back what the kiosk sends to a receipt printer: a decoder of the ESC/POS subset a ticket uses,
// and pictures of the result. Tests check the text, the QR payload and the raster bits without comparing
// whole byte strings, and the README shows the printed ticket as an image made from the same bytes.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace wk::test {

using Bytes = std::vector<std::uint8_t>;

// A GS v 0 raster image: 1 bit per dot, the same layout as on the wire (and as a binary PBM).
struct RasterImage {
  int width = 0;    // dots, a multiple of 8 because GS v 0 sends whole bytes
  int height = 0;   // dots
  int scale_x = 1;  // GS v 0 mode m: 2 for double width
  int scale_y = 1;  // GS v 0 mode m: 2 for double height
  Bytes bits;       // width / 8 bytes per row, row by row, most significant bit leftmost, 1 = black

  bool dark(int x, int y) const {
    return (bits[static_cast<std::size_t>(y) * (width / 8) + x / 8] >> (7 - x % 8) & 1) != 0;
  }
};

enum class Align { Left, Center, Right };

// One printed thing, in paper order; render_receipt_png() draws these.
struct TicketBlock {
  enum class Kind { Text, Feed, Qr, Raster, Cut };
  Kind kind = Kind::Text;
  std::string text;    // Text: the line in UTF-8; Qr: the stored payload
  int width_mul = 1;   // Text: the largest character width multiplier in the line (ESC !, GS !)
  int height_mul = 1;  // Text: the largest character height multiplier in the line
  bool bold = false;   // Text: any character emphasised (ESC E, ESC !)
  Align align = Align::Left;
  int dots = 0;           // Feed: paper fed in dots; Text: the line spacing in force
  int module_size = 3;    // Qr: dots per module (GS ( k fn 167; the printers' default is 3)
  std::size_t index = 0;  // Raster: the index into DecodedTicket::rasters
};

struct DecodedTicket {
  std::vector<std::string> text_lines;   // printed lines in UTF-8, blank lines left out
  std::vector<std::string> qr_payloads;  // GS ( k fn 180 (store) data, in order
  std::vector<RasterImage> rasters;      // GS v 0 images, in order
  bool cut = false;                      // a GS V (or ESC i / ESC m) was seen

  int code_page = 0;                 // the last ESC t n (0 = PC437, the printers' default)
  int qr_model = 0;                  // the last GS ( k fn 165 model (1 or 2), 0 when never set
  int qr_module_size = 0;            // the last GS ( k fn 167 size, 0 when never set
  char qr_ecc = 0;                   // the last GS ( k fn 169 level: 'L', 'M', 'Q' or 'H'; 0 when never set
  int qr_printed = 0;                // GS ( k fn 181 (print the stored symbol) count
  bool truncated = false;            // the bytes ended inside a command
  std::vector<std::string> unknown;  // commands outside the subset, e.g. "ESC 0x70", for tests to check
  std::vector<TicketBlock> blocks;   // everything printed, in paper order
};

// The length of the command (or text byte) that starts `data`; 0 when `data` ends before it does. Shared by
// the decoder and the test printer, which must not mistake image bytes for commands.
std::size_t escpos_command_size(std::span<const std::uint8_t> data);

// Decodes an ESC/POS byte string. Never reads past the end: a cut-off command sets `truncated` and ends the
// decoding. Text still waiting for its LF at the end (or at a cut) counts as a line. ESC @ discards it, as
// the printer does.
DecodedTicket decode_escpos(const Bytes& bytes);

// The UTF-8 text of one character byte (>= 0x20) in ESC t code page n: PC437 (0), PC850 (2) and PC858 (19)
// are known; other pages give U+FFFD for bytes above 0x7F.
std::string code_page_to_utf8(std::uint8_t byte, int code_page);

// Writes the image as a PNG, each dot `scale` pixels square (the GS v 0 double width/height applied too),
// through ImageMagick's convert. False when convert is missing or fails.
bool write_png(const RasterImage& image, const std::string& path, int scale = 1);

// Draws the whole receipt as the printer would lay it out on a white strip `dots_per_line` wide: text lines
// (double size bigger), QR symbols (encoded again from their GS ( k payload), raster images, feeds and a
// dashed line per cut. For the README and for zbarimg in tests. False when convert is missing or fails.
bool render_receipt_png(const Bytes& ticket, const std::string& path, int dots_per_line = 576);

// What `zbarimg -q --raw` reads from an image, without the trailing newline; empty when it reads nothing.
std::string scan_barcodes(const std::string& image_path);

}  // namespace wk::test
