// Golden tests of the ESC/POS encoder. The expected bytes are written out by hand from the Epson ESC/POS
// command reference, command by command, so that a change in the encoder shows as a byte diff here.
#include <gtest/gtest.h>

#include <cstdlib>

#include "print/codepage.hpp"
#include "print/escpos.hpp"
#include "print/qr.hpp"
#include "print_test_util.hpp"

namespace wk::print {
namespace {

using test::cat;
using test::hex;
using test::to_hex;
using test::txt;

TicketLayout reference_layout() {
  TicketLayout l;
  l.location = "Café Ringvaart";
  l.code = "S-012";
  l.topic = "Geld € ideeën naïef";
  l.time = "24-11-2026 09:05";
  l.position = "Nummer 3";
  l.qr_url = "https://q.example.nl/s/AbC123";  // 29 bytes
  l.help = "Scan de code";
  l.help_language = "nl";
  return l;
}

PrinterProfile profile(const std::string& model, int paper_mm) {
  auto p = profile_for(model, paper_mm);
  EXPECT_TRUE(p.ok()) << model;
  return p.ok() ? p.value() : PrinterProfile{};
}

// Everything up to the QR code, the same for every 80 mm and 58 mm profile with PC858: font A is 12 dots,
// so "S-012" (5 characters, 60 dots) fits three times enlarged on 360 dots and more.
// One printed line per row below: clang-format would put each byte string on a row of its own.
Bytes reference_text_part() {
  // clang-format off
  return cat({
      hex("1B 40"),     // ESC @: initialise
      hex("1B 74 13"),  // ESC t 19: PC858
      hex("1B 61 01"),  // ESC a 1: centred
      txt("Caf"), hex("82"), txt(" Ringvaart"), hex("0A"),                 // é = 0x82
      hex("0A"),                                                           // a blank line
      hex("1B 45 01 1D 21 22"), txt("S-012"), hex("0A 1D 21 00 1B 45 00"), // bold and 3x3, then back
      txt("Geld "), hex("D5"), txt(" idee"), hex("89"), txt("n na"), hex("8B"), txt("ef"), hex("0A"),  // € ë ï
      txt("24-11-2026 09:05"), hex("0A"),
      txt("Nummer 3"), hex("0A"),
  });
  // clang-format on
}

Bytes reference_end_part() {
  return cat({txt("Scan de code"), hex("0A"),
              hex("1B 64 03"),       // ESC d 3: feed three lines
              hex("1D 56 42 00")});  // GS V 66 0: feed to the cutter, partial cut
}

Bytes native_qr_part(int module) {
  const auto m = static_cast<std::uint8_t>(module);
  // clang-format off
  return cat({
      hex("0A"),                                         // quiet zone above
      hex("1D 28 6B 04 00 31 41 32 00"),                 // fn 165: model 2
      hex("1D 28 6B 03 00 31 43"), Bytes{m},             // fn 167: module size
      hex("1D 28 6B 03 00 31 45 31"),                    // fn 169: ECC M (49)
      hex("1D 28 6B 20 00 31 50 30"),                    // fn 180: pL = 29 + 3 = 0x20, pH = 0
      txt("https://q.example.nl/s/AbC123"),
      hex("1D 28 6B 03 00 31 51 30"),                    // fn 181: print
      hex("0A"),                                         // quiet zone below
  });
  // clang-format on
}

void expect_bytes(const Bytes& actual, const Bytes& expected) {
  ASSERT_EQ(actual.size(), expected.size())
      << "actual:   " << to_hex(actual) << "\nexpected: " << to_hex(expected);
  for (std::size_t i = 0; i < actual.size(); ++i) {
    ASSERT_EQ(actual[i], expected[i]) << "first difference at byte " << i << "\nactual:   " << to_hex(actual);
  }
}

TEST(Escpos, GoldenNativeQrEpsonTmT20At80mm) {
  const PrinterProfile p = profile("epson-tm-t20", 80);
  EXPECT_EQ(p.dots_per_line, 576);
  EXPECT_EQ(p.qr_module_size, 8);
  expect_bytes(encode_ticket(reference_layout(), p),
               cat({reference_text_part(), native_qr_part(8), reference_end_part()}));
}

TEST(Escpos, GoldenNativeQrEpsonTmT88At58mm) {
  // The 180 dpi TM-T88 on 58 mm paper: 360 dots, module size 7 (29 + 8 quiet modules = 259 dots fit).
  const PrinterProfile p = profile("epson-tm-t88", 58);
  EXPECT_EQ(p.dots_per_line, 360);
  expect_bytes(encode_ticket(reference_layout(), p),
               cat({reference_text_part(), native_qr_part(7), reference_end_part()}));
}

// The raster QR expected from the matrix alone: 10 dots per module (29 * 10 = 290 dots >= 35 mm at 8
// dots/mm), a 4-module quiet zone, 370 x 370 dots, 47 bytes a row.
Bytes expected_qr_bits(const QrCode& code, int scale, int stride) {
  const int side = (code.width + 8) * scale;
  Bytes bits(static_cast<std::size_t>(stride * side), 0);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const int mx = x / scale - 4;
      const int my = y / scale - 4;
      if (mx < 0 || my < 0 || mx >= code.width || my >= code.width || !code.dark(mx, my)) continue;
      bits[static_cast<std::size_t>(y * stride + x / 8)] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
    }
  }
  return bits;
}

