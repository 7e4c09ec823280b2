// What every device does: read its location's config (GET /v1/config) and say how it is (POST /v1/heartbeat).
#include <map>
#include <optional>
#include <set>

#include "core/clock.hpp"
#include "core/clock_offset.hpp"
#include "service/fleet_codes.hpp"
#include "service/http.hpp"

namespace wk::service::http {
namespace {

// RFC 9110 If-None-Match: a list of entity tags or "*", compared weakly (a W/ prefix does not matter).
bool etag_matches(const std::string& if_none_match, const std::string& etag) {
  if (if_none_match.empty()) return false;
  std::size_t at = 0;
  while (at < if_none_match.size()) {
    std::size_t end = if_none_match.find(',', at);
    if (end == std::string::npos) end = if_none_match.size();
    std::string_view tag(if_none_match.data() + at, end - at);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    at = end + 1;
  }
  return false;
}

void get_config(Context& ctx, const Request& req, Response& res) {
  // Staff read it too: the counter shows the topics by their names, in the location's language.
  const auto device = authorize(ctx, req, res, {"kiosk", "display", "staff"});
  if (!device) return;
  auto location = ctx.db.location(device->location);
  if (!location) return send_store_error(res, location.error());
  if (!location.value() || location.value()->config_json.empty())
    return send_error(res, 404, "no_config",
                      "The location '" + device->location +
                          "' has no config yet; IT sets one with 'wijkqueue location set-config'.");
  const store::LocationRow& row = *location.value();
  res.set_header("ETag", row.config_etag);
  res.set_header("Cache-Control", "no-cache");
  if (etag_matches(req.get_header_value("If-None-Match"), row.config_etag)) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(row.config_json, "application/json");
}

constexpr std::size_t kMaxUpdateReportBytes = 4096;  // a report with its bad versions is far below this

// Checks one heartbeat field; the first problem becomes a 422 naming the field.
struct HeartbeatCheck {
  const nlohmann::json& body;
  std::string field, problem;

