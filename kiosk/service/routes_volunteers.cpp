// Volunteers' registrations (issue 13): a kiosk hands one in (maybe for the second time); the location's
// staff list the ones not yet handled, mark one handled, or forget one at the volunteer's request. The
// first name and the phone number or e-mail address are sealed before they reach the database, and no
// log line ever holds them (the device and the registration's id at most).
#include <algorithm>
#include <cstdio>
#include <set>

#include "core/volunteer.hpp"
#include "core/volunteer_form.hpp"
#include "service/http.hpp"

namespace wk::service::http {
namespace {

constexpr const char* kIdPattern = "([0-9A-Fa-f-]{36})";

// The personal fields, the only ones sealed: {"first_name", "phone"} or {"first_name", "email"}.
std::string personal_json(const VolunteerRegistration& v) {
  nlohmann::json j = {{"first_name", v.first_name}};
  if (v.phone.empty())
    j["email"] = v.email;
  else
    j["phone"] = v.phone;
  return j.dump();
}

nlohmann::json receipt_json(const store::VolunteerRow& row) {
  return {{"id", row.id},
          {"reference", volunteer::reference_of(row.id)},
          {"created_at", to_rfc3339(row.created_at)}};
}

// The interests must be the location's own, each once: what staff filter by and /metrics counts.
bool check_interests(const LocationView& view, const VolunteerRegistration& v, Response& res) {
  std::set<std::string> seen;
  for (const auto& id : v.interests) {
    if (!view.config || view.config->interest(id) == nullptr) {
      send_error(
          res, 422, "unknown_interest",
          "The field 'interests' names '" + id + "', which is no interest of location '" + view.row.id + "'.",
          "interests");
      return false;
    }
    if (!seen.insert(id).second) {
      send_error(res, 422, "field_invalid", "The field 'interests' lists '" + id + "' twice.", "interests");
      return false;
    }
  }
  return true;
}

void post_volunteer(Context& ctx, const Request& req, Response& res) {
  const auto device = authorize(ctx, req, res, {"kiosk"});
  if (!device) return;
  const auto body = read_json_body(req, res);
  if (!body) return;
  auto parsed = volunteer_from_json(*body);
  if (!parsed)
    return send_error(res, 422, parsed.error().code, parsed.error().message, parsed.error().detail);
  VolunteerRegistration& v = parsed.value();

  auto location = ctx.locations.get(device->location);
  if (!location) return send_store_error(res, location.error());
  if (!location.value())
    return send_error(res, 403, "forbidden", "The location of this kiosk no longer exists on the service.");
  if (!check_interests(*location.value(), v, res)) return;

  // Keyed, over the validated fields in one canonical form and before the service's time may replace
  // created_at: a retry is recognised whatever order its keys come in, and the hash gives nobody without
  // the key a way to test guesses of a phone number.
  const std::string body_mac = ctx.volunteer_box.keyed_hash(volunteer_to_json(v).dump());
  const UnixMs now = ctx.now();
  const auto filed = filed_at(v.created_at, now, device->id, "a volunteer's registration");
  if (!filed) return send_error(res, 422, filed.error().code, filed.error().message, filed.error().detail);
  v.created_at = filed.value();
  store::VolunteerRow row;
  row.id = v.id;
  row.location = device->location;
  row.device_id = device->id;
  row.created_at = v.created_at;
  row.received_at = now;
  row.language = v.language;
  row.interests = v.interests;
  for (const auto a : v.availability) row.availability.push_back(availability_name(a));
  row.personal = ctx.volunteer_box.seal(personal_json(v));
  row.body_mac = body_mac;
  auto inserted = ctx.db.insert_volunteer(row);
  if (!inserted) {
    if (inserted.error().code == "id_conflict")
      return send_error(res, 409, "id_conflict", inserted.error().message);
    return send_store_error(res, inserted.error());
  }
  const bool created = inserted->outcome == store::VolunteerOutcome::created;
  if (created) ctx.long_polls.bump(counter_channel(device->location));  // the counters' volunteers tab
  send_json(res, created ? 201 : 200, receipt_json(inserted->stored));
}

// One registration as the counter's tab shows it, its personal fields opened; nullopt when they cannot
// be (another key, a changed row), which IT hears of in the log by the id alone.
std::optional<nlohmann::json> staff_view(const Context& ctx, const store::VolunteerRow& row) {
  auto opened = ctx.volunteer_box.open(row.personal);
  const auto personal =
      opened ? nlohmann::json::parse(opened.value(), nullptr, false) : nlohmann::json(nullptr);
  if (!personal.is_object() || !personal.contains("first_name")) {
    std::fprintf(stderr,
                 "wijkqueue: the volunteer's registration %s cannot be opened with this service's "
                 "volunteer.key; it is left out of the list\n",
                 row.id.c_str());
    return std::nullopt;
  }
  nlohmann::json contact = personal.contains("phone")
                               ? nlohmann::json{{"phone", personal["phone"]}}
                               : nlohmann::json{{"email", personal.value("email", "")}};
  nlohmann::json j = receipt_json(row);
  j["language"] = row.language;
  j["first_name"] = personal["first_name"];
  j["contact"] = std::move(contact);
  j["interests"] = row.interests;
  j["availability"] = row.availability;
  return j;
}

void get_volunteers(Context& ctx, const Request& req, Response& res) {
  const auto staff = authorize(ctx, req, res, {"staff"});
  if (!staff) return;
  auto rows = ctx.db.open_volunteers(staff->location);
  if (!rows) return send_store_error(res, rows.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& row : rows.value())
    if (auto j = staff_view(ctx, row)) list.push_back(std::move(*j));
  send_json(res, 200, {{"volunteers", std::move(list)}});
}

// A registration that is not the caller's location's: 404 when there is none, 403 when it is another's.
void send_out_of_reach(Response& res, store::VolunteerReach reach) {
  if (reach == store::VolunteerReach::elsewhere)
    return send_error(res, 403, "forbidden", "This registration belongs to another location.");
  send_error(res, 404, "no_such_volunteer", "There is no volunteer's registration with this id.");
}

void post_handled(Context& ctx, const Request& req, Response& res) {
  const auto staff = authorize(ctx, req, res, {"staff"});
  if (!staff) return;
  const std::string id = req.matches[1];
  auto step = ctx.db.mark_volunteer_handled(staff->location, id, ctx.now());
  if (!step) return send_store_error(res, step.error());
  if (step->reach != store::VolunteerReach::found) return send_out_of_reach(res, step->reach);
  ctx.long_polls.bump(counter_channel(staff->location));
  send_json(res, 200, {{"id", id}, {"handled_at", to_rfc3339(step->handled_at.value_or(0))}});
}

void delete_volunteer(Context& ctx, const Request& req, Response& res) {
  const auto staff = authorize(ctx, req, res, {"staff"});
  if (!staff) return;
  auto reach = ctx.db.delete_volunteer(staff->location, req.matches[1]);
  if (!reach) return send_store_error(res, reach.error());
  if (reach.value() != store::VolunteerReach::found) return send_out_of_reach(res, reach.value());
  ctx.long_polls.bump(counter_channel(staff->location));
  res.status = 204;
}

}  // namespace

void install_volunteer_routes(Router& router, Context& ctx) {
  router.post("/v1/volunteers", route(ctx, post_volunteer));
  router.get("/v1/volunteers", route(ctx, get_volunteers));
  router.post(std::string("/v1/volunteers/") + kIdPattern + "/handled", route(ctx, post_handled));
  router.del(std::string("/v1/volunteers/") + kIdPattern, route(ctx, delete_volunteer));
}

}  // namespace wk::service::http
