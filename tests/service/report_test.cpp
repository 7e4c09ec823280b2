// The reports model on a generated history: 12 weeks, 3 wijken, 6 topics, 6 languages, every outcome,
// and one planted rise. The expected figures are counted here with plain loops, not with the model's
// helpers; every date is relative to a fixed Sunday, never to the day the test runs.
#include "service/report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace wk::test {
namespace {

namespace rp = service::report;

constexpr const char* kLastDay = "2026-11-29";  // a Sunday; the planted rise is the week up to it
constexpr const char* kRiseLocation = "zuid";
constexpr const char* kRiseTopic = "schulden";
const std::vector<std::string> kLocations = {"noord", "west", "zuid"};
const std::vector<std::string> kTopics = {"jeugd", "werk", "schulden", "zorg", "formulieren", "anders"};
const std::vector<std::string> kInterests = {"boodschappen", "taalmaatje", "klussen", "vervoer"};

// splitmix64: the same numbers on every compiler (std's distributions are not specified that far).
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

// Days as the test counts them, by its own arithmetic: 2026-09-07 (a Monday) is day 0.
std::string day_name(int d) {
  static const int kMonthDays[] = {30, 31, 30, 31};  // September to December 2026
  int month = 9, day = 7 + d;
  for (int i = 0; day > kMonthDays[i]; ++i) {
    day -= kMonthDays[i];
    ++month;
  }
  char buf[32];  // room for any int the format could print (GCC checks it under TSan)
  std::snprintf(buf, sizeof buf, "2026-%02d-%02d", month, day);
  return buf;
}
constexpr int kDays = 84;  // 12 weeks: day 83 is 2026-11-29

rp::Names names_of(const std::string& location) {
  rp::Names n;
  n.location_id = location;
  n.location_name = "Wijk " + location;
  for (const auto& t : kTopics) n.topics.emplace_back(t, "Topic " + t);
  for (const auto& i : kInterests) n.interests.emplace_back(i, "Interest " + i);
  return n;
}

struct History {
  std::map<std::string, std::vector<rp::Visit>> visits;
  std::map<std::string, std::vector<rp::Registration>> registrations;
};

const History& generate() {
  static const History kHistory = [] {
    History h;
    Rng rng{20261129};
    const std::vector<std::string> languages = {"nl", "nl", "nl", "nl", "ar", "ar", "ti", "en", "tr", "pl"};
    for (std::size_t l = 0; l < kLocations.size(); ++l) {
      const std::string& location = kLocations[l];
      for (int d = 0; d < kDays; ++d) {
        const int weekday = d % 7;   // day 0 is a Monday
        if (weekday == 6) continue;  // closed on Sundays
        for (std::size_t t = 0; t < kTopics.size(); ++t) {
          // A steady rate per topic and wijk: 12 chances of (rate) in 12 each day.
          const int rate = 1 + static_cast<int>((t + l) % 4);  // 1..4 a day on average
          int n = 0;
          for (int i = 0; i < 12; ++i) n += rng.below(12) < rate ? 1 : 0;
          if (location == kRiseLocation && kTopics[t] == kRiseTopic && d >= kDays - 7) n += 6;
          for (int i = 0; i < n; ++i) {
            rp::Visit v;
            v.topic = kTopics[t];
            v.language = languages[static_cast<std::size_t>(rng.below(10))];
            v.local_day = day_name(d);
            v.weekday = weekday;
            v.hour = 9 + rng.below(8);
            const int roll = rng.below(100);
            v.outcome = roll < 75 ? "served" : roll < 86 ? "no_show" : roll < 96 ? "expired" : "called";
            if (v.outcome != "expired") v.wait_s = 30 + rng.below(3600);
            if (v.outcome == "served") v.desk_s = 60 + rng.below(1800);
            h.visits[location].push_back(v);
          }
        }
        if (rng.below(3) == 0) {
          rp::Registration r;
          r.local_day = day_name(d);
          r.interests.push_back(kInterests[static_cast<std::size_t>(rng.below(4))]);
          if (rng.below(3) == 0) r.interests.push_back(kInterests[static_cast<std::size_t>(rng.below(4))]);
          std::sort(r.interests.begin(), r.interests.end());
          r.interests.erase(std::unique(r.interests.begin(), r.interests.end()), r.interests.end());
          h.registrations[location].push_back(r);
        }
      }
    }
    return h;
  }();
  return kHistory;
}

// Nearest rank, written out: the value at position ceil(p * n) (1-based) of the sorted values.
std::int64_t rank_value(std::vector<std::int64_t> v, double p) {
  std::sort(v.begin(), v.end());
  const auto pos = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::max<std::size_t>(pos, 1) - 1];
}

