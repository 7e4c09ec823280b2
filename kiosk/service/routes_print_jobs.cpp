// Reprints. A staff member asks for a ticket to come out of a kiosk's printer again (the resident lost
// it, or it never printed); the kiosk that issued the ticket long-polls for such jobs, prints, and reports
// the outcome, which the counter follows. A job nobody claims expires after a couple of minutes, so a
// kiosk that comes back online later does not print for a resident who has long gone home.
#include <chrono>

#include "core/clock.hpp"
#include "core/ticket.hpp"
#include "service/http.hpp"

namespace wk::service::http {
namespace {

constexpr UnixMs kJobLifetimeMs = 2 * 60 * 1000;
// A claimed job not reported within this long may be claimed again (the kiosk died while printing).
constexpr UnixMs kClaimLeaseMs = 30 * 1000;
constexpr int kMaxJobsPerPoll = 10;
constexpr int kMaxWaitS = 30;
// What a kiosk may report. The printer states are core's names (printer_state_name).
constexpr std::string_view kOutcomes[] = {"printed", "paper_out",  "cover_open",
                                          "offline", "no_printer", "failed"};

nlohmann::json job_json(const store::PrintJob& j) {
  return {{"id", j.id},
          {"ticket_id", j.ticket_id},
          {"code", j.code},
          {"status", j.status},
          {"created_at", to_rfc3339(j.created_at)},
          {"expires_at", to_rfc3339(j.expires_at)}};
}

void post_reprint(Context& ctx, const Request& req, Response& res) {
  const auto staff = authorize(ctx, req, res, {"staff"});
  if (!staff) return;
  const UnixMs now = ctx.now();
  auto job = ctx.db.add_print_job(staff->location, req.matches[1], now, now + kJobLifetimeMs);
  if (!job) return send_store_error(res, job.error());
  if (!job.value())
    return send_error(res, 404, "no_such_ticket", "There is no ticket with this id at this location.");
  // After the commit: the kiosk that wakes up claims the job from the database.
  ctx.long_polls.notify(print_channel(staff->location), job.value()->id);
  send_json(res, 202, job_json(*job.value()));
}

void get_job(Context& ctx, const Request& req, Response& res) {
  const auto staff = authorize(ctx, req, res, {"staff"});
  if (!staff) return;
  const auto id = parse_int(req.matches[1]);
  if (!id) return send_error(res, 404, "no_such_job", "There is no reprint with this id at this location.");
  auto job = ctx.db.print_job(staff->location, *id, ctx.now());
  if (!job) return send_store_error(res, job.error());
  if (!job.value())
    return send_error(res, 404, "no_such_job", "There is no reprint with this id at this location.");
  res.set_header("Cache-Control", "no-store");
  send_json(res, 200, job_json(*job.value()));
}

void get_jobs(Context& ctx, const Request& req, Response& res) {
  const auto kiosk = authorize(ctx, req, res, {"kiosk"});
  if (!kiosk) return;
  std::optional<std::int64_t> wait;
  if (!query_int(req, res, "wait", 0, kMaxWaitS, wait)) return;
  const std::string& location = kiosk->location;
  // What is there now, and the latest job id seen before looking: a job added after the look wakes us.
  auto latest = ctx.db.latest_print_job_id(location);
  if (!latest) return send_store_error(res, latest.error());
  auto jobs = ctx.db.claim_print_jobs(location, kiosk->id, ctx.now(), kClaimLeaseMs, kMaxJobsPerPoll);
  if (!jobs) return send_store_error(res, jobs.error());
  if (jobs->empty() && wait.value_or(0) > 0) {
    if (!req.waited)
      return park(res, print_channel(location), latest.value(), std::chrono::seconds(*wait), kiosk->id);
    if (*req.waited == LongPollBoard::Wait::too_many_waiters) res.set_header("Retry-After", "5");
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& j : *jobs) list.push_back({{"id", j.job_id}, {"ticket", ticket_to_json(j.ticket)}});
  res.set_header("Cache-Control", "no-store");
  send_json(res, 200, {{"jobs", list}});
}

void post_done(Context& ctx, const Request& req, Response& res) {
  const auto kiosk = authorize(ctx, req, res, {"kiosk"});
  if (!kiosk) return;
  const auto id = parse_int(req.matches[1]);
  const auto body = read_json_body(req, res);
  if (!body) return;
  const std::string outcome = body->is_object() && body->contains("outcome") && (*body)["outcome"].is_string()
                                  ? (*body)["outcome"].get<std::string>()
                                  : "";
  if (std::find(std::begin(kOutcomes), std::end(kOutcomes), outcome) == std::end(kOutcomes))
    return send_error(
        res, 422, "field_invalid",
        "The field 'outcome' must be one of printed, paper_out, cover_open, offline, no_printer, "
        "failed.",
        "outcome");
  auto done =
      id ? ctx.db.finish_print_job(kiosk->location, kiosk->id, *id, outcome, ctx.now()) : Result<bool>(false);
  if (!done) return send_store_error(res, done.error());
  if (!done.value())
    return send_error(res, 404, "no_such_job",
                      "This kiosk holds no reprint with this id (it may have expired).");
  res.status = 204;
}

}  // namespace

void install_print_job_routes(Router& router, Context& ctx) {
  router.post(R"(/v1/tickets/([0-9A-Fa-f-]{36})/reprint)", route(ctx, post_reprint));
  router.get(R"(/v1/print-jobs/(\d{1,18}))", route(ctx, get_job));
  router.get("/v1/print-jobs", route(ctx, get_jobs));
  router.post(R"(/v1/print-jobs/(\d{1,18})/done)", route(ctx, post_done));
}

}  // namespace wk::service::http
