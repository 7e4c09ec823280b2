// Arabic and Tigrinya on paper: Arabic joined by FriBidi and in visual order with Latin codes left-to-right
// inside it, Ge'ez drawn from Noto Sans Ethiopic where DejaVu Sans has no glyphs, and whole tickets in both
// languages going out as images. Expected results are drawn from hand-made visual sequences and compared
// dot for dot.
#include <gtest/gtest.h>

#include "core/utf8.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "core/catalogue.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/ticket.hpp"
#include "core/ticket_layout.hpp"
#include "print/codepage.hpp"
#include "print/escpos.hpp"
#include "print/text_raster.hpp"
#include "print_test_util.hpp"

namespace wk::print {
namespace {

std::shared_ptr<const Font> font_at(const std::string& path) {
  auto font = load_font(path);
  return font.ok() ? font.value() : nullptr;
}

std::string utf8(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) out += to_utf8(c);
  return out;
}

// A visual sequence wrapped in LEFT-TO-RIGHT OVERRIDE ... POP DIRECTIONAL FORMATTING: drawn in exactly the
// order given, the way the expected result of a shaped and ordered line is drawn by hand.
std::string as_drawn(std::u32string_view visual) {
  return utf8(U"\u202D" + std::u32string(visual) + U"\u202C");
}

int black_dots(const Bitmap& b) {
  int n = 0;
  for (int y = 0; y < b.height; ++y) {
    for (int x = 0; x < b.width; ++x) n += b.black(x, y) ? 1 : 0;
  }
  return n;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ScriptRaster : public ::testing::Test {
 protected:
  void SetUp() override {
    dejavu_ = font_at(default_font_path());
    arabic_ = font_at(arabic_font_path());
    ethiopic_ = font_at(ethiopic_font_path());
    if (!dejavu_) GTEST_SKIP() << "DejaVuSans.ttf not installed (fonts-dejavu-core)";
    if (!arabic_) GTEST_SKIP() << "NotoSansArabic-Regular.ttf not installed (fonts-noto-core)";
    if (!ethiopic_) GTEST_SKIP() << "NotoSansEthiopic-Regular.ttf not installed (fonts-noto-core)";
  }
  FontChain chain() const { return {dejavu_, arabic_, ethiopic_}; }

  std::shared_ptr<const Font> dejavu_;
  std::shared_ptr<const Font> arabic_;
  std::shared_ptr<const Font> ethiopic_;
};

// سلام: seen initial, lam-alef as one final ligature, meem isolated (alef does not join to its left);
// drawn right to left.
TEST_F(ScriptRaster, ArabicIsJoinedToPresentationForms) {
  EXPECT_EQ(visual_line(U"سلام", true), U"\uFEE1\uFEFC\uFEB3");
  EXPECT_TRUE(font_covers(*dejavu_, utf8(U"\uFEE1\uFEFC\uFEB3")));
  const Bitmap joined = render_text(*dejavu_, "سلام", 28, 576, true);
  EXPECT_EQ(joined.bits, render_text(*dejavu_, as_drawn(U"\uFEE1\uFEFC\uFEB3"), 28, 576, false).bits);
  // The letters one by one, as the old rasteriser printed them: isolated forms, no ligature.
  const Bitmap unjoined = render_text(*dejavu_, as_drawn(U"\uFEE1\uFE8D\uFEDD\uFEB1"), 28, 576, false);
  EXPECT_NE(joined.bits, unjoined.bits);
  // Joined letters connect: the word is narrower than its letters standing apart.
  const Bitmap apart = render_text(*dejavu_, "س ل ا م", 28, 576, true);
  EXPECT_LT(joined.width, apart.width);
  EXPECT_NE(joined.bits, apart.bits);
}

// The printer's chain draws Arabic with Noto Sans Arabic, which has every presentation form that shaping
// the Arabic catalogue makes (the rest, like the ellipsis, DejaVu draws); the joined, ordered line is the
// hand-made sequence drawn by the chain.
TEST_F(ScriptRaster, ArabicComesFromNotoSansArabicJoined) {
  EXPECT_TRUE(font_covers(*arabic_, utf8(U"\uFEE1\uFEFC\uFEB3\uFEDA\uFEE4\uFED7\uFEAD")));
  const std::string po = read_text(std::string(WIJKKIOSK_SOURCE_DIR) + "/assets/i18n/ar.po");
  std::istringstream lines(po);
  int checked = 0;
  std::string gaps;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("msgstr \"", 0) != 0 || line.size() < 9) continue;
    const std::u32string shaped = visual_line(decode_utf8(line.substr(8, line.size() - 9)), true);
    for (char32_t c : shaped) {
      const std::string one = utf8(std::u32string(1, c));
      const bool arabic = (c >= U'\u0600' && c <= U'\u06FF') || (c >= U'\uFB50' && c <= U'\uFEFE');
      if (!font_covers(arabic ? FontChain{arabic_} : chain(), one)) gaps += line + ": " + one + "\n";
    }
    ++checked;
  }
  EXPECT_GT(checked, 50);
  EXPECT_TRUE(gaps.empty()) << gaps;
  const Bitmap joined = render_text(chain(), "سلام", 28, 576, true);
  EXPECT_EQ(joined.bits, render_text(chain(), as_drawn(U"\uFEE1\uFEFC\uFEB3"), 28, 576, true).bits);
  EXPECT_NE(joined.bits, render_text(*dejavu_, "سلام", 28, 576, true).bits);
  EXPECT_EQ(render_text(chain(), "رقمك S-012", 28, 576, true).bits,
            render_text(chain(), as_drawn(U"S-012 \uFEDA\uFEE4\uFED7\uFEAD"), 28, 576, false).bits);
}

