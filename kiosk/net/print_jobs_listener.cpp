#include "net/print_jobs_listener.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <utility>

namespace wk::net {

PrintJobsListener::PrintJobsListener(Options options)
    : o_(std::move(options)),
      poll_({.client = o_.client,
             .wait_s = o_.wait_s,
             .base_backoff_ms = o_.base_backoff_ms,
             .max_backoff_ms = o_.max_backoff_ms,
             .what = "reprints",
             .path = [this] { return "/v1/print-jobs?wait=" + std::to_string(o_.wait_s); },
             .take = [this](const nlohmann::json& j) { return take(j); },
             .on_online = o_.on_online,
             .before_each = {}}) {}

PrintJobsListener::~PrintJobsListener() {
  stop();
}

void PrintJobsListener::start() {
  if (reporter_.joinable()) return;
  stop_.reset();
  poll_.start();
  reporter_ = std::thread([this] { send_reports(); });
}

void PrintJobsListener::stop() {
  poll_.stop();
  stop_.raise();
  if (reporter_.joinable()) reporter_.join();
}

void PrintJobsListener::report(std::int64_t job_id, std::string outcome) {
  {
    std::lock_guard lock(stop_.mutex());
    reports_.push_back({job_id, std::move(outcome),
                        std::chrono::steady_clock::now() + std::chrono::milliseconds(o_.report_for_ms)});
  }
  stop_.cv().notify_all();
}

std::string PrintJobsListener::take(const nlohmann::json& j) {
  constexpr std::size_t kRemembered = 256;  // far more jobs than a kiosk gets in a job's 2-minute life
  if (!j.is_object() || !j.contains("jobs") || !j["jobs"].is_array()) return "not a list of jobs";
  for (const auto& job : j["jobs"]) {
    // One bad job is skipped (and left to expire on the service); the others still print.
    if (!job.is_object() || !job.contains("id") || !job["id"].is_number_integer() ||
        !job.contains("ticket")) {
      std::fprintf(stderr, "wijkkiosk: a reprint without an id or ticket was skipped\n");
      continue;
    }
    auto ticket = ticket_from_json(job["ticket"]);
    if (!ticket) {
      std::fprintf(stderr, "wijkkiosk: reprint %lld skipped: %s\n",
                   static_cast<long long>(job["id"].get<std::int64_t>()), to_string(ticket.error()).c_str());
      continue;
    }
    const std::int64_t id = job["id"].get<std::int64_t>();
    // A job comes back when its claim ran out before the report got through (a slow printer, a service
    // that was away): it was printed, or is being printed, here already.
    if (std::find(seen_.begin(), seen_.end(), id) != seen_.end()) continue;
    seen_.push_back(id);
    if (seen_.size() > kRemembered) seen_.pop_front();
    if (o_.on_job) o_.on_job(id, std::move(ticket.value()));
  }
  return {};
}

void PrintJobsListener::send_reports() {
  QueueClient client(long_poll_options(o_.client, 0, stop_));
  worker::Backoff backoff(o_.base_backoff_ms, o_.max_backoff_ms);
  while (true) {
    Report next;
    {
      std::unique_lock lock(stop_.mutex());
      stop_.cv().wait(lock, [this] { return stop_.stopped() || !reports_.empty(); });
      if (stop_.stopped()) return;
      next = reports_.front();
    }
    const nlohmann::json body = {{"outcome", next.outcome}};
    auto r = client.post("/v1/print-jobs/" + std::to_string(next.job_id) + "/done", body.dump());
    if (stop_.stopped()) return;
    // Delivered, or refused for good (404: claimed by another kiosk or gone; 422): either way it is done.
    const bool final = r && (r->status / 100 == 2 || r->status == 404 || r->status == 422);
    if (r && !final)
      std::fprintf(stderr, "wijkkiosk: reprint %lld report: HTTP %ld\n", static_cast<long long>(next.job_id),
                   r->status);
    if (r && (r->status == 404 || r->status == 422))
      std::fprintf(stderr, "wijkkiosk: reprint %lld report refused (HTTP %ld)\n",
                   static_cast<long long>(next.job_id), r->status);
    const bool give_up = !final && std::chrono::steady_clock::now() >= next.give_up_at;
    {
      std::lock_guard lock(stop_.mutex());
      reports_.pop_front();
      // Not through yet: to the back, so one report that keeps failing does not hold up the others.
      if (!final && !give_up) reports_.push_back(next);
    }
    if (final || give_up) {
      if (give_up)
        std::fprintf(stderr, "wijkkiosk: reprint %lld report given up\n",
                     static_cast<long long>(next.job_id));
      backoff.succeeded();
      continue;
    }
    if (!stop_.sleep_for_ms(backoff.failed())) return;
  }
}

}  // namespace wk::net
