#include "tree_checks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace wk::uitest {
namespace {

// Issue 15: a finger that misses a target by a little must not hit the next one.
constexpr float kMinGapMm = 3.0f;

std::string where(const ui::UiNode& n) {
  return "'" + n.id + "' (" + n.label + ") at x=" + std::to_string(n.x) + " y=" + std::to_string(n.y) +
         " w=" + std::to_string(n.w) + " h=" + std::to_string(n.h);
}

bool overlap(const ui::UiNode& a, const ui::UiNode& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// The free space between two rectangles: across the side where they are apart (negative: they overlap).
float gap(const ui::UiNode& a, const ui::UiNode& b) {
  const float dx = std::max(b.x - (a.x + a.w), a.x - (b.x + b.w));
  const float dy = std::max(b.y - (a.y + a.h), a.y - (b.y + b.h));
  return std::max(dx, dy);
}

}  // namespace

void expect_sound_tree(const ui::UiTree& tree, const HeadlessImGui& glass) {
  constexpr float kSlack = 0.5f;  // sub-pixel rounding of centred text
  std::set<std::string> ids;
  EXPECT_FALSE(tree.nodes().empty()) << "screen " << tree.screen() << " drew nothing into the tree";
  for (const auto& n : tree.nodes()) {
    EXPECT_FALSE(n.id.empty()) << "a node without an id: " << where(n);
    EXPECT_TRUE(ids.insert(n.id).second) << "id twice on " << tree.screen() << ": " << where(n);
    EXPECT_GE(n.x, -kSlack) << "left of the screen: " << where(n);
    EXPECT_GE(n.y, -kSlack) << "above the screen: " << where(n);
    EXPECT_LE(n.x + n.w, glass.width() + kSlack) << "right of the screen: " << where(n);
    EXPECT_LE(n.y + n.h, glass.height() + kSlack) << "below the screen: " << where(n);
    EXPECT_GE(n.w, 0.0f) << where(n);
    EXPECT_GE(n.h, 0.0f) << where(n);
    if (n.role == "button") {
      EXPECT_FALSE(n.label.empty()) << "a button that says nothing: " << where(n);
      EXPECT_GT(n.w, 0.0f) << where(n);
      EXPECT_GT(n.h, 0.0f) << where(n);
    }
  }
}

void expect_touch_targets(const ui::UiTree& tree, const HeadlessImGui& glass, float min_mm,
                          const std::string& background) {
  const float min_px = min_mm * glass.theme().px_per_mm - 0.5f;
  const auto& nodes = tree.nodes();
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto& a = nodes[i];
    if (a.role != "button") continue;
    EXPECT_GE(a.w, min_px) << "narrower than " << min_mm << " mm: " << where(a);
    EXPECT_GE(a.h, min_px) << "lower than " << min_mm << " mm: " << where(a);
    if (a.id == background) continue;
    for (std::size_t j = i + 1; j < nodes.size(); ++j) {
      if (nodes[j].role != "button" || nodes[j].id == background) continue;
      EXPECT_FALSE(overlap(a, nodes[j]))
          << "two buttons on one spot: " << where(a) << " and " << where(nodes[j]);
      EXPECT_GE(gap(a, nodes[j]), kMinGapMm * glass.theme().px_per_mm - 0.5f)
          << "less than " << kMinGapMm << " mm between " << where(a) << " and " << where(nodes[j]);
    }
  }
}

void expect_label(const ui::UiTree& tree, const std::string& id, const std::string& label) {
  const ui::UiNode* n = find(tree, id);
  ASSERT_NE(n, nullptr) << "no '" << id << "' on screen " << tree.screen();
  EXPECT_EQ(n->label, label) << "'" << id << "' on screen " << tree.screen();
}

}  // namespace wk::uitest
