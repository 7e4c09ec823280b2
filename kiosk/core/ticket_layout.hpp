#pragma once
// What a printed ticket says, independent of any printer: the printer layer turns it into bytes. Texts are
// final (translated, filled in); the help line is in the resident's language and may be in a script the
// printer's code pages lack, which the printer layer then prints as an image.
#include <string>

#include "core/catalogue.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/ticket.hpp"

namespace wk {

struct TicketLayout {
  std::string location;       // "Wijkcentrum De Ringvaart"
  std::string code;           // "S-012", printed double size
  std::string topic;          // the topic's name in the resident's language
  std::string time;           // local time, "24-11-2026 09:05"
  std::string position;       // "You are number 3 in line", or empty when not known
  std::string qr_url;         // the ticket's status page
  std::string help;           // one line in the resident's language
  std::string help_language;  // "nl", "uk", "ar"
  bool help_rtl = false;
};

TicketLayout layout_ticket(const Ticket& ticket, const LocationConfig& config, const TzRule& tz,
                           const Catalogues& texts, const std::string& service_url);

// A volunteer's slip: the location, the short reference, thanks and what happens next, in their language.
// No name, no phone number: the slip may be left lying on the kiosk.
TicketLayout layout_reference(const std::string& reference, const std::string& language,
                              const LocationConfig& config, const TzRule& tz, const Catalogues& texts,
                              UnixMs now);

// A call-back request's slip: the location, the short reference, and that the team will call, in their
// language. No phone number on it either.
TicketLayout layout_callback_reference(const std::string& reference, const std::string& language,
                                       const LocationConfig& config, const TzRule& tz,
                                       const Catalogues& texts, UnixMs now);

// A ticket for IT's "print test": a made-up code and the service's address, so the QR can be tried.
TicketLayout test_ticket_layout(const std::string& location_name, const std::string& service_url, UnixMs now,
                                const TzRule& tz);

}  // namespace wk