TEST(Escpos, GoldenRasterQrGenericRasterAt80mm) {
  const TicketLayout layout = reference_layout();
  const QrCode code = qr_encode(layout.qr_url);
  ASSERT_EQ(code.width, 29);  // version 3: 29 bytes do not fit version 2 at level M
  const Bytes expected = cat({
      reference_text_part(),
      hex("1D 76 30 00"),  // GS v 0, normal density
      hex("2F 00"),        // 47 bytes a row (370 dots)
      hex("72 01"),        // 370 rows
      expected_qr_bits(code, 10, 47),
      reference_end_part(),
  });
  expect_bytes(encode_ticket(layout, profile("generic-raster", 80)), expected);
}

TEST(Escpos, RasterQrIsAtLeast35mmAndFitsThePaper) {
  for (int paper : {58, 80}) {
    for (const std::string& model : known_models()) {
      const PrinterProfile p = profile(model, paper);
      for (int width = 21; width <= 177; width += 4) {
        const int scale = raster_qr_scale(width, p);
        EXPECT_LE((width + 8) * scale, p.dots_per_line) << model << " " << width;
        if ((width + 8) * ((35 * p.dots_per_mm + width - 1) / width) <= p.dots_per_line) {
          EXPECT_GE(width * scale, 35 * p.dots_per_mm) << model << " " << width;
        }
        EXPECT_LE((width + 8) * native_qr_module_size(width, p), std::max(p.dots_per_line, width + 8));
      }
    }
  }
}

TEST(Escpos, QrStoreDataPayloadIsTheUrl) {
  // A URL longer than 255 bytes needs pH: 300 + 3 = 303 = 0x012F.
  const std::string url = "https://q.example.nl/s/" + std::string(277, 'x');
  ASSERT_EQ(url.size(), 300u);
  TicketLayout layout = reference_layout();
  layout.qr_url = url;
  const Bytes bytes = encode_ticket(layout, profile("generic", 80));
  const std::size_t at = test::find(bytes, hex("1D 28 6B 2F 01 31 50 30"));
  ASSERT_NE(at, std::string::npos) << to_hex(bytes);
  const Bytes payload(bytes.begin() + static_cast<std::ptrdiff_t>(at + 8),
                      bytes.begin() + static_cast<std::ptrdiff_t>(at + 8 + url.size()));
  EXPECT_EQ(std::string(payload.begin(), payload.end()), url);
  EXPECT_NE(test::find(bytes, hex("1D 28 6B 03 00 31 51 30"), at), std::string::npos);
}

