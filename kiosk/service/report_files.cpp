#include "service/report_files.hpp"

#include <map>

#include "service/admin.hpp"
#include "service/location_cache.hpp"
#include "service/report_json.hpp"
#include "service/report_period.hpp"
#include "service/report_render.hpp"
#include "service/report_source.hpp"

namespace wk::service {

Result<report::Report> report_for(store::ServiceDb& db, const LocationView& location, const std::string& from,
                                  const std::string& to, const std::string& kind, const std::string& day,
                                  UnixMs now) {
  auto period = report::parse_period(from, to, kind, day, local_day(location.tz, now));
  if (!period) return period.error();
  return location_report(db, location, period.value());
}

Result<std::string> report_file(const ReportRequest& q) {
  if (q.format != "csv" && q.format != "html" && q.format != "json")
    return make_error("bad_format", "The format must be csv, html or json.");
  auto db = open_service_db(q.dir, store::OpenMode::existing);
  if (!db) return db.error();
  LocationCache locations(*db.value());
  auto view = locations.get(q.location);
  if (!view) return view.error();
  if (!view.value()) return make_error("no_such_location", "There is no location '" + q.location + "'.");
  auto made = report_for(*db.value(), *view.value(), q.from, q.to, q.period, q.day, q.now);
  if (!made) return made.error();
  if (q.format == "csv") return report::to_csv(made.value());
  if (q.format == "json") return report::to_json(made.value()).dump(2) + "\n";
  return report::to_html(made.value());
}

Result<std::vector<report::Signal>> current_signals(store::ServiceDb& db, LocationCache& locations,
                                                    const std::string& day, UnixMs now) {
  if (!day.empty()) return all_signals(db, locations, day);
  // Each location's own week: locations in other zones may already be a day further.
  auto ids = db.location_ids();
  if (!ids) return ids.error();
  std::vector<report::Signal> out;
  std::map<std::string, std::vector<report::Signal>> by_day;
  for (const auto& id : ids.value()) {
    auto view = locations.get(id);
    if (!view) return view.error();
    if (!view.value()) continue;
    const std::string today = local_day(view.value()->tz, now);
    if (!by_day.count(today)) {
      auto all = all_signals(db, locations, today);
      if (!all) return all.error();
      by_day[today] = std::move(all.value());
    }
    for (const auto& s : by_day[today])
      if (s.location_id == id) out.push_back(s);
  }
  return out;
}

Result<std::string> signals_text(const std::string& dir, const std::string& day, UnixMs now) {
  if (!day.empty() && !report::valid_day(day))
    return make_error("field_invalid", "The day must be written as 2026-11-30.");
  auto db = open_service_db(dir, store::OpenMode::existing);
  if (!db) return db.error();
  LocationCache locations(*db.value());
  auto signals = current_signals(*db.value(), locations, day, now);
  if (!signals) return signals.error();
  std::string out;
  for (const auto& s : signals.value())
    if (s.flagged) out += report::signal_line(s) + "\n";
  return out.empty() ? std::string("No topic rose beyond its usual variation.\n") : out;
}

}  // namespace wk::service
