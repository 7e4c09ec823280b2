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

namespace {

// Numbering for the local day of `now`, from the ledger: the day of a ticket is the day of its stamp, and
// codes stay unique on it even when the kiosk's time went back to a day it numbered before, or before
// tickets it stamped ahead (a fast clock, corrected once the service's time was known: the service files
// those on its own day, this one).
Result<void> restore_numbering(KioskRuntime& rt, UnixMs now) {
  const std::string day = local_day(rt.state.tz, now);
  auto last = rt.io.last_numbers(day, now);
  if (!last) return last.error();
  rt.state.numbering = Numbering::restore(rt.device.slot, rt.device.slots, day, last.value());
  return Ok{};
}

// What the service said of the day's numbering, for IT (codes and numbers only, nothing of a resident).
void log_numbering(const KioskRuntime& rt, const DayNumbering& n) {
  std::string held;
  for (const auto& [letter, number] : n.highest)
    held += (held.empty() ? "" : ", ") + format_code(letter, number);
  if (n.day != rt.state.numbering.day)
    std::fprintf(stderr,
                 "wijkkiosk: the service's numbering is of %s, not of this kiosk's day %s: unchanged\n",
                 n.day.c_str(), rt.state.numbering.day.c_str());
  else
    std::fprintf(stderr, "wijkkiosk: numbering of %s learned from the service (highest held: %s)\n",
                 n.day.c_str(), held.empty() ? "none" : held.c_str());
}

}  // namespace

