#pragma once
// A location as the request handlers need it: its row, its parsed config and its time-zone rule.
// Parsing a config and reading a TZif file on every ticket would be wasteful, so both are cached: a
// config by its ETag (a new config has a new ETag, so the cache can never serve a stale one) and a
// time-zone rule by its name.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/config.hpp"
#include "store/service_db.hpp"

namespace wk::service {

struct LocationView {
  store::LocationRow row;
  std::shared_ptr<const LocationConfig> config;  // null while no config is set
  TzRule tz;
};

class LocationCache {
 public:
  explicit LocationCache(store::ServiceDb& db) : db_(db) {}
  // nullopt: no such location.
  Result<std::optional<LocationView>> get(const std::string& id);

 private:
  store::ServiceDb& db_;
  std::mutex mu_;
  struct CachedConfig {
    std::string etag;
    std::shared_ptr<const LocationConfig> config;
  };
  std::map<std::string, CachedConfig> configs_;  // by location id
  std::map<std::string, TzRule> zones_;          // by name
};

}  // namespace wk::service
