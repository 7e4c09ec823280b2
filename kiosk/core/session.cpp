#include "core/session.hpp"

#include <algorithm>

namespace wk {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

bool is_input(const Event& e) {
  return !std::holds_alternative<ev::Tick>(e) && !std::holds_alternative<ev::TicketStored>(e) &&
         !std::holds_alternative<ev::StoreFailed>(e) && !std::holds_alternative<ev::ConfigChanged>(e);
}

// Forgets the resident: a fresh Session, on the screen the opening hours call for.
void forget(KioskState& s, UnixMs now) {
  s.session = Session{};
  s.session.screen = s.open ? Screen::Welcome : Screen::Closed;
  s.session.last_input = now;
}

std::optional<UnixMs> deadline(const KioskState& s) {
  switch (s.session.screen) {
    case Screen::Language:
    case Screen::Topics:
    case Screen::Failure:
      return s.session.last_input + s.session_timeout_s * 1000LL;
    case Screen::Ticket:
      return s.session.last_input + s.ticket_timeout_s * 1000LL;
    case Screen::Welcome:
    case Screen::Closed:
      return std::nullopt;
  }
  return std::nullopt;
}

bool offers_language(const KioskState& s, const std::string& lang) {
  return std::find(s.config.languages.begin(), s.config.languages.end(), lang) != s.config.languages.end();
}

}  // namespace

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::Welcome: return "welcome";
    case Screen::Language: return "language";
    case Screen::Topics: return "topics";
    case Screen::Ticket: return "ticket";
    case Screen::Closed: return "closed";
    case Screen::Failure: return "failure";
  }
  return "?";
}

const std::string& session_language(const KioskState& s) {
  static const std::string kDutch = "nl";
  if (!s.session.language.empty()) return s.session.language;
  return s.config.languages.empty() ? kDutch : s.config.languages.front();
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
  return std::max(next, now + 1);
}

Update update(KioskState s, const Event& event, const Inputs& in) {
  std::vector<Effect> effects;
  Session& ses = s.session;

  // Opening hours first: they decide whether the resident may start at all.
  s.open = s.config.hours.is_open(to_local(s.tz, in.now));
  if (!s.open && (ses.screen == Screen::Welcome || ses.screen == Screen::Language || ses.screen == Screen::Topics))
    forget(s, in.now);
  else if (s.open && ses.screen == Screen::Closed)
    forget(s, in.now);

  // Then the timeout: a resident who walked away is forgotten before anything else happens.
  if (const auto d = deadline(s); d && in.now >= *d && !ses.storing) forget(s, in.now);

  if (is_input(event) && ses.screen != Screen::Closed) ses.last_input = in.now;

  std::visit(
      Overloaded{
          [&](const ev::StartTapped&) {
            if (ses.screen == Screen::Welcome) ses.screen = Screen::Language;
          },
          [&](const ev::LanguageChosen& e) {
            if ((ses.screen == Screen::Welcome || ses.screen == Screen::Language) && offers_language(s, e.language)) {
              ses.language = e.language;
              ses.screen = Screen::Topics;
            }
          },
          [&](const ev::TopicChosen& e) {
            if (ses.screen != Screen::Topics || ses.storing) return;  // a second tap while storing: one ticket
            const Topic* topic = s.config.topic(e.topic);
            if (!topic || !topic->open) return;
            ses.storing = issue_ticket(s.numbering, *topic, session_language(s), in.now, s.tz, in.entropy);
            effects.push_back(fx::StoreTicket{*ses.storing});
          },
          [&](const ev::TicketStored& e) {
            if (!ses.storing || ses.storing->id != e.id) return;
            ses.ticket = std::move(ses.storing);
            ses.storing.reset();
            ses.screen = Screen::Ticket;
            ses.last_input = in.now;  // the ticket screen's own timeout starts now
          },
          [&](const ev::StoreFailed& e) {
            if (!ses.storing) return;
            ses.storing.reset();
            ses.failure = e.error.message;
            ses.screen = Screen::Failure;
            ses.last_input = in.now;
          },
          [&](const ev::Back&) {
            if (ses.storing) return;
            switch (ses.screen) {
              case Screen::Language: forget(s, in.now); break;
              case Screen::Topics: ses.screen = Screen::Language; break;
              case Screen::Ticket:
              case Screen::Failure: forget(s, in.now); break;
              case Screen::Welcome:
              case Screen::Closed: break;
            }
          },
          [&](const ev::StartOver&) {
            if (!ses.storing) forget(s, in.now);
          },
          [&](const ev::MoreTime&) {},  // counted as input above: the deadline moved
          [&](const ev::Tick&) {},      // hours and timeout were handled above
          [&](const ev::ConfigChanged& e) {
            s.config = e.config;
            s.tz = e.tz;
            s.open = s.config.hours.is_open(to_local(s.tz, in.now));
            // A resident in the middle of choosing keeps their screen unless their language went away.
            if (!ses.language.empty() && !offers_language(s, ses.language)) forget(s, in.now);
            if (!s.open && ses.screen != Screen::Ticket && !ses.storing) forget(s, in.now);
          },
      },
      event);
  return Update{std::move(s), std::move(effects)};
}

}  // namespace wk
