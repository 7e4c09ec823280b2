// The kiosk's configs: the device's TOML (paths taken from its folder), the location config to start with
// (the copy last fetched from the service, else the installed one), and taking a new one from the service.
#include "app/kiosk_config.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <utility>

#include "store/file_write.hpp"
#include "store/tz_file.hpp"

namespace wk::app {
namespace fs = std::filesystem;

namespace {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("file_unreadable", "The file " + path + " cannot be read.", path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string resolve(const fs::path& base, const std::string& p) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (base / p).lexically_normal().string();
}

}  // namespace

// See kiosk_config.hpp: the cached copy first, the installed one otherwise.
Result<LocationConfig> load_location_config(const DeviceConfig& d) {
  const std::string cached = d.data_dir + "/location.json";
  if (fs::exists(cached)) {
    auto text = read_file(cached);
    if (text) {
      auto j = nlohmann::json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
      if (!j.is_discarded()) {
        auto c = location_config_from_json(j, cached);
        if (c) return c;
      }
    }
    std::fprintf(stderr, "wijkkiosk: the cached location config %s is unusable; using the installed one\n",
                 cached.c_str());
  }
  if (d.location_config_file.empty())
    return make_error(
        "no_location_config",
        "This kiosk has no topics yet: set location_config in its config file, or let it reach its "
        "service once.");
  auto text = read_file(d.location_config_file);
  if (!text) return text.error();
  const bool json = d.location_config_file.size() > 5 &&
                    d.location_config_file.compare(d.location_config_file.size() - 5, 5, ".json") == 0;
  if (json) {
    auto j = nlohmann::json::parse(text.value(), nullptr, false);
    if (j.is_discarded()) return make_error("bad_config", d.location_config_file + ": not valid JSON");
    return location_config_from_json(j, d.location_config_file);
  }
  return location_config_from_toml(text.value(), d.location_config_file);
}

std::function<bool(const LocationConfig&)> location_config_receiver(const LocationConfig& in_use,
                                                                    std::string cache_path,
                                                                    std::function<void(Event)> post) {
  auto current = std::make_shared<std::string>(to_json(in_use).dump());
  return [current, cache = std::move(cache_path), post = std::move(post)](const LocationConfig& config) {
    const std::string text = to_json(config).dump();
    if (text == *current) return true;
    auto tz = store::load_tz_rule(config.timezone);
    if (!tz) {
      std::fprintf(stderr, "wijkkiosk: the new location config is not used: %s\n",
                   to_string(tz.error()).c_str());
      return false;
    }
    if (auto saved = store::write_file_atomically(cache, text); !saved)
      std::fprintf(stderr, "wijkkiosk: the new location config is used but not cached: %s\n",
                   to_string(saved.error()).c_str());
    *current = text;
    std::fprintf(stderr, "wijkkiosk: a new location config from the service is in use\n");
    post(ev::ConfigChanged{config, tz.value()});
    return true;
  };
}

Result<DeviceConfig> load_device_config(const std::string& path) {
  auto text = read_file(path);
  if (!text) return text.error();
  auto cfg = device_config_from_toml(text.value(), path);
  if (!cfg) return cfg;
  DeviceConfig d = cfg.value();
  const fs::path base = fs::absolute(path).parent_path();
  d.ca_file = resolve(base, d.ca_file);
  d.token_file = resolve(base, d.token_file);
  d.data_dir = resolve(base, d.data_dir);
  d.location_config_file = resolve(base, d.location_config_file);
  d.tz_file = resolve(base, d.tz_file);
  return d;
}

}  // namespace wk::app
