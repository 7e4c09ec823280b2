// The kiosk's effect runner (kiosk_effects.hpp) and the adapters of the runtime's own workers.
#include <cstdio>
#include <deque>

#include "app/assets.hpp"
#include "app/kiosk_runtime.hpp"
#include "core/overloaded.hpp"

namespace wk::app {
namespace {

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
              [&](const fx::StoreVolunteer& store) {
                namespace v = volunteer;
                auto stored = io.store_volunteer
                                  ? io.store_volunteer(store.registration)
                                  : Result<void>(make_error("no_outbox", "Nothing can be kept here."));
                if (io.outbox_full) io.outbox_full(!stored && stored.error().code == "disk_full");
                if (stored) {
                  queue.push_back(ev::Volunteer{v::ev::Stored{store.registration.id}});
                  if (io.sync_now) io.sync_now();
                } else {
                  // The error's detail is SQLite's or the file system's, never the registration's fields.
                  std::fprintf(stderr, "wijkkiosk: volunteer's registration not stored: %s\n",
                               to_string(stored.error()).c_str());
                  queue.push_back(ev::Volunteer{v::ev::StoreFailed{stored.error()}});
                }
              },
              [&](const fx::StoreCallback& store) {
                namespace c = callback;
                auto stored = io.store_callback
                                  ? io.store_callback(store.request)
                                  : Result<void>(make_error("no_outbox", "Nothing can be kept here."));
                if (io.outbox_full) io.outbox_full(!stored && stored.error().code == "disk_full");
                if (stored) {
                  queue.push_back(ev::Callback{c::ev::Stored{store.request.id}});
                  if (io.sync_now) io.sync_now();
                } else {
                  // The error's detail is SQLite's or the file system's, never the request's number.
                  std::fprintf(stderr, "wijkkiosk: call-back request not stored: %s\n",
                               to_string(stored.error()).c_str());
                  queue.push_back(ev::Callback{c::ev::StoreFailed{stored.error()}});
                }
              },
              [&](const fx::PrintReference& p) {
                if (!io.print)
                  return queue.push_back(ev::PrintDone{p.registration_id, false, PrinterState::None});
                const auto layout_of = p.callback ? layout_callback_reference : layout_reference;
                io.print(layout_of(p.reference, p.language, rt.state.config, rt.state.tz, rt.texts, now),
                         [id = p.registration_id](bool ok, PrinterState after) -> Event {
                           return ev::PrintDone{id, ok, after};
                         });
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
              // Without a reader (the headless commands, a kiosk without sound) the reading ends at once,
              // so the button never stays "on" for nothing.
              [&](const fx::ReadScreen& r) {
                if (io.read_screen)
                  io.read_screen(r.language, r.volume);
                else
                  queue.push_back(ev::ReadingEnded{});
              },
              [&](const fx::StopReading&) {
                if (io.stop_reading) io.stop_reading();
              },
              [&](const fx::SetVolume& v) {
                if (io.set_volume) io.set_volume(v.volume);
              },
          },
          effect);
  }
}

KioskAdapters adapters_of(KioskRuntime& rt, std::function<void()> quit) {
  KioskAdapters io;
  // Through the runtime, not a pointer kept here: a lost display closes the outbox (close_runtime), and a
  // tap after that is refused rather than written to a closed database.
  const auto closed = [] { return make_error("closed", "This machine is stopping. Please go to the desk."); };
  KioskRuntime* r = &rt;
  io.store_ticket = [r, closed](const Ticket& t) -> Result<void> {
    return r->outbox ? r->outbox->append_ticket(t) : Result<void>(closed());
  };
  io.store_volunteer = [r, closed](const VolunteerRegistration& v) -> Result<void> {
    if (!r->outbox) return closed();
    if (!r->sealed_box)
      return make_error(
          "no_key", "Registering as a volunteer does not work on this machine now. Please ask at the desk.");
    return r->outbox->append_volunteer(v, *r->sealed_box);
  };
  io.store_callback = [r, closed](const CallbackRequest& c) -> Result<void> {
    if (!r->outbox) return closed();
    if (!r->sealed_box)
      return make_error(
          "no_key", "Asking to be called back does not work on this machine now. Please ask at the desk.");
    return r->outbox->append_callback(c, *r->sealed_box);
  };
  io.last_numbers = [r, closed](const std::string& day, UnixMs now) -> Result<std::map<char, int>> {
    if (!r->outbox) return closed();
    return r->outbox->last_numbers(day, now);
  };
  io.last_ticket = [r, closed]() -> Result<std::optional<Ticket>> {
    if (!r->outbox) return closed();
    return r->outbox->last_ticket();
  };
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

}  // namespace wk::app
