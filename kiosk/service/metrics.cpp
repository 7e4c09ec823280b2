#include "service/metrics.hpp"

#include <iomanip>
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

const std::vector<double>& wait_buckets_s() {
  static const std::vector<double> kBounds = {60, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200};
  return kBounds;
}

const std::vector<double>& desk_buckets_s() {
  static const std::vector<double> kBounds = {60, 300, 600, 900, 1200, 1800, 2700, 3600};
  return kBounds;
}

namespace {

void counts(std::ostringstream& out, const char* name, const char* help,
            const std::vector<store::TicketCount>& rows, bool with_outcome) {
  out << "# HELP " << name << " " << help << "\n# TYPE " << name << " counter\n";
  for (const auto& r : rows) {
    out << name << "{location=\"" << label(r.location) << "\",topic=\"" << label(r.topic) << "\"";
    if (with_outcome) out << ",outcome=\"" << label(r.outcome) << "\"";
    out << "} " << r.count << "\n";
  }
}

void histograms(std::ostringstream& out, const char* name, const char* help,
                const std::vector<store::DurationHistogram>& rows, const std::vector<double>& bounds) {
  out << "# HELP " << name << " " << help << "\n# TYPE " << name << " histogram\n";
  for (const auto& h : rows) {
    const std::string labels = "location=\"" + label(h.location) + "\",topic=\"" + label(h.topic) + "\"";
    for (std::size_t i = 0; i < bounds.size() && i < h.at_or_below.size(); ++i)
      out << name << "_bucket{" << labels << ",le=\"" << bounds[i] << "\"} " << h.at_or_below[i] << "\n";
    out << name << "_bucket{" << labels << ",le=\"+Inf\"} " << h.count << "\n";
    out << name << "_sum{" << labels << "} " << std::fixed << std::setprecision(3) << h.sum_s
        << std::defaultfloat << "\n";
    out << name << "_count{" << labels << "} " << h.count << "\n";
  }
}

}  // namespace

std::string render_metrics(const MetricsSnapshot& m) {
  std::ostringstream out;
  counts(out, "wijkqueue_tickets_total", "Tickets received, per location and the topic they were issued for.",
         m.issued, false);
  counts(out, "wijkqueue_tickets_called_total",
         "Tickets called to a desk (recalls not counted), per location and topic.", m.called, false);
  counts(out, "wijkqueue_tickets_closed_total",
         "Tickets whose day at the walk-in is over, per location, topic and outcome: served, no_show, or "
         "expired (still open when the location's day ended).",
         m.closed, true);
  counts(out, "wijkqueue_code_collisions_total",
         "Tickets that came with a code another ticket of the day already held (a kiosk that lost its "
         "numbering, or two kiosks on one slot), stored all the same, per location and issued topic.",
         m.code_collisions, false);
  histograms(out, "wijkqueue_wait_seconds",
             "How long residents waited, from their ticket to its call to a desk, per location and topic.",
             m.waits, wait_buckets_s());
  histograms(out, "wijkqueue_desk_seconds",
             "How long a resident was at the desk, from the call to served, per location and topic.",
             m.desk_times, desk_buckets_s());
  // Held now, not ever registered: a gauge that a purge or a "forget me" lowers, so the figure never
  // outlives the data. Counts only, by the location's interest ids; nothing of any volunteer.
  out << "# HELP wijkqueue_volunteer_registrations Volunteers' registrations the service holds now (not yet "
         "purged or forgotten, handled or not), per location and interest; one with several interests counts "
         "under each.\n"
      << "# TYPE wijkqueue_volunteer_registrations gauge\n";
  for (const auto& v : m.volunteers)
    out << "wijkqueue_volunteer_registrations{location=\"" << label(v.location) << "\",interest=\""
        << label(v.interest) << "\"} " << v.count << "\n";
  out << "# HELP wijkqueue_devices Kiosks and displays that may connect (not revoked), per role.\n"
      << "# TYPE wijkqueue_devices gauge\n";
  // Every role is listed, also with 0, so a dashboard sees the series before the first device exists.
  std::map<std::string, std::int64_t> roles = {{"display", 0}, {"kiosk", 0}};
  for (const auto& [role, n] : m.devices_by_role) roles[role] = n;
  for (const auto& [role, n] : roles)
    out << "wijkqueue_devices{role=\"" << label(role) << "\"} " << n << "\n";
  out << "# HELP wijkqueue_long_polls_waiting Long-polls (displays, kiosks) waiting now; they hold no "
         "thread.\n"
      << "# TYPE wijkqueue_long_polls_waiting gauge\n"
      << "wijkqueue_long_polls_waiting " << m.long_polls_waiting << "\n";
  out << "# HELP wijkqueue_connections_open Client connections the server holds now.\n"
      << "# TYPE wijkqueue_connections_open gauge\n"
      << "wijkqueue_connections_open " << m.connections_open << "\n";
  out << "# HELP wijkqueue_requests_total HTTP requests answered since the server started, per status.\n"
      << "# TYPE wijkqueue_requests_total counter\n";
  for (const auto& [status, n] : m.requests_by_status)
    out << "wijkqueue_requests_total{status=\"" << status << "\"} " << n << "\n";
  return out.str();
}

}  // namespace wk::service
