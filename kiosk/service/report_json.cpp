// A Report as the API's JSON (GET /v1/reports/{location}): a suppressed count is the string "< 5", as in
// the CSV and on the page, so no client can show what the model held back.
#include "service/report_json.hpp"

namespace wk::service::report {
namespace {

nlohmann::json cell(const Cell& c) {
  return c.suppressed ? nlohmann::json("< 5") : nlohmann::json(c.value);
}
nlohmann::json opt(const std::optional<std::int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json("< 5");
}
nlohmann::json durations(const Durations& d) {
  return {{"n", cell(d.n)}, {"median_s", opt(d.median_s)}, {"p90_s", opt(d.p90_s)}};
}
nlohmann::json share(const Share& s) {
  return {{"count", cell(s.count)},
          {"fraction", s.fraction ? nlohmann::json(*s.fraction) : nlohmann::json("< 5")}};
}

}  // namespace

nlohmann::json signal_json(const Signal& s) {
  nlohmann::json j{{"location", s.location_id}, {"location_name", s.location_name},
                   {"topic", s.topic_id},       {"topic_name", s.topic_name},
                   {"week_from", s.week_from},  {"week_to", s.week_to},
                   {"this_week", s.this_week},  {"flagged", s.flagged}};
  // The weeks before held so few visits that their mean would give the count away: "< 5" in 8 weeks.
  if (s.usual_suppressed) {
    j["usual_mean"] = "< 5";
    return j;
  }
  j["usual_mean"] = s.usual_mean;
  j["usual_sd"] = s.usual_sd;
  return j;
}

nlohmann::json to_json(const Report& r) {
  nlohmann::json topics = nlohmann::json::array(), languages = nlohmann::json::array(),
                 interests = nlohmann::json::array(), arrivals = nlohmann::json::array(),
                 signals = nlohmann::json::array();
  for (const auto& t : r.topics)
    topics.push_back({{"topic", t.id},
                      {"name", t.name},
                      {"tickets", cell(t.tickets)},
                      {"wait", durations(t.wait)},
                      {"desk", durations(t.desk)},
                      {"no_show", share(t.no_show)},
                      {"expired", share(t.expired)}});
  for (const auto& day : r.arrivals) {
    nlohmann::json hours = nlohmann::json::array();
    for (const auto& c : day) hours.push_back(cell(c));
    arrivals.push_back(hours);
  }
  for (const auto& l : r.languages)
    languages.push_back({{"language", l.language}, {"tickets", cell(l.tickets)}});
  for (const auto& i : r.interests)
    interests.push_back({{"interest", i.id}, {"name", i.name}, {"registrations", cell(i.registrations)}});
  for (const auto& s : r.signals) signals.push_back(signal_json(s));
  nlohmann::json callback_topics = nlohmann::json::array();
  for (const auto& c : r.callback_topics)
    callback_topics.push_back({{"topic", c.id},
                               {"name", c.name},
                               {"requests", cell(c.requests)},
                               {"within_day", cell(c.within_day)},
                               {"within_3_days", cell(c.within_3_days)},
                               {"later", cell(c.later)},
                               {"open", cell(c.open)}});
  return {{"location", r.names.location_id},
          {"location_name", r.names.location_name},
          {"from", r.period.from},
          {"to", r.period.to},
          {"tickets", cell(r.tickets)},
          {"no_show", share(r.no_show)},
          {"expired", share(r.expired)},
          {"topics", topics},
          {"arrivals", arrivals},
          {"languages", languages},
          {"registrations", cell(r.registrations)},
          {"interests", interests},
          {"callbacks", {{"requests", cell(r.callbacks)}, {"topics", callback_topics}}},
          {"signals", signals}};
}

}  // namespace wk::service::report
