#pragma once
// What every role does first, written once: the device config, the service's address and the device's
// token, the location's config to start with, its time zone; and the shell's parameters the device and
// the command line decide (window, DPI, UI tree), so a role's main says only what is its own.
#include <optional>
#include <string>

#include "app/gui_main.hpp"
#include "app/shell.hpp"
#include "core/catalogue.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "net/queue_client.hpp"

namespace wk::app {

struct RoleStart {
  DeviceConfig device;
  net::ClientOptions client;  // the service, with the device's token when the role has one
  LocationConfig location;    // kept from before, or the installer's, or core's defaults
};
enum class Token { device, none };  // the counter logs in as a person instead
Result<RoleStart> role_start(const std::string& config_path, Token token = Token::device);
// Says why a role could not start, in the log; the exit status for it.
int start_failed(const Error& e);

// The location's time zone; none (and a line in the log) when this machine does not know it.
std::optional<TzRule> tz_of(const LocationConfig& location);

ShellParams role_window(const DeviceConfig& device, const GuiOptions& opt, std::string role,
                        std::string title, int width, int height);
platform::FontOptions font_sizes(float normal_mm, float large_mm, float huge_mm, std::string huge_text = {});
std::string printable_ascii();
// `msgid` in every language there is a catalogue for: text a font must be able to write before the
// location's config says which language it will be.
std::string in_every_language(const Catalogues& texts, const char* msgid);

}  // namespace wk::app
