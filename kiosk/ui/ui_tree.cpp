#include "ui/ui_tree.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace wk::ui {

void UiTree::begin_frame(std::string screen, float origin_x, float origin_y) {
  screen_ = std::move(screen);
  ox_ = origin_x;
  oy_ = origin_y;
  nodes_.clear();
  texts_ = 0;
}

void UiTree::add(UiNode node) {
  node.x += ox_;
  node.y += oy_;
  nodes_.push_back(std::move(node));
}

bool UiTree::write_if_changed(const std::string& path) {
  if (path.empty() || (ever_written_ && nodes_ == written_ && screen_ == written_screen_)) return true;
  nlohmann::json j = {{"screen", screen_}, {"elements", nlohmann::json::array()}};
  for (const auto& n : nodes_) {
    nlohmann::json e = {{"id", n.id},
                        {"label", n.label},
                        {"role", n.role},
                        {"rect",
                         {{"x", static_cast<int>(n.x)},
                          {"y", static_cast<int>(n.y)},
                          {"w", static_cast<int>(n.w)},
                          {"h", static_cast<int>(n.h)}}}};
    if (n.selected) e["selected"] = true;
    if (n.cap_px > 0) e["cap"] = static_cast<double>(n.cap_px);
    j["elements"].push_back(std::move(e));
  }
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "w");
  if (!f) return false;
  // A label is not always UTF-8 (a catalogue saved in another encoding, a screen name cut mid-letter):
  // such bytes are written as U+FFFD rather than thrown, which would end the kiosk mid-frame.
  const std::string text = j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !ok || std::rename(tmp.c_str(), path.c_str()) != 0) return false;
  written_ = nodes_;
  written_screen_ = screen_;
  ever_written_ = true;
  return true;
}

}  // namespace wk::ui
