#include "support/escpos_decode.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "print/qr.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {
namespace {

Bytes bytes(const std::string& s) {
  return Bytes(s.begin(), s.end());
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// GS ( k: store the payload as QR data (fn 180), then print it (fn 181), with model 2, the module size and
// ECC M set first, as the kiosk's encoder does.
Bytes qr_commands(const std::string& payload, std::uint8_t module) {
  const std::size_t len = payload.size() + 3;
  Bytes store = {0x1D, '(', 'k', static_cast<std::uint8_t>(len & 0xFF), static_cast<std::uint8_t>(len >> 8),
                 49,   80,  48};
  store.insert(store.end(), payload.begin(), payload.end());
  return cat({{0x1D, '(', 'k', 4, 0, 49, 65, 50, 0},
              {0x1D, '(', 'k', 3, 0, 49, 67, module},
              {0x1D, '(', 'k', 3, 0, 49, 69, 49},
              store,
              {0x1D, '(', 'k', 3, 0, 49, 81, 48}});
}

const std::string kUrl = "https://wijkkiosk.example/t/8f3a2c?loc=gemeentehuis";

Bytes reference_ticket(std::uint8_t module) {
  return cat({{0x1B, '@', 0x1B, 't', 19, 0x1B, 'a', 1},
              bytes("Gemeentehuis Centrum\n"),
              {0x1D, '!', 0x11, 0x1B, 'E', 1},
              bytes("A-042\n"),
              {0x1D, '!', 0x00, 0x1B, 'E', 0},
              bytes("Paspoort & ID-kaart\n"),
              bytes("Caf\x82 \xD5 5,00 \x89 50%\n"),
              qr_commands(kUrl, module),
              {'\n'},
              bytes("Scan de code om uw beurt te volgen\n"),
              {0x1B, 'd', 3, 0x1D, 'V', 66, 0}});
}

TEST(EscposDecode, ReadsTextLinesQrSettingsAndCut) {
  const auto t = decode_escpos(reference_ticket(6));
  EXPECT_EQ(t.text_lines,
            (std::vector<std::string>{"Gemeentehuis Centrum", "A-042", "Paspoort & ID-kaart",
                                      "Café € 5,00 ë 50%", "Scan de code om uw beurt te volgen"}));
  EXPECT_EQ(t.qr_payloads, (std::vector<std::string>{kUrl}));
  EXPECT_EQ(t.qr_model, 2);
  EXPECT_EQ(t.qr_module_size, 6);
  EXPECT_EQ(t.qr_ecc, 'M');
  EXPECT_EQ(t.qr_printed, 1);
  EXPECT_EQ(t.code_page, 19);
  EXPECT_TRUE(t.cut);
  EXPECT_FALSE(t.truncated);
  EXPECT_TRUE(t.unknown.empty());
}

TEST(EscposDecode, KeepsSizeBoldAndAlignmentPerLine) {
  const auto t = decode_escpos(reference_ticket(6));
  const TicketBlock* code = nullptr;
  for (const auto& b : t.blocks) {
    if (b.kind == TicketBlock::Kind::Text && b.text == "A-042") code = &b;
  }
  ASSERT_NE(code, nullptr);
  EXPECT_EQ(code->width_mul, 2);
  EXPECT_EQ(code->height_mul, 2);
  EXPECT_TRUE(code->bold);
  EXPECT_EQ(code->align, Align::Center);
  EXPECT_EQ(t.blocks.back().kind, TicketBlock::Kind::Cut);
}

TEST(EscposDecode, CodePagesMapToUtf8) {
  EXPECT_EQ(code_page_to_utf8(0x82, 19), "é");
  EXPECT_EQ(code_page_to_utf8(0xD5, 19), "€");
  EXPECT_EQ(code_page_to_utf8(0x89, 19), "ë");
  EXPECT_EQ(code_page_to_utf8(0x8B, 19), "ï");
  EXPECT_EQ(code_page_to_utf8(0xD5, 2), "ı");
  EXPECT_EQ(code_page_to_utf8(0xD5, 0), "╒");
  EXPECT_EQ(code_page_to_utf8(0xD5, 17), "\xEF\xBF\xBD");
  // Without ESC t 19 the printer stays on PC437, where 0xD5 is no euro sign.
  EXPECT_EQ(decode_escpos({0x1B, '@', 0xD5, '\n'}).text_lines, (std::vector<std::string>{"╒"}));
}

TEST(EscposDecode, RasterKeepsTheBits) {
  // 16 x 3 dots: a checkerboard row, a solid row and a left-half row, in double width.
  const Bytes data = {0xAA, 0x55, 0xFF, 0xFF, 0xFF, 0x00};
  const auto t = decode_escpos(cat({{0x1B, '@', 0x1D, 'v', '0', 1, 2, 0, 3, 0}, data}));
  ASSERT_EQ(t.rasters.size(), 1u);
  const auto& img = t.rasters[0];
  EXPECT_EQ(img.width, 16);
  EXPECT_EQ(img.height, 3);
  EXPECT_EQ(img.scale_x, 2);
  EXPECT_EQ(img.scale_y, 1);
  EXPECT_EQ(img.bits, data);
  EXPECT_TRUE(img.dark(0, 0));
  EXPECT_FALSE(img.dark(1, 0));
  EXPECT_FALSE(img.dark(8, 0));
  EXPECT_TRUE(img.dark(9, 0));
  EXPECT_TRUE(img.dark(15, 1));
  EXPECT_TRUE(img.dark(7, 2));
  EXPECT_FALSE(img.dark(8, 2));
}

TEST(EscposDecode, TruncatedCommandsStopCleanly) {
  const Bytes full = reference_ticket(4);
  for (std::size_t n = 0; n < full.size(); ++n) {
    const auto t = decode_escpos(Bytes(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n)));
    EXPECT_FALSE(t.cut) << n;
  }
  // A raster that promises more rows than arrive, and a QR store that promises more data.
  EXPECT_TRUE(decode_escpos({0x1D, 'v', '0', 0, 10, 0, 10, 0, 1, 2, 3}).truncated);
  EXPECT_TRUE(decode_escpos({0x1D, '(', 'k', 0xFF, 0xFF, 49, 80, 48, 'h'}).truncated);
  EXPECT_TRUE(decode_escpos({0x1D, 'V'}).truncated);
  EXPECT_TRUE(decode_escpos({0x1B}).truncated);
}

TEST(EscposDecode, RandomBytesNeverCrash) {
  std::mt19937 rng(42);
  for (int round = 0; round < 2000; ++round) {
    Bytes b(rng() % 300);
    for (auto& x : b) {
      // Mostly command bytes, so that the odd paths get walked, not just text.
      const auto r = rng();
      x = (r % 4 == 0) ? static_cast<std::uint8_t>("\x10\x1B\x1D\x1C(kv0V"[r / 4 % 10])
                       : static_cast<std::uint8_t>(r >> 8);
    }
    const auto t = decode_escpos(b);
    for (const auto& img : t.rasters) {
      EXPECT_EQ(img.bits.size(), static_cast<std::size_t>(img.width / 8 * img.height));
    }
  }
}

TEST(EscposDecode, ReportsCommandsOutsideTheSubset) {
  const auto t = decode_escpos({0x1B, '@', 0x1B, 'V', 1, 0x1D, 'H', 2, 0x0C});
  EXPECT_EQ(t.unknown, (std::vector<std::string>{"ESC 0x56", "GS 0x48", "0x0C"}));
}

TEST(EscposDecode, InitDiscardsTextNotYetPrinted) {
  const auto t = decode_escpos(cat({bytes("lost"), {0x1B, '@'}, bytes("kept\n")}));
  EXPECT_EQ(t.text_lines, (std::vector<std::string>{"kept"}));
}

TEST(EscposRender, RasterPngHasTheImageSize) {
  TempDir dir;
  RasterImage img;
  img.width = 16;
  img.height = 4;
  img.bits = {0xF0, 0x0F, 0xF0, 0x0F, 0xF0, 0x0F, 0xF0, 0x0F};
  ASSERT_TRUE(write_png(img, dir.file("r.png"), 3));
  const auto id = run_command({"/usr/bin/env", "identify", "-format", "%wx%h", dir.file("r.png")});
  EXPECT_EQ(id.out, "48x12");
  img.bits.pop_back();
  EXPECT_FALSE(write_png(img, dir.file("bad.png"), 1));
}

TEST(EscposRender, ZbarReadsTheUrlFromTheRenderedReceipt) {
  TempDir dir;
  for (const std::uint8_t module : {3, 6}) {
    const std::string png = dir.file("ticket" + std::to_string(module) + ".png");
    ASSERT_TRUE(render_receipt_png(reference_ticket(module), png));
    EXPECT_EQ(scan_barcodes(png), kUrl) << "module size " << int{module};
    const auto id = run_command({"/usr/bin/env", "identify", "-format", "%w", png});
    EXPECT_EQ(id.out, "576");
  }
}

TEST(EscposRender, ZbarReadsARasterQrToo) {
  // The raster profile's way: the QR drawn as GS v 0 dots, 4 dots per module, quiet zone included.
  const auto code = wk::print::qr_encode(kUrl);
  ASSERT_FALSE(code.empty());
  constexpr int kModule = 4, kQuiet = 4;
  const int side = (code.width + 2 * kQuiet) * kModule;
  const int row = (side + 7) / 8;
  Bytes ticket = {0x1B,
                  '@',
                  0x1B,
                  'a',
                  1,
                  0x1D,
                  'v',
                  '0',
                  0,
                  static_cast<std::uint8_t>(row),
                  0,
                  static_cast<std::uint8_t>(side & 0xFF),
                  static_cast<std::uint8_t>(side >> 8)};
  Bytes bits(static_cast<std::size_t>(row * side), 0);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const int mx = x / kModule - kQuiet, my = y / kModule - kQuiet;
      if (mx >= 0 && my >= 0 && mx < code.width && my < code.width && code.dark(mx, my))
        bits[static_cast<std::size_t>(y * row + x / 8)] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
    }
  }
  ticket.insert(ticket.end(), bits.begin(), bits.end());
  ticket.insert(ticket.end(), {'\n', 0x1D, 'V', 0});

  const auto t = decode_escpos(ticket);
  ASSERT_EQ(t.rasters.size(), 1u);
  EXPECT_EQ(t.rasters[0].bits, bits);
  TempDir dir;
  const std::string receipt = dir.file("receipt.png"), alone = dir.file("alone.png");
  ASSERT_TRUE(render_receipt_png(ticket, receipt));
  EXPECT_EQ(scan_barcodes(receipt), kUrl);
  ASSERT_TRUE(write_png(t.rasters[0], alone, 2));
  EXPECT_EQ(scan_barcodes(alone), kUrl);
}

TEST(EscposRender, TextThatLooksLikeConvertSyntaxStaysText) {
  TempDir dir;
  const std::string png = dir.file("t.png");
  ASSERT_TRUE(render_receipt_png(cat({{0x1B, '@'}, bytes("@/etc/passwd %w \\n\n"), {0x1D, 'V', 0}}), png));
}

}  // namespace
}  // namespace wk::test
