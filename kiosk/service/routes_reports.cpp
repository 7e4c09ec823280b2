// Reports: what residents come for, per location and period, as JSON, CSV and a printable page, and the
// early signals. Staff see their own location; the admin token sees every location. A report holds counts
// and durations only, small cells suppressed (report.hpp); these routes add nothing to what it holds.
#include <string>

#include "service/http.hpp"
#include "service/report_files.hpp"
#include "service/report_json.hpp"
#include "service/report_render.hpp"
#include "service/report_source.hpp"
#include "service/secrets.hpp"

namespace wk::service::http {
namespace {

// The location of /v1/reports/{location}... as the caller may see it: staff only their own, admin any.
std::optional<LocationView> report_location(Context& ctx, const Request& req, Response& res) {
  const auto who = authorize(ctx, req, res, {"staff", "admin"});
  if (!who) return std::nullopt;
  const std::string id = req.matches[1];
  if (who->role == "staff" && who->location != id) {
    send_error(res, 403, "forbidden", "Staff see the reports of their own location only.");
    return std::nullopt;
  }
  auto view = ctx.locations.get(id);
  if (!view) {
    send_store_error(res, view.error());
    return std::nullopt;
  }
  if (!view.value()) {
    send_error(res, 404, "no_such_location", "There is no location '" + id + "'.");
    return std::nullopt;
  }
  return std::move(*view.value());
}

std::optional<report::Report> build(Context& ctx, const Request& req, Response& res) {
  const auto view = report_location(ctx, req, res);
  if (!view) return std::nullopt;
  auto made = report_for(ctx.db, *view, req.get_param_value("from"), req.get_param_value("to"),
                         req.get_param_value("period"), req.get_param_value("day"), ctx.now());
  if (!made) {
    if (made.error().code == "field_invalid")
      send_error(res, 422, "field_invalid", made.error().message, made.error().detail);
    else
      send_store_error(res, made.error());
    return std::nullopt;
  }
  return std::move(made.value());
}

std::string file_name(const report::Report& r, const char* ext) {
  return "inloop-" + r.names.location_id + "-" + r.period.from + "-" + r.period.to + ext;
}

void get_report_json(Context& ctx, const Request& req, Response& res) {
  if (const auto r = build(ctx, req, res)) send_json(res, 200, report::to_json(*r));
}

void get_report_csv(Context& ctx, const Request& req, Response& res) {
  const auto r = build(ctx, req, res);
  if (!r) return;
  res.set_header("Content-Disposition", "attachment; filename=\"" + file_name(*r, ".csv") + "\"");
  res.set_content(report::to_csv(*r), "text/csv; charset=utf-8");
}

// The printable page: its one <style> carries a nonce, it has no script at all, and only the service's
// own pages may frame it (the web counter shows it in its reports tab).
void get_report_html(Context& ctx, const Request& req, Response& res) {
  const auto r = build(ctx, req, res);
  if (!r) return;
  const std::string nonce = new_token();
  res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'nonce-" + nonce +
                                                "'; img-src data:; frame-ancestors 'self'; base-uri 'none'; "
                                                "form-action 'none'");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_content(report::to_html(*r, {nonce}), "text/html; charset=utf-8");
}

// The early signals of the week ending `day` (default: each location's today): the admin's of every
// location, staff's of their own.
void get_signals(Context& ctx, const Request& req, Response& res) {
  const auto who = authorize(ctx, req, res, {"staff", "admin"});
  if (!who) return;
  const std::string day = req.get_param_value("day");
  if (!day.empty() && !report::valid_day(day))
    return send_error(res, 422, "field_invalid", "The parameter 'day' must be a day such as 2026-11-30.",
                      "day");
  auto signals = current_signals(ctx.db, ctx.locations, day, ctx.now());
  if (!signals) return send_store_error(res, signals.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : signals.value())
    if (who->role == "admin" || s.location_id == who->location) list.push_back(report::signal_json(s));
  send_json(res, 200, {{"signals", list}});
}

}  // namespace

void install_report_routes(Router& router, Context& ctx) {
  router.get("/v1/signals", route(ctx, get_signals));
  router.get(R"(/v1/reports/([a-z0-9_-]{1,64}))", route(ctx, get_report_json));
  router.get(R"(/v1/reports/([a-z0-9_-]{1,64})\.csv)", route(ctx, get_report_csv));
  router.get(R"(/v1/reports/([a-z0-9_-]{1,64})\.html)", route(ctx, get_report_html));
}

}  // namespace wk::service::http
