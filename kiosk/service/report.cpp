// The reports model: anonymous rows in, published figures out. Everything is counted first with its
// true value, then report_suppress.cpp decides what may show, over the groups a reader could subtract in.
#include <algorithm>
#include <map>

#include "service/report.hpp"
#include "service/report_suppress.hpp"

namespace wk::service::report {

namespace {

bool within(const Period& p, const std::string& day) {
  return day >= p.from && day <= p.to;
}

// Nearest-rank percentile: the smallest value with at least pct % of the values at or below it, i.e.
// sorted[ceil(pct / 100 * n) - 1]. Always a value someone really waited (no interpolation), and the
// median of an even count is the lower middle one. `sorted` is ascending and not empty.
std::int64_t nearest_rank(const std::vector<std::int64_t>& sorted, int pct) {
  const std::size_t n = sorted.size();
  const std::size_t rank = std::max<std::size_t>(1, (static_cast<std::size_t>(pct) * n + 99) / 100);
  return sorted[rank - 1];
}

Durations durations_of(std::vector<std::int64_t> seconds) {
  Durations d;
  d.n.value = static_cast<std::int64_t>(seconds.size());
  if (d.n.value >= kMinCell) {
    std::sort(seconds.begin(), seconds.end());
    d.median_s = nearest_rank(seconds, 50);
    d.p90_s = nearest_rank(seconds, 90);
  }
  return d;
}

// A share is shown only when both its count and what it is a share of are: either gives the other away.
void finish_share(Share& s, const Cell& of) {
  s.fraction.reset();
  if (!s.count.suppressed && !of.suppressed && of.value > 0)
    s.fraction = static_cast<double>(s.count.value) / static_cast<double>(of.value);
}

// Durations over a count that is not shown are not shown either (a median says the count is >= 5).
void finish_durations(Durations& d) {
  if (!d.n.suppressed) return;
  d.median_s.reset();
  d.p90_s.reset();
}

std::string name_of(const std::vector<std::pair<std::string, std::string>>& names, const std::string& id) {
  for (const auto& [i, name] : names)
    if (i == id) return name;
  return id;
}

// The config's ids in order, then the others in `seen` by id.
std::vector<std::string> ordered_ids(const std::vector<std::pair<std::string, std::string>>& config,
                                     const std::map<std::string, std::int64_t>& seen) {
  std::vector<std::string> ids;
  for (const auto& [id, name] : config) ids.push_back(id);
  for (const auto& [id, n] : seen)
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  return ids;
}

struct Tally {
  std::int64_t tickets = 0, no_show = 0, expired = 0;
  std::vector<std::int64_t> waits, desks;
};

}  // namespace

Report build_report(const Names& names, const Period& period, const std::vector<Visit>& visits,
                    const std::vector<Registration>& registrations, const std::vector<Callback>& callbacks) {
  Report r;
  r.names = names;
  r.period = period;

  std::map<std::string, Tally> by_topic;
  std::map<std::string, std::int64_t> topic_seen, by_language, by_interest;
  for (const Visit& v : visits) {
    if (!within(period, v.local_day)) continue;
    ++r.tickets.value;
    Tally& t = by_topic[v.topic];
    ++t.tickets;
    ++topic_seen[v.topic];
    ++by_language[v.language];
    if (v.weekday >= 0 && v.weekday < 7 && v.hour >= 0 && v.hour < 24) ++r.arrivals[v.weekday][v.hour].value;
    if (v.outcome == "no_show") ++t.no_show;
    if (v.outcome == "expired") ++t.expired;
    if (v.wait_s) t.waits.push_back(*v.wait_s);
    if (v.desk_s) t.desks.push_back(*v.desk_s);
  }
  for (const std::string& id : ordered_ids(names.topics, topic_seen)) {
    Tally& t = by_topic[id];
    TopicRow row;
    row.id = id;
    row.name = name_of(names.topics, id);
    row.tickets.value = t.tickets;
    row.wait = durations_of(std::move(t.waits));
    row.desk = durations_of(std::move(t.desks));
    row.no_show.count.value = t.no_show;
    row.expired.count.value = t.expired;
    r.no_show.count.value += t.no_show;
    r.expired.count.value += t.expired;
    r.topics.push_back(std::move(row));
  }
  for (const auto& [language, n] : by_language) r.languages.push_back({language, Cell{n, false}});

  for (const Registration& reg : registrations) {
    if (!within(period, reg.local_day)) continue;
    ++r.registrations.value;
    for (const std::string& interest : reg.interests) ++by_interest[interest];
  }
  for (const std::string& id : ordered_ids(names.interests, by_interest)) {
    const auto found = by_interest.find(id);
    r.interests.push_back(
        {id, name_of(names.interests, id), Cell{found == by_interest.end() ? 0 : found->second, false}});
  }

  std::map<std::string, CallbackTopicRow> callbacks_by_topic;
  std::map<std::string, std::int64_t> callback_seen;
  for (const Callback& c : callbacks) {
    if (!within(period, c.local_day)) continue;
    ++r.callbacks.value;
    ++callback_seen[c.topic];
    CallbackTopicRow& row = callbacks_by_topic[c.topic];
    ++row.requests.value;
    constexpr std::int64_t kDay = 24 * 3600;
    if (!c.called_back_after_s)
      ++row.open.value;
    else if (*c.called_back_after_s < kDay)
      ++row.within_day.value;
    else if (*c.called_back_after_s < 3 * kDay)
      ++row.within_3_days.value;
    else
      ++row.later.value;
  }
  for (const std::string& id : ordered_ids(names.topics, callback_seen)) {
    CallbackTopicRow row = callbacks_by_topic[id];
    row.id = id;
    row.name = name_of(names.topics, id);
    r.callback_topics.push_back(std::move(row));
  }

  // Every vector is complete now, so pointers into them stay valid through suppress().
  std::vector<Cell*> cells = {&r.tickets, &r.no_show.count, &r.expired.count, &r.registrations};
  Group topics{&r.tickets, {}}, languages{&r.tickets, {}}, hours{&r.tickets, {}};
  Group no_shows{&r.no_show.count, {}}, expired{&r.expired.count, {}};
  Group interests{&r.registrations, {}};  // one registration may name several interests: see the header
  std::vector<Group> groups;
  groups.push_back({&r.tickets, {&r.no_show.count, &r.expired.count}});
  for (TopicRow& t : r.topics) {
    cells.insert(cells.end(), {&t.tickets, &t.wait.n, &t.desk.n, &t.no_show.count, &t.expired.count});
    topics.parts.push_back(&t.tickets);
    no_shows.parts.push_back(&t.no_show.count);
    expired.parts.push_back(&t.expired.count);
    // Called, served, no-show and expired overlap and leave out the open tickets; the rules hold all the
    // same (report_suppress.hpp).
    groups.push_back({&t.tickets, {&t.no_show.count, &t.expired.count, &t.wait.n, &t.desk.n}});
  }
  for (LanguageRow& l : r.languages) {
    cells.push_back(&l.tickets);
    languages.parts.push_back(&l.tickets);
  }
  for (auto& day : r.arrivals)
    for (Cell& c : day) {
      cells.push_back(&c);
      hours.parts.push_back(&c);
    }
  for (InterestRow& i : r.interests) {
    cells.push_back(&i.registrations);
    interests.parts.push_back(&i.registrations);
  }
  cells.push_back(&r.callbacks);
  Group callback_topics{&r.callbacks, {}};
  for (CallbackTopicRow& c : r.callback_topics) {
    cells.insert(cells.end(), {&c.requests, &c.within_day, &c.within_3_days, &c.later, &c.open});
    callback_topics.parts.push_back(&c.requests);
    groups.push_back({&c.requests, {&c.within_day, &c.within_3_days, &c.later, &c.open}});
  }
  groups.insert(groups.end(), {topics, languages, hours, no_shows, expired, interests, callback_topics});
  suppress(cells, groups);

  for (TopicRow& t : r.topics) {
    finish_durations(t.wait);
    finish_durations(t.desk);
    finish_share(t.no_show, t.tickets);
    finish_share(t.expired, t.tickets);
  }
  finish_share(r.no_show, r.tickets);
  finish_share(r.expired, r.tickets);
  // Most tickets first among the shown; the hidden after them by code, so their order says nothing.
  std::sort(r.languages.begin(), r.languages.end(), [](const LanguageRow& a, const LanguageRow& b) {
    if (a.tickets.suppressed != b.tickets.suppressed) return !a.tickets.suppressed;
    if (a.tickets.value != b.tickets.value) return a.tickets.value > b.tickets.value;
    return a.language < b.language;
  });

  for (Signal& s : find_signals(names, period.to, visits))
    if (s.flagged) r.signals.push_back(std::move(s));
  return r;
}

}  // namespace wk::service::report
