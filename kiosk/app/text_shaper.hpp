#pragma once
// The ui's TextShaper, done by the platform's HarfBuzz and FriBidi adapter (platform/text_shaping.hpp).
// Only text with right-to-left letters is shaped at all, and the Arabic font is opened for HarfBuzz the
// first time such text is drawn: a Dutch kiosk never pays for it. Shaped lines are kept (a screen draws the
// same lines every frame), up to a bound. UI thread only, like the adapter.
#include <string>
#include <string_view>
#include <unordered_map>

#include "ui/theme.hpp"

namespace wk::app {

class PlatformShaper : public ui::TextShaper {
 public:
  explicit PlatformShaper(std::string arabic_font) : arabic_font_(std::move(arabic_font)) {}
  std::string visual(std::string_view logical_line) const override;

 private:
  std::string arabic_font_;
  mutable bool started_ = false;
  mutable std::unordered_map<std::string, std::string> shaped_;
};

}  // namespace wk::app
