// Early signals: a topic that suddenly brings many more residents than usual (a wave of energy-bill
// debts, a change in benefits) should reach the wijkteam before the monthly report does.
//
// The test is the CDC's Early Aberration Reporting System's (EARS C1-style): this week's count against
// the mean and standard deviation of a baseline, here the 8 weeks before it (whole weeks, so weekdays
// and weekends weigh the same in both). A topic is flagged when
//     this_week > mean + 3 * max(sd, sqrt(mean), 1)   and   this_week >= 10.
// Why each part:
//  - 3 sd: a report looks at dozens of topic x wijk pairs every week; at ~2 sd one of them would light up
//    most weeks by chance alone, and a signal nobody believes is worse than none.
//  - sqrt(mean): counts of walk-ins are roughly Poisson, whose sd is sqrt(mean). A baseline that happened
//    to be flat (8, 8, 8, ...) has sd 0 and would flag 9; the Poisson floor keeps ordinary noise quiet.
//  - 1: the floor under a baseline of zeros.
//  - >= 10: a topic of 1 or 2 a week jumping to 5 is no trend, and a signal about a handful of visits
//    comes close to pointing at people.
//  - a usual to compare with: a location whose baseline has visits (of any topic) in fewer than half of
//    its weeks is new or was closed, and its zeros are no "usual"; it flags nothing until it has one.
#include <algorithm>
#include <cmath>
#include <map>

#include "service/report.hpp"

namespace wk::service::report {

namespace {

constexpr double kSigmas = 3.0;
constexpr std::int64_t kMinSignalCount = 10;
constexpr int kWeekDays = 7;
constexpr int kMinOpenWeeks = kBaselineWeeks / 2;

}  // namespace

std::vector<Signal> find_signals(const Names& names, const std::string& last_day,
                                 const std::vector<Visit>& visits) {
  if (!valid_day(last_day)) return {};
  // Week 0 is the week ending last_day, week k the k-th before it.
  std::map<std::string, int> week_of_day;
  for (int d = 0; d < kWeekDays * (kBaselineWeeks + 1); ++d)
    week_of_day[add_days(last_day, -d)] = d / kWeekDays;

  std::map<std::string, std::vector<std::int64_t>> counts;  // topic -> per week
  std::vector<std::string> order;
  for (const auto& [id, name] : names.topics) {
    order.push_back(id);
    counts[id].assign(kBaselineWeeks + 1, 0);
  }
  std::vector<std::string> others;
  std::vector<bool> open(kBaselineWeeks + 1, false);
  for (const Visit& v : visits) {
    const auto week = week_of_day.find(v.local_day);
    if (week == week_of_day.end()) continue;
    open[static_cast<std::size_t>(week->second)] = true;
    auto [it, added] = counts.try_emplace(v.topic, std::vector<std::int64_t>(kBaselineWeeks + 1, 0));
    if (added) others.push_back(v.topic);
    ++it->second[static_cast<std::size_t>(week->second)];
  }
  std::sort(others.begin(), others.end());
  order.insert(order.end(), others.begin(), others.end());

  const bool has_usual = std::count(open.begin() + 1, open.end(), true) >= kMinOpenWeeks;
  std::vector<Signal> out;
  for (const std::string& topic : order) {
    const auto& c = counts[topic];
    Signal s;
    s.location_id = names.location_id;
    s.location_name = names.location_name;
    s.topic_id = topic;
    s.topic_name = topic;
    for (const auto& [id, name] : names.topics)
      if (id == topic) s.topic_name = name;
    s.week_from = add_days(last_day, -(kWeekDays - 1));
    s.week_to = last_day;
    s.this_week = c[0];
    double sum = 0;
    for (int w = 1; w <= kBaselineWeeks; ++w) sum += static_cast<double>(c[static_cast<std::size_t>(w)]);
    s.usual_mean = sum / kBaselineWeeks;
    double squares = 0;
    for (int w = 1; w <= kBaselineWeeks; ++w) {
      const double d = static_cast<double>(c[static_cast<std::size_t>(w)]) - s.usual_mean;
      squares += d * d;
    }
    s.usual_sd = std::sqrt(squares / (kBaselineWeeks - 1));  // the sample sd, as EARS uses
    const double spread = std::max({s.usual_sd, std::sqrt(s.usual_mean), 1.0});
    s.flagged = has_usual && s.this_week >= kMinSignalCount &&
                static_cast<double>(s.this_week) > s.usual_mean + kSigmas * spread;
    if (sum > 0 && sum < static_cast<double>(kMinCell)) {  // computed above on the true figures
      s.usual_suppressed = true;
      s.usual_mean = s.usual_sd = 0;
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace wk::service::report
