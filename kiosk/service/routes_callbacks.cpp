// "Bel mij terug" (issue 18): a kiosk hands in a call-back request (maybe for the second time); the
// location's staff list the open ones, one of them takes a request (and only then sees its number), and
// says how the call went. The number is sealed before it reaches the database, shown to its taker only,
// and no log line ever holds it (the request's id at most).
#include <cstdio>

#include "core/callback.hpp"
#include "service/callback_intake.hpp"
#include "service/http.hpp"

namespace wk::service::http {
namespace {

constexpr const char* kIdPattern = "([0-9A-Fa-f-]{36})";

void post_callback(Context& ctx, const Request& req, Response& res) {
  const auto device = authorize(ctx, req, res, {"kiosk"});
  if (!device) return;
  const auto body = read_json_body(req, res);
  if (!body) return;
  auto parsed = callback_from_json(*body);
  if (!parsed)
    return send_error(res, 422, parsed.error().code, parsed.error().message, parsed.error().detail);
  auto location = ctx.locations.get(device->location);
  if (!location) return send_store_error(res, location.error());
  if (!location.value())
    return send_error(res, 403, "forbidden", "The location of this kiosk no longer exists on the service.");
  auto taken = take_in_callback(ctx, *location.value(), parsed.value(), device->id, std::nullopt, res);
  if (!taken) return;
  send_json(res, taken->created ? 201 : 200, callback_receipt_json(taken->stored));
}

// A request as the counter's tab shows it: the number only to the staff member who took it.
nlohmann::json staff_view(const Context& ctx, const store::CallbackRow& row, const std::string& user) {
  nlohmann::json j = callback_receipt_json(row);
  j["topic"] = row.topic;
  j["language"] = row.language;
  j["part_of_day"] = row.part_of_day;
  j["attempts"] = row.attempts;
  j["state"] = row.closed_at ? "closed" : row.taken_by.empty() ? "open" : "taken";
  j["taken_by_me"] = !row.taken_by.empty() && row.taken_by == user;
  if (row.closed_at) j["outcome"] = row.outcome;
  if (j["taken_by_me"] == true && !row.closed_at) {
    if (auto phone = open_callback_phone(ctx, row))
      j["phone"] = *phone;
    else
      std::fprintf(stderr,
                   "wijkqueue: the call-back request %s cannot be opened with this service's volunteer.key\n",
                   row.id.c_str());
  }
  return j;
}

void get_callbacks(Context& ctx, const Request& req, Response& res) {
  const auto staff = authorize(ctx, req, res, {"staff"});
  if (!staff) return;
  auto rows = ctx.db.open_callbacks(staff->location);
  if (!rows) return send_store_error(res, rows.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& row : rows.value()) list.push_back(staff_view(ctx, row, staff->id));
  send_json(res, 200, {{"callbacks", std::move(list)}});
}

void step(Context& ctx, const Request& req, Response& res, std::optional<store::CallbackAction> action) {
  const auto staff = authorize(ctx, req, res, {"staff"});
  if (!staff) return;
  if (!action) {
    const auto body = read_json_body(req, res);
    if (!body) return;
    const std::string outcome =
        body->is_object() && body->contains("outcome") && (*body)["outcome"].is_string()
            ? (*body)["outcome"].get<std::string>()
            : "";
    if (outcome == "reached") action = store::CallbackAction::reached;
    if (outcome == "not_reached") action = store::CallbackAction::not_reached;
    if (outcome == "done") action = store::CallbackAction::done;
    if (!action)
      return send_error(res, 422, "field_invalid",
                        "The field 'outcome' must be reached, not_reached or done.", "outcome");
  }
  auto done = ctx.db.step_callback(staff->location, req.matches[1], staff->id, *action, ctx.now());
  if (!done) return send_store_error(res, done.error());
  if (done->reach == store::VolunteerReach::elsewhere)
    return send_error(res, 403, "forbidden", "This call-back request belongs to another location.");
  if (done->reach == store::VolunteerReach::none)
    return send_error(res, 404, "no_such_callback", "There is no call-back request with this id.");
  if (done->closed)
    return send_error(res, 409, "callback_closed", "This call-back request has been closed already.");
  if (done->taken_by_other)
    return send_error(res, 409, *action == store::CallbackAction::take ? "taken_by_other" : "not_taken_by_you",
                      *action == store::CallbackAction::take
                          ? "A colleague is calling this resident; the request is theirs."
                          : "Take the request first: only the staff member who calls says how it went.");
  ctx.long_polls.bump(counter_channel(staff->location));
  send_json(res, 200, staff_view(ctx, *done->row, staff->id));
}

}  // namespace

void install_callback_routes(Router& router, Context& ctx) {
  router.post("/v1/callbacks", route(ctx, post_callback));
  router.get("/v1/callbacks", route(ctx, get_callbacks));
  router.post(std::string("/v1/callbacks/") + kIdPattern + "/take",
              route(ctx, [](Context& c, const Request& req, Response& res) {
                step(c, req, res, store::CallbackAction::take);
              }));
  router.post(std::string("/v1/callbacks/") + kIdPattern + "/outcome",
              route(ctx, [](Context& c, const Request& req, Response& res) { step(c, req, res, std::nullopt); }));
}

}  // namespace wk::service::http