TEST(Escpos, NoQrWhenThereIsNoUrlOrItIsTooLong) {
  TicketLayout layout = reference_layout();
  layout.qr_url.clear();
  EXPECT_EQ(test::find(encode_ticket(layout, profile("generic", 80)), hex("1D 28 6B")), std::string::npos);
  layout.qr_url = std::string(5000, 'x');  // more than any QR code holds at level M
  EXPECT_EQ(test::find(encode_ticket(layout, profile("generic", 80)), hex("1D 28 6B")), std::string::npos);
  EXPECT_EQ(test::find(encode_ticket(layout, profile("generic-raster", 80)), hex("1D 76 30")),
            std::string::npos);
}

TEST(Escpos, NoCutWithoutACutter) {
  PrinterProfile p = profile("generic", 80);
  p.cut = false;
  const Bytes bytes = encode_ticket(reference_layout(), p);
  EXPECT_EQ(test::find(bytes, hex("1D 56")), std::string::npos);
  const Bytes tail(bytes.end() - 3, bytes.end());
  EXPECT_EQ(tail, hex("1B 64 06"));
}

TEST(Escpos, StatusQueries) {
  EXPECT_EQ(encode_status_query(1), hex("10 04 01"));
  EXPECT_EQ(encode_status_query(4), hex("10 04 04"));
  EXPECT_TRUE(encode_status_query(0).empty());
  EXPECT_TRUE(encode_status_query(5).empty());
  EXPECT_EQ(encode_status_queries(), hex("10 04 01 10 04 02 10 04 03 10 04 04"));
}

TEST(Escpos, RasterCommandAndBands) {
  Bitmap b = Bitmap::blank(10, 2);  // 2 bytes a row
  b.set_black(0, 0);
  b.set_black(9, 1);
  EXPECT_EQ(encode_raster(b), hex("1D 76 30 00 02 00 02 00  80 00  00 40"));
  EXPECT_TRUE(encode_raster(Bitmap{}).empty());
  const Bytes tall = encode_raster(Bitmap::blank(8, 1500));  // 1024 + 476 rows
  EXPECT_EQ(tall.size(), 8u + 1024u + 8u + 476u);
  EXPECT_EQ(Bytes(tall.begin(), tall.begin() + 8), hex("1D 76 30 00 01 00 00 04"));
  EXPECT_EQ(Bytes(tall.begin() + 1032, tall.begin() + 1040), hex("1D 76 30 00 01 00 DC 01"));
}

TEST(Escpos, RasterDataNeverSpellsAStatusQuery) {
  Bitmap b = Bitmap::blank(48, 1);
  b.bits = {0x10, 0x04, 0x02, 0x10, 0x04, 0x09};  // DLE EOT 2 is broken up; DLE EOT 9 is no command
  EXPECT_EQ(encode_raster(b), hex("1D 76 30 00 06 00 01 00  10 00 02 10 04 09"));
}

TEST(Escpos, TextCannotSmuggleCommands) {
  TicketLayout layout = reference_layout();
  layout.location =
      "A\x1B@\x1D"
      "V\x10\x04\nB";
  const Bytes bytes = encode_ticket(layout, profile("generic", 80));
  // After ESC @, ESC t and ESC a, the location line: every control character became '?'.
  EXPECT_EQ(Bytes(bytes.begin() + 8, bytes.begin() + 8 + 11), cat({txt("A?@?V???B"), hex("0A 0A")}));
}

// The help line in a script PC858 lacks goes to the rasteriser; its image is sent with GS v 0.
TEST(Escpos, HelpLineOutsideTheCodePageIsAnImage) {
  TicketLayout layout = reference_layout();
  layout.help = "Скануйте код";
  layout.help_language = "uk";
  std::string asked;
  int asked_width = 0;
  const TextRasterizer raster = [&](std::string_view text, int max_width, bool rtl) {
    asked = std::string(text);
    asked_width = max_width;
    EXPECT_FALSE(rtl);
    Bitmap b = Bitmap::blank(16, 2);
    b.bits = {0xF0, 0x0F, 0xAA, 0x55};
    return b;
  };
  const PrinterProfile p = profile("generic", 80);
  const Bytes bytes = encode_ticket(layout, p, raster);
  EXPECT_EQ(asked, layout.help);
  EXPECT_EQ(asked_width, 576);
  const Bytes expected_end = cat({hex("1D 76 30 00 02 00 02 00 F0 0F AA 55"), hex("1B 64 03 1D 56 42 00")});
  ASSERT_GE(bytes.size(), expected_end.size());
  EXPECT_EQ(Bytes(bytes.end() - static_cast<std::ptrdiff_t>(expected_end.size()), bytes.end()), expected_end);
  // Without a rasteriser the characters print as '?', which is still a ticket.
  const Bytes plain = encode_ticket(layout, p);
  EXPECT_NE(test::find(plain, cat({txt("???????? ???"), hex("0A 1B 64 03")})), std::string::npos);
}

