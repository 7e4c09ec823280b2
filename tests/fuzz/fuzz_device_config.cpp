// A kiosk's own config file (core/config.cpp, device_config_from_toml: the TOML app/kiosk_config.cpp reads
// before resolving its paths; the rest of load_device_config is file reading and path joining).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)wk::device_config_from_toml(std::string_view(reinterpret_cast<const char*>(data), size),
                                    "kiosk.toml");
  return 0;
}
