#pragma once
// The kiosk's durable outbox and ticket ledger, one SQLite file (WAL, synchronous=FULL).
// append() returns only once the row is on disk: the screen shows a ticket only after that, so a power
// cut after the screen shows it never loses it. Rows go pending -> sent | parked(reason).
// One Outbox object per thread: the UI thread appends, the sync worker opens its own.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/callback.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"
#include "core/volunteer.hpp"
#include "store/sealed_box.hpp"

struct sqlite3;

namespace wk::store {

struct OutboxRow {
  std::int64_t seq = 0;  // FIFO order
  std::string id;        // the idempotency key (ticket id)
  std::string path;      // API path to POST to, "/v1/tickets"
  std::string body;      // JSON body
  UnixMs created_at = 0;
  int attempts = 0;
  bool sealed = false;  // body is sealed (a volunteer's registration, a call-back request): open it with the
                        // kiosk's SealedBox
};

struct OutboxStats {
  std::int64_t pending = 0, sent = 0, parked = 0;
  std::optional<UnixMs> oldest_pending_created_at;
  std::optional<UnixMs> last_sent_at;
};

struct ParkedRow {
  std::int64_t seq = 0;
  std::string id, path, reason;
};

// The default bound on the outbox file: some hundred thousand tickets, weeks of a service that stays away.
constexpr std::int64_t kDefaultOutboxMaxBytes = 64LL * 1024 * 1024;
// Sent rows, and the ledger of days before yesterday, are pruned once they are this much older than the
// newest ticket: three days keep today's and yesterday's ledger whatever the time zone and its changes.
constexpr std::int64_t kOutboxRetentionMs = 3LL * 24 * 3600 * 1000;

struct OutboxOptions {
  // An upper bound on the database file, so a service that stays away for weeks cannot fill the disk the
  // rest of the system needs: past it, append fails with "disk_full" like a full disk. SQLite enforces it
  // itself (max_page_count), so a tap costs no extra query. 0: no bound.
  std::int64_t max_size_bytes = 0;
  int busy_timeout_ms = 5000;  // how long to wait for the other connection (UI vs. sync worker) to commit
};

class Outbox {
 public:
  static Result<std::unique_ptr<Outbox>> open(const std::string& path, const OutboxOptions& options = {});
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // The ticket into the ledger and its POST into the outbox, in one transaction. Durable on return.
  Result<void> append_ticket(const Ticket& ticket);
  // A volunteer's registration, sealed under `box` before it is written; durable when this returns.
  Result<void> append_volunteer(const VolunteerRegistration& registration, const SealedBox& box);
  // A call-back request ("bel mij terug"), sealed the same way; durable when this returns.
  Result<void> append_callback(const CallbackRequest& request, const SealedBox& box);
  Result<std::vector<OutboxRow>> pending(int limit);
  // Also counts the attempt that succeeded.
  // A sealed row is deleted (its bytes overwritten, the WAL emptied); any other is kept as sent.
  Result<void> mark_sent(std::int64_t seq, UnixMs now);
  // The same for many rows in one transaction: all are marked, or (on a failure) none.
  Result<void> mark_sent(const std::vector<std::int64_t>& seqs, UnixMs now);
  Result<void> park(std::int64_t seq, const std::string& reason);
  Result<void> count_attempt(std::int64_t seq);
  Result<OutboxStats> stats();
  Result<std::vector<ParkedRow>> parked();
  // The last number issued per topic letter on a local day, to restore numbering after a restart. With
  // `stamped_after`, tickets stamped later than that count too: stamped ahead of the kiosk's time (a fast
  // clock, before the service's time was known), they may be filed on this day by the service, so this
  // day's numbers go on after theirs.
  Result<std::map<char, int>> last_numbers(const std::string& local_day,
                                           std::optional<UnixMs> stamped_after = std::nullopt);
  Result<std::vector<Ticket>> tickets();  // the ledger, oldest first (IT tools and tests)
  // The newest created_at in the ledger (nullopt while it is empty): no later ticket is stamped earlier.
  Result<std::optional<UnixMs>> newest_created_at();
  // The last ticket in the ledger (the staff panel's reprint); nullopt while it is empty.
  Result<std::optional<Ticket>> last_ticket();

  struct Pruned {
    std::int64_t outbox_rows = 0, ledger_rows = 0;
  };
  // Deletes sent rows and ledger rows stamped before `cutoff`, keeping every pending or parked row and its
  // ticket, and the newest ticket (the clock floor and the reprint). Off the tap path: the sync worker
  // calls it when idle, then checkpoint().
  Result<Pruned> prune(UnixMs cutoff);
  // Copies the WAL into the database and truncates it to nothing, so the disk gets its space back.
  Result<void> checkpoint();

 private:
  explicit Outbox(sqlite3* db) : db_(db) {}
  // One row whose body is already sealed, at `path`; durable when this returns.
  Result<void> append_sealed(const std::string& id, std::string_view path, const std::string& sealed,
                             UnixMs created_at);
  sqlite3* db_;
};

}  // namespace wk::store
