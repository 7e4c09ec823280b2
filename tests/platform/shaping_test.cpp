// Text shaping for ImGui (platform/text_shaping): what the adapter hands ImGui, mapped to glyphs through the
// same font's cmap, must be the glyph sequence HarfBuzz's own `hb-shape` command picks for the same word and
// font. No display needed.
#include <gtest/gtest.h>
#include <hb.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "platform/text_shaping.hpp"
#include "support/process.hpp"

namespace wk::platform {
namespace {

constexpr const char* kArabicFont = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";

std::vector<char32_t> codepoints(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
    char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
    for (int k = 1; k <= extra && i + static_cast<std::size_t>(k) < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

class ShapingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(kArabicFont);
    ASSERT_NE(blob, nullptr) << "apt-get install fonts-noto-core";
    hb_face_t* face = hb_face_create(blob, 0);
    font_ = hb_font_create(face);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
  }
  static void TearDownTestSuite() {
    hb_font_destroy(font_);
    font_ = nullptr;
  }
  void SetUp() override {
    auto init = Shaping_Init(kArabicFont);
    ASSERT_TRUE(init) << to_string(init.error());
  }
  void TearDown() override { Shaping_Shutdown(); }

  // What ImGui draws for `visual`: each codepoint through the font's cmap (0: the font has none).
  static std::vector<unsigned> glyphs_of(const std::string& visual) {
    std::vector<unsigned> out;
    for (char32_t cp : codepoints(visual)) {
      hb_codepoint_t glyph = 0;
      hb_font_get_nominal_glyph(font_, cp, &glyph);
      out.push_back(glyph);
    }
    return out;
  }

  // HarfBuzz's own answer, from the command line: glyph ids in visual order, "[47|104|417]".
  static std::vector<unsigned> hb_shape(const std::string& text) {
    const auto run =
        test::run_command({"/usr/bin/env", "hb-shape", "--no-glyph-names", "--no-positions", "--no-clusters",
                           "--direction=rtl", "--script=arab", "--language=ar", kArabicFont, text});
    EXPECT_EQ(run.exit_code, 0) << "apt-get install libharfbuzz-bin: " << run.err;
    std::string line = run.out.substr(0, run.out.find('\n'));
    EXPECT_TRUE(line.size() >= 2 && line.front() == '[' && line.back() == ']') << line;
    std::vector<unsigned> out;
    std::istringstream in(line.substr(1, line.size() - 2));
    std::string id;
    while (std::getline(in, id, '|')) out.push_back(static_cast<unsigned>(std::stoul(id)));
    return out;
  }

  static hb_font_t* font_;
};

hb_font_t* ShapingTest::font_ = nullptr;

// Words and short lines of the kiosk's Arabic screens: greeting, "your number", debts, back, start again,
// choose your language, thank you, help, the language's own name, and ones with lam-alef and hamza.
const std::vector<std::string> kArabic = {
    "مرحبا",        "السلام",        "رقمك",   "الديون",        "رجوع", "ابدأ من جديد",
    "اختر لغتك",    "شكرا",          "مساعدة", "العربية",       "لا",   "الإقامة والسكن",
    "العمل والدخل", "أريد أن أساعد", "تذكرتك", "انتظر من فضلك",
};

TEST_F(ShapingTest, ArabicWordsComeOutAsTheGlyphsHbShapePicks) {
  for (const auto& word : kArabic) {
    const std::string visual = Shaping_VisualLine(word);
    const auto ours = glyphs_of(visual);
    EXPECT_EQ(ours, hb_shape(word)) << word;
    for (unsigned g : ours) EXPECT_NE(g, 0u) << word << ": a codepoint the font cannot draw";
  }
  // What ImGui gets, for the log: presentation forms, left to right.
  std::printf("ابدأ من جديد ->");
  for (char32_t cp : codepoints(Shaping_VisualLine("ابدأ من جديد"))) std::printf(" U+%04X", unsigned(cp));
  std::printf("\n");
}

TEST_F(ShapingTest, LamAlefIsOneGlyph) {
  EXPECT_EQ(codepoints(Shaping_VisualLine("لا")), std::vector<char32_t>{0xFEFB});  // isolated lam-alef
  EXPECT_EQ(glyphs_of(Shaping_VisualLine("لا")).size(), 1u);
  // Inside a word, after a joining letter: the final form, U+FEFC; "سلام" is 4 letters and 3 glyphs.
  const auto salam = codepoints(Shaping_VisualLine("سلام"));
  EXPECT_EQ(salam.size(), 3u);
  EXPECT_NE(std::find(salam.begin(), salam.end(), 0xFEFC), salam.end());
}

TEST_F(ShapingTest, ATicketCodeInArabicStaysOneLeftToRightRunAtTheEnd) {
  // Right-to-left paragraph, the code after the word: the code shows left of it, and reads "S-012".
  const std::string visual = Shaping_VisualLine("رقمك S-012");
  ASSERT_EQ(visual.substr(0, 6), "S-012 ") << visual;
  EXPECT_EQ(glyphs_of(visual.substr(6)), hb_shape("رقمك"));

  // The code between two words: the later word to its left, the earlier to its right.
  const std::string middle = Shaping_VisualLine("رقمك S-012 الآن");
  const auto at = middle.find(" S-012 ");
  ASSERT_NE(at, std::string::npos) << middle;
  EXPECT_EQ(glyphs_of(middle.substr(0, at)), hb_shape("الآن"));
  EXPECT_EQ(glyphs_of(middle.substr(at + 7)), hb_shape("رقمك"));

  // A left-to-right paragraph with an Arabic word: the word is shaped and reversed in place.
  const std::string dutch = Shaping_VisualLine("Uw nummer S-012, رقمك");
  ASSERT_EQ(dutch.substr(0, 17), "Uw nummer S-012, ") << dutch;
}

TEST_F(ShapingTest, DigitsKeepTheirOrderAndBracketsMirror) {
  const auto visual = codepoints(Shaping_VisualLine("الطابق 12 (الباب)"));
  // Visual order, left to right: "(" of the mirrored ")", the door, ")", the 12, the floor.
  ASSERT_GE(visual.size(), 6u);
  EXPECT_EQ(visual.front(), U'(');
  const std::string text = Shaping_VisualLine("الطابق 12 (الباب)");
  EXPECT_NE(text.find(") 12 "), std::string::npos) << text;
}

TEST_F(ShapingTest, TextWithoutRightToLeftComesBackByteIdentical) {
  for (const std::string text :
       {"", "Welkom! Kies waarvoor u komt.", "Hoş geldiniz — sıranız: S-012", "Ласкаво просимо",
        "Wybierz język: ąćęłńóśźż", "ትግርኛ", "እንቋዕ ብደሓን መጻእኩም", "€ 12,50 · 09:14", "line one\nline two"}) {
    EXPECT_EQ(Shaping_VisualLine(text), text);
  }
}

TEST_F(ShapingTest, DirectionIsTheFirstStrongCharacters) {
  EXPECT_TRUE(Shaping_IsRtl("مرحبا"));
  EXPECT_TRUE(Shaping_IsRtl("رقمك S-012"));
  EXPECT_TRUE(Shaping_IsRtl("12 مرحبا"));  // digits are weak
  EXPECT_FALSE(Shaping_IsRtl("S-012 رقمك"));
  EXPECT_FALSE(Shaping_IsRtl("ትግርኛ"));
  EXPECT_FALSE(Shaping_IsRtl(""));
  EXPECT_FALSE(Shaping_IsRtl("12 - 34"));
}

TEST_F(ShapingTest, WithoutTheFontFriBidiShapesAlone) {
  Shaping_Shutdown();
  EXPECT_EQ(codepoints(Shaping_VisualLine("لا")), std::vector<char32_t>{0xFEFB});
  EXPECT_EQ(Shaping_VisualLine("رقمك S-012").substr(0, 6), "S-012 ");
  auto missing = Shaping_Init("/nonexistent/NotoSansArabic-Regular.ttf");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("fonts-noto-core"), std::string::npos);
}

TEST_F(ShapingTest, CostPerLine) {
  // Not asserted: the figures for the log. Every label of every frame goes through here.
  auto per_call_ns = [](const std::string& text) {
    const int n = 20000;
    std::size_t sink = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) sink += Shaping_VisualLine(text).size();
    const auto ns =
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
    EXPECT_GT(sink, 0u);
    return ns / n;
  };
  std::printf("Shaping_VisualLine: Dutch line %.0f ns, Arabic line %.0f ns\n",
              per_call_ns("Kies waarvoor u komt, dan krijgt u een nummer."), per_call_ns("ابدأ من جديد"));
}

}  // namespace
}  // namespace wk::platform
