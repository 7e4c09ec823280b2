#include "core/session.hpp"

#include "core/kiosk_reducers.hpp"
#include "core/overloaded.hpp"
#include "core/script.hpp"

#include <algorithm>
#include <type_traits>

namespace wk {
namespace {

// A person's touch or key at the screen: each one keeps the session from timing out. Listed positively,
// so that an event added for a worker or a device never counts as the resident's by accident.
template <class E>
constexpr bool kIsInput =
    std::is_same_v<E, ev::StartTapped> || std::is_same_v<E, ev::LanguageChosen> ||
    std::is_same_v<E, ev::TopicChosen> || std::is_same_v<E, ev::Back> || std::is_same_v<E, ev::StartOver> ||
    std::is_same_v<E, ev::MoreTime> || std::is_same_v<E, ev::PinDigit> || std::is_same_v<E, ev::PinErase> ||
    std::is_same_v<E, ev::PinSubmit> || std::is_same_v<E, ev::Staff> ||
    std::is_same_v<E, ev::VolunteerDoor> || std::is_same_v<E, ev::CallbackDoor> ||
    std::is_same_v<E, ev::ReadAloud> || std::is_same_v<E, ev::VolumeUp> ||
    std::is_same_v<E, ev::VolumeDown> || std::is_same_v<E, ev::LargePrint>;

bool is_input(const Event& e) {
  // The volunteer's form hears the outbox's answers and the time too; only the person's own are input.
  if (const auto* v = std::get_if<ev::Volunteer>(&e))
    return !std::holds_alternative<volunteer::ev::Stored>(v->event) &&
           !std::holds_alternative<volunteer::ev::StoreFailed>(v->event) &&
           !std::holds_alternative<volunteer::ev::Tick>(v->event);
  if (const auto* c = std::get_if<ev::Callback>(&e))
    return !std::holds_alternative<callback::ev::Stored>(c->event) &&
           !std::holds_alternative<callback::ev::StoreFailed>(c->event);
  return std::visit([](const auto& x) { return kIsInput<std::decay_t<decltype(x)>>; }, e);
}

std::optional<UnixMs> deadline(const KioskState& s) {
  switch (s.session.screen) {
    case Screen::Language:
    case Screen::Topics:
    case Screen::Failure:
    case Screen::StaffPin:
    case Screen::StaffPanel:
      return s.session.last_input + s.session_timeout_s * 1000LL;
    case Screen::Ticket:
      return s.session.last_input + s.ticket_timeout_s * 1000LL;
    case Screen::Volunteer:  // the thank-you screen is read and left like a ticket
      return s.session.last_input +
             (s.session.volunteer && s.session.volunteer->step == volunteer::Step::thanks
                  ? s.ticket_timeout_s
                  : s.session_timeout_s) *
                 1000LL;
    case Screen::Callback:  // and so is this one
      return s.session.last_input + (s.session.callback && s.session.callback->step == callback::Step::thanks
                                         ? s.ticket_timeout_s
                                         : s.session_timeout_s) *
                                        1000LL;
    case Screen::Welcome:  // nobody's, unless a resident set an aid there and walked away
      if (aids_changed(s.session.aids)) return s.session.last_input + s.session_timeout_s * 1000LL;
      return std::nullopt;
    case Screen::Closed:
      return std::nullopt;
  }
  return std::nullopt;
}

bool offers_language(const KioskState& s, const std::string& lang) {
  return std::find(s.config.languages.begin(), s.config.languages.end(), lang) != s.config.languages.end();
}

}  // namespace

bool is_staff_screen(Screen s) {
  return s == Screen::StaffPin || s == Screen::StaffPanel;
}

bool storing(const Session& s) {
  return s.storing || (s.volunteer && s.volunteer->storing) || (s.callback && s.callback->storing);
}

void forget(KioskState& s, UnixMs now) {
  s.session = Session{};
  s.session.screen = s.open ? Screen::Welcome : Screen::Closed;
  s.session.last_input = now;
}

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::Welcome:
      return "welcome";
    case Screen::Language:
      return "language";
    case Screen::Topics:
      return "topics";
    case Screen::Ticket:
      return "ticket";
    case Screen::Closed:
      return "closed";
    case Screen::Failure:
      return "failure";
    case Screen::StaffPin:
      return "staff-pin";
    case Screen::StaffPanel:
      return "staff-panel";
    case Screen::Volunteer:
      return "volunteer";
    case Screen::Callback:
      return "callback";
  }
  return "?";
}

