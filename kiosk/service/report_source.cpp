// Rows from the store, made into what the reports model counts. The exact times stop here: a visit
// leaves with its local day, weekday and hour, and two durations.
#include "service/report_source.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace wk::service {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

// Reports go to Dutch meetings: the Dutch name, else any, else the id.
std::string dutch(const Texts& names, const std::string& id) {
  if (const auto nl = names.find("nl"); nl != names.end() && !nl->second.empty()) return nl->second;
  for (const auto& [language, text] : names)
    if (!text.empty()) return text;
  return id;
}

// Local days from..to as UTC milliseconds to load registrations by: a day wider on each side, since no
// zone is more than 14 hours off UTC; the exact local day of each one decides afterwards.
std::pair<UnixMs, UnixMs> loose_bounds(const std::string& from, const std::string& to) {
  const UnixMs from_ms = unix_from_civil(std::stoi(from.substr(0, 4)), std::stoi(from.substr(5, 2)),
                                         std::stoi(from.substr(8, 2))) *
                         1000;
  const UnixMs to_ms =
      unix_from_civil(std::stoi(to.substr(0, 4)), std::stoi(to.substr(5, 2)), std::stoi(to.substr(8, 2))) *
      1000;
  return {from_ms - kDayMs, to_ms + 2 * kDayMs};
}

}  // namespace

report::Names names_of(const LocationView& location) {
  report::Names n;
  n.location_id = location.row.id;
  n.location_name = location.row.name;
  if (!location.config) return n;
  if (!location.config->name.empty()) n.location_name = location.config->name;
  for (const Topic& t : location.config->topics) n.topics.emplace_back(t.id, dutch(t.names, t.id));
  for (const Interest& i : location.config->interests) n.interests.emplace_back(i.id, dutch(i.names, i.id));
  return n;
}

report::Visit visit_of(const store::ReportTicket& t, const TzRule& tz) {
  report::Visit v;
  v.topic = t.topic;
  v.language = t.language;
  v.local_day = t.local_day;
  const CivilTime local = to_local(tz, t.created_at);
  v.weekday = (local.weekday + 6) % 7;  // CivilTime counts from Sunday, reports from Monday
  v.hour = local.hour;
  v.outcome = t.status;
  if (t.first_called_at) v.wait_s = std::max<UnixMs>(0, *t.first_called_at - t.created_at) / 1000;
  if (t.first_called_at && t.served_at && t.status == "served")
    v.desk_s = std::max<UnixMs>(0, *t.served_at - *t.first_called_at) / 1000;
  return v;
}

Result<report::Report> location_report(store::ServiceDb& db, const LocationView& location,
                                       const report::Period& period) {
  if (!report::valid_day(period.from) || !report::valid_day(period.to) || period.from > period.to)
    return make_error("bad_period",
                      "A report needs a period of two dates (YYYY-MM-DD), the first not after "
                      "the second.");
  // The signals compare the week ending period.to with the weeks before it: load those too.
  const std::string signal_from = report::add_days(period.to, -7 * (report::kBaselineWeeks + 1) + 1);
  auto tickets = db.report_tickets(location.row.id, std::min(period.from, signal_from), period.to);
  if (!tickets) return tickets.error();
  std::vector<report::Visit> visits;
  visits.reserve(tickets.value().size());
  for (const auto& t : tickets.value()) visits.push_back(visit_of(t, location.tz));

  const auto [from_ms, to_ms] = loose_bounds(period.from, period.to);
  auto registrations = db.report_registrations(location.row.id, from_ms, to_ms);
  if (!registrations) return registrations.error();
  std::vector<report::Registration> regs;
  for (auto& r : registrations.value())
    regs.push_back({local_day(location.tz, r.created_at), std::move(r.interests)});
  auto requests = db.report_callbacks(location.row.id, from_ms, to_ms);
  if (!requests) return requests.error();
  std::vector<report::Callback> callbacks;
  for (const auto& c : requests.value()) {
    report::Callback rc{local_day(location.tz, c.created_at), c.topic, std::nullopt};
    if (c.closed_at && (c.outcome == "reached" || c.outcome == "done"))
      rc.called_back_after_s = std::max<UnixMs>(0, *c.closed_at - c.created_at) / 1000;
    callbacks.push_back(std::move(rc));
  }
  return report::build_report(names_of(location), period, visits, regs, callbacks);
}

Result<std::vector<report::Signal>> all_signals(store::ServiceDb& db, LocationCache& locations,
                                                const std::string& last_day) {
  if (!report::valid_day(last_day))
    return make_error("bad_period", "Signals need a last day as a date (YYYY-MM-DD).");
  auto ids = db.location_ids();
  if (!ids) return ids.error();
  const std::string from = report::add_days(last_day, -7 * (report::kBaselineWeeks + 1) + 1);
  std::vector<report::Signal> out;
  for (const std::string& id : ids.value()) {
    auto location = locations.get(id);
    if (!location) return location.error();
    if (!location.value()) continue;  // removed since the list was read
    auto tickets = db.report_tickets(id, from, last_day);
    if (!tickets) return tickets.error();
    std::vector<report::Visit> visits;
    for (const auto& t : tickets.value()) visits.push_back(visit_of(t, location.value()->tz));
    for (auto& s : report::find_signals(names_of(*location.value()), last_day, visits))
      if (s.flagged) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace wk::service
