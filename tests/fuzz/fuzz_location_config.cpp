// A location config as TOML (core/config.cpp, location_config_from_toml: what the installer puts beside a
// kiosk and `wijkqueue` loads), and a valid one written back as JSON and read again, as the service hands it
// to kiosks (GET /v1/config) and the kiosk caches it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto config =
      wk::location_config_from_toml(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml");
  if (!config) return 0;
  const std::string json = wk::to_json(config.value()).dump();
  // What the service sends must be a config the kiosk takes back.
  if (!wk::location_config_from_json(nlohmann::json::parse(json), "fuzz.json")) std::abort();
  return 0;
}
