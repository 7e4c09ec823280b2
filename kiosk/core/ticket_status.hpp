#pragma once
// The words of a ticket's and a reprint's life as types, with the one table each that maps them to the
// API's words (API.md, docs/openapi.yaml). A word the service sends that this build does not know is
// kept as `unknown`, never guessed.
#include <optional>
#include <string_view>

namespace wk {

// A ticket on the service: waiting, called to a desk, then served or no-show; expired when its day ended.
enum class TicketStatus { unknown, waiting, called, served, no_show, expired };
const char* ticket_status_name(TicketStatus s);
TicketStatus ticket_status_from_name(std::string_view name);

// A reprint a counter asked for, as the counter follows it and as the kiosk reports how it went.
// asking: the counter's request is on its way; unknown: the service could not be asked (or sent a word
// this build does not know).
enum class ReprintStatus {
  unknown,
  asking,
  pending,
  printing,
  printed,
  paper_out,
  cover_open,
  offline,
  no_printer,
  failed,
  expired
};
const char* reprint_status_name(ReprintStatus s);
ReprintStatus reprint_status_from_name(std::string_view name);
// Still on its way: neither printed nor given up.
bool reprint_under_way(ReprintStatus s);

}  // namespace wk
