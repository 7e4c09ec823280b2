// The UI tree's JSON (ui/ui_tree.cpp): labels in any Unicode, or in bytes that are not UTF-8 at all (a
// catalogue with a broken msgstr, a name cut mid-letter), must still give a file that is JSON. The input
// is split into screen name, ids and labels on newlines; rectangles come from the line numbers.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ui/ui_tree.hpp"

namespace {

std::string tree_path() {
  return "/tmp/wijkkiosk-fuzz-ui-tree-" + std::to_string(::getpid()) + ".json";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = tree_path();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  wk::ui::UiTree tree;
  const auto first = text.find('\n');
  tree.begin_frame(std::string(text.substr(0, first)), 10, 20);
  text = first == std::string_view::npos ? std::string_view() : text.substr(first + 1);
  for (int i = 0; !text.empty(); ++i) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    wk::ui::UiNode node;
    node.id = i % 2 == 0 ? std::string(line.substr(0, 8)) : tree.next_text_id();
    node.label = std::string(line);
    node.role = i % 3 == 0 ? "button" : "text";
    node.x = static_cast<float>(i * 3);
    node.y = static_cast<float>(i * 7);
    node.w = 100;
    node.h = 40;
    node.selected = i % 4 == 0;
    node.cap_px = static_cast<float>(i % 5) * 2.5f;
    tree.add(std::move(node));
  }
  if (!tree.write_if_changed(path)) std::abort();
  std::ifstream in(path, std::ios::binary);
  std::stringstream written;
  written << in.rdbuf();
  // Tests and read-aloud read this file: it must be JSON.
  if (nlohmann::json::parse(written.str(), nullptr, false).is_discarded()) std::abort();
  return 0;
}
