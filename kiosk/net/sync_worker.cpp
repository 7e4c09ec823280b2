#include "net/sync_worker.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <utility>

#include <nlohmann/json.hpp>
#include <random>

#include "core/clock_offset.hpp"
#include "net/sync_policy.hpp"

namespace wk::net {

// What one POST of one row came to, and how long to hold off when it must be retried.
struct SyncWorker::Attempt {
  Verdict verdict = Verdict::retry;
  long retry_after_ms = 0;
  bool unreachable = false;  // no answer at all: the service is away, not busy
};

SyncWorker::SyncWorker(Options options) : opt_(std::move(options)) {
  if (!opt_.now) {
    opt_.now = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
  opt_.client.cancel = stop_.flag();
  if (!opt_.client.clock) opt_.client.clock = opt_.now;  // calls are timed on the clock stamps are made by
  opt_.batch_size = std::max(1, opt_.batch_size);
}

SyncWorker::~SyncWorker() {
  stop();
}

void SyncWorker::start() {
  started_ = std::chrono::steady_clock::now();
  std::lock_guard lock(stop_.mutex());
  if (thread_.joinable()) return;
  stop_.reset();
  poked_ = false;
  thread_ = std::thread([this] { run(); });
}

void SyncWorker::stop() {
  stop_.raise();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void SyncWorker::heartbeat_now() {
  {
    std::lock_guard lock(stop_.mutex());
    heartbeat_due_ = poked_ = true;
  }
  stop_.cv().notify_all();
}

void SyncWorker::poke() {
  {
    std::lock_guard lock(stop_.mutex());
    poked_ = true;
  }
  stop_.cv().notify_all();
}

SyncStatus SyncWorker::status() const {
  std::lock_guard lock(status_mu_);
  return status_;
}

void SyncWorker::wait(long ms) {
  std::unique_lock lock(stop_.mutex());
  stop_.cv().wait_for(lock, std::chrono::milliseconds(ms), [this] { return poked_ || stop_.stopped(); });
  poked_ = false;
}

void SyncWorker::update(const std::function<bool(SyncStatus&)>& change) {
  bool changed;
  {
    std::lock_guard lock(status_mu_);
    changed = change(status_);
  }
  // Outside the lock: the callback may well ask for status().
  if (changed && opt_.on_change) opt_.on_change();
}

SyncWorker::Attempt SyncWorker::send_row(QueueClient& client, store::Outbox& outbox,
                                         const store::OutboxRow& row, std::vector<std::int64_t>& taken) {
  std::string body = row.body;
  if (row.sealed) {
    // Opened in memory for the one request; what the disk holds stays sealed.
    auto opened = opt_.sealed_box
                      ? opt_.sealed_box->open(row.body)
                      : Result<std::string>(make_error("no_key", "This kiosk has no key for it."));
    if (!opened) {
      (void)outbox.park(row.seq, "cannot be opened: " + opened.error().message);
      return {.verdict = Verdict::park, .retry_after_ms = 0, .unreachable = false};
    }
    body = std::move(opened.value());
  }
  auto response = client.post(row.path, body);
  const UnixMs now = opt_.now();
  if (!response.ok()) {
    if (response.error().code == "cancelled") return {};
    (void)outbox.count_attempt(row.seq);  // only for IT's view: a failure to count is no reason to stop
    const bool unreachable = response.error().code == "network";
    const std::string message = response.error().message;
    update([&](SyncStatus& s) {
      const bool changed = s.reachable || !s.unreachable_since || s.last_error != message;
      if (s.reachable || !s.unreachable_since) s.unreachable_since = now;
      s.reachable = false;
      s.reachable_since.reset();
      s.last_error = message;
      return changed;
    });
    return {.verdict = Verdict::retry, .retry_after_ms = 0, .unreachable = unreachable};
  }
  learn_clock(response.value());
  const long code = response->status;
  const Verdict verdict = verdict_for(code);
  Result<void> stored = Ok{};
  std::string error;
  if (verdict == Verdict::sent && !row.sealed) {
    // Marked with the rest of the round in one commit (mark_round): a crash before it sends the row
    // again, and the service answers a retry of the same ticket with the ticket it holds.
    taken.push_back(row.seq);
  } else if (verdict == Verdict::sent) {
    stored = outbox.mark_sent(row.seq, now);  // a sealed row is deleted at once, not at the round's end
  } else if (verdict == Verdict::park) {
    const std::string reason = describe_refusal(code, response->body);
    stored = outbox.park(row.seq, reason);
    error = "A ticket was refused by the queue service and set aside for IT (" + reason + ").";
  } else {
    (void)outbox.count_attempt(row.seq);
    error = code == 401 ? "The queue service does not accept this kiosk's token (HTTP 401). Please ask IT."
                        : "The queue service could not take tickets just now (HTTP " + std::to_string(code) +
                              "). They are kept on the kiosk and sent later.";
  }
  if (!stored.ok()) error = stored.error().message;
  update([&](SyncStatus& s) {
    if (!s.reachable) {
      s.reachable = true;
      s.reachable_since = now;
      s.unreachable_since.reset();
    }
    if (verdict == Verdict::sent && stored.ok()) s.last_sync_at = now;
    s.last_error = error;
    return true;  // a row changed state, or the service answered: either way the panel may show it
  });
  if (!stored.ok()) return {};  // the disk failed: the row stays pending and is sent again (idempotent)
  return {.verdict = verdict,
          .retry_after_ms = response->retry_after_s * 1000,
          .unreachable = verdict == Verdict::retry && says_service_away(code, response->retry_after_s)};
}

bool SyncWorker::mark_round(store::Outbox& outbox, const std::vector<std::int64_t>& taken) {
  const auto marked = outbox.mark_sent(taken, opt_.now());
  if (!marked) note_error(marked.error().message);  // the rows stay pending and go again (idempotent)
  return marked.ok();
}

void SyncWorker::note_error(const std::string& message) {
  update([&](SyncStatus& s) {
    if (s.last_error == message) return false;
    s.last_error = message;
    return true;
  });
}

void SyncWorker::note_reachable(bool reachable, UnixMs now, const std::string& error) {
  update([&](SyncStatus& s) {
    const bool changed =
        s.reachable != reachable || (!reachable && !s.unreachable_since) || s.last_error != error;
    if (reachable && !s.reachable) {
      s.reachable_since = now;
      s.unreachable_since.reset();
    } else if (!reachable && (s.reachable || !s.unreachable_since)) {
      s.unreachable_since = now;
      s.reachable_since.reset();
    }
    s.reachable = reachable;
    s.last_error = error;
    return changed;
  });
}

namespace {

// The service refuses a larger report, and the whole heartbeat with it (routes_device.cpp).
constexpr std::size_t kMaxUpdateReportBytes = 4096;

// The updater's report as the heartbeat's "update"; discarded when there is none that fits.
nlohmann::json update_report_json(const std::function<std::optional<std::string>()>& read) {
  const std::optional<std::string> text = read ? read() : std::nullopt;
  if (!text) return nlohmann::json::value_t::discarded;
  auto report = nlohmann::json::parse(*text, nullptr, false);
  if (!report.is_object() || report.dump().size() > kMaxUpdateReportBytes)
    return nlohmann::json::value_t::discarded;
  return report;
}

}  // namespace

void SyncWorker::send_heartbeat(QueueClient& client, store::Outbox* outbox) {
  const UnixMs now = opt_.now();
  // How far the service's clock is from this kiosk's, so IT sees a kiosk with a wrong clock (null until
  // the first answer, unless one was kept from an earlier run).
  const std::optional<std::int64_t> offset =
      opt_.clock_offset ? opt_.clock_offset->get() : std::optional<std::int64_t>();
  // Tickets are stamped with the corrected time, so their age is measured on it: a kiosk whose clock is
  // behind must not report a negative wait. Uptime is a span, so it is measured on the steady clock, which
  // a change of the wall clock does not move.
  const UnixMs corrected_now = corrected_time(now, offset);
  nlohmann::json body = {
      {"version", opt_.version},
      {"uptime_s",
       std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_).count()},
      {"printer", opt_.printer_state ? opt_.printer_state() : std::string("none")},
      {"outbox_depth", 0},
      {"oldest_unsent_s", nullptr},
      {"last_sync_at", nullptr},
      {"clock_offset_ms", offset ? nlohmann::json(*offset) : nlohmann::json()},
      {"outbox_full", opt_.outbox_full ? opt_.outbox_full() : false}};
  if (opt_.slot > 0 && opt_.slots > 0) {
    body["slot"] = opt_.slot;
    body["slots"] = opt_.slots;
  }
  if (outbox) {
    if (auto st = outbox->stats(); st.ok()) {
      body["outbox_depth"] = st->pending;
      if (st->oldest_pending_created_at)
        body["oldest_unsent_s"] =
            std::max<std::int64_t>(0, (corrected_now - *st->oldest_pending_created_at) / 1000);
    }
  }
  if (const auto last = status().last_sync_at)
    body["last_sync_at"] = to_rfc3339(corrected_time(*last, offset));
  if (auto report = update_report_json(opt_.update_report); !report.is_discarded())
    body["update"] = std::move(report);
  // Which config this kiosk took last, so IT sees a kiosk that did not get the newest (null until one).
  if (!config_etag_.empty()) body["config_etag"] = config_etag_;
  auto response = client.post("/v1/heartbeat", body.dump());
  if (!response.ok()) {
    if (response.error().code != "cancelled") note_reachable(false, now, response.error().message);
    return;
  }
  learn_clock(response.value());
  // Any answer means the service is there; a refusal is for IT to see.
  const long code = response->status;
  note_reachable(true, now,
                 code / 100 == 2 ? status().last_error
                                 : "The queue service refused this kiosk's heartbeat (HTTP " +
                                       std::to_string(code) + ").");
}

void SyncWorker::fetch_config(QueueClient& client) {
  auto response = client.get("/v1/config", config_etag_);
  if (!response.ok()) return;  // unreachable: the heartbeat says so; the kiosk goes on with what it has
  learn_clock(response.value());
  if (response->status == 304) return;
  if (response->status != 200) {
    std::fprintf(stderr, "wijkkiosk: the location config could not be fetched (HTTP %ld)\n",
                 response->status);
    return;
  }
  auto j = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  auto config = j.is_discarded()
                    ? Result<LocationConfig>(make_error("bad_config", "GET /v1/config: not JSON"))
                    : location_config_from_json(j, "GET /v1/config");
  if (!config) {
    // Kept out of use: a config the kiosk cannot read must never replace one it can.
    std::fprintf(stderr, "wijkkiosk: the service sent a location config this kiosk cannot use: %s\n",
                 to_string(config.error()).c_str());
    return;
  }
  if (opt_.on_config && !opt_.on_config(config.value())) return;
  config_etag_ = response->etag;
  // IT sees the kiosk take the new config with the next heartbeat, sent at once.
  std::lock_guard lock(stop_.mutex());
  heartbeat_due_ = poked_ = true;
}

bool SyncWorker::fetch_numbering(QueueClient& client) {
  auto response = client.get("/v1/numbering", {});
  if (!response.ok()) return false;  // unreachable: asked again next round
  learn_clock(response.value());
  if (response->status != 200) {
    // An older service without the endpoint (404) will not learn it by being asked again.
    std::fprintf(stderr, "wijkkiosk: the service did not say where today's numbering stands (HTTP %ld)\n",
                 response->status);
    return response->status / 100 == 4 && response->status != 401 && response->status != 429;
  }
  auto j = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  auto numbering = j.is_discarded() ? Result<DayNumbering>(make_error("bad_numbering", "not JSON"))
                                    : day_numbering_from_json(j);
  if (!numbering) {
    std::fprintf(stderr, "wijkkiosk: GET /v1/numbering: %s\n", to_string(numbering.error()).c_str());
    return true;
  }
  if (opt_.on_numbering) opt_.on_numbering(std::move(numbering.value()));
  return true;
}

void SyncWorker::prune(store::Outbox& outbox) {
  // Measured back from the newest ticket as well as from now: a clock that jumps ahead never prunes
  // today's ledger, which numbering after a restart reads back.
  const auto offset = opt_.clock_offset ? opt_.clock_offset->get() : std::optional<std::int64_t>();
  UnixMs reference = corrected_time(opt_.now(), offset);
  auto newest = outbox.newest_created_at();
  if (!newest.ok()) return note_error(newest.error().message);
  if (newest.value()) reference = std::min(reference, *newest.value());
  auto pruned = outbox.prune(reference - opt_.retention_ms);
  if (!pruned.ok()) return note_error(pruned.error().message);
  if (pruned->outbox_rows > 0 || pruned->ledger_rows > 0)
    std::fprintf(stderr, "wijkkiosk: pruned %lld sent rows and %lld old tickets from the outbox\n",
                 static_cast<long long>(pruned->outbox_rows), static_cast<long long>(pruned->ledger_rows));
  // A busy checkpoint is tried again next time; the rows are gone either way.
  if (auto done = outbox.checkpoint(); !done.ok())
    std::fprintf(stderr, "wijkkiosk: %s\n", to_string(done.error()).c_str());
}

void SyncWorker::learn_clock(const Response& response) {
  if (!opt_.clock_offset) return;
  const auto offset = clock_offset_of(response);
  if (!offset) return;
  auto kept = opt_.clock_offset->learn(*offset, opt_.now());
  if (kept.ok() && !kept.value()) return;  // as it was: the usual case, nothing to write or tell
  if (!kept.ok())
    std::fprintf(stderr, "wijkkiosk: the service's clock offset is in use but not kept: %s\n",
                 to_string(kept.error()).c_str());
  const bool wrong = *offset > kClockToleranceMs || *offset < -kClockToleranceMs;
  const std::int64_t s = (*offset < 0 ? -*offset : *offset) / 1000;
  std::fprintf(
      stderr, "wijkkiosk: the queue service's clock is %lld h %02lld min %02lld s %s this kiosk's%s\n",
      static_cast<long long>(s / 3600), static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60),
      *offset < 0 ? "behind" : "ahead of", wrong ? ": tickets are stamped with the service's time" : "");
  // IT sees the new offset with the next heartbeat, sent at once.
  std::lock_guard lock(stop_.mutex());
  heartbeat_due_ = poked_ = true;
}

void SyncWorker::run() {
  std::mt19937_64 rng(std::random_device{}());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  QueueClient client(opt_.client);
  std::unique_ptr<store::Outbox> outbox;
  int failures = 0;  // consecutive rounds that ended in a retry: the backoff grows with them
  UnixMs next_heartbeat = opt_.now();
  UnixMs next_config = opt_.now();
  UnixMs next_prune = opt_.now() + opt_.first_prune_after_ms;
  bool numbering_heard = !opt_.on_numbering;

  while (!stopping()) {
    bool retry = false, progressed = false, unreachable = false;
    long retry_after_ms = 0;
    // First of all after a start: a resident may tap soon, and a kiosk that lost its ledger must not
    // hand out a code the service holds.
    if (!numbering_heard) numbering_heard = fetch_numbering(client);
    if (!outbox) {
      auto opened = store::Outbox::open(opt_.outbox_path, opt_.outbox_options);
      if (opened.ok()) {
        outbox = std::move(opened.value());
      } else {
        retry = true;
        note_error(opened.error().message);
      }
    }
    if (outbox) {
      auto rows = outbox->pending(opt_.batch_size);
      if (!rows.ok()) {
        retry = true;
        note_error(rows.error().message);
      } else {
        // Strict FIFO: on the first row that must wait, stop and start again from the head later.
        std::vector<std::int64_t> taken;  // rows the service now holds, marked sent together
        for (const auto& row : *rows) {
          if (stopping()) break;
          const Attempt a = send_row(client, *outbox, row, taken);
          if (a.verdict == Verdict::retry) {
            retry = true;
            retry_after_ms = a.retry_after_ms;
            unreachable = a.unreachable;
            break;
          }
          progressed = true;
        }
        if (!mark_round(*outbox, taken)) retry = true;
      }
    }
    if (stopping()) return;
    bool due;
    {
      std::lock_guard lock(stop_.mutex());
      due = std::exchange(heartbeat_due_, false);
    }
    if (opt_.heartbeat_interval_ms > 0 && (due || opt_.now() >= next_heartbeat)) {
      send_heartbeat(client, outbox.get());
      next_heartbeat = opt_.now() + opt_.heartbeat_interval_ms;
    }
    if (opt_.config_interval_ms > 0 && opt_.now() >= next_config) {
      fetch_config(client);
      next_config = opt_.now() + opt_.config_interval_ms;
    }
    long until_next_timer = opt_.heartbeat_interval_ms > 0
                                ? std::max<long>(1, static_cast<long>(next_heartbeat - opt_.now()))
                                : LONG_MAX;
    if (opt_.config_interval_ms > 0)
      until_next_timer =
          std::min(until_next_timer, std::max<long>(1, static_cast<long>(next_config - opt_.now())));
    // Nothing to send now (all sent, or waiting for the service): the prune and the checkpoint hold up
    // no ticket, and a service that stays away still lets sent rows of earlier days go.
    if (!progressed && outbox && opt_.prune_interval_ms > 0 && opt_.now() >= next_prune) {
      prune(*outbox);
      next_prune = opt_.now() + opt_.prune_interval_ms;
    }
    if (retry) {
      ++failures;
      const long cap =
          unreachable ? std::min(opt_.max_backoff_ms, opt_.unreachable_max_backoff_ms) : opt_.max_backoff_ms;
      const long backoff = backoff_ms(failures, unit(rng), std::min(opt_.base_backoff_ms, cap), cap);
      wait(
          std::min({std::max(backoff, retry_after_ms), std::max(opt_.max_backoff_ms, 1L), until_next_timer}));
    } else {
      failures = 0;
      if (!progressed)
        wait(std::min(opt_.idle_poll_ms,
                      until_next_timer));  // after progress, look again at once: more may be there
    }
  }
}

}  // namespace wk::net
