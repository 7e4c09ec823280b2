#pragma once
// The sync worker drains the outbox FIFO on its own thread: POST each row with its id, mark it sent on a
// 2xx, park it with its reason on a 4xx a retry cannot fix, and retry network errors and 5xx with
// exponential backoff and jitter (capped at 60 s; at 2 s while the service is away altogether). It never
// blocks whoever appends to the outbox: poke() only wakes it. A 409 parks too: the service answers 200 to an
// identical retry, so a 409 means the same id arrived with another body, which no retry can fix.
//
// Between rows it also keeps the kiosk's location config fresh: GET /v1/config every few minutes with the
// ETag of the last answer, so an unchanged config costs a 304. A new one is validated here and handed on.
//
// Until it has heard once since its start, it asks the service where today's numbering stands (GET
// /v1/numbering) before anything else, and hands the answer on: a kiosk that lost its data folder numbers
// on above the codes the service holds. The resident's tap never waits for it.
//
// Every answer's Date teaches it the service's time: the offset is kept (store::KeptClockOffset) for the
// kiosk to stamp tickets by, and reported in the heartbeat, so IT sees a kiosk whose clock is wrong.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/ticket.hpp"
#include "net/queue_client.hpp"
#include "store/outbox.hpp"
#include "store/outbox_clock.hpp"
#include "worker/backoff.hpp"
#include "worker/stop_signal.hpp"

namespace wk::net {

struct SyncStatus {
  bool reachable = false;  // the last call reached the service
  std::optional<UnixMs> reachable_since, unreachable_since;
  std::optional<UnixMs> last_sync_at;  // last row marked sent
  std::string last_error;              // human words, for the staff panel
};

// The outbox retries on the one backoff rule of every worker (worker/backoff.hpp).
using worker::backoff_ms;

class SyncWorker {
 public:
  struct Options {
    std::string outbox_path;
    ClientOptions client;
    // Opens the sealed rows (volunteers' registrations) just before they are sent; none: such a row is
    // set aside for IT, never sent sealed.
    std::shared_ptr<const store::SealedBox> sealed_box;
    std::function<UnixMs()> now;      // the clock, handed in
    std::function<void()> on_change;  // called from the worker thread (e.g. SDL_PushEvent)
    long base_backoff_ms = 500, max_backoff_ms = 60000;
    // While the service cannot be reached at all (refused, reset, no answer within the client's timeout,
    // or a gateway's 502/503/504 saying no instance is up) and rows wait, it looks again at least this
    // often: a knock costs one refused connection (or the timeout it waited), and the rows reach a service
    // that comes back within seconds, not at the end of a minute's backoff. A service that answers with
    // its own refusal (5xx with Retry-After, 429) gets the full backoff: it is there, and busy.
    long unreachable_max_backoff_ms = 2000;
    // With nothing pending it looks again this often without a poke: another process (an IT tool, a
    // previous run) may have added rows.
    long idle_poll_ms = 30000;
    int batch_size = 50;  // rows read per look at the outbox
    // POST /v1/heartbeat this often (and at start), so IT sees the kiosk and the kiosk knows whether its
    // service is reachable even when it has nothing to send. 0: no heartbeat.
    long heartbeat_interval_ms = 60000;
    std::string version = "0";
    std::function<std::string()> printer_state;  // "ok|paper_low|paper_out|offline|none"; none when unset
    // GET /v1/config this often (and at start); 0: never. A valid config that the service sends (not 304)
    // goes to on_config, on the worker thread; it answers whether the kiosk took it. One it did not take
    // (say, an unknown time zone) is asked for again next time instead of being answered 304.
    long config_interval_ms = 0;
    std::function<bool(const LocationConfig&)> on_config;
    // Where the service's clock offset is kept; shared with whoever stamps tickets. None: not learned.
    std::shared_ptr<store::KeptClockOffset> clock_offset;
    store::OutboxOptions outbox_options;  // the same bound as the appending connection's
    // When idle, this often: prune sent rows older than `retention_ms` before the newest ticket, then
    // empty the WAL. Never on the tap path, which only appends. 0: never.
    long prune_interval_ms = 10 * 60 * 1000;
    // The first prune waits this long after start: the start is the kiosk's busiest minute (fonts, the
    // first frame, the backlog), and a prune then would only compete with it.
    long first_prune_after_ms = 60 * 1000;
    std::int64_t retention_ms = store::kOutboxRetentionMs;
    // Whether the last ticket was refused for want of space (the heartbeat's outbox_full); unset: false.
    std::function<bool()> outbox_full;
    // Where the location's numbering stands, on the worker thread, once per start (unset: not asked).
    std::function<void(DayNumbering)> on_numbering;
    // This kiosk's numbering slot s of n, for the heartbeat: IT sees two kiosks of a location whose
    // numbers can meet. 0: not sent.
    int slot = 0, slots = 0;
    // The updater's last report as its file holds it (docs/updates.md), read for every heartbeat, so IT
    // sees a refused or rolled-back release in the fleet view; none (or unset): the heartbeat has no
    // "update". Text that is not a JSON object is left out too.
    std::function<std::optional<std::string>()> update_report;
  };
  explicit SyncWorker(Options options);
  ~SyncWorker();  // stops and joins
  void start();
  void stop();
  void poke();           // new rows are waiting: try now, skipping any backoff wait
  void heartbeat_now();  // something IT should see changed (the printer): send a heartbeat at once
  SyncStatus status() const;

 private:
  struct Attempt;
  void run();
  // A row the service took goes into `taken` (a sealed one is marked at once), for mark_round.
  Attempt send_row(QueueClient& client, store::Outbox& outbox, const store::OutboxRow& row,
                   std::vector<std::int64_t>& taken);
  bool mark_round(store::Outbox& outbox, const std::vector<std::int64_t>& taken);  // false: it failed
  void update(const std::function<bool(SyncStatus&)>& change);  // on_change when `change` says it changed
  void note_error(const std::string& message);
  void send_heartbeat(QueueClient& client, store::Outbox* outbox);
  void fetch_config(QueueClient& client);
  bool fetch_numbering(QueueClient& client);  // true once the service answered
  void prune(store::Outbox& outbox);
  void learn_clock(const Response& response);  // from the answer's Date; a heartbeat at once when it moved
  void note_reachable(bool reachable, UnixMs now, const std::string& error);
  void wait(long ms);  // until ms passed, a poke, or stop
  bool stopping() const { return stop_.stopped(); }
  Options opt_;
  // stop() raises it: a wait ends at once, a request under way at curl's next progress check (about a
  // second). Its mutex also guards the two flags below.
  worker::StopSignal stop_;
  bool poked_ = false, heartbeat_due_ = false;
  mutable std::mutex status_mu_;
  SyncStatus status_;
  std::chrono::steady_clock::time_point started_{};  // for the uptime
  std::string config_etag_;                          // of the last config handed on (worker thread only)
  std::thread thread_;
};

}  // namespace wk::net
