#pragma once
// The kiosk's effect runner: what core asks for, done through the adapters the runtime hands it (the
// outbox, the sync worker, the printer, the PIN checker, the reprint listener), so a test runs it with
// fakes. Every adapter may be empty: no printer, no sync (the headless commands), no reprints.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "core/session.hpp"
#include "core/ticket_layout.hpp"
#include "core/ticket_status.hpp"

namespace wk::app {

struct KioskAdapters {
  // Durable before it returns (the outbox's commit is on disk); the error's code says why not.
  std::function<Result<void>(const Ticket&)> store_ticket;
  // The same for a volunteer's registration, its personal fields sealed.
  std::function<Result<void>(const VolunteerRegistration&)> store_volunteer;
  // ... and for a call-back request, its body sealed whole.
  std::function<Result<void>(const CallbackRequest&)> store_callback;
  // The numbers the ledger holds for a local day: where numbering goes on.
  std::function<Result<std::map<char, int>>(const std::string& day, UnixMs now)> last_numbers;
  std::function<Result<std::optional<Ticket>>()> last_ticket;  // the staff panel's reprint
  std::function<void()> sync_now;                              // the sync worker: look at the outbox now
  std::function<void()> heartbeat_now;                         // ... and tell IT how this kiosk is, now
  // Print a layout; `answer` makes the event core hears when it is done (none for a test ticket).
  using PrintAnswer = std::function<Event(bool printed, PrinterState after)>;
  std::function<void(TicketLayout, PrintAnswer)> print;
  std::function<void(std::string pin)> check_pin;  // answered with ev::PinChecked
  std::function<void(std::int64_t job, ReprintStatus outcome)> report_print_job;
  std::function<Result<void>(int failures, UnixMs locked_until)> keep_pin_lock;
  std::function<void(bool full)> outbox_full;  // the heartbeat says so while it is true
  std::function<void()> quit;
  // Read-aloud: read the screen now on the glass (answered with ev::ReadingEnded through the inbox), stop,
  // and the volume of what is being read.
  std::function<void(const std::string& language, int volume)> read_screen;
  std::function<void()> stop_reading;
  std::function<void(int volume)> set_volume;
};

}  // namespace wk::app
