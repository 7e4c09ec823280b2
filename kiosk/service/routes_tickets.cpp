// POST /v1/tickets: a kiosk hands in a ticket it issued (maybe offline, maybe for the second time).
#include <algorithm>
#include <cstdio>

#include "core/ticket.hpp"
#include "service/http.hpp"
#include "service/secrets.hpp"

namespace wk::service::http {
namespace {

nlohmann::json stored_json(const store::StoredTicket& s) {
  nlohmann::json j = ticket_to_json(s.ticket);
  j["location"] = s.location;
  j["local_day"] = s.ticket.local_day;
  j["status"] = s.status;
  j["code_twin"] = s.code_twin;  // 0: the first ticket with this code that day
  return j;
}

void post_ticket(Context& ctx, const Request& req, Response& res) {
  const auto device = authorize(ctx, req, res, {"kiosk"});
  if (!device) return;
  const auto body = read_json_body(req, res);
  if (!body) return;
  auto parsed = ticket_from_json(*body);
  if (!parsed)
    return send_error(res, 422, parsed.error().code, parsed.error().message, parsed.error().detail);
  Ticket& ticket = parsed.value();

  auto location = ctx.locations.get(device->location);
  if (!location) return send_store_error(res, location.error());
  if (!location.value())
    return send_error(res, 403, "forbidden", "The location of this kiosk no longer exists on the service.");
  const LocationView& view = *location.value();
  if (!view.config)
    return send_error(res, 422, "unknown_topic",
                      "The location '" + view.row.id + "' has no config yet, so it offers no topics.",
                      "topic");
  const Topic* topic = view.config->topic(ticket.topic);
  if (topic == nullptr)
    return send_error(res, 422, "unknown_topic",
                      "The field 'topic' names no topic of location '" + view.row.id + "'.", "topic");
  if (ticket.code[0] != topic->letter)
    return send_error(
        res, 422, "field_invalid",
        "The field 'code' must start with the letter of its topic, " + std::string(1, topic->letter) + ".",
        "code");
  const auto& languages = view.config->languages;
  if (std::find(languages.begin(), languages.end(), ticket.language) == languages.end())
    return send_error(res, 422, "field_invalid",
                      "The field 'language' names no language that location '" + view.row.id + "' offers.",
                      "language");

  // The hash covers the validated fields as sent, in one canonical form, so a retry that orders its keys
  // differently or adds an unknown field is still the same ticket (and is hashed before the service's
  // own time may replace created_at below, which differs at every retry).
  const std::string body_hash = sha256_hex(ticket_to_json(ticket).dump());
  const UnixMs now = ctx.now();
  // A time far from the service's clock is no kiosk's honest time (a clock at year 0 or 9999); a ticket is
  // never filed in the future: a kiosk whose clock runs fast gets the service's time instead.
  const auto filed = filed_at(ticket.created_at, now, device->id, "a ticket");
  if (!filed) return send_error(res, 422, filed.error().code, filed.error().message, filed.error().detail);
  ticket.created_at = filed.value();
  // The day a code belongs to is the location's local day of created_at, the same rule the kiosk numbered by.
  ticket.local_day = local_day(view.tz, ticket.created_at);
  const auto today = today_at(ctx, view, now, res);
  if (!today) return;
  auto inserted = ctx.db.insert_ticket(ticket, view.row.id, body_hash, now, device->id, *today);
  if (!inserted) {
    const Error& e = inserted.error();
    if (e.code == "id_conflict" || e.code == "public_token_taken")
      return send_error(res, 409, e.code, e.message);
    return send_store_error(res, e);
  }
  const bool created = inserted->outcome == store::TicketOutcome::created;
  // Taken all the same (the resident holds it); IT hears of it here, in /metrics and in the fleet view.
  // The code and the device, never anything of the resident.
  if (created && inserted->stored.code_twin > 0)
    std::fprintf(stderr,
                 "wijkqueue: device %s sent code %s of %s, already held at %s: stored as its twin %d; check "
                 "that the location's kiosks have their own slots\n",
                 device->id.c_str(), ticket.code.c_str(), ticket.local_day.c_str(), view.row.id.c_str(),
                 inserted->stored.code_twin);
  if (created) ctx.long_polls.bump(counter_channel(view.row.id));  // the web counter shows it at once
  send_json(res, created ? 201 : 200, stored_json(inserted->stored));
}

// GET /v1/numbering: where the kiosk's location's today stands, so a kiosk that lost its data folder
// numbers on above every code the service holds.
void get_numbering(Context& ctx, const Request& req, Response& res) {
  const auto device = authorize(ctx, req, res, {"kiosk"});
  if (!device) return;
  auto location = ctx.locations.get(device->location);
  if (!location) return send_store_error(res, location.error());
  if (!location.value())
    return send_error(res, 403, "forbidden", "The location of this kiosk no longer exists on the service.");
  const UnixMs now = ctx.now();
  const auto today = today_at(ctx, *location.value(), now, res);
  if (!today) return;
  auto highest = ctx.db.highest_numbers(device->location, *today);
  if (!highest) return send_store_error(res, highest.error());
  res.set_header("Cache-Control", "no-store");
  send_json(res, 200, day_numbering_to_json(DayNumbering{*today, std::move(highest.value())}));
}

}  // namespace

void install_ticket_routes(Router& router, Context& ctx) {
  router.post("/v1/tickets", [&ctx](const Request& req, Response& res) { post_ticket(ctx, req, res); });
  router.get("/v1/numbering", route(ctx, get_numbering));
}

}  // namespace wk::service::http