// A published cell against its true value: 1..4 never shows; a shown one is exact; a hidden one is 0.
void expect_cell(const rp::Cell& cell, std::int64_t truth, const std::string& what) {
  if (truth > 0 && truth < rp::kMinCell) {
    EXPECT_TRUE(cell.suppressed) << what << " = " << truth;
  }
  if (cell.suppressed)
    EXPECT_EQ(cell.value, 0) << what;
  else
    EXPECT_EQ(cell.value, truth) << what;
}

// Every group a reader could subtract in, from the output alone: never exactly one hidden part beside a
// shown total; a hidden total hides all its parts; in groups whose parts add up to the total, the hidden
// parts together (total - shown) are never 1..4, nor 4 for each of them.
void expect_no_subtraction(const rp::Report& r) {
  auto check = [&](const rp::Cell& total, const std::vector<const rp::Cell*>& parts, bool adds_up,
                   const std::string& what) {
    int hidden = 0;
    std::int64_t shown = 0;
    for (const rp::Cell* c : parts) {
      if (c->suppressed)
        ++hidden;
      else
        shown += c->value;
    }
    if (total.suppressed) {
      EXPECT_EQ(hidden, static_cast<int>(parts.size())) << what << ": parts of a hidden total show";
      return;
    }
    if (parts.size() > 1) {
      EXPECT_NE(hidden, 1) << what << ": one hidden part is the total minus the rest";
    }
    if (adds_up && hidden > 0 && hidden < static_cast<int>(parts.size())) {
      const std::int64_t rest = total.value - shown;
      EXPECT_FALSE(rest > 0 && rest < rp::kMinCell) << what << ": the hidden parts add up to " << rest;
      EXPECT_NE(rest, 4 * hidden) << what << ": each hidden part would be 4";
    }
  };
  std::vector<const rp::Cell*> topics, languages, hours, no_shows, expired, interests;
  for (const auto& t : r.topics) {
    topics.push_back(&t.tickets);
    no_shows.push_back(&t.no_show.count);
    expired.push_back(&t.expired.count);
    check(t.tickets, {&t.no_show.count, &t.expired.count, &t.wait.n, &t.desk.n}, false, "topic " + t.id);
  }
  for (const auto& l : r.languages) languages.push_back(&l.tickets);
  for (const auto& day : r.arrivals)
    for (const auto& c : day) hours.push_back(&c);
  for (const auto& i : r.interests) interests.push_back(&i.registrations);
  check(r.tickets, topics, true, "topics");
  check(r.tickets, languages, true, "languages");
  check(r.tickets, hours, true, "hours");
  check(r.no_show.count, no_shows, true, "no-shows");
  check(r.expired.count, expired, true, "expired");
  check(r.tickets, {&r.no_show.count, &r.expired.count}, false, "outcomes");
  check(r.registrations, interests, false, "interests");
}