const std::string& session_language(const KioskState& s) {
  static const std::string kDutch = "nl";
  if (!s.session.language.empty()) return s.session.language;
  return s.config.languages.empty() ? kDutch : s.config.languages.front();
}

std::string welcome_title_language(const KioskState& s) {
  const std::string& language = session_language(s);
  if (s.session.screen == Screen::Welcome) return language;
  const std::string& first = s.config.languages.empty() ? language : s.config.languages.front();
  return script_of(first) == script_of(language) ? first : std::string();
}

std::optional<int> seconds_left(const KioskState& s, UnixMs now) {
  const auto d = deadline(s);
  if (!d) return std::nullopt;
  return static_cast<int>(std::max<UnixMs>(0, (*d - now + 999) / 1000));
}

UnixMs next_tick(const KioskState& s, UnixMs now) {
  UnixMs next = (now / 60000 + 1) * 60000;  // opening hours change on whole minutes
  if (const auto d = deadline(s)) {
    const UnixMs countdown_from = *d - kCountdownVisibleS * 1000LL;
    if (now < countdown_from) {
      next = std::min(next, countdown_from);
    } else if (now < *d) {
      // During the countdown, wake when the whole seconds left change: at d - k * 1000.
      const UnixMs to_next_second = (*d - now) % 1000;
      next = std::min(next, now + (to_next_second == 0 ? 1000 : to_next_second));
    } else {
      next = now + 1;
    }
  }
  if (s.session.corner_down_at)
    next = std::min(next, std::max(*s.session.corner_down_at + kStaffHoldMs, now + 1));
  if (s.session.volunteer)
    if (const auto held = volunteer::next_tick(*s.session.volunteer)) next = std::min(next, *held);
  return std::max(next, now + 1);
}

std::string print_notice(const KioskState& s) {
  if (!s.has_printer) return {};
  if (s.session.volunteer || s.session.callback) {  // their slip holds only the reference
    switch (s.session.print) {
      case PrintOutcome::Printing:
        return "Your reference is being printed.";
      case PrintOutcome::Printed:
        return "Take your reference from the printer.";
      case PrintOutcome::Failed:
      case PrintOutcome::NotPrinted:
        return "Write down your reference, or take a photo of it.";
    }
  }
  switch (s.session.print) {
    case PrintOutcome::Printing:
      return "Your ticket is being printed.";
    case PrintOutcome::Printed:
      return "Take your ticket from the printer.";
    case PrintOutcome::Failed:
    case PrintOutcome::NotPrinted:
      return "Your ticket is on the screen only: scan the code with your phone or remember your number.";
  }
  return {};
}

std::string failure_notice(const KioskState& s) {
  return s.session.failure_code == "disk_full" ? kStoreFullNotice : std::string();
}

