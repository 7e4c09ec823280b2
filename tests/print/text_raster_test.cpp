// Text drawn with a real font (DejaVu Sans from fonts-dejavu-core), and the raster QR read back by zbarimg:
// the checks a person would make by looking at the paper.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>

#include "print/escpos.hpp"
#include "print/qr.hpp"
#include "print/text_raster.hpp"
#include "print_test_util.hpp"

namespace wk::print {
namespace {

std::shared_ptr<const Font> dejavu() {
  auto font = load_font(default_font_path());
  return font.ok() ? font.value() : nullptr;
}

int black_dots(const Bitmap& b) {
  int n = 0;
  for (int y = 0; y < b.height; ++y) {
    for (int x = 0; x < b.width; ++x) n += b.black(x, y) ? 1 : 0;
  }
  return n;
}

TEST(TextRaster, MissingOrBrokenFontIsAnError) {
  EXPECT_FALSE(load_font("/nonexistent/font.ttf").ok());
  EXPECT_FALSE(font_from_bytes({1, 2, 3}).ok());
  EXPECT_FALSE(font_from_bytes(std::vector<unsigned char>(64, 0)).ok());
  // The lazy rasteriser with a missing font draws nothing, so the encoder falls back to '?'.
  EXPECT_TRUE(lazy_font_rasterizer("/nonexistent/font.ttf")("Скануйте", 576, false).empty());
}

TEST(TextRaster, DrawsUkrainianAndArabic) {
  auto font = dejavu();
  if (!font) GTEST_SKIP() << "DejaVuSans.ttf not installed";
  for (const char* text : {"Скануйте код", "امسح الرمز", "ﺍﻣﺴﺢ"}) {
    EXPECT_TRUE(font_covers(*font, text)) << text;
    const Bitmap b = render_text(*font, text, 28, 576, false);
    ASSERT_FALSE(b.empty()) << text;
    EXPECT_LE(b.width, 576);
    EXPECT_GE(b.height, 28);
    EXPECT_LT(b.height, 60);  // one line
    EXPECT_GT(black_dots(b), 100) << text;
    EXPECT_EQ(b.bits.size(), static_cast<std::size_t>(b.stride() * b.height));
  }
}

// The paragraph direction orders mixed text: in a right-to-left line the code stands left of the Arabic,
// in a left-to-right one right of it. (A line of Arabic alone reads the same either way.)
TEST(TextRaster, DeterministicAndRtlOrdersTheParagraph) {
  auto font = dejavu();
  if (!font) GTEST_SKIP() << "DejaVuSans.ttf not installed";
  const Bitmap a = render_text(*font, "رقمك S-012", 28, 576, true);
  const Bitmap b = render_text(*font, "رقمك S-012", 28, 576, true);
  EXPECT_EQ(a.bits, b.bits);
  const Bitmap ltr = render_text(*font, "رقمك S-012", 28, 576, false);
  EXPECT_NE(a.bits, ltr.bits);
  EXPECT_EQ(render_text(*font, "امسح الرمز", 28, 576, true).bits,
            render_text(*font, "امسح الرمز", 28, 576, false).bits);
}

TEST(TextRaster, WrapsToThePaperWidth) {
  auto font = dejavu();
  if (!font) GTEST_SKIP() << "DejaVuSans.ttf not installed";
  const std::string text = "Скануйте код телефоном, щоб стежити за своєю чергою в черзі";
  const Bitmap one = render_text(*font, "Скануйте", 28, 384, false);
  const Bitmap many = render_text(*font, text, 28, 384, false);
  EXPECT_LE(many.width, 384);
  EXPECT_GE(many.height, 2 * one.height);
}

TEST(TextRaster, EmptyTextIsAnEmptyImage) {
  auto font = dejavu();
  if (!font) GTEST_SKIP() << "DejaVuSans.ttf not installed";
  EXPECT_TRUE(render_text(*font, "", 28, 576, false).empty());
  EXPECT_TRUE(render_text(*font, "   ", 28, 576, false).empty());
  EXPECT_TRUE(render_text(*font, "x", 0, 576, false).empty());
}

TEST(TextRaster, TicketWithUkrainianHelpLineHasNoQuestionMarks) {
  if (!dejavu()) GTEST_SKIP() << "DejaVuSans.ttf not installed";
  TicketLayout l;
  l.code = "S-012";
  l.help = "Скануйте код";
  const Bytes bytes = encode_ticket(l, profile_for("generic", 58).value(), lazy_font_rasterizer());
  // Not the '?' fallback (image data may hold 0x3F bytes of its own, so look for the fallback line).
  EXPECT_EQ(test::find(bytes, test::txt("???????? ???\n")), std::string::npos);
  EXPECT_NE(test::find(bytes, test::hex("1D 76 30 00")), std::string::npos);
}

// The raster QR, written as a PBM image (the same 1-bit rows as GS v 0), must scan as the URL.
TEST(RasterQr, ZbarReadsTheUrl) {
  if (std::system("command -v zbarimg >/dev/null 2>&1") != 0) GTEST_SKIP() << "zbarimg not installed";
  const std::string url = "https://q.example.nl/s/AbC123";
  const PrinterProfile p = profile_for("generic-raster", 58).value();
  const QrCode code = qr_encode(url);
  const Bitmap image = qr_bitmap(code, raster_qr_scale(code.width, p));
  test::ScratchDir dir;
  const std::string pbm = dir.file("qr.pbm");
  {
    std::ofstream out(pbm, std::ios::binary);
    out << "P4\n" << image.width << " " << image.height << "\n";
    out.write(reinterpret_cast<const char*>(image.bits.data()),
              static_cast<std::streamsize>(image.bits.size()));
  }
  const std::string cmd = "zbarimg -q --raw " + pbm + " 2>/dev/null";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string read;
  char buf[256];
  while (std::fgets(buf, sizeof buf, pipe) != nullptr) read += buf;
  ::pclose(pipe);
  while (!read.empty() && read.back() == '\n') read.pop_back();
  EXPECT_EQ(read, url);
}

}  // namespace
}  // namespace wk::print
