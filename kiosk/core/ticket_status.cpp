#include "core/ticket_status.hpp"

#include <array>
#include <utility>

namespace wk {
namespace {

template <class Enum, std::size_t N>
const char* name_in(const std::array<std::pair<Enum, const char*>, N>& table, Enum e) {
  for (const auto& [value, name] : table)
    if (value == e) return name;
  return "unknown";
}

template <class Enum, std::size_t N>
Enum value_in(const std::array<std::pair<Enum, const char*>, N>& table, std::string_view name) {
  for (const auto& [value, word] : table)
    if (name == word) return value;
  return Enum::unknown;
}

constexpr std::array<std::pair<TicketStatus, const char*>, 6> kTicketWords{{
    {TicketStatus::unknown, "unknown"},
    {TicketStatus::waiting, "waiting"},
    {TicketStatus::called, "called"},
    {TicketStatus::served, "served"},
    {TicketStatus::no_show, "no_show"},
    {TicketStatus::expired, "expired"},
}};

constexpr std::array<std::pair<ReprintStatus, const char*>, 11> kReprintWords{{
    {ReprintStatus::unknown, "unknown"},
    {ReprintStatus::asking, "asking"},
    {ReprintStatus::pending, "pending"},
    {ReprintStatus::printing, "printing"},
    {ReprintStatus::printed, "printed"},
    {ReprintStatus::paper_out, "paper_out"},
    {ReprintStatus::cover_open, "cover_open"},
    {ReprintStatus::offline, "offline"},
    {ReprintStatus::no_printer, "no_printer"},
    {ReprintStatus::failed, "failed"},
    {ReprintStatus::expired, "expired"},
}};

}  // namespace

const char* ticket_status_name(TicketStatus s) {
  return name_in(kTicketWords, s);
}
TicketStatus ticket_status_from_name(std::string_view name) {
  return value_in(kTicketWords, name);
}
const char* reprint_status_name(ReprintStatus s) {
  return name_in(kReprintWords, s);
}
ReprintStatus reprint_status_from_name(std::string_view name) {
  return value_in(kReprintWords, name);
}
bool reprint_under_way(ReprintStatus s) {
  return s == ReprintStatus::asking || s == ReprintStatus::pending || s == ReprintStatus::printing;
}

}  // namespace wk
