#pragma once
// Internal to service/: what a wijk asks of its walk-in, as a pure function of anonymous rows. The store
// hands in one Visit per ticket and one Registration per volunteer, already without id, code, token, name
// or exact time (a local day, a weekday and an hour are as close as a report ever gets to one visit), and
// build_report() counts, measures and suppresses. The renderers (report_render.hpp) only draw what comes
// out, so no output can show what the model did not let through.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wk::service::report {

// Below this many, a count or anything measured over that many visits is shown as "< 5".
constexpr std::int64_t kMinCell = 5;

// One ticket as a report may see it.
struct Visit {
  std::string topic;      // as the resident chose it at the kiosk (issued_topic), not where staff moved it
  std::string language;   // "nl", "ar", ...
  std::string local_day;  // "2026-11-30", in the location's zone
  int weekday = 0;        // 0 = Monday ... 6 = Sunday, local
  int hour = 0;           // 0-23, local
  std::string outcome;    // waiting | called | served | no_show | expired
  std::optional<std::int64_t> wait_s;  // created -> first call, once called
  std::optional<std::int64_t> desk_s;  // first call -> served, once served
};

// One volunteer registration as a report may see it: when and for what, never who.
struct Registration {
  std::string local_day;
  std::vector<std::string> interests;  // interest ids of the location's config
};

// One call-back request ("bel mij terug") as a report may see it: its day, its topic, and how long until
// it was closed, never who or their number.
struct Callback {
  std::string local_day;
  std::string topic;
  std::optional<std::int64_t> called_back_after_s;  // created -> closed as reached or done; absent: not (yet)
};

// The names a report shows, from the location's config (Dutch: reports go to a wijkplatform meeting).
struct Names {
  std::string location_id, location_name;
  std::vector<std::pair<std::string, std::string>> topics;     // id, name; in the config's order
  std::vector<std::pair<std::string, std::string>> interests;  // id, name; in the config's order
};

// Inclusive local days, "YYYY-MM-DD".
struct Period {
  std::string from, to;
};

// A count as published: its value only when it may be shown. A suppressed cell's value is 0, so no
// renderer can leak it by accident.
struct Cell {
  std::int64_t value = 0;
  bool suppressed = false;
};

// Median and 90th percentile of durations in seconds, over `n` visits; absent (shown "< 5") when fewer
// than kMinCell visits were measured, since a median of two is nearly someone's own time.
struct Durations {
  Cell n;
  std::optional<std::int64_t> median_s, p90_s;
};

// A part of the whole, as a count and its share of `of` (0..1); the share is absent when the count is
// suppressed (a percentage gives the count away).
struct Share {
  Cell count;
  std::optional<double> fraction;
};

struct TopicRow {
  std::string id, name;
  Cell tickets;
  Durations wait;  // created -> called
  Durations desk;  // called -> served
  Share no_show, expired;
};

struct LanguageRow {
  std::string language;  // "nl"
  Cell tickets;
};

// Supply beside demand: volunteers who offered help with an interest.
struct InterestRow {
  std::string id, name;
  Cell registrations;
};

// Per topic per wijk, the last week against the eight before it (see signals.cpp for the test and why).
struct Signal {
  std::string location_id, location_name, topic_id, topic_name;
  std::string week_from, week_to;  // the last week, inclusive local days
  std::int64_t this_week = 0;
  double usual_mean = 0, usual_sd = 0;  // over the eight weeks before
  bool flagged = false;                 // beyond normal variation
  // The 8 weeks before held 1..4 visits in all: mean x 8 would give that small count away, so usual_mean
  // and usual_sd are 0 and a renderer shows "< 5 in 8 weeks" instead.
  bool usual_suppressed = false;
};

// Call-back requests of one topic, and how long until the team called back: counts only.
struct CallbackTopicRow {
  std::string id, name;
  Cell requests;
  Cell within_day, within_3_days, later;  // closed within 24 h, within 72 h, after that
  Cell open;                              // not called back (yet), or expired at the retention
};

struct Report {
  Names names;
  Period period;
  Cell tickets;                                    // all tickets in the period
  std::vector<TopicRow> topics;                    // the config's topics in its order, then any others seen
  std::array<std::array<Cell, 24>, 7> arrivals{};  // [weekday][hour], Monday first
  Share no_show, expired;                          // over all tickets
  std::vector<LanguageRow> languages;              // most tickets first
  Cell registrations;                              // volunteer registrations in the period
  std::vector<InterestRow> interests;              // the config's interests in its order
  Cell callbacks;                                  // call-back requests made in the period
  std::vector<CallbackTopicRow> callback_topics;   // the config's topics in its order, then any others
  std::vector<Signal> signals;  // this location's flagged signals for the week ending period.to
};

// The report of one location over `period`. `visits` and `registrations` may hold rows outside the
// period: they are left out. Every published count obeys kMinCell, also by subtraction: when a total is
// shown and exactly one of its parts is suppressed, the next smallest part is suppressed too (the whole
// set of rules: report_suppress.hpp and docs/reports.md, "Small cells"). 0 is shown as 0.
Report build_report(const Names& names, const Period& period, const std::vector<Visit>& visits,
                    const std::vector<Registration>& registrations,
                    const std::vector<Callback>& callbacks = {});

// Per topic, the week ending `last_day` (7 local days) against the 8 weeks before it. Every topic's row,
// flagged or not (the config's topics, then any other seen in those 9 weeks): callers filter on `flagged`.
// Unflagged rows may hold small counts: publish only flagged ones (this_week >= 10 there).
std::vector<Signal> find_signals(const Names& names, const std::string& last_day,
                                 const std::vector<Visit>& visits);

// How many weeks before the last one find_signals() compares with, so a caller loads enough visits.
constexpr int kBaselineWeeks = 8;

// --- Local days ("YYYY-MM-DD"), for callers that take a day from a request.
bool valid_day(const std::string& day);  // the format and a real date of the Gregorian calendar
std::string add_days(const std::string& day, int days);  // valid_day(day) is the caller's
int weekday_of(const std::string& day);                  // 0 = Monday ... 6 = Sunday

// The period of `kind` that holds `day`: "day" (that day), "week" (Monday to Sunday) or "month" (the
// calendar month). An unknown kind or an invalid day gives an empty Period (from and to "").
Period period_for(const std::string& kind, const std::string& day);

}  // namespace wk::service::report
