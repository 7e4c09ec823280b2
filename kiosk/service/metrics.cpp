#include "service/metrics.hpp"

#include <sstream>

namespace wk::service {
namespace {

// A label value may hold any text; the format escapes backslash, double quote and newline.
std::string label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

}  // namespace

void RequestCounter::count(int status) {
  std::lock_guard lock(mu_);
  ++by_status_[status];
}

std::map<int, std::uint64_t> RequestCounter::snapshot() const {
  std::lock_guard lock(mu_);
  return by_status_;
}

std::string render_metrics(const std::vector<store::TicketCount>& tickets,
                           const std::map<std::string, std::int64_t>& devices_by_role,
                           const std::map<int, std::uint64_t>& requests_by_status) {
  std::ostringstream out;
  out << "# HELP wijkqueue_tickets_total Tickets received, per location and topic.\n"
      << "# TYPE wijkqueue_tickets_total counter\n";
  for (const auto& t : tickets)
    out << "wijkqueue_tickets_total{location=\"" << label(t.location) << "\",topic=\"" << label(t.topic)
        << "\"} " << t.count << "\n";
  out << "# HELP wijkqueue_devices Devices registered, per role.\n"
      << "# TYPE wijkqueue_devices gauge\n";
  // Every role is listed, also with 0, so a dashboard sees the series before the first device exists.
  std::map<std::string, std::int64_t> roles = {{"admin", 0}, {"display", 0}, {"kiosk", 0}};
  for (const auto& [role, n] : devices_by_role) roles[role] = n;
  for (const auto& [role, n] : roles)
    out << "wijkqueue_devices{role=\"" << label(role) << "\"} " << n << "\n";
  out << "# HELP wijkqueue_requests_total HTTP requests answered since the server started, per status.\n"
      << "# TYPE wijkqueue_requests_total counter\n";
  for (const auto& [status, n] : requests_by_status)
    out << "wijkqueue_requests_total{status=\"" << status << "\"} " << n << "\n";
  return out.str();
}

}  // namespace wk::service