UnixMs kiosk_time(KioskRuntime& rt) {
  const UnixMs clock = rt.clock();
  // One atomic load per event; the rest only when the sync worker learned a new offset.
  if (const auto offset = rt.clock_offset->get(); offset && offset != rt.time.offset)
    rt.time = offset_learned(rt.time, *offset, clock);
  const bool was_held = rt.time.held != 0;
  const KioskNow now = kiosk_now(rt.time, clock);
  rt.time = now.time;
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

  // The kiosk's time: its clock, the service's offset as kept from an earlier run (so a start with the
  // service away still stamps right), and the floor of the build and the newest ticket.
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

void dispatch(KioskRuntime& rt, Event event) {
  std::deque<Event> queue{std::move(event)};
  KioskAdapters& io = rt.io;
  auto layout = [&](const Ticket& t) {
    return layout_ticket(t, rt.state.config, rt.state.tz, rt.texts, rt.device.service_url);
  };
  while (!queue.empty()) {
    Event e = std::move(queue.front());
    queue.pop_front();
    if (const auto* changed = std::get_if<ev::ConfigChanged>(&e)) {
      if (changed->config.languages != rt.state.config.languages)
        rt.texts = load_catalogues(changed->config.languages);
      ++rt.config_generation;
    }
    const UnixMs now = kiosk_time(rt);
    // A ticket's number belongs to the local day of its stamp; when that day is not the one numbering is
    // on, the ledger says where that day stands (one read, once a day or after a correction of the time).
    if (std::holds_alternative<ev::TopicChosen>(e) && local_day(rt.state.tz, now) != rt.state.numbering.day)
      if (auto restored = restore_numbering(rt, now); !restored)
        std::fprintf(stderr, "wijkkiosk: numbering not read back: %s\n", to_string(restored.error()).c_str());
    if (const auto* learned = std::get_if<ev::NumberingLearned>(&e)) log_numbering(rt, learned->numbering);
    const PinLock pin_before{rt.state.pin_failures, rt.state.pin_locked_until};
    Update u = update(std::move(rt.state), e, Inputs{now, draw_entropy()});
    rt.state = std::move(u.state);
    // Only a checked PIN moves these: a staff member's rare event, never a resident's tap.
    if (io.keep_pin_lock && (pin_before.failures != rt.state.pin_failures ||
                             pin_before.locked_until != rt.state.pin_locked_until))
      if (auto kept = io.keep_pin_lock(rt.state.pin_failures, rt.state.pin_locked_until); !kept)
        std::fprintf(stderr, "wijkkiosk: the PIN lock-out is not kept across a restart: %s\n",
                     to_string(kept.error()).c_str());
    for (const Effect& effect : u.effects)
      std::visit(
          Overloaded{
              [&](const fx::StoreTicket& store) {
                // Durable before the screen may show it: the outbox returns only after the commit is
                // on disk.
                auto stored = io.store_ticket(store.ticket);
                // The bound (max_page_count) or a full disk: SQLite rolled the whole transaction
                // back, so no half-written ticket is left; IT hears of it with a heartbeat now.
                if (io.outbox_full) io.outbox_full(!stored && stored.error().code == "disk_full");
                if (stored) {
                  rt.time = stamped(rt.time, store.ticket.created_at);
                  queue.push_back(ev::TicketStored{store.ticket.id});
                  if (io.sync_now) io.sync_now();
                } else {
                  std::fprintf(stderr, "wijkkiosk: ticket not stored: %s\n",
                               to_string(stored.error()).c_str());
                  queue.push_back(ev::StoreFailed{stored.error()});
                }
              },
              // Argon2id is slow by design: verified on the checker's thread, answered via the inbox.
              [&](const fx::CheckPin& check) {
                if (io.check_pin) io.check_pin(check.pin);
              },
              [&](const fx::SyncNow&) {
                if (io.sync_now) io.sync_now();
              },
              [&](const fx::TellIT&) {
                if (io.heartbeat_now) io.heartbeat_now();
              },
              [&](const fx::PrintTicket& p) {
                if (io.print)
                  io.print(layout(p.ticket), [id = p.ticket.id](bool ok, PrinterState after) -> Event {
                    return ev::PrintDone{id, ok, after};
                  });
              },
              [&](const fx::PrintJob& p) {
                if (!io.print) return queue.push_back(ev::ReprintDone{p.job_id, false, PrinterState::None});
                std::fprintf(stderr, "wijkkiosk: printing reprint %lld for a counter\n",
                             static_cast<long long>(p.job_id));
                io.print(layout(p.ticket), [job = p.job_id](bool ok, PrinterState after) -> Event {
                  return ev::ReprintDone{job, ok, after};
                });
              },
              [&](const fx::ReportPrintJob& r) {
                std::fprintf(stderr, "wijkkiosk: reprint %lld: %s\n", static_cast<long long>(r.job_id),
                             reprint_status_name(r.outcome));
                if (io.report_print_job) io.report_print_job(r.job_id, r.outcome);
              },
              // "Reprint" on the staff panel: the last ticket this kiosk issued, read from the ledger.
              [&](const fx::Reprint&) {
                if (!io.print || !io.last_ticket) return;
                auto last = io.last_ticket();
                if (last && last.value()) io.print(layout(*last.value()), {});
              },
              [&](const fx::PrintTest&) {
                if (io.print)
                  io.print(test_ticket_layout(rt.state.config.name, rt.device.service_url, now, rt.state.tz),
                           {});
                else
                  std::fprintf(stderr, "wijkkiosk: no printer is configured\n");
              },
              [&](const fx::Quit&) {
                std::fprintf(stderr, "wijkkiosk: exit from the staff panel\n");
                if (io.quit) io.quit();
              },
          },
          effect);
  }
}

KioskAdapters adapters_of(KioskRuntime& rt, std::function<void()> quit) {
  KioskAdapters io;
  store::Outbox* outbox = rt.outbox.get();
  io.store_ticket = [outbox](const Ticket& t) { return outbox->append_ticket(t); };
  io.last_numbers = [outbox](const std::string& day, UnixMs now) { return outbox->last_numbers(day, now); };
  io.last_ticket = [outbox] { return outbox->last_ticket(); };
  if (net::SyncWorker* sync = rt.sync.get()) {
    io.sync_now = [sync] { sync->poke(); };
    io.heartbeat_now = [sync] { sync->heartbeat_now(); };
  }
  io.outbox_full = [full = rt.outbox_full, sync = rt.sync.get()](bool now_full) {
    if (full->exchange(now_full) != now_full && sync) sync->heartbeat_now();
  };
  if (print::PrintWorker* printer = rt.printer.get())
    io.print = [printer](TicketLayout l, KioskAdapters::PrintAnswer answer) {
      printer->print(std::move(l), std::move(answer));
    };
  if (PinChecker* pins = rt.pin_checker.get())
    io.check_pin = [pins](std::string pin) { pins->check(std::move(pin)); };
  if (net::PrintJobsListener* jobs = rt.print_jobs.get())
    io.report_print_job = [jobs](std::int64_t job, ReprintStatus outcome) {
      jobs->report(job, reprint_status_name(outcome));
    };
  io.keep_pin_lock = [path = rt.pin_lock_path](int failures, UnixMs locked_until) {
    return write_pin_lock(path, {failures, locked_until});
  };
  io.quit = std::move(quit);
  return io;
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