void expect_report(const std::string& location, const rp::Period& period) {
  SCOPED_TRACE(location + " " + period.from + ".." + period.to);
  const History& h = generate();
  const auto& visits = h.visits.at(location);
  const auto& regs = h.registrations.at(location);
  const rp::Report r = rp::build_report(names_of(location), period, visits, regs);

  std::int64_t total = 0, no_show = 0, expired = 0;
  std::map<std::string, std::int64_t> per_topic, per_language, topic_no_show, topic_expired, per_interest;
  std::map<std::string, std::vector<std::int64_t>> waits, desks;
  std::int64_t hours[7][24] = {};
  for (const auto& v : visits) {
    if (v.local_day < period.from || v.local_day > period.to) continue;
    ++total;
    ++per_topic[v.topic];
    ++per_language[v.language];
    ++hours[v.weekday][v.hour];
    if (v.outcome == "no_show") ++no_show, ++topic_no_show[v.topic];
    if (v.outcome == "expired") ++expired, ++topic_expired[v.topic];
    if (v.wait_s) waits[v.topic].push_back(*v.wait_s);
    if (v.desk_s) desks[v.topic].push_back(*v.desk_s);
  }
  std::int64_t registrations = 0;
  for (const auto& reg : regs) {
    if (reg.local_day < period.from || reg.local_day > period.to) continue;
    ++registrations;
    for (const auto& i : reg.interests) ++per_interest[i];
  }

  EXPECT_EQ(r.period.from, period.from);
  EXPECT_EQ(r.names.location_id, location);
  expect_cell(r.tickets, total, "tickets");
  expect_cell(r.no_show.count, no_show, "no-shows");
  expect_cell(r.expired.count, expired, "expired");
  if (r.no_show.fraction) {
    EXPECT_DOUBLE_EQ(*r.no_show.fraction, double(no_show) / double(total));
  }
  ASSERT_EQ(r.topics.size(), kTopics.size());
  for (std::size_t i = 0; i < kTopics.size(); ++i) {
    const auto& t = r.topics[i];
    const std::string& id = kTopics[i];
    EXPECT_EQ(t.id, id);
    EXPECT_EQ(t.name, "Topic " + id);
    expect_cell(t.tickets, per_topic[id], "tickets of " + id);
    expect_cell(t.no_show.count, topic_no_show[id], "no-shows of " + id);
    expect_cell(t.expired.count, topic_expired[id], "expired of " + id);
    if (t.no_show.fraction) {
      EXPECT_FALSE(t.tickets.suppressed);
      EXPECT_DOUBLE_EQ(*t.no_show.fraction, double(topic_no_show[id]) / double(per_topic[id]));
    }
    if (t.no_show.count.suppressed) {
      EXPECT_FALSE(t.no_show.fraction.has_value());
    }
    for (const auto& [durations, values] : {std::pair{&t.wait, &waits[id]}, std::pair{&t.desk, &desks[id]}}) {
      expect_cell(durations->n, static_cast<std::int64_t>(values->size()), "durations of " + id);
      if (values->size() < 5 || durations->n.suppressed) {
        EXPECT_FALSE(durations->median_s.has_value());
        EXPECT_FALSE(durations->p90_s.has_value());
        continue;
      }
      ASSERT_TRUE(durations->median_s && durations->p90_s) << id;
      EXPECT_EQ(*durations->median_s, rank_value(*values, 0.5)) << id;
      EXPECT_EQ(*durations->p90_s, rank_value(*values, 0.9)) << id;
    }
  }
  for (int d = 0; d < 7; ++d)
    for (int hr = 0; hr < 24; ++hr)
      expect_cell(r.arrivals[d][hr], hours[d][hr], "hour " + std::to_string(d) + "/" + std::to_string(hr));
  ASSERT_EQ(r.languages.size(), per_language.size());
  bool hidden_seen = false;
  for (std::size_t i = 0; i < r.languages.size(); ++i) {
    const auto& l = r.languages[i];
    expect_cell(l.tickets, per_language[l.language], "language " + l.language);
    if (l.tickets.suppressed) hidden_seen = true;
    EXPECT_FALSE(hidden_seen && !l.tickets.suppressed) << "shown languages come first";
    if (i > 0 && !l.tickets.suppressed) {
      EXPECT_GE(r.languages[i - 1].tickets.value, l.tickets.value);
    }
  }
  expect_cell(r.registrations, registrations, "registrations");
  ASSERT_EQ(r.interests.size(), kInterests.size());
  for (std::size_t i = 0; i < kInterests.size(); ++i)
    expect_cell(r.interests[i].registrations, per_interest[kInterests[i]], "interest " + kInterests[i]);
  expect_no_subtraction(r);
}

TEST(ReportModel, AWeekAMonthAndACustomRangeCountWhatTheRowsHold) {
  for (const auto& location : kLocations) {
    expect_report(location, {"2026-11-23", kLastDay});
    expect_report(location, {"2026-11-01", "2026-11-30"});
    expect_report(location, {"2026-10-14", "2026-11-05"});
    expect_report(location, {"2026-11-24", "2026-11-24"});  // one day: many small cells
  }
  // Not a comparison of nothing with nothing: a month shows most of what it holds.
  const auto& h = generate();
  const rp::Report month =
      rp::build_report(names_of("west"), {"2026-11-01", "2026-11-30"}, h.visits.at("west"), {});
  int shown = 0;
  for (const auto& t : month.topics) shown += !t.tickets.suppressed && t.tickets.value >= 20 ? 1 : 0;
  EXPECT_EQ(shown, 6);
  EXPECT_GT(month.tickets.value, 300);
  const rp::Report week =
      rp::build_report(names_of(kRiseLocation), {"2026-11-23", kLastDay}, h.visits.at(kRiseLocation), {});
  EXPECT_GE(week.topics[2].tickets.value, 36) << "the planted rise";
}

