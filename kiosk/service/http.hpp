#pragma once
// Internal to service/: what every route shares.

#include <functional>
#include <initializer_list>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "service/day_end.hpp"
#include "service/location_cache.hpp"
#include "service/long_poll_board.hpp"
#include "service/metrics.hpp"
#include "service/router.hpp"
#include "store/sealed_box.hpp"
#include "store/service_db.hpp"

namespace wk::service::http {

constexpr std::size_t kMaxBodyBytes = 64 * 1024;

struct Context {
  store::ServiceDb& db;
  LocationCache& locations;
  RequestCounter& requests;
  LongPollBoard& long_polls;              // notified after each call, recall and reprint, for the long-polls
  const Clock& clock;                     // the service's only source of "now" (ServeOptions::clock)
  DayEnd& day_end;                        // closes a location's earlier days; gives its today
  const store::SealedBox& volunteer_box;  // seals volunteers' personal fields (the service's volunteer.key)
  std::uint64_t min_free_bytes = 0;       // /healthz: below this much free disk the service says it is unwell
  std::function<int()> open_connections;  // for /metrics; set once the server is bound
  std::string dir;                        // the service's directory: releases/ is under it

  UnixMs now() const { return clock(); }
};

// The error body of API.md: {"error": {"code": ..., "message": ..., "field": ...}} ("field" for 422).
void send_error(Response& res, int status, std::string_view code, std::string_view message,
                std::string_view field = {});
// A failure of the database: 503 when trying again may help, 500 otherwise.
// A 503 carries Retry-After.
void send_store_error(Response& res, const Error& error);
void send_json(Response& res, int status, const nlohmann::json& body);

// Fills the body of an error response that has none (the router's 404 and 405, ...).
void fill_empty_error(Response& res);

// The calling device when its bearer token is known and its role is one of `roles`; otherwise the
// response is already 401 or 403 and nullopt comes back. A staff session token counts as a device with
// the role "staff", its location, and "staff:USER" as its id.
// The token a request carries: "Authorization: Bearer <token>", or else the web counter's session cookie
// (from_cookie is then true, and a change must also carry the session's CSRF token: staff_cookie.hpp).
std::optional<std::string> request_token(const Request& req, bool& from_cookie);

std::optional<store::DeviceRow> authorize(Context& ctx, const Request& req, Response& res,
                                          std::initializer_list<std::string_view> roles);

// The body of a POST as JSON: 415 unless it says application/json, 413 past 64 KiB, 400 when it is
// not JSON; nullopt then, with the response filled in.
std::optional<nlohmann::json> read_json_body(const Request& req, Response& res);

// A whole number and nothing else ("12", not "12a" or " 12").
std::optional<std::int64_t> parse_int(const std::string& text);
// An optional whole-number query parameter within [lo, hi]: true when absent (out untouched) or valid;
// otherwise the response is a 422 naming it and false comes back.
bool query_int(const Request& req, Response& res, const char* name, std::int64_t lo, std::int64_t hi,
               std::optional<std::int64_t>& out);

// The resident's view of a ticket by its public token, as the JSON route and the status page show it. The
// location's earlier days are closed first, so a ticket left from one says "expired" and never promises a
// place in line.
Result<std::optional<store::PublicTicket>> find_public_ticket(Context& ctx, const std::string& public_token);

// The resident's view of a ticket (GET /v1/public/tickets/{token}; the status page shows the same).
// `come_in`: come_in_now() of it.
nlohmann::json public_ticket_json(const store::PublicTicket& ticket, std::optional<int> come_in);

// A ticket joined from home that is near its turn (the location's [join] come_when_before): how many wait
// before it, for "come in now: 2 people before you"; nullopt otherwise.
std::optional<int> come_in_now(Context& ctx, const store::PublicTicket& ticket);

// When a kiosk's ticket, registration or call-back request is filed, from its created_at: more than a year
// from the service's clock is no honest kiosk's time (field_invalid); ahead of it beyond the kiosks' own
// tolerance (core/clock_offset, so both sides draw the line at one place) it is filed at the service's
// time, and the device is logged with how far ahead it was (`what` names the kind, never its contents).
Result<UnixMs> filed_at(UnixMs created_at, UnixMs now, const std::string& device_id, const char* what);

// The location's today at the service's now, with its earlier days closed (DayEnd); nullopt after
// filling in a store error.
std::optional<std::string> today_at(Context& ctx, const LocationView& view, UnixMs now, Response& res);

// A long-poll that found nothing: the server parks the request until `channel` passes `after` or `wait`
// ends, then runs the route again with Request::waited set (see LongPollBoard).
inline void park(Response& res, std::string channel, std::int64_t after, std::chrono::seconds wait,
                 std::string device) {
  res.park = Park{std::move(channel), after, std::chrono::steady_clock::now() + wait, std::move(device)};
}

// A handler of the form f(ctx, req, res) as the router wants it.
template <typename F>
Router::Handler route(Context& ctx, F f) {
  return [&ctx, f](const Request& req, Response& res) { f(ctx, req, res); };
}

void install_ticket_routes(Router& router, Context& ctx);
void install_staff_routes(Router& router, Context& ctx);      // login
void install_queue_routes(Router& router, Context& ctx);      // queue, desks, lifecycle, calls
void install_device_routes(Router& router, Context& ctx);     // config, heartbeat
void install_public_routes(Router& router, Context& ctx);     // public ticket, healthz, metrics
void install_print_job_routes(Router& router, Context& ctx);  // reprints: staff ask, kiosks print
void install_volunteer_routes(Router& router, Context& ctx);  // registrations: kiosks hand in, staff handle
void install_callback_routes(Router& router, Context& ctx);   // bel mij terug: kiosks hand in, staff call
void install_join_routes(Router& router, Context& ctx);       // /join/{location}: a ticket from home
void install_release_routes(Router& router, Context& ctx);    // manifests and files for kiosks' updates
void install_web_routes(Router& router, Context& ctx);        // the web counter's page under /staff/
void install_report_routes(Router& router, Context& ctx);     // reports and early signals

}  // namespace wk::service::http