TEST(Escpos, RightToLeftReachesTheRasteriser) {
  TicketLayout layout = reference_layout();
  layout.help = "امسح الرمز";
  layout.help_rtl = true;
  bool rtl_seen = false;
  const Bytes bytes = encode_ticket(layout, profile("generic", 80), [&](std::string_view, int, bool rtl) {
    rtl_seen = rtl;
    return Bitmap::blank(8, 1);
  });
  EXPECT_TRUE(rtl_seen);
  EXPECT_NE(test::find(bytes, hex("1D 76 30 00 01 00 01 00 00 1B 64 03")), std::string::npos);
}

TEST(Escpos, RasteriserImageWiderThanThePaperIsCut) {
  TicketLayout layout = reference_layout();
  layout.help = "Скануйте";
  const Bytes bytes = encode_ticket(layout, profile("generic", 58),
                                    [](std::string_view, int, bool) { return Bitmap::blank(1000, 1); });
  EXPECT_NE(test::find(bytes, hex("1D 76 30 00 30 00 01 00")), std::string::npos);  // 384 dots = 48 bytes
}

TEST(CodePage, DutchAndEuroInPc858) {
  EXPECT_EQ(to_code_page("é ë ï €", 19), hex("82 20 89 20 8B 20 D5"));
  EXPECT_EQ(to_code_page("É Ë Ï ü ö", 19), hex("90 20 D3 20 D8 20 81 20 94"));
  EXPECT_EQ(to_code_page("plain", 19), txt("plain"));
  EXPECT_TRUE(fits_code_page("Café € ideeën", 19));
  EXPECT_FALSE(fits_code_page("Привіт", 19));
  EXPECT_FALSE(fits_code_page("مرحبا", 19));
  EXPECT_EQ(to_code_page("Ω→", 19), txt("??"));
}

TEST(CodePage, Pc437HasNoEuro) {
  EXPECT_EQ(to_code_page("é€", 0), hex("82 3F"));
  EXPECT_FALSE(fits_code_page("€", 0));
  EXPECT_TRUE(code_page_known(0));
  EXPECT_FALSE(code_page_known(16));
  EXPECT_EQ(to_code_page("aé", 16), txt("a?"));  // a page without a table prints ASCII only
}

TEST(CodePage, TypographicPunctuationPrintsAsAscii) {
  EXPECT_EQ(to_code_page("ander’s “x” – …", 19), txt("ander's \"x\" - ..."));
  EXPECT_TRUE(fits_code_page("ander’s", 19));
}

TEST(CodePage, BrokenUtf8BecomesQuestionMarks) {
  EXPECT_EQ(to_code_page("a\xC3", 19), txt("a?"));        // truncated
  EXPECT_EQ(to_code_page("\xC0\xAF", 19), txt("?"));      // overlong '/' must not become '/'
  EXPECT_EQ(to_code_page("\xED\xA0\x80", 19), txt("?"));  // a surrogate
  EXPECT_EQ(to_code_page("\xFF"
                         "b",
                         19),
            txt("?b"));
  EXPECT_EQ(to_code_page("\xE2\x82"
                         "x",
                         19),
            txt("?x"));  // broken in the middle: resynchronise
  EXPECT_EQ(decode_utf8("\xF0\x9F\x98\x80"), std::u32string(1, U'\U0001F600'));
}

}  // namespace
}  // namespace wk::print
