// What needs no device token: a resident's ticket status, and the health check. Plus /metrics (admin).
#include <algorithm>

#include "service/code_fields.hpp"
#include "service/http.hpp"

namespace wk::service::http {

nlohmann::json public_ticket_json(const store::PublicTicket& t, std::optional<int> come_in) {
  // null, not absent, when a value does not apply yet: the page and apps read one fixed shape.
  return {{"code", t.code},
          {"topic", t.topic},
          {"status", t.status},
          {"position", t.position},
          {"estimated_wait_s", t.estimated_wait_s ? nlohmann::json(*t.estimated_wait_s) : nlohmann::json()},
          {"desk", t.desk ? nlohmann::json(*t.desk) : nlohmann::json()},
          {"language", t.language},
          {"remote", t.remote},
          {"come_in", come_in.has_value()},
          {"people_before", t.status == "waiting" ? nlohmann::json(t.position - 1) : nlohmann::json()}};
}

std::optional<int> come_in_now(Context& ctx, const store::PublicTicket& t) {
  if (!t.remote || t.status != "waiting") return std::nullopt;
  auto view = ctx.locations.get(t.location);
  if (!view || !view.value() || !view.value()->config || !view.value()->config->join) return std::nullopt;
  const int before = std::max(0, t.position - 1);
  if (before > view.value()->config->join->come_when_before) return std::nullopt;
  return before;
}

namespace {

void get_public_ticket(Context& ctx, const Request& req, Response& res) {
  // No personal data here: the code, the topic and the place in the queue, found by the ticket's random
  // public token (which the router already limited to base64url characters).
  auto ticket = find_public_ticket(ctx, req.matches[1]);
  if (!ticket) return send_store_error(res, ticket.error());
  res.set_header("Cache-Control", "no-store");
  if (!ticket.value())
    return send_error(res, 404, "unknown_ticket",
                      "There is no ticket with this code; check the address on the ticket.");
  const store::PublicTicket& t = *ticket.value();
  nlohmann::json j = public_ticket_json(t, come_in_now(ctx, t));
  add_code_fields(j, t.code_shared, issued_time(ctx.locations, t.location, t.created_at));
  send_json(res, 200, j);
}

void get_healthz(Context& ctx, const Request&, Response& res) {
  // The truth for a load balancer: the database answers, and a write could succeed now (no lock is taken
  // for it, so a long write does not make a working service look dead).
  if (auto r = ctx.db.ping(); !r) return send_error(res, 503, "unhealthy", r.error().message);
  if (auto r = ctx.db.check_writable(ctx.min_free_bytes); !r)
    return send_error(res, 503, r.error().code, r.error().message);
  res.status = 200;
  res.set_content("ok\n", "text/plain");
}

void get_metrics(Context& ctx, const Request& req, Response& res) {
  if (!authorize(ctx, req, res, {"admin"})) return;
  MetricsSnapshot m;
  auto read = [&](auto result, auto& into) {
    if (!result) {
      send_store_error(res, result.error());
      return false;
    }
    into = std::move(result.value());
    return true;
  };
  if (!read(ctx.db.ticket_counts(), m.issued) || !read(ctx.db.called_counts(), m.called) ||
      !read(ctx.db.closed_counts(), m.closed) || !read(ctx.db.code_collision_counts(), m.code_collisions) ||
      !read(ctx.db.device_counts(), m.devices_by_role) || !read(ctx.db.volunteer_counts(), m.volunteers) ||
      !read(ctx.db.wait_histograms(wait_buckets_s()), m.waits) ||
      !read(ctx.db.desk_histograms(desk_buckets_s()), m.desk_times))
    return;
  m.requests_by_status = ctx.requests.snapshot();
  m.long_polls_waiting = ctx.long_polls.waiting();
  m.connections_open = ctx.open_connections ? ctx.open_connections() : 0;
  res.status = 200;
  res.set_content(render_metrics(m), "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace

void install_public_routes(Router& router, Context& ctx) {
  router.get(R"(/v1/public/tickets/([A-Za-z0-9_-]{1,128}))",
             [&ctx](const Request& req, Response& res) { get_public_ticket(ctx, req, res); });
  router.get("/healthz", [&ctx](const Request& req, Response& res) { get_healthz(ctx, req, res); });
  router.get("/metrics", [&ctx](const Request& req, Response& res) { get_metrics(ctx, req, res); });
}

}  // namespace wk::service::http