// The ticket code inside Arabic keeps its order; the Arabic around it reads right to left, joined.
TEST_F(ScriptRaster, TicketCodeInsideArabicStaysLeftToRight) {
  // رقمك: reh isolated (it does not join to its left), qaf initial, meem medial, kaf final.
  const std::u32string expected = U"S-012 \uFEDA\uFEE4\uFED7\uFEAD";
  EXPECT_EQ(visual_line(U"رقمك S-012", true), expected);
  const Bitmap line = render_text(*dejavu_, "رقمك S-012", 28, 576, true);
  const Bitmap by_hand = render_text(*dejavu_, as_drawn(expected), 28, 576, false);
  EXPECT_EQ(line.width, by_hand.width);
  EXPECT_EQ(line.height, by_hand.height);
  EXPECT_EQ(line.bits, by_hand.bits);
  EXPECT_GT(black_dots(line), 100);
}

// Brackets around a Latin code in Arabic belong to the Arabic: they sit right to left and are mirrored,
// which reversing code points could not do (it printed ")S-012(").
TEST_F(ScriptRaster, BracketsInArabicAreMirrored) {
  const std::u32string expected = U"(S-012) \uFEDA\uFEE4\uFED7\uFEAD";
  EXPECT_EQ(visual_line(U"رقمك (S-012)", true), expected);
  EXPECT_EQ(render_text(*dejavu_, "رقمك (S-012)", 28, 576, true).bits,
            render_text(*dejavu_, as_drawn(expected), 28, 576, false).bits);
  // The same words in a left-to-right paragraph: the code comes first from the right, so the order differs.
  EXPECT_NE(visual_line(U"رقمك (S-012)", false), expected);
}

TEST_F(ScriptRaster, LatinAndTigrinyaKeepTheirOrder) {
  EXPECT_EQ(visual_line(U"Scan de code S-012", false), U"Scan de code S-012");
  EXPECT_EQ(visual_line(U"ስራሕን ኣታውን", false), U"ስራሕን ኣታውን");
  EXPECT_EQ(render_text(*dejavu_, "Scan S-012", 28, 576, false).bits,
            render_text(*dejavu_, as_drawn(U"Scan S-012"), 28, 576, false).bits);
}

