#include "net/print_jobs_listener.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <random>
#include <utility>

#include "net/sync_worker.hpp"  // backoff_ms: the same backoff rule as the outbox

namespace wk::net {

PrintJobsListener::PrintJobsListener(Options options) : o_(std::move(options)) {
  o_.client = long_poll_options(o_.client, o_.wait_s, stop_);
}

PrintJobsListener::~PrintJobsListener() {
  stop();
}

void PrintJobsListener::start() {
  if (listener_.joinable()) return;
  stop_.reset();
  listener_ = std::thread([this] { listen(); });
  reporter_ = std::thread([this] { send_reports(); });
}

void PrintJobsListener::stop() {
  stop_.raise();
  if (listener_.joinable()) listener_.join();
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

void PrintJobsListener::listen() {
  QueueClient client(o_.client);
  constexpr std::size_t kRemembered = 256;  // far more jobs than a kiosk gets in a job's 2-minute life
  std::deque<std::int64_t> seen;
  std::mt19937 rng(std::random_device{}());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int failures = 0;
  while (!stop_.stopped()) {
    auto r = client.get("/v1/print-jobs?wait=" + std::to_string(o_.wait_s));
    if (stop_.stopped()) break;
    std::string why;
    if (!r)
      why = to_string(r.error());
    else if (r->status != 200)
      why = "HTTP " + std::to_string(r->status);
    else {
      auto j = nlohmann::json::parse(r->body, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("jobs") || !j["jobs"].is_array())
        why = "not a list of jobs";
      else {
        failures = 0;
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
                         static_cast<long long>(job["id"].get<std::int64_t>()),
                         to_string(ticket.error()).c_str());
            continue;
          }
          const std::int64_t id = job["id"].get<std::int64_t>();
          // A job comes back when its claim ran out before the report got through (a slow printer, a
          // service that was away): it was printed, or is being printed, here already.
          if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
          seen.push_back(id);
          if (seen.size() > kRemembered) seen.pop_front();
          if (o_.on_job) o_.on_job(id, std::move(ticket.value()));
        }
        // A full service answers at once with nothing and says when to come back: no asking again at once.
        if (r->retry_after_s > 0 && !stop_.sleep_for_ms(r->retry_after_s * 1000)) break;
        continue;
      }
    }
    if (failures == 0) std::fprintf(stderr, "wijkkiosk: waiting for reprints failed: %s\n", why.c_str());
    ++failures;
    const long wait = r && r->retry_after_s > 0
                          ? r->retry_after_s * 1000
                          : backoff_ms(failures, unit(rng), o_.base_backoff_ms, o_.max_backoff_ms);
    if (!stop_.sleep_for_ms(wait)) break;
  }
}

void PrintJobsListener::send_reports() {
  QueueClient client(o_.client);
  std::mt19937 rng(std::random_device{}());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int failures = 0;
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
      failures = 0;
      continue;
    }
    ++failures;
    if (!stop_.sleep_for_ms(backoff_ms(failures, unit(rng), o_.base_backoff_ms, o_.max_backoff_ms))) return;
  }
}

}  // namespace wk::net
