#pragma once
// The queue service's database (wijkqueue), one SQLite file: locations with their config, devices with
// the hash of their token, and tickets. The schema is versioned from day one (see service_schema.cpp).
// One connection guarded by a mutex serves all of the server's threads: simple, and the service's load
// (a few kiosks per location) is far below what one SQLite writer does.
// Tokens are hashed by the caller (service/): store/ only ever sees and keeps hashes.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/ticket.hpp"

struct sqlite3;

namespace wk::store {

struct LocationRow {
  std::string id, name, timezone;
  std::string config_json;  // empty: no config set yet
  std::string config_etag;  // strong ETag of config_json, quotes included
};

struct DeviceRow {
  std::string id, name;
  std::string role;      // kiosk | display | admin
  std::string location;  // a location id, or "*" for admin
  UnixMs created_at = 0;
  std::optional<UnixMs> last_seen_at;
};

// A device as IT's fleet view shows it: its last heartbeat as the service stored it.
struct FleetRow {
  DeviceRow device;
  std::string heartbeat_json;  // empty before the first heartbeat
};

struct StoredTicket {
  Ticket ticket;
  std::string location;
  std::string status;  // "waiting" for now; the counter issue adds the rest of the lifecycle
};

enum class TicketOutcome { created, retry };

struct TicketInsert {
  TicketOutcome outcome = TicketOutcome::created;
  StoredTicket stored;
};

struct PublicTicket {
  std::string code, topic, status;
  int position = 0;  // 1 = next in line; 0 when no longer waiting
};

struct TicketCount {
  std::string location, topic;
  std::int64_t count = 0;
};

enum class OpenMode { create_new, existing };

class ServiceDb {
 public:
  // create_new refuses a file that already exists; existing refuses one that does not.
  static Result<std::unique_ptr<ServiceDb>> open(const std::string& path, OpenMode mode);
  ~ServiceDb();
  ServiceDb(const ServiceDb&) = delete;
  ServiceDb& operator=(const ServiceDb&) = delete;

  Result<int> schema_version();
  static int latest_schema_version();
  Result<void> ping();  // a trivial query: /healthz

  // Settings are plain key/value pairs (e.g. where the server's certificate lives).
  Result<void> set_setting(const std::string& key, const std::string& value);
  Result<std::optional<std::string>> setting(const std::string& key);

  Result<void> add_location(const std::string& id, const std::string& name, const std::string& timezone,
                            UnixMs now);
  Result<std::optional<LocationRow>> location(const std::string& id);
  Result<void> set_location_config(const std::string& id, const std::string& config_json,
                                   const std::string& etag);

  Result<void> add_device(const DeviceRow& device, const std::string& token_hash);
  Result<std::optional<DeviceRow>> device_by_token_hash(const std::string& token_hash);
  Result<void> record_heartbeat(const std::string& device_id, const std::string& heartbeat_json, UnixMs now);
  Result<std::vector<FleetRow>> fleet();  // every kiosk and display, by location and name
  Result<std::map<std::string, std::int64_t>> device_counts();  // per role

  // One transaction: a new ticket is stored (created); the same id with the same body hash at the same
  // location returns the stored one (retry); otherwise an Error "id_conflict" or "code_taken".
  // The ticket's local_day and number must be filled in by the caller.
  Result<TicketInsert> insert_ticket(const Ticket& ticket, const std::string& location,
                                     const std::string& body_hash, UnixMs now);
  Result<std::optional<PublicTicket>> public_ticket(const std::string& public_token);
  Result<std::vector<TicketCount>> ticket_counts();

 private:
  explicit ServiceDb(sqlite3* db) : db_(db) {}
  Result<void> configure_and_migrate();

  std::mutex mu_;
  sqlite3* db_;
};

}  // namespace wk::store
