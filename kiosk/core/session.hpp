#pragma once
// The resident's session at the kiosk as a pure state machine: update(state, event) -> {state, effects}.
// The shell hands in the time and fresh random bytes with every event and runs the effects it gets back.
//
//   Welcome --tap--> Language --language--> Topics --topic--> (ticket stored) --> Ticket
//      ^  \---------- language tapped on welcome --------^                         |
//      +------------ timeout / start over / back from ticket ----------------------+
//
// A ticket is shown only after the shell reports it durable (TicketStored), so a power cut after the screen
// shows it can never lose it; while a ticket is being stored, more taps on topics are ignored, so a double
// tap issues one ticket. Outside opening hours the kiosk shows Closed instead of Welcome.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/callback_form.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/model.hpp"
#include "core/printer_state.hpp"
#include "core/resident_aids.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"
#include "core/ticket_status.hpp"
#include "core/volunteer_form.hpp"

namespace wk {

enum class Screen {
  Welcome,
  Language,
  Topics,
  Ticket,
  Closed,
  Failure,
  StaffPin,
  StaffPanel,
  Volunteer,
  Callback
};
const char* screen_name(Screen s);

// What happened to the printing of the ticket on screen.
enum class PrintOutcome { NotPrinted, Printing, Printed, Failed };

// Everything about the current resident. Replaced wholesale when they are done, so nothing of theirs lingers.
struct Session {
  Screen screen = Screen::Welcome;
  std::string language;           // empty until chosen: the location's default
  std::optional<Ticket> storing;  // issued, being made durable
  std::optional<Ticket> ticket;   // durable, on screen
  std::string failure;            // a human sentence for the Failure screen
  std::string failure_code;       // the error's code ("disk_full": the outbox is at its bound)
  UnixMs last_input = 0;
  std::optional<UnixMs> corner_down_at;           // the hidden staff gesture: the top-left corner held since
  std::string pin_entry;                          // digits typed on the staff PIN pad
  bool pin_checking = false;                      // a PIN is being verified; more digits wait
  bool pin_rejected = false;                      // the last PIN was wrong (say so on the pad)
  PrintOutcome print = PrintOutcome::NotPrinted;  // of the ticket, or of a volunteer's reference
  // The second door, "iets voor een ander doen": the volunteer's form while Screen::Volunteer shows. It
  // lives in the session, so forgetting the resident forgets a half-filled form with them.
  std::optional<volunteer::Form> volunteer;
  // "Bel mij terug": the call-back form while Screen::Callback shows, forgotten with the resident too.
  std::optional<callback::Form> callback;
  Aids aids;  // read-aloud, bigger text, volume: the resident's own, forgotten with them
};

// The staff/IT panel opens after holding the top-left corner this long, then a PIN; five wrong PINs lock
// the pad for five minutes. The counts outlive a session: walking away does not reset them.
constexpr int kStaffHoldMs = 5000;
constexpr int kPinMaxTries = 5;
constexpr int kPinLockMs = 5 * 60 * 1000;
constexpr std::size_t kPinMaxDigits = 8;

enum class StaffAction { Close, SyncNow, PrintTest, Reprint, Exit };

struct KioskState {
  LocationConfig config;
  TzRule tz;
  Numbering numbering;
  int session_timeout_s = 60;
  int ticket_timeout_s = 30;
  bool open = true;  // inside opening hours, as of the last event
  Session session;
  int pin_failures = 0;
  UnixMs pin_locked_until = 0;
  bool has_printer = false;
  PrinterState printer = PrinterState::None;
};

namespace ev {
struct StartTapped {};
struct LanguageChosen {
  std::string language;
};
struct TopicChosen {
  std::string topic;
};
struct Back {};
struct StartOver {};
struct MoreTime {};
struct Tick {};  // time passed
struct TicketStored {
  std::string id;
};
struct StoreFailed {
  Error error;
};
struct ConfigChanged {
  LocationConfig config;
  TzRule tz;
};
struct CornerDown {};
struct CornerUp {};
struct PinDigit {
  char digit;
};
struct PinErase {};
struct PinSubmit {};
struct PinChecked {
  bool ok;
};
struct Staff {
  StaffAction action;
};
struct PrinterChanged {
  PrinterState state;
};
struct PrintDone {
  std::string ticket_id;  // or the registration's id, for a volunteer's reference
  bool ok;
  PrinterState state;
};
// Staff at a counter asked for this ticket again (a print job of the queue service). It has nothing to do
// with the resident now at the screen, whose session it never touches.
struct ReprintRequested {
  std::int64_t job_id;
  Ticket ticket;
};
struct ReprintDone {
  std::int64_t job_id;
  bool ok;
  PrinterState state;
};
// The service said where a day's numbering stands (GET /v1/numbering): per letter the highest number held.
struct NumberingLearned {
  DayNumbering numbering;
};
struct VolunteerDoor {};  // "iets voor een ander doen" tapped on the topics screen
struct Volunteer {        // what happened in the volunteer's form (core/volunteer_form.hpp)
  volunteer::Event event;
};
struct CallbackDoor {};  // "bel mij terug" tapped on the topics screen
struct Callback {        // what happened in the call-back form (core/callback_form.hpp)
  callback::Event event;
};
}  // namespace ev

using Event =
    std::variant<ev::StartTapped, ev::LanguageChosen, ev::TopicChosen, ev::Back, ev::StartOver, ev::MoreTime,
                 ev::Tick, ev::TicketStored, ev::StoreFailed, ev::ConfigChanged, ev::CornerDown, ev::CornerUp,
                 ev::PinDigit, ev::PinErase, ev::PinSubmit, ev::PinChecked, ev::Staff, ev::PrinterChanged,
                 ev::PrintDone, ev::ReprintRequested, ev::ReprintDone, ev::NumberingLearned,
                 ev::VolunteerDoor, ev::Volunteer, ev::CallbackDoor, ev::Callback, ev::ReadAloud,
                 ev::ReadingEnded, ev::VolumeUp, ev::VolumeDown, ev::LargePrint>;

namespace fx {
struct StoreTicket {
  Ticket ticket;
};  // append to the outbox, then answer TicketStored or StoreFailed
struct CheckPin {
  std::string pin;
};                    // verify against the stored hash, then answer PinChecked
struct SyncNow {};    // wake the sync worker
struct TellIT {};     // send the heartbeat now: IT hears of a printer change at once, not in a minute
struct PrintTest {};  // print a test ticket
struct Quit {};       // end the app (staff only)
struct PrintTicket {
  Ticket ticket;
};                  // on the print worker; it answers PrintDone
struct Reprint {};  // print this kiosk's last ticket again (staff)
struct PrintJob {
  std::int64_t job_id;
  Ticket ticket;
};  // a counter's reprint; answer ReprintDone
// Tell the queue service how a counter's reprint went: "printed", a printer state that kept it from
// printing (paper_out, cover_open, offline), no_printer, or failed.
struct ReportPrintJob {
  std::int64_t job_id;
  ReprintStatus outcome;
};
// A volunteer's registration into the outbox, sealed; answer ev::Volunteer{Stored} or {StoreFailed}.
struct StoreVolunteer {
  VolunteerRegistration registration;
};
// A call-back request into the outbox, sealed; answer ev::Callback{Stored} or {StoreFailed}.
struct StoreCallback {
  CallbackRequest request;
};
// Print the short reference of a stored registration or call-back request (no personal data on it); it
// answers PrintDone with the registration's or request's id.
struct PrintReference {
  std::string registration_id;
  std::string reference;
  std::string language;
  bool callback;  // a call-back request's slip: its own words of what happens next
};
}  // namespace fx
using Effect =
    std::variant<fx::StoreTicket, fx::CheckPin, fx::SyncNow, fx::TellIT, fx::PrintTest, fx::Quit,
                 fx::PrintTicket, fx::Reprint, fx::PrintJob, fx::ReportPrintJob, fx::StoreVolunteer,
                 fx::StoreCallback, fx::PrintReference, fx::ReadScreen, fx::StopReading, fx::SetVolume>;

using Update = ModelUpdate<KioskState, Effect>;

// What the shell hands in with every event: the time, and random bytes for a ticket should one be issued.
struct Inputs {
  UnixMs now = 0;
  Entropy entropy;
};

Update update(KioskState state, const Event& event, const Inputs& in);

// The language texts are shown in: the resident's choice, else the location's default.
const std::string& session_language(const KioskState& s);
// The language of the welcome title (its "Welcome" is drawn 50 mm high, so its glyphs are held apart): on
// welcome the session's language; past it the location's first, the title the next welcome draws, as long
// as that is in the script the session's language is written in (the kiosk then keeps its glyphs while a
// resident picks any language of that script). Empty when no welcome title can show before the script
// changes.
std::string welcome_title_language(const KioskState& s);
// Seconds until the screen returns to welcome by itself; nullopt where it never does (welcome, closed).
std::optional<int> seconds_left(const KioskState& s, UnixMs now);
constexpr int kCountdownVisibleS = 20;  // WCAG 2.2.1: warn, and offer more time, this long before
// When the shell must send the next Tick (countdown seconds, the timeout, opening-hours changes).
UnixMs next_tick(const KioskState& s, UnixMs now);
// The line the ticket screen shows about printing, as a catalogue msgid; empty when there is nothing to say.
std::string print_notice(const KioskState& s);

// The Failure screen's message as a catalogue msgid when core has words for it in every language (a full
// outbox: go to the desk); empty when the failure's own sentence is shown.
std::string failure_notice(const KioskState& s);
constexpr const char* kStoreFullNotice =
    "This machine cannot give out tickets right now. Please go to the desk. They will help you there.";

// Whole minutes until the PIN pad opens again, 0 when it is not locked.
int pin_locked_minutes(const KioskState& s, UnixMs now);

}  // namespace wk
