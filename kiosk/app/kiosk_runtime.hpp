#pragma once
// The kiosk's imperative shell without a screen: it reads the device config, opens the outbox, restores
// ticket numbering, starts the sync worker, and runs core's effects. The GUI kiosk and the headless
// `wijkkiosk issue` command both drive core through it, so they behave the same.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/clock_source.hpp"
#include "app/kiosk_config.hpp"
#include "app/kiosk_effects.hpp"
#include "app/pin_checker.hpp"
#include "core/catalogue.hpp"
#include "core/clock_offset.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "core/session.hpp"
#include "net/print_jobs_listener.hpp"
#include "net/sync_worker.hpp"
#include "print/print_worker.hpp"
#include "store/outbox.hpp"
#include "store/outbox_clock.hpp"
#include "worker/inbox.hpp"

namespace wk::app {

Entropy draw_entropy();  // from the kernel's CSPRNG

struct KioskRuntime {
  DeviceConfig device;
  Clock clock = nullptr;      // the process's clock (the wall clock, or a test's); read through kiosk_time()
  Clock monotonic = nullptr;  // beside the wall clock, to see it jump by; none beside a test's clock file
  // The service's clock offset, learned by the sync worker and kept in data_dir; and the kiosk's time
  // built on it (UI thread only).
  std::shared_ptr<store::KeptClockOffset> clock_offset;
  KioskTime time;
  std::string outbox_path;
  std::unique_ptr<store::Outbox> outbox;  // used from the UI thread only
  // Seals a volunteer's personal fields in the outbox (volunteer.key in data_dir, 0600); shared with the
  // sync worker, which opens them for their one request. Null when the key cannot be read or made: then
  // registrations are refused with words, tickets go on.
  std::shared_ptr<const store::SealedBox> sealed_box;
  std::unique_ptr<net::SyncWorker> sync;               // its own thread, its own outbox connection
  std::unique_ptr<print::PrintWorker> printer;         // its own thread; none without a printer in the config
  std::unique_ptr<net::PrintJobsListener> print_jobs;  // counters' reprints; only in the GUI kiosk
  std::unique_ptr<PinChecker> pin_checker;             // its own thread, started by the first PIN
  std::string pin_lock_path;                           // the PIN pad's lock-out, kept across restarts
  // Set while tickets are refused for want of space (the outbox at its bound, or a full disk); the
  // heartbeat tells IT. Cleared by the next ticket stored.
  std::shared_ptr<std::atomic<bool>> outbox_full = std::make_shared<std::atomic<bool>>(false);
  Catalogues texts;
  KioskState state;
  int config_generation = 0;  // counts ConfigChanged: what the screen derived from the config is redone
  KioskAdapters io;           // what dispatch() runs core's effects with: the above, or a test's fakes
  // Events from worker threads wait here until the UI thread takes them (drain_inbox).
  worker::Inbox<Event> inbox;

  ~KioskRuntime();  // the workers' threads end before the inbox they post to
};

struct RuntimeOptions {
  std::function<void()> on_sync_change;  // from the sync thread: wake the UI
  bool start_sync = true;
  std::function<void()> quit;  // the staff panel's "exit"
  std::function<void()> wake;  // events from workers wait in the inbox: wake the UI thread
  bool start_printer = true;
  // Take reprints that counters ask for. Only the kiosk on the screen does: a `wijkkiosk sync` run beside
  // it must not claim them.
  bool listen_for_reprints = false;
  // Start the worker threads at once. The GUI starts them after its first frame instead (start_workers):
  // their TLS handshakes would otherwise compete with the screen for the CPU at start-up.
  bool start_workers = true;
  Clock clock = nullptr;  // the process's clock; unset: the wall clock
  // A clock that never jumps, read beside `clock` to see its jumps by; unset: the monotonic clock when
  // `clock` is unset too, else none (a test's clock file moves as the test says, not by jumps to undo).
  Clock monotonic = nullptr;
  // No clock before this is right (core's stamp_floor); unset: the time this binary was configured.
  std::optional<UnixMs> build_time;
};

Result<std::unique_ptr<KioskRuntime>> open_kiosk_runtime(const std::string& config_path,
                                                         RuntimeOptions options);
// The adapters of the runtime's own outbox and workers (those it has).
KioskAdapters adapters_of(KioskRuntime& rt, std::function<void()> quit);

// The kiosk's time now: the process's clock, corrected by the service's offset when they disagree by more
// than two minutes, never before the build or the newest ticket (core/clock_offset.hpp). Every event gets
// it, so the stamp and the numbering day of a ticket come from the same time. UI thread only.
UnixMs kiosk_time(KioskRuntime& rt);

// Numbering for the local day of `now`, from the ledger (io.last_numbers): where the day's codes go on.
Result<void> restore_numbering(KioskRuntime& rt, UnixMs now);

// Feeds one event through core and runs what core asks for (storing a ticket first of all), feeding the
// outcome back, until nothing is left to do.
void dispatch(KioskRuntime& rt, Event event);
// Applies the events worker threads posted; call it on the UI thread after a wake.
void drain_inbox(KioskRuntime& rt);
// Starts the workers (printer, sync, reprints) that open_kiosk_runtime made; once.
void start_workers(KioskRuntime& rt);
// Stops the workers (sync, printer, reprints) and waits for them.
void stop_workers(KioskRuntime& rt);
// Stops the workers and closes the outbox: what must happen however the kiosk ends.
void close_runtime(KioskRuntime& rt);

}  // namespace wk::app
