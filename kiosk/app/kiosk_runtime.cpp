#include "app/kiosk_runtime.hpp"

#include <sys/random.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <memory>
#include <utility>

#include "app/assets.hpp"
#include "app/trial_mark.hpp"
#include "core/overloaded.hpp"
#include "print/printer.hpp"
#include "store/tz_file.hpp"

namespace wk::app {
namespace fs = std::filesystem;

Entropy draw_entropy() {
  Entropy e;
  std::size_t got = 0;
  while (got < e.bytes.size()) {
    const ssize_t n = getrandom(e.bytes.data() + got, e.bytes.size() - got, 0);
    if (n > 0) got += static_cast<std::size_t>(n);
    // getrandom only fails on EINTR here (the buffer is small and the pool is initialised after boot).
  }
  return e;
}

namespace {}  // namespace

UnixMs kiosk_time(KioskRuntime& rt) {
  const UnixMs clock = rt.clock();
  // One atomic load per event; the rest only when the sync worker learned a new offset.
  if (const auto offset = rt.clock_offset->get(); offset && offset != rt.time.offset)
    rt.time = offset_learned(rt.time, *offset, clock);
  const bool was_held = rt.time.held != 0;
  const std::int64_t jumped = rt.time.jumped;
  const KioskNow now =
      kiosk_now(rt.time, clock, rt.monotonic ? std::optional<std::int64_t>(rt.monotonic()) : std::nullopt);
  rt.time = now.time;
  if (now.time.jumped != jumped)
    std::fprintf(
        stderr,
        "wijkkiosk: this kiosk's clock jumped %+lld s (now %s); tickets are stamped by the service's "
        "time (%s) until the service is heard again\n",
        static_cast<long long>((now.time.jumped - jumped) / 1000), to_rfc3339(clock).c_str(),
        to_rfc3339(now.now).c_str());
  if (!was_held && now.time.held != 0)
    std::fprintf(stderr,
                 "wijkkiosk: this kiosk's clock (%s) is before its newest ticket or its build; tickets are "
                 "stamped from %s on until the service's time is known\n",
                 to_rfc3339(clock).c_str(), to_rfc3339(now.now).c_str());
  return now.now;
}

Result<std::unique_ptr<KioskRuntime>> open_kiosk_runtime(const std::string& config_path,
                                                         RuntimeOptions options) {
  auto device = load_device_config(config_path);
  if (!device) return device.error();
  auto rt = std::make_unique<KioskRuntime>();
  rt->device = device.value();
  rt->inbox.set_wake(std::move(options.wake));
  const DeviceConfig& d = rt->device;

  std::error_code ec;
  fs::create_directories(d.data_dir, ec);
  if (ec)
    return make_error("data_dir", "The kiosk cannot create its data folder " + d.data_dir + ".",
                      ec.message());
  ::chmod(d.data_dir.c_str(), 0700);

  auto location = load_location_config(d);
  if (!location) return location.error();
  auto tz = store::load_tz_rule(location->timezone);
  if (!tz) return tz.error();

  rt->outbox_path = d.data_dir + "/outbox.db";
  store::OutboxOptions outbox_options;
  outbox_options.max_size_bytes = std::int64_t{d.outbox_max_mb} * 1024 * 1024;
  auto outbox = store::Outbox::open(rt->outbox_path, outbox_options);
  if (!outbox) return outbox.error();
  rt->outbox = std::move(outbox.value());
  if (auto box = store::SealedBox::open_or_create(d.data_dir + "/volunteer.key"))
    rt->sealed_box = std::make_shared<const store::SealedBox>(std::move(box.value()));
  else
    std::fprintf(stderr, "wijkkiosk: volunteers cannot register here: %s\n", to_string(box.error()).c_str());

  // The kiosk's time: its clock, the service's offset as kept from an earlier run (so a start with the
  // service away still stamps right), and the floor of the build and the newest ticket.
  rt->monotonic = options.clock ? std::move(options.monotonic) : monotonic_clock();
  rt->clock = options.clock ? std::move(options.clock) : wall_clock();
  rt->clock_offset = std::make_shared<store::KeptClockOffset>(d.data_dir + "/clock_offset.json");
  if (!rt->clock_offset->read_problem().empty())
    std::fprintf(stderr, "wijkkiosk: %s; it is learned again from the service\n",
                 rt->clock_offset->read_problem().c_str());
  auto newest = rt->outbox->newest_created_at();
  if (!newest) return newest.error();
  rt->time =
      start_kiosk_time(options.build_time.value_or(build_time_ms()), newest.value(), rt->clock_offset->get());
  rt->state.config = location.value();
  rt->state.tz = tz.value();
  rt->state.session_timeout_s = d.session_timeout_s;
  // Wrong PINs before a restart still count, and a locked pad stays locked.
  rt->pin_lock_path = d.data_dir + "/pin_lock.json";
  {
    std::string problem;
    const PinLock lock = read_pin_lock(rt->pin_lock_path, kiosk_time(*rt), &problem);
    if (!problem.empty()) std::fprintf(stderr, "wijkkiosk: %s\n", problem.c_str());
    rt->state.pin_failures = lock.failures;
    rt->state.pin_locked_until = lock.locked_until;
  }
  {
    KioskRuntime* raw = rt.get();
    rt->pin_checker =
        std::make_unique<PinChecker>(d.staff_pin_hash, [raw](Event e) { raw->inbox.post(std::move(e)); });
  }
  rt->state.ticket_timeout_s = d.ticket_timeout_s;

  rt->texts = load_catalogues(rt->state.config.languages);

  if (!d.printer_uri.empty() && options.start_printer) {
    auto profile = print::profile_for(d.printer_model, d.paper_mm);
    if (!profile) return profile.error();
    print::PrintWorker::Options po;
    po.uri = d.printer_uri;
    po.profile = profile.value();
    KioskRuntime* raw = rt.get();
    po.post = [raw](Event e) { raw->inbox.post(std::move(e)); };
    rt->printer = std::make_unique<print::PrintWorker>(std::move(po));
    rt->state.has_printer = true;
    rt->state.printer = PrinterState::Ok;  // assumed until the worker's first look says otherwise
  }

  if (options.start_sync) {
    auto token = net::read_token_file(d.token_file);
    if (!token) return token.error();
    net::SyncWorker::Options so;
    so.outbox_path = rt->outbox_path;
    so.client.base_url = d.service_url;
    so.client.ca_file = d.ca_file;
    so.client.token = token.value();
    so.outbox_options = outbox_options;
    so.outbox_full = [full = rt->outbox_full] { return full->load(); };
    so.sealed_box = rt->sealed_box;
    so.now = rt->clock;
    so.clock_offset = rt->clock_offset;
    so.on_change = std::move(options.on_sync_change);
    so.version = WIJKKIOSK_VERSION;
    so.slot = d.slot;
    so.slots = d.slots;
    if (rt->printer) {
      print::PrintWorker* pw = rt->printer.get();
      so.printer_state = [pw] { return std::string(printer_state_name(pw->state())); };
    }
    so.config_interval_ms = d.config_poll_s * 1000L;
    so.update_report = [dir = d.data_dir] { return read_update_report(dir); };
    {
      KioskRuntime* raw = rt.get();
      so.on_config = location_config_receiver(rt->state.config, d.data_dir + "/location.json",
                                              [raw](Event e) { raw->inbox.post(std::move(e)); });
    }
    {
      KioskRuntime* raw = rt.get();
      so.on_numbering = [raw](DayNumbering n) { raw->inbox.post(ev::NumberingLearned{std::move(n)}); };
    }
    const net::ClientOptions client = so.client;
    rt->sync = std::make_unique<net::SyncWorker>(std::move(so));
    if (options.listen_for_reprints) {
      net::PrintJobsListener::Options lo;
      lo.client = client;
      KioskRuntime* raw = rt.get();
      lo.on_job = [raw](std::int64_t job, Ticket ticket) {
        raw->inbox.post(ev::ReprintRequested{job, std::move(ticket)});
      };
      rt->print_jobs = std::make_unique<net::PrintJobsListener>(std::move(lo));
    }
  }
  rt->io = adapters_of(*rt, std::move(options.quit));
  // Numbering goes on where the last run of today stopped, read back from the durable ledger.
  if (auto restored = restore_numbering(*rt, kiosk_time(*rt)); !restored) return restored.error();
  dispatch(*rt, ev::Tick{});
  if (options.start_workers) start_workers(*rt);
  return rt;
}

void start_workers(KioskRuntime& rt) {
  if (rt.printer) rt.printer->start();
  if (rt.sync) rt.sync->start();
  if (rt.print_jobs) rt.print_jobs->start();
}

KioskRuntime::~KioskRuntime() {
  stop_workers(*this);
}

void drain_inbox(KioskRuntime& rt) {
  for (auto& e : rt.inbox.take()) dispatch(rt, std::move(e));
}

void stop_workers(KioskRuntime& rt) {
  if (rt.pin_checker) rt.pin_checker->stop();
  if (rt.print_jobs) rt.print_jobs->stop();
  if (rt.sync) rt.sync->stop();
  if (rt.printer) rt.printer->stop();
}

void close_runtime(KioskRuntime& rt) {
  stop_workers(rt);
  rt.outbox.reset();
}

}  // namespace wk::app