// Every Ge'ez letter in the Tigrinya catalogue: DejaVu Sans lacks it, Noto Sans Ethiopic has it, and the
// chain draws it with ink that is not the missing-glyph box.
TEST_F(ScriptRaster, EveryTigrinyaGlyphHasInkFromTheFallbackFont) {
  const std::string po = read_text(std::string(WIJKKIOSK_SOURCE_DIR) + "/assets/i18n/ti.po");
  ASSERT_FALSE(po.empty());
  std::set<char32_t> geez;
  for (char32_t c : decode_utf8(po)) {
    if ((c >= 0x1200 && c <= 0x139F) || (c >= 0x2D80 && c <= 0x2DDF) || (c >= 0xAB00 && c <= 0xAB2F))
      geez.insert(c);
  }
  ASSERT_GT(geez.size(), 50u);

  ASSERT_FALSE(font_covers(chain(), utf8(U"\u0378")));  // unassigned: no font has it
  const Bitmap missing = render_text(chain(), utf8(U"\u0378"), 28, 576, false);
  std::string gaps;
  for (char32_t c : geez) {
    const std::string one = utf8(std::u32string(1, c));
    if (font_covers(*dejavu_, one)) gaps += "DejaVu has " + one + " (the fallback is not needed for it)\n";
    if (!font_covers(*ethiopic_, one)) gaps += "Noto Sans Ethiopic lacks " + one + "\n";
    const Bitmap glyph = render_text(chain(), one, 28, 576, false);
    if (black_dots(glyph) < 10) gaps += "no ink for " + one + "\n";
    if (glyph.width == missing.width && glyph.bits == missing.bits)
      gaps += one + " is the missing-glyph box\n";
  }
  EXPECT_TRUE(gaps.empty()) << gaps;

  // A whole line: the chain covers it, and it is not what DejaVu alone draws (boxes).
  const std::string help = "ተራኹም ብተሌፎንኩም ንምክትታል ነቲ ኮድ ስካን ግበሩ";
  EXPECT_TRUE(font_covers(chain(), help));
  EXPECT_FALSE(font_covers(*dejavu_, help));
  const Bitmap line = render_text(chain(), help, 28, 576, false);
  EXPECT_GT(black_dots(line), 500);
  EXPECT_NE(line.bits, render_text(*dejavu_, help, 28, 576, false).bits);
  EXPECT_EQ(line.bits, render_text(chain(), help, 28, 576, false).bits);  // deterministic
}

// Arabic and Ge'ez are sized like the main font's letters: a line of either is about as tall as a line of
// Latin, and as long as a line of the same font's glyphs in the main font would be.
TEST_F(ScriptRaster, ArabicAndGeezLinesAreTheSizeOfLatinLines) {
  const Bitmap latin = render_text(chain(), "Scan de code", 28, 576, false);
  const Bitmap geez = render_text(chain(), "ስራሕን ኣታውን", 28, 576, false);
  EXPECT_GE(geez.height, latin.height);
  EXPECT_LE(geez.height, latin.height + 12);
  const Bitmap arabic = render_text(chain(), "امسح الرمز لتتابع دورك على هاتفك", 28, 576, true);
  const Bitmap arabic_dejavu = render_text(*dejavu_, "امسح الرمز لتتابع دورك على هاتفك", 28, 576, true);
  EXPECT_GE(arabic.height, latin.height);
  EXPECT_LE(arabic.height, latin.height + 12);
  EXPECT_GT(arabic.width, arabic_dejavu.width * 2 / 3);
  EXPECT_LT(arabic.width, arabic_dejavu.width * 3 / 2);
}

// What the encoder hands the rasteriser for one ticket, and what it got back.
struct Drawn {
  std::string text;
  bool rtl = false;
  Bitmap image;
};

Catalogues shipped_catalogues() {
  Catalogues texts;
  for (const char* lang : {"nl", "ar", "ti"}) {
    const std::string path = std::string(WIJKKIOSK_SOURCE_DIR) + "/assets/i18n/" + lang + ".po";
    auto c = Catalogue::parse(read_text(path), path);
    EXPECT_TRUE(c.ok()) << path;
    if (c.ok()) texts.add(lang, std::move(c.value()));
  }
  return texts;
}

