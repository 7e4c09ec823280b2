#include "core/display.hpp"

#include <cstdio>

#include "core/overloaded.hpp"

namespace wk::display {

std::string display_language(const DisplayState& s) {
  return s.config.languages.empty() ? "nl" : s.config.languages.front();
}

std::string clock_text(const DisplayState& s, UnixMs now) {
  const CivilTime local = to_local(s.tz, now);
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", local.hour % 100, local.minute % 100);
  return text;
}

UnixMs next_redraw(UnixMs now) {
  return now + (60000 - now % 60000) + 5;
}

Update update(DisplayState s, const Event& event, const Inputs& in) {
  std::visit(Overloaded{
                 [&](const ev::CallsArrived& e) { apply_calls(s.board, e.batch, in.now); },
                 [&](const ev::OnlineChanged& e) { s.board.online = e.online; },
                 [&](const ev::AnnouncementDone&) { announcement_finished(s.board); },
                 [&](const ev::ConfigKnown& e) {
                   s.config = e.config;
                   if (e.tz) s.tz = *e.tz;
                 },
             },
             event);
  // One announcement at a time: the next starts once the speakers are quiet again.
  std::vector<Effect> effects;
  if (auto a = start_next_announcement(s.board, in.now)) {
    const std::string lang = display_language(s);
    effects.push_back(fx::Announce{spoken_text(a->code, a->desk, lang, a->issued_time), speech_voice(lang)});
  }
  return {std::move(s), std::move(effects)};
}

}  // namespace wk::display
