#include "core/ticket_layout.hpp"

#include <cstdio>

#include "core/callback_form.hpp"
#include "core/volunteer_form.hpp"

namespace wk {
namespace {

std::string local_time_text(const TzRule& tz, UnixMs t) {
  const CivilTime c = to_local(tz, t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d %02d:%02d", c.day, c.month, c.year, c.hour, c.minute);
  return buf;
}

}  // namespace

TicketLayout layout_ticket(const Ticket& t, const LocationConfig& config, const TzRule& tz,
                           const Catalogues& texts, const std::string& service_url) {
  TicketLayout l;
  l.location = config.name;
  l.code = t.code;
  l.topic = config.topic_name(t.topic, t.language);
  l.time = local_time_text(tz, t.created_at);
  l.qr_url = status_url(service_url, t.public_token);
  l.help = texts.tr(t.language, "Scan to follow your turn on your phone");
  l.help_language = t.language;
  if (const Catalogue* c = texts.get(t.language)) l.help_rtl = c->right_to_left();
  return l;
}

TicketLayout layout_reference(const std::string& reference, const std::string& language,
                              const LocationConfig& config, const TzRule& tz, const Catalogues& texts,
                              UnixMs now) {
  TicketLayout l;
  l.location = config.name;
  l.code = reference;
  l.topic = texts.tr(language, "Thank you for helping!");
  l.time = local_time_text(tz, now);
  l.help = texts.tr(language, volunteer::kVolunteerNextStep);
  l.help_language = language;
  if (const Catalogue* c = texts.get(language)) l.help_rtl = c->right_to_left();
  return l;
}

TicketLayout layout_callback_reference(const std::string& reference, const std::string& language,
                                       const LocationConfig& config, const TzRule& tz,
                                       const Catalogues& texts, UnixMs now) {
  TicketLayout l = layout_reference(reference, language, config, tz, texts, now);
  l.topic = texts.tr(language, "Call me back");
  l.help = texts.tr(language, callback::kCallbackNextStep);
  return l;
}

TicketLayout test_ticket_layout(const std::string& location_name, const std::string& service_url, UnixMs now,
                                const TzRule& tz) {
  TicketLayout l;
  l.location = location_name;
  l.code = "T-000";
  l.topic = "Testbon / test ticket";
  l.time = local_time_text(tz, now);
  l.qr_url = service_url;
  l.help = "Printer werkt: é ë ï € - printer works";
  l.help_language = "nl";
  return l;
}

}  // namespace wk