LocationConfig location() {
  LocationConfig config;
  config.name = "Wijkcentrum De Ringvaart";
  config.languages = {"nl", "en", "ar", "ti"};
  Topic t;
  t.id = "schulden";
  t.letter = 'S';
  t.names = {{"nl", "Geldzorgen en schulden"}, {"ar", "مشاكل المال والديون"}, {"ti", "ጸገም ገንዘብን ዕዳን"}};
  config.topics.push_back(t);
  return config;
}

// The whole ticket in Arabic and in Tigrinya: the lines in the resident's language go as images drawn by
// the real fonts (Arabic right to left), the others as text, and the bytes are the same every time.
TEST_F(ScriptRaster, WholeTicketsInArabicAndTigrinyaPrintAsImages) {
  const Catalogues texts = shipped_catalogues();
  const LocationConfig config = location();
  const TzRule tz = parse_tz_rule("UTC0").value();
  const PrinterProfile profile = profile_for("generic", 58).value();
  for (const std::string lang : {"ar", "ti"}) {
    SCOPED_TRACE(lang);
    Ticket t;
    t.code = "S-012";
    t.topic = "schulden";
    t.language = lang;
    t.created_at = 1795510800000;
    t.public_token = "AbC123";
    TicketLayout l = layout_ticket(t, config, tz, texts, "https://q.example.nl");
    ASSERT_EQ(l.help, texts.tr(lang, "Scan to follow your turn on your phone"));
    ASSERT_NE(l.help, "Scan to follow your turn on your phone");  // translated
    l.position = lang == "ar" ? "أنت رقم 3" : "ቁጽሪ 3 ኢኹም";

    std::vector<Drawn> drawn;
    const TextRasterizer fonts = lazy_font_rasterizer();
    const TextRasterizer recording = [&](std::string_view text, int max_width, bool rtl) {
      Bitmap image = fonts(text, max_width, rtl);
      drawn.push_back({std::string(text), rtl, image});
      return image;
    };
    const Bytes bytes = encode_ticket(l, profile, recording);
    ASSERT_EQ(drawn.size(), 3u);  // topic, position and help; the place, code and time are plain text
    EXPECT_EQ(drawn[0].text, lang == "ar" ? "مشاكل المال والديون" : "ጸገም ገንዘብን ዕዳን");
    EXPECT_EQ(drawn[1].text, l.position);
    EXPECT_EQ(drawn[2].text, l.help);
    for (const Drawn& d : drawn) {
      EXPECT_EQ(d.rtl, lang == "ar") << d.text;
      EXPECT_FALSE(d.image.empty()) << d.text;
      EXPECT_LE(d.image.width, profile.dots_per_line) << d.text;
      EXPECT_GT(black_dots(d.image), 200) << d.text;
      EXPECT_TRUE(font_covers(chain(), d.text)) << d.text;
    }
    // Three images on paper and no line of question marks; the code stays text.
    std::size_t images = 0;
    for (std::size_t at = test::find(bytes, test::hex("1D 76 30 00")); at != std::string::npos;
         at = test::find(bytes, test::hex("1D 76 30 00"), at + 1)) {
      ++images;
    }
    EXPECT_GE(images, 3u);
    EXPECT_NE(test::find(bytes, test::txt("S-012")), std::string::npos);
    EXPECT_NE(test::find(bytes, test::txt("Wijkcentrum De Ringvaart\n")), std::string::npos);
    EXPECT_EQ(test::find(bytes, test::txt("???")), std::string::npos);
    EXPECT_EQ(bytes, encode_ticket(l, profile, lazy_font_rasterizer()));
  }
}

// Arabic is right-to-left by core's script rule even when the layout does not say so.
TEST(TicketScripts, ArabicLinesAreRightToLeftByTheScriptRule) {
  TicketLayout l;
  l.code = "S-012";
  l.help = "امسح الرمز";
  l.help_language = "ar";
  l.help_rtl = false;
  std::vector<bool> rtl;
  encode_ticket(l, profile_for("generic", 58).value(), [&](std::string_view, int, bool r) {
    rtl.push_back(r);
    return Bitmap::blank(8, 8);
  });
  ASSERT_EQ(rtl.size(), 1u);
  EXPECT_TRUE(rtl[0]);
}

}  // namespace
}  // namespace wk::print
