// The contrast rule (issue 15; WCAG 2.2 1.4.6 Contrast (Enhanced), AAA; EN 301 549 9.1.4.6): every text
// colour against every ground it is drawn on, as the theme lists them, at 7:1 or more. The figures are
// printed for docs/accessibility.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/theme.hpp"

namespace wk {
namespace {

// WCAG 2.x relative luminance of an sRGB colour packed by IM_COL32.
double luminance(ImU32 c) {
  auto channel = [](unsigned v) {
    const double s = v / 255.0;
    return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel((c >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152 * channel((c >> IM_COL32_G_SHIFT) & 0xFF) +
         0.0722 * channel((c >> IM_COL32_B_SHIFT) & 0xFF);
}

double contrast(ImU32 a, ImU32 b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

TEST(ThemeContrast, TheFormulaMatchesWcagsOwnExamples) {
  EXPECT_NEAR(contrast(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)), 21.0, 1e-9);
  EXPECT_NEAR(contrast(IM_COL32(119, 119, 119, 255), IM_COL32(255, 255, 255, 255)), 4.48, 0.01);
  // The status page's old "called" green on its ground, 2.81:1 as issue 15 measured it.
  EXPECT_NEAR(contrast(IM_COL32(0x00, 0xaa, 0x55, 255), IM_COL32(0xf4, 0xf6, 0xf8, 255)), 2.81, 0.01);
}

TEST(ThemeContrast, EveryTextOnEveryGroundIsAtLeastSevenToOne) {
  const ui::Theme theme;
  double lowest = 21;
  for (const auto& pair : theme.text_pairs()) {
    const double ratio = contrast(pair.text, pair.ground);
    lowest = std::min(lowest, ratio);
    std::printf("contrast %-28s %5.2f:1\n", pair.name, ratio);
    EXPECT_GE(ratio, 7.0) << pair.name;
  }
  std::printf("contrast lowest %.2f:1\n", lowest);
}

}  // namespace
}  // namespace wk

namespace wk {
namespace {

// "More contrast" (with bigger text) must be more, not other: every pair at least as far apart as in the
// normal theme, and none under 10:1.
TEST(ThemeContrast, MoreContrastIsMoreForEveryPair) {
  const ui::Theme normal;
  const ui::Theme more = normal.with_more_contrast();
  const auto before = normal.text_pairs();
  const auto after = more.text_pairs();
  double lowest = 21;
  for (std::size_t i = 0; i < after.size(); ++i) {
    const double ratio = contrast(after[i].text, after[i].ground);
    lowest = std::min(lowest, ratio);
    std::printf("more contrast %-28s %5.2f:1\n", after[i].name, ratio);
    EXPECT_GE(ratio, 10.0) << after[i].name;
    EXPECT_GE(ratio + 1e-9, contrast(before[i].text, before[i].ground)) << after[i].name;
  }
  std::printf("more contrast lowest %.2f:1\n", lowest);
}

}  // namespace
}  // namespace wk