TEST(ReportModel, SmallWeeksShowSmallCellsAsSuppressed) {
  // A day has topics of 1..4 tickets: they are hidden, and what they would give away by subtraction too.
  const auto& visits = generate().visits.at("noord");
  const rp::Report r = rp::build_report(names_of("noord"), {"2026-11-24", "2026-11-24"}, visits, {});
  int hidden = 0;
  for (const auto& t : r.topics) hidden += t.tickets.suppressed ? 1 : 0;
  EXPECT_GE(hidden, 2);
}

TEST(ReportSignals, ThePlantedRiseIsFlaggedAndNothingElse) {
  const History& h = generate();
  int flagged = 0;
  for (const auto& location : kLocations) {
    const auto signals = rp::find_signals(names_of(location), kLastDay, h.visits.at(location));
    ASSERT_EQ(signals.size(), kTopics.size()) << "every topic has its row";
    for (const auto& s : signals) {
      const bool planted = location == kRiseLocation && s.topic_id == kRiseTopic;
      EXPECT_EQ(s.flagged, planted) << location << " " << s.topic_id << ": " << s.this_week << " against "
                                    << s.usual_mean << " +- " << s.usual_sd;
      flagged += s.flagged ? 1 : 0;
      EXPECT_EQ(s.week_from, "2026-11-23");
      EXPECT_EQ(s.week_to, kLastDay);
      // The figures, counted here: the week, and the mean of the 8 weeks before.
      std::int64_t week = 0, before = 0;
      for (const auto& v : h.visits.at(location)) {
        if (v.topic != s.topic_id) continue;
        if (v.local_day >= "2026-11-23" && v.local_day <= kLastDay) ++week;
        if (v.local_day >= day_name(kDays - 63) && v.local_day < "2026-11-23") ++before;
      }
      EXPECT_EQ(s.this_week, week);
      EXPECT_NEAR(s.usual_mean, double(before) / 8.0, 1e-9);
    }
    const rp::Report r = rp::build_report(names_of(location), {"2026-11-23", kLastDay}, h.visits.at(location),
                                          h.registrations.at(location));
    EXPECT_EQ(r.signals.size(), location == kRiseLocation ? 1U : 0U) << location;
    for (const auto& s : r.signals) EXPECT_EQ(s.topic_name, "Topic schulden");
  }
  EXPECT_EQ(flagged, 1);
  // A week earlier nothing had risen yet.
  for (const auto& location : kLocations)
    for (const auto& s : rp::find_signals(names_of(location), "2026-11-22", h.visits.at(location)))
      EXPECT_FALSE(s.flagged) << location << " " << s.topic_id;
}

TEST(ReportSignals, ANewLocationHasNoUsualAndFlagsNothing) {
  // Only the last 3 weeks of the history: 14 in week 0 against zeros in most baseline weeks.
  std::vector<rp::Visit> recent;
  for (const auto& v : generate().visits.at(kRiseLocation))
    if (v.local_day >= "2026-11-09") recent.push_back(v);
  for (const auto& s : rp::find_signals(names_of(kRiseLocation), kLastDay, recent))
    EXPECT_FALSE(s.flagged) << s.topic_id;
}

TEST(ReportSignals, ARiseFromAFewShowsNoUsualThatWouldGiveTheFewAway) {
  // Werk 5 every week; schulden 3 visits in the 8 weeks before, then 12.
  std::vector<rp::Visit> visits;
  auto add = [&](const std::string& topic, int day, int count) {
    for (int i = 0; i < count; ++i) {
      rp::Visit v;
      v.topic = topic;
      v.language = "nl";
      v.local_day = day_name(day);
      v.outcome = "served";
      visits.push_back(v);
    }
  };
  for (int week = 0; week < 9; ++week) add("werk", kDays - 1 - 7 * week - 2, 5);
  add("schulden", kDays - 1 - 7 * 3, 2);
  add("schulden", kDays - 1 - 7 * 5, 1);
  add("schulden", kDays - 2, 12);
  const auto signals = rp::find_signals(names_of("noord"), kLastDay, visits);
  const auto& schulden =
      *std::find_if(signals.begin(), signals.end(), [](auto& s) { return s.topic_id == "schulden"; });
  EXPECT_TRUE(schulden.flagged);
  EXPECT_EQ(schulden.this_week, 12);
  EXPECT_TRUE(schulden.usual_suppressed);
  EXPECT_EQ(schulden.usual_mean, 0.0) << "3 / 8 would say 3";
  EXPECT_EQ(schulden.usual_sd, 0.0);
  const auto& werk =
      *std::find_if(signals.begin(), signals.end(), [](auto& s) { return s.topic_id == "werk"; });
  EXPECT_FALSE(werk.flagged);
  EXPECT_FALSE(werk.usual_suppressed);
  EXPECT_DOUBLE_EQ(werk.usual_mean, 5.0);
}

