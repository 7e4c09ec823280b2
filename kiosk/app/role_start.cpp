#include "app/role_start.hpp"

#include <cstdio>

#include "app/kiosk_config.hpp"
#include "store/tz_file.hpp"

namespace wk::app {

Result<RoleStart> role_start(const std::string& config_path, Token token) {
  auto device = load_device_config(config_path);
  if (!device) return device.error();
  RoleStart start;
  start.device = device.value();
  start.client.base_url = start.device.service_url;
  start.client.ca_file = start.device.ca_file;
  if (token == Token::device) {
    auto t = net::read_token_file(start.device.token_file);
    if (!t) return t.error();
    start.client.token = t.value();
  }
  if (auto location = load_location_config(start.device)) start.location = location.value();
  return start;
}

int start_failed(const Error& e) {
  std::fprintf(stderr, "wijkkiosk: %s\n", to_string(e).c_str());
  return 1;
}

std::optional<TzRule> tz_of(const LocationConfig& location) {
  auto tz = store::load_tz_rule(location.timezone);
  if (tz) return tz.value();
  std::fprintf(stderr, "wijkkiosk: %s; the clock keeps the time zone it had\n",
               to_string(tz.error()).c_str());
  return std::nullopt;
}

ShellParams role_window(const DeviceConfig& device, const GuiOptions& opt, std::string role,
                        std::string title, int width, int height) {
  ShellParams p;
  p.role = std::move(role);
  p.title = std::move(title);
  p.width = width;
  p.height = height;
  p.dpi_override = device.dpi_override;
  p.ui_tree_path = opt.ui_tree_path;
  p.data_dir = device.data_dir;
  p.good_after_s = device.update_good_after_s;
  p.started = opt.started;
  p.clear_color = ImGui::ColorConvertU32ToFloat4(ui::Theme{}.background);
  return p;
}

platform::FontOptions font_sizes(float normal_mm, float large_mm, float huge_mm, std::string huge_text) {
  platform::FontOptions fo;
  fo.normal_mm = normal_mm;
  fo.large_mm = large_mm;
  fo.huge_mm = huge_mm;
  fo.huge_text = std::move(huge_text);
  fo.arabic = true;  // as before scripts were chosen: the counter and the display load all of Arabic
  return fo;
}

std::string printable_ascii() {
  std::string s;
  for (char ch = 0x20; ch < 0x7F; ++ch) s += ch;
  return s;
}

std::string in_every_language(const Catalogues& texts, const char* msgid) {
  std::string s;
  for (const auto& l : texts.languages()) s += texts.tr(l, msgid);
  return s;
}

}  // namespace wk::app