  bool fail(const char* name, const char* what) {
    if (field.empty()) {
      field = name;
      problem = std::string("The field '") + name + "' " + what + ".";
    }
    return false;
  }
  bool count(const char* name, bool optional) {
    if (!body.contains(name) || body[name].is_null()) return optional || fail(name, "is missing");
    if (!body[name].is_number_integer() || body[name].get<std::int64_t>() < 0)
      return fail(name, "must be a whole number of 0 or more");
    return true;
  }
};

// The service's clock minus the kiosk's, as the kiosk learned it from the Date of the answers: null while
// it does not know; bounded, so a broken kiosk cannot store a number no reader can hold exactly.
bool clock_offset_ok(const nlohmann::json& v) {
  if (v.is_null()) return true;
  if (v.is_number_unsigned()) return v.get<std::uint64_t>() <= static_cast<std::uint64_t>(kMaxClockOffsetMs);
  if (!v.is_number_integer()) return false;
  const auto ms = v.get<std::int64_t>();
  return ms >= -kMaxClockOffsetMs && ms <= kMaxClockOffsetMs;
}

void post_heartbeat(Context& ctx, const Request& req, Response& res) {
  const auto device = authorize(ctx, req, res, {"kiosk", "display"});
  if (!device) return;
  const auto body = read_json_body(req, res);
  if (!body) return;
  if (!body->is_object()) return send_error(res, 422, "field_invalid", "The body must be a JSON object.");
  HeartbeatCheck check{*body, {}, {}};
  const nlohmann::json& b = *body;
  if (!b.contains("version"))
    check.fail("version", "is missing");
  else if (!b["version"].is_string() || b["version"].get<std::string>().empty() ||
           b["version"].get<std::string>().size() > 64)
    check.fail("version", "must be a version text of at most 64 characters");
  check.count("uptime_s", false);
  check.count("outbox_depth", false);
  check.count("oldest_unsent_s", true);  // null while nothing waits
  static const std::set<std::string> kPrinter = {"ok",         "paper_low", "paper_out",
                                                 "cover_open", "offline",   "none"};
  if (!b.contains("printer"))
    check.fail("printer", "is missing");
  else if (!b["printer"].is_string() || !kPrinter.count(b["printer"].get<std::string>()))
    check.fail("printer", "must be one of ok, paper_low, paper_out, cover_open, offline, none");
  if (b.contains("last_sync_at") && !b["last_sync_at"].is_null() &&  // null until the first sync
      (!b["last_sync_at"].is_string() || !parse_rfc3339(b["last_sync_at"].get<std::string>())))
    check.fail("last_sync_at", "must be an RFC 3339 time or null");
  if (b.contains("config_etag") && !b["config_etag"].is_null() &&  // optional: the config the kiosk uses
      (!b["config_etag"].is_string() || b["config_etag"].get<std::string>().size() > 128))
    check.fail("config_etag", "must be the ETag of GET /v1/config, or null");
  if (b.contains("clock_offset_ms") && !clock_offset_ok(b["clock_offset_ms"]))  // null until the kiosk knows
    check.fail("clock_offset_ms",
               "must be a whole number of milliseconds, at most a century either way, or null");
  // Optional (older kiosks do not send it): true while the kiosk refuses tickets for want of space.
  if (b.contains("outbox_full") && !b["outbox_full"].is_null() && !b["outbox_full"].is_boolean())
    check.fail("outbox_full", "must be true, false or null");
  // Optional (older kiosks do not send them): the kiosk's numbering slot s of n, for the fleet's check
  // that no two kiosks of a location can hand out the same number.
  for (const char* name : {"slot", "slots"})
    if (b.contains(name) && !b[name].is_null() &&
        (!b[name].is_number_integer() || b[name].get<std::int64_t>() < 1 ||
         b[name].get<std::int64_t>() > 999))
      check.fail(name, "must be a whole number from 1 to 999, or null");
  // Optional (kiosks before the updater do not send it): the updater's last report (docs/updates.md), kept
  // as the kiosk sent it for IT to read; bounded, so a broken kiosk cannot bloat the fleet's rows.
  if (b.contains("update") && !b["update"].is_null() &&
      (!b["update"].is_object() || b["update"].dump().size() > kMaxUpdateReportBytes))
    check.fail("update", "must be the updater's report, a JSON object of at most 4096 bytes, or null");
  if (check.field.empty() && b.contains("slot") && b.contains("slots") && b["slot"].is_number_integer() &&
      b["slots"].is_number_integer() && b["slot"].get<std::int64_t>() > b["slots"].get<std::int64_t>())
    check.fail("slot", "must not be above slots");
  if (!check.field.empty())
    return send_error(res, 422, b.contains(check.field) ? "field_invalid" : "field_missing", check.problem,
                      check.field);

  // Only the known fields are kept: unknown ones are ignored, as everywhere in the API.
  nlohmann::json stored = nlohmann::json::object();
  for (const char* key : {"version", "uptime_s", "outbox_depth", "oldest_unsent_s", "printer", "last_sync_at",
                          "config_etag", "clock_offset_ms", "outbox_full", "slot", "slots", "update"})
    stored[key] = b.contains(key) ? b[key] : nlohmann::json();
  if (auto r = ctx.db.record_heartbeat(device->id, stored.dump(), ctx.now()); !r)
    return send_store_error(res, r.error());
  res.status = 204;
}

// IT's view of every device: role, location, when last seen and its last heartbeat (admin only), which
// holds the device's clock_offset_ms, so IT sees a kiosk with a wrong clock.
void get_fleet(Context& ctx, const Request& req, Response& res) {
  if (!authorize(ctx, req, res, {"admin"})) return;
  auto rows = ctx.db.fleet();
  if (!rows) return send_store_error(res, rows.error());
  nlohmann::json devices = nlohmann::json::array();
  std::map<std::string, std::optional<std::string>> newest_etag;  // by location id; nullopt: no such location
  for (const auto& r : rows.value()) {
    nlohmann::json d = {
        {"id", r.device.id},
        {"name", r.device.name},
        {"role", r.device.role},
        {"location", r.device.location},
        {"last_seen_at",
         r.device.last_seen_at ? nlohmann::json(to_rfc3339(*r.device.last_seen_at)) : nlohmann::json()},
        {"heartbeat", nullptr},
        // A revoked device stays listed, so IT sees when it was shut out (its token gets 401).
        {"revoked_at", r.revoked_at ? nlohmann::json(to_rfc3339(*r.revoked_at)) : nlohmann::json()}};
    if (!r.heartbeat_json.empty()) d["heartbeat"] = nlohmann::json::parse(r.heartbeat_json, nullptr, false);
    // Whether the device uses its location's newest config: null when it has not said which it uses.
    d["config_current"] = nullptr;
    const auto& hb = d["heartbeat"];
    if (hb.is_object() && hb.contains("config_etag") && hb["config_etag"].is_string()) {
      auto known = newest_etag.find(r.device.location);
      if (known == newest_etag.end()) {  // one look per location, not per device
        auto location = ctx.db.location(r.device.location);
        if (!location) return send_store_error(res, location.error());
        known = newest_etag
                    .emplace(r.device.location,
                             location.value() ? std::optional(location.value()->config_etag) : std::nullopt)
                    .first;
      }
      if (known->second) d["config_current"] = hb["config_etag"] == *known->second;
    }
    devices.push_back(std::move(d));
  }
  // Kiosks that can hand out one another's numbers, and the codes two tickets came to share.
  auto collisions = ctx.db.code_collisions_by_device();
  if (!collisions) return send_store_error(res, collisions.error());
  add_code_checks(devices, collisions.value());
  res.status = 200;
  res.set_content(nlohmann::json{{"devices", devices}}.dump(), "application/json");
}

}  // namespace

void install_device_routes(Router& router, Context& ctx) {
  router.get("/v1/config", [&ctx](const Request& req, Response& res) { get_config(ctx, req, res); });
  router.post("/v1/heartbeat", [&ctx](const Request& req, Response& res) { post_heartbeat(ctx, req, res); });
  router.get("/v1/fleet", [&ctx](const Request& req, Response& res) { get_fleet(ctx, req, res); });
}

}  // namespace wk::service::http