int pin_locked_minutes(const KioskState& s, UnixMs now) {
  if (now >= s.pin_locked_until) return 0;
  return static_cast<int>((s.pin_locked_until - now + 59'999) / 60'000);
}

// The resident's way through the screens: language, topic, the ticket stored before it shows, the config.
void reduce_resident(KioskState& s, const Event& event, const Inputs& in, std::vector<Effect>& effects) {
  Session& ses = s.session;
  std::visit(Overloaded{
                 [&](const ev::StartTapped&) {
                   if (ses.screen == Screen::Welcome) ses.screen = Screen::Language;
                 },
                 [&](const ev::LanguageChosen& e) {
                   if ((ses.screen == Screen::Welcome || ses.screen == Screen::Language) &&
                       offers_language(s, e.language)) {
                     ses.language = e.language;
                     ses.screen = Screen::Topics;
                   }
                 },
                 [&](const ev::TopicChosen& e) {
                   if (ses.screen != Screen::Topics || ses.storing)
                     return;  // a second tap while storing: one ticket
                   const Topic* topic = s.config.topic(e.topic);
                   if (!topic || !topic->open) return;
                   ses.storing =
                       issue_ticket(s.numbering, *topic, session_language(s), in.now, s.tz, in.entropy);
                   effects.emplace_back(std::in_place_type<fx::StoreTicket>, fx::StoreTicket{*ses.storing});
                 },
                 [&](const ev::TicketStored& e) {
                   if (!ses.storing || ses.storing->id != e.id) return;
                   ses.ticket = std::move(ses.storing);
                   ses.storing.reset();
                   ses.screen = Screen::Ticket;
                   ses.last_input = in.now;  // the ticket screen's own timeout starts now
                   // Printed only once durable; a printer that cannot print now is not even tried: the screen
                   // says so at once instead of after a timeout.
                   if (s.has_printer && printer_can_print(s.printer)) {
                     ses.print = PrintOutcome::Printing;
                     effects.emplace_back(std::in_place_type<fx::PrintTicket>, fx::PrintTicket{*ses.ticket});
                   } else {
                     ses.print = PrintOutcome::NotPrinted;
                   }
                 },
                 [&](const ev::StoreFailed& e) {
                   if (!ses.storing) return;
                   ses.storing.reset();
                   ses.failure = e.error.message;
                   ses.failure_code = e.error.code;
                   ses.screen = Screen::Failure;
                   ses.last_input = in.now;
                 },
                 [&](const ev::Back&) {
                   if (ses.storing) return;
                   switch (ses.screen) {
                     case Screen::Language:
                       forget(s, in.now);
                       break;
                     case Screen::Topics:
                       ses.screen = Screen::Language;
                       break;
                     case Screen::Ticket:
                     case Screen::Failure:
                     case Screen::StaffPin:
                     case Screen::StaffPanel:
                       forget(s, in.now);
                       break;
                     case Screen::Welcome:
                     case Screen::Closed:
                     case Screen::Volunteer:  // the form's own back: reduce_volunteer
                     case Screen::Callback:   // ... and reduce_callback
                       break;
                   }
                 },
                 [&](const ev::StartOver&) {
                   if (!storing(ses)) forget(s, in.now);
                 },
                 [&](const ev::MoreTime&) {},  // counted as input above: the deadline moved
                 [&](const ev::Tick&) {},      // hours and timeout were handled above
                 // From the sync worker, never waited for: a ticket issued before it arrived kept its number.
                 [&](const ev::NumberingLearned& e) { s.numbering.learn(e.numbering); },
                 [&](const ev::ConfigChanged& e) {
                   s.config = e.config;
                   s.tz = e.tz;
                   s.open = s.config.hours.is_open(to_local(s.tz, in.now));
                   // A resident in the middle of choosing keeps their screen unless their language went away.
                   if (!ses.language.empty() && !offers_language(s, ses.language)) forget(s, in.now);
                   const bool thanks = (ses.volunteer && ses.volunteer->step == volunteer::Step::thanks) ||
                                       (ses.callback && ses.callback->step == callback::Step::thanks);
                   if (!s.open && ses.screen != Screen::Ticket && !thanks && !is_staff_screen(ses.screen) &&
                       !storing(ses))
                     forget(s, in.now);
                 },
                 [](const auto&) {},  // not this part's event
             },
             event);
}

Update update(KioskState s, const Event& event, const Inputs& in) {
  std::vector<Effect> effects;
  Session& ses = s.session;
  const Screen screen_before = ses.screen;
  const bool reading_before = ses.aids.reading;

  // Opening hours first: they decide whether the resident may start at all.
  s.open = s.config.hours.is_open(to_local(s.tz, in.now));
  const bool choosing =
      ses.screen == Screen::Welcome || ses.screen == Screen::Language || ses.screen == Screen::Topics ||
      (ses.screen == Screen::Volunteer && !storing(ses) && ses.volunteer->step != volunteer::Step::thanks) ||
      (ses.screen == Screen::Callback && !storing(ses) && ses.callback->step != callback::Step::thanks);
  if (!s.open && choosing)
    forget(s, in.now);
  else if (s.open && ses.screen == Screen::Closed)
    forget(s, in.now);

  // Then the timeout: a resident who walked away is forgotten before anything else happens.
  if (const auto d = deadline(s); d && in.now >= *d && !storing(ses)) forget(s, in.now);

  if (is_input(event) && ses.screen != Screen::Closed) ses.last_input = in.now;

  // The hidden gesture: the corner held long enough opens the PIN pad, from any screen not busy storing.
  if (ses.corner_down_at && in.now - *ses.corner_down_at >= kStaffHoldMs && !storing(ses) &&
      !is_staff_screen(ses.screen)) {
    forget(s, in.now);  // the resident's choices go; the staff member starts clean
    ses.screen = Screen::StaffPin;
  }

  reduce_resident(s, event, in, effects);
  reduce_staff(s, event, in, effects);
  reduce_printer(s, event, in, effects);
  reduce_volunteer(s, event, in, effects);
  reduce_callback(s, event, in, effects);
  reduce_aids(s, screen_before, reading_before, event, effects);
  return Update{std::move(s), std::move(effects)};
}

}  // namespace wk
