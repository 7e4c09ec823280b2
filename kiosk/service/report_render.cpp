// The report as CSV (to_csv in report_render.hpp) and the signal line; the HTML page is report_page.cpp.
#include "service/report_render.hpp"

#include <array>
#include <cmath>
#include <string_view>

#include "service/report_cells.hpp"

namespace wk::service::report {
namespace {

using namespace cells;

// One header for every section: each section fills the columns it has and leaves the rest empty, so a
// spreadsheet's filter on `section` gives each table and every record has the same fields (RFC 4180).
enum Col {
  kSection,
  kId,
  kName,
  kWeekday,
  kHour,
  kCount,
  kWaitMedian,
  kWaitP90,
  kDeskMedian,
  kDeskP90,
  kNoShow,
  kNoShowPct,
  kExpired,
  kExpiredPct,
  kCols
};
constexpr std::array<std::string_view, kCols> kHeader{"section",         "id",           "name",
                                                      "weekday",         "hour",         "count",
                                                      "wait_median_min", "wait_p90_min", "desk_median_min",
                                                      "desk_p90_min",    "no_show",      "no_show_pct",
                                                      "expired",         "expired_pct"};
using Row = std::array<std::string, kCols>;

// A text a spreadsheet would run as a formula (= + - @, or a tab or CR before one) gets a leading
// apostrophe: names come from config, and a CSV is opened by people who trust it.
std::string neutralise(std::string_view text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    return "'" + std::string(text);
  return std::string(text);
}

std::string field(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string q = "\"";
  for (const char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

void put(std::string& out, const Row& row) {
  for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + field(row[i]);
  out += "\r\n";
}

Row row_of(std::string_view section, std::string_view id, std::string_view name) {
  Row r;
  r[kSection] = section;
  r[kId] = neutralise(id);
  r[kName] = neutralise(name);
  return r;
}

void put_shares(Row& r, const Share& no_show, const Share& expired) {
  r[kNoShow] = count_text(no_show.count);
  r[kNoShowPct] = percent_text(no_show, "");
  r[kExpired] = count_text(expired.count);
  r[kExpiredPct] = percent_text(expired, "");
}

}  // namespace

std::string signal_line(const Signal& s) {
  return s.topic_name + " in " + s.location_name + ": " + std::to_string(s.this_week) +
         " deze week, gewoonlijk " + std::to_string(std::llround(s.usual_mean)) + " ± " +
         std::to_string(std::llround(s.usual_sd));
}

std::string to_csv(const Report& r) {
  std::string out;
  Row header;
  for (std::size_t i = 0; i < header.size(); ++i) header[i] = kHeader[i];
  put(out, header);

  // summary: the location with its totals, then the period and the volunteer registrations.
  Row total = row_of("summary", r.names.location_id, r.names.location_name);
  total[kCount] = count_text(r.tickets);
  put_shares(total, r.no_show, r.expired);
  put(out, total);
  Row from = row_of("summary", "from", r.period.from), to = row_of("summary", "to", r.period.to);
  put(out, from);
  put(out, to);
  Row registrations = row_of("summary", "registrations", "Aanmeldingen vrijwilligers");
  registrations[kCount] = count_text(r.registrations);
  put(out, registrations);

  for (const auto& t : r.topics) {
    Row row = row_of("topics", t.id, t.name);
    row[kCount] = count_text(t.tickets);
    row[kWaitMedian] = minutes_text(t.wait, t.wait.median_s);
    row[kWaitP90] = minutes_text(t.wait, t.wait.p90_s);
    row[kDeskMedian] = minutes_text(t.desk, t.desk.median_s);
    row[kDeskP90] = minutes_text(t.desk, t.desk.p90_s);
    put_shares(row, t.no_show, t.expired);
    put(out, row);
  }
  for (std::size_t d = 0; d < 7; ++d) {
    for (std::size_t h = 0; h < 24; ++h) {
      Row row = row_of("arrivals", "", "");
      row[kWeekday] = kWeekdays[d];
      row[kHour] = std::to_string(h);
      row[kCount] = count_text(r.arrivals[d][h]);
      put(out, row);
    }
  }
  for (const auto& l : r.languages) {
    Row row = row_of("languages", l.language, language_name(l.language));
    row[kCount] = count_text(l.tickets);
    put(out, row);
  }
  for (const auto& i : r.interests) {
    Row row = row_of("interests", i.id, i.name);
    row[kCount] = count_text(i.registrations);
    put(out, row);
  }
  // "Bel mij terug": per topic the requests, then how soon the team called back (one section each).
  Row callbacks = row_of("summary", "callbacks", "Terugbelverzoeken");
  callbacks[kCount] = count_text(r.callbacks);
  put(out, callbacks);
  const std::pair<const char*, Cell CallbackTopicRow::*> parts[] = {
      {"callbacks", &CallbackTopicRow::requests},
      {"callbacks_within_day", &CallbackTopicRow::within_day},
      {"callbacks_within_3_days", &CallbackTopicRow::within_3_days},
      {"callbacks_later", &CallbackTopicRow::later},
      {"callbacks_open", &CallbackTopicRow::open}};
  for (const auto& [section, cell] : parts)
    for (const auto& c : r.callback_topics) {
      Row row = row_of(section, c.id, c.name);
      row[kCount] = count_text(c.*cell);
      put(out, row);
    }
  return out;
}

}  // namespace wk::service::report
