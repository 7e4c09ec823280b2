#include "service/location_cache.hpp"

#include <nlohmann/json.hpp>

#include "store/tz_file.hpp"

namespace wk::service {

Result<std::optional<LocationView>> LocationCache::get(const std::string& id) {
  auto row = db_.location(id);
  if (!row) return row.error();
  if (!row.value()) return std::optional<LocationView>();
  LocationView view{*row.value(), nullptr, {}};

  std::lock_guard lock(mu_);
  auto zone = zones_.find(view.row.timezone);
  if (zone == zones_.end()) {
    auto rule = store::load_tz_rule(view.row.timezone);
    if (!rule) return rule.error();
    zone = zones_.emplace(view.row.timezone, rule.value()).first;
  }
  view.tz = zone->second;

  if (!view.row.config_json.empty()) {
    CachedConfig& cached = configs_[id];
    if (cached.etag != view.row.config_etag || !cached.config) {
      // The stored config was validated when it was set; failing here means the file was edited by hand.
      const auto j = nlohmann::json::parse(view.row.config_json, nullptr, false);
      auto config = location_config_from_json(j, "the stored config of " + id);
      if (!config) {
        configs_.erase(id);
        return config.error();
      }
      cached = {view.row.config_etag, std::make_shared<const LocationConfig>(std::move(config.value()))};
    }
    view.config = cached.config;
  }
  return std::optional<LocationView>(std::move(view));
}

}  // namespace wk::service
