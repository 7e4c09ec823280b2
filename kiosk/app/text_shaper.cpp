#include "app/text_shaper.hpp"

#include <algorithm>
#include <cstdio>

#include "platform/text_shaping.hpp"

namespace wk::app {
namespace {

constexpr std::size_t kKeptLines = 512;  // a few screens in a few languages; then it starts afresh

// Whether the line has a letter of a right-to-left script: UTF-8 lead bytes of U+0590..U+08FF (Hebrew,
// Arabic, Syriac, Thaana), or Arabic presentation forms (U+FB1D..U+FEFF, lead byte EF, second AC..BB).
bool has_rtl(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xD6 && b <= 0xE0 &&
        !(b == 0xE0 && (i + 1 >= s.size() || static_cast<unsigned char>(s[i + 1]) > 0xA3)))
      return true;
    if (b == 0xEF && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0xAC &&
        static_cast<unsigned char>(s[i + 1]) <= 0xBB)
      return true;
  }
  return false;
}

}  // namespace

std::string PlatformShaper::visual(std::string_view logical_line) const {
  if (!has_rtl(logical_line)) return std::string(logical_line);
  if (!started_) {
    started_ = true;
    if (auto r = platform::Shaping_Init(arabic_font_); !r)
      std::fprintf(stderr, "wijkkiosk: Arabic is shaped without its font: %s\n",
                   to_string(r.error()).c_str());
  }
  const std::string key(logical_line);
  if (auto it = shaped_.find(key); it != shaped_.end()) return it->second;
  if (shaped_.size() >= kKeptLines) shaped_.clear();
  return shaped_.emplace(key, platform::Shaping_VisualLine(logical_line)).first->second;
}

}  // namespace wk::app