rp::Visit visit(const std::string& topic, const std::string& language, int hour,
                const std::string& outcome = "served") {
  rp::Visit v;
  v.topic = topic;
  v.language = language;
  v.local_day = "2026-11-24";
  v.weekday = 1;
  v.hour = hour;
  v.outcome = outcome;
  return v;
}

TEST(ReportSuppression, ATotalUnderFiveHidesEverythingItHolds) {
  const std::vector<rp::Visit> visits = {visit("werk", "nl", 9), visit("werk", "ar", 10),
                                         visit("jeugd", "nl", 10, "no_show")};
  const rp::Report r = rp::build_report(names_of("noord"), {"2026-11-23", "2026-11-29"}, visits, {});
  EXPECT_TRUE(r.tickets.suppressed);
  EXPECT_EQ(r.tickets.value, 0);
  for (const auto& t : r.topics) {
    EXPECT_TRUE(t.tickets.suppressed) << t.id << ": even a 0 beside a hidden total says where they were";
    EXPECT_TRUE(t.no_show.count.suppressed);
    EXPECT_FALSE(t.no_show.fraction.has_value());
  }
  for (const auto& day : r.arrivals)
    for (const auto& c : day) EXPECT_TRUE(c.suppressed);
  for (const auto& l : r.languages) EXPECT_TRUE(l.tickets.suppressed);
  EXPECT_FALSE(r.no_show.fraction.has_value());
  expect_no_subtraction(r);
}

TEST(ReportSuppression, OneHiddenPartTakesTheNextSmallestWithIt) {
  std::vector<rp::Visit> visits;
  for (int i = 0; i < 10; ++i) visits.push_back(visit("werk", "nl", 9));
  for (int i = 0; i < 7; ++i) visits.push_back(visit("jeugd", "nl", 10));
  for (int i = 0; i < 2; ++i) visits.push_back(visit("zorg", "ar", 11));
  const rp::Report r = rp::build_report(names_of("noord"), {"2026-11-23", "2026-11-29"}, visits, {});
  EXPECT_EQ(r.tickets.value, 19);
  std::map<std::string, rp::Cell> by_id;
  for (const auto& t : r.topics) by_id[t.id] = t.tickets;
  EXPECT_TRUE(by_id["zorg"].suppressed);
  EXPECT_TRUE(by_id["jeugd"].suppressed) << "else 19 - 10 - 7 = 2";
  EXPECT_FALSE(by_id["werk"].suppressed);
  EXPECT_EQ(by_id["werk"].value, 10);
  EXPECT_FALSE(by_id["anders"].suppressed) << "a true zero shows";
  // Languages: nl 17 and ar 2, two parts: both hidden.
  for (const auto& l : r.languages) EXPECT_TRUE(l.tickets.suppressed) << l.language;
  // Hours: 10, 7, 2: the 2 and the 7 hidden, the zeros shown.
  EXPECT_TRUE(r.arrivals[1][11].suppressed);
  EXPECT_TRUE(r.arrivals[1][10].suppressed);
  EXPECT_EQ(r.arrivals[1][9].value, 10);
  EXPECT_FALSE(r.arrivals[0][0].suppressed);
  expect_no_subtraction(r);
}

TEST(ReportSuppression, HiddenPartsThatAddUpToASmallCountTakeAThirdWithThem) {
  // 20 tickets: 17, 2, 1. Hiding 2 and 1 shows their sum 3: the 17 goes too, and the topics group
  // then says nothing finer than the total.
  std::vector<rp::Visit> visits;
  for (int i = 0; i < 17; ++i) visits.push_back(visit("werk", "nl", 9));
  for (int i = 0; i < 2; ++i) visits.push_back(visit("zorg", "nl", 9));
  visits.push_back(visit("jeugd", "nl", 9));
  const rp::Report r = rp::build_report(names_of("noord"), {"2026-11-23", "2026-11-29"}, visits, {});
  for (const auto& t : r.topics)
    if (t.id == "werk" || t.id == "zorg" || t.id == "jeugd") {
      EXPECT_TRUE(t.tickets.suppressed) << t.id;
    }
  expect_no_subtraction(r);
}

