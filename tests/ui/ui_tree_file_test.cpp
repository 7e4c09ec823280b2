// The UI tree's file (ui/ui_tree.cpp) stays JSON whatever bytes a label holds. Found by the fuzz target
// ui_tree (tests/fuzz): a screen name of the single byte 0xFF made the JSON writer throw, mid-frame.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ui/ui_tree.hpp"

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(UiTreeFile, BytesThatAreNotUtf8AreWrittenAsReplacementCharacters) {
  const std::string path = ::testing::TempDir() + "ui_tree_file_test.json";
  wk::ui::UiTree tree;
  tree.begin_frame("\xff", 0, 0);                               // the fuzzer's input, as it came
  tree.add({.id = "name", .label = "Zo\xc3", .role = "text"});  // "Zoë" cut after the first byte of ë
  tree.add({.id = "nl", .label = "Nederlands \xd0\x9a", .role = "button"});  // good UTF-8 stays as it is

  ASSERT_TRUE(tree.write_if_changed(path));
  const auto j = nlohmann::json::parse(read_all(path), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["screen"], "\xef\xbf\xbd");
  EXPECT_EQ(j["elements"][0]["label"], "Zo\xef\xbf\xbd");
  EXPECT_EQ(j["elements"][1]["label"], "Nederlands \xd0\x9a");
  std::remove(path.c_str());
}
