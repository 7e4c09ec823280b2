#pragma once
// The kiosk's configs as the shell reads them; core validates, this finds the files and keeps the cache.
#include <functional>
#include <string>

#include "core/config.hpp"
#include "core/result.hpp"
#include "core/session.hpp"

namespace wk::app {

// Reads and validates a device config; relative paths in it are taken from the config file's folder.
Result<DeviceConfig> load_device_config(const std::string& path);

// The location config to start with: the copy last fetched from the service (data_dir/location.json) if it
// is usable, else the one the installer put beside the device config, so a kiosk that never reached its
// service still works.
Result<LocationConfig> load_location_config(const DeviceConfig& device);

// What the sync worker calls (on its thread) with each location config the service sends. A config that
// differs from the one in use is cached durably at `cache_path` first (so a restart offline starts with
// it) and then posted as ConfigChanged; one the kiosk cannot use (an unknown time zone) is refused (false),
// so the worker asks for it again.
std::function<bool(const LocationConfig&)> location_config_receiver(const LocationConfig& in_use,
                                                                    std::string cache_path,
                                                                    std::function<void(Event)> post);

}  // namespace wk::app