TEST(ReportSuppression, NoGroupGivesAHiddenCellAwayInManySmallReports) {
  // 300 small weeks of every shape (0..40 visits, few or many topics, hours and languages): the output
  // of each, group by group, as a reader has it.
  Rng rng{7};
  const std::vector<std::string> languages = {"nl", "ar", "ti", "en"};
  for (int round = 0; round < 300; ++round) {
    std::vector<rp::Visit> visits;
    const int n = rng.below(41), topics = 1 + rng.below(6), hours = 1 + rng.below(6);
    for (int i = 0; i < n; ++i) {
      rp::Visit v = visit(kTopics[static_cast<std::size_t>(rng.below(topics))],
                          languages[static_cast<std::size_t>(rng.below(4))], 9 + rng.below(hours),
                          rng.below(5) == 0   ? "no_show"
                          : rng.below(5) == 0 ? "expired"
                                              : "served");
      v.weekday = rng.below(6);
      if (v.outcome != "expired") v.wait_s = rng.below(3000);
      if (v.outcome == "served") v.desk_s = rng.below(1000);
      visits.push_back(v);
    }
    std::vector<rp::Registration> regs;
    for (int i = rng.below(15); i > 0; --i) {
      rp::Registration reg;
      reg.local_day = "2026-11-24";
      reg.interests = {kInterests[static_cast<std::size_t>(rng.below(2))]};
      if (rng.below(2) == 0) reg.interests.push_back(kInterests[2]);
      regs.push_back(reg);
    }
    const rp::Report r = rp::build_report(names_of("noord"), {"2026-11-23", "2026-11-29"}, visits, regs);
    SCOPED_TRACE("round " + std::to_string(round));
    expect_no_subtraction(r);
    EXPECT_EQ(r.tickets.suppressed, n > 0 && n < 5);
  }
}

TEST(ReportSuppression, DurationsOverFewerThanFiveAreNotShown) {
  std::vector<rp::Visit> visits;
  for (int i = 0; i < 10; ++i) {
    rp::Visit v = visit("werk", "nl", 9, i < 4 ? "served" : "expired");
    if (i < 4) v.wait_s = 100 + i, v.desk_s = 300;
    visits.push_back(v);
  }
  const rp::Report r = rp::build_report(names_of("noord"), {"2026-11-23", "2026-11-29"}, visits, {});
  const auto& werk = *std::find_if(r.topics.begin(), r.topics.end(), [](auto& t) { return t.id == "werk"; });
  EXPECT_TRUE(werk.wait.n.suppressed);
  EXPECT_FALSE(werk.wait.median_s.has_value());
  EXPECT_FALSE(werk.desk.p90_s.has_value());
}

TEST(ReportPeriods, DaysWeeksAndMonths) {
  EXPECT_TRUE(rp::valid_day("2028-02-29"));
  EXPECT_FALSE(rp::valid_day("2026-02-29"));
  EXPECT_FALSE(rp::valid_day("2026-13-01"));
  EXPECT_FALSE(rp::valid_day("2026-1-01"));
  EXPECT_FALSE(rp::valid_day("2026-11-3x"));
  EXPECT_EQ(rp::weekday_of("2026-11-30"), 0);  // a Monday
  EXPECT_EQ(rp::weekday_of(kLastDay), 6);
  EXPECT_EQ(rp::add_days("2026-12-31", 1), "2027-01-01");
  EXPECT_EQ(rp::add_days("2026-03-01", -1), "2026-02-28");
  const rp::Period week = rp::period_for("week", "2026-12-31");
  EXPECT_EQ(week.from, "2026-12-28");
  EXPECT_EQ(week.to, "2027-01-03");
  const rp::Period feb = rp::period_for("month", "2028-02-10");
  EXPECT_EQ(feb.from, "2028-02-01");
  EXPECT_EQ(feb.to, "2028-02-29");
  EXPECT_EQ(rp::period_for("month", "2026-12-31").to, "2026-12-31");
  EXPECT_EQ(rp::period_for("day", "2026-11-24").from, "2026-11-24");
  EXPECT_EQ(rp::period_for("year", "2026-11-24").from, "");
  EXPECT_EQ(rp::period_for("week", "2026-11-31").from, "");
}

}  // namespace
}  // namespace wk::test
