// Reports through a real SQLite file: tickets issued, called, recalled, transferred, served, missed and
// expired through ServiceDb as the counter does it, then read back as anonymous rows and as a report.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "fresh_service_db.hpp"
#include "service/report_source.hpp"
#include "store/service_db.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {
namespace {

using store::ServiceDb;
using store::TicketAction;

// Local time in Amsterdam in winter (UTC+1) on 2026-11-24 + `day` days, as UTC milliseconds.
UnixMs at(int day, int hour, int minute) {
  return (unix_from_civil(2026, 11, 24, hour - 1, minute) + day * 86'400) * 1000;
}

std::string day_of(int day) {
  return service::report::add_days("2026-11-24", day);
}

std::int64_t nearest_rank(std::vector<std::int64_t> v, double p) {
  std::sort(v.begin(), v.end());
  const auto pos = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::max<std::size_t>(pos, 1) - 1];
}

class ReportDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = fresh_service_db(dir);
    ASSERT_TRUE(opened.ok()) << to_string(opened.error());
    db = std::move(opened.value());
    ASSERT_TRUE(db->add_location("centrum", "Wijkcentrum", "Europe/Amsterdam", 1).ok());
    ASSERT_TRUE(db->add_location("noord", "Noord", "Europe/Amsterdam", 1).ok());
    auto row = db->location("centrum");
    ASSERT_TRUE(row.ok() && row.value());
    view.row = *row.value();
    auto config = std::make_shared<LocationConfig>();
    for (const char* id : {"werk", "jeugd", "schulden"}) {
      Topic t;
      t.id = id;
      t.names = {{"nl", std::string("Naam ") + id}, {"en", "Name"}};
      config->topics.push_back(t);
    }
    for (const char* id : {"boodschappen", "taalmaatje"}) {
      Interest i;
      i.id = id;
      i.names = {{"en", std::string("Name ") + id}};  // no Dutch name: the next best
      config->interests.push_back(i);
    }
    view.config = config;
    view.tz = parse_tz_rule("CET-1CEST,M3.5.0,M10.5.0/3").value();
  }

  // A ticket of the local day 2026-11-24 + `day` days, as a kiosk sends it.
  std::string issue(const std::string& location, const std::string& topic, const std::string& language,
                    int day, UnixMs created_at) {
    ++n;
    Ticket t;
    t.id = "ticket-id-" + std::to_string(n);
    t.code = "A-" + std::to_string(100 + n);
    t.topic = topic;
    t.language = language;
    t.created_at = created_at;
    t.public_token = "public-token-" + std::to_string(n) + "-xxxxxxxxxx";
    t.local_day = day_of(day);
    t.number = 100 + n;
    secrets.insert(secrets.end(), {t.id, t.code, t.public_token});
    EXPECT_TRUE(db->insert_ticket(t, location, "hash-" + t.id, created_at, "kiosk-1", t.local_day).ok());
    return t.code;
  }

  std::string call(const std::string& code, UnixMs now, int day = 0) {
    auto called = db->call_code("centrum", 3, code, day_of(day), now);
    EXPECT_TRUE(called.ok() && called.value()) << code;
    return called.value()->ticket.id;
  }

  void step(const std::string& id, TicketAction action, UnixMs now, const std::string& topic = {}) {
    auto changed = db->change_ticket("centrum", id, action, topic, now);
    EXPECT_TRUE(changed.ok() && changed.value()) << id;
  }

  void register_volunteer(const std::string& id, UnixMs created_at, std::vector<std::string> interests) {
    store::VolunteerRow v;
    v.id = id;
    v.location = "centrum";
    v.created_at = v.received_at = created_at;
    v.language = "nl";
    v.interests = std::move(interests);
    v.availability = {"mornings"};
    v.personal = "sealed-personal-" + id;
    v.body_mac = "mac-" + id;
    secrets.insert(secrets.end(), {v.id, v.personal, v.body_mac});
    EXPECT_TRUE(db->insert_volunteer(v).ok());
  }

  // The history every test reads: see the comments for each wait and time at the desk.
  void fill() {
    // Tuesday 24th. Werk, nl: called 09:10, recalled 09:12, served 09:30: wait 600 s, desk 1200 s.
    const std::string t1 = call(issue("centrum", "werk", "nl", 0, at(0, 9, 0)), at(0, 9, 10));
    step(t1, TicketAction::recall, at(0, 9, 12));
    step(t1, TicketAction::served, at(0, 9, 30));
    // Werk, ar: called 09:20, transferred to schulden 09:22, called again 09:40, served 09:50. It counts
    // under werk (as issued), its wait ends at the first call (1140 s), its desk time runs from there.
    const std::string t2_code = issue("centrum", "werk", "ar", 0, at(0, 9, 1));
    const std::string t2 = call(t2_code, at(0, 9, 20));
    step(t2, TicketAction::transfer, at(0, 9, 22), "schulden");
    call(t2_code, at(0, 9, 40));
    step(t2, TicketAction::served, at(0, 9, 50));
    // Jeugd: one no-show after a 60 s wait, one never called and expired at the end of the day.
    step(call(issue("centrum", "jeugd", "nl", 0, at(0, 10, 5)), at(0, 10, 6)), TicketAction::no_show,
         at(0, 10, 10));
    issue("centrum", "jeugd", "nl", 0, at(0, 10, 30));
    // Ten werk at 11:00 + i min, called 11:30 + 2i min, served 5 + i min later.
    for (int i = 0; i < 10; ++i) {
      const std::string id = call(issue("centrum", "werk", "nl", 0, at(0, 11, i)), at(0, 11, 30 + 2 * i));
      step(id, TicketAction::served, at(0, 11, 35 + 3 * i));
    }
    // Five jeugd at 13:00 + j min, called 10 min later, served 10 min after that.
    for (int j = 0; j < 5; ++j) {
      const std::string id = call(issue("centrum", "jeugd", "nl", 0, at(0, 13, j)), at(0, 13, 10 + j));
      step(id, TicketAction::served, at(0, 13, 20 + j));
    }
    ASSERT_TRUE(db->close_days_before("centrum", "2026-11-25", at(1, 0, 5)).ok());
    // Wednesday 25th: one werk still waiting. Elsewhere and before the period: not counted.
    issue("centrum", "werk", "nl", 1, at(1, 14, 0));
    issue("noord", "werk", "nl", 0, at(0, 9, 0));
    issue("centrum", "werk", "nl", -4, at(-4, 9, 0));  // 2026-11-20

    for (int i = 0; i < 5; ++i) register_volunteer("vol-" + std::to_string(i), at(0, 9, i), {"boodschappen"});
    register_volunteer("vol-5", at(1, 10, 0), {"boodschappen", "taalmaatje"});
    register_volunteer("vol-6", at(-4, 10, 0), {"taalmaatje"});  // before the period
  }

  TempDir dir;
  std::unique_ptr<ServiceDb> db;
  service::LocationView view;
  std::vector<std::string> secrets;  // every id, code, token and sealed field written
  int n = 0;
};

TEST_F(ReportDbTest, RowsHoldWhatAReportCountsAndNothingThatPointsAtATicket) {
  fill();
  auto rows = db->report_tickets("centrum", "2026-11-24", "2026-11-25");
  ASSERT_TRUE(rows.ok()) << to_string(rows.error());
  ASSERT_EQ(rows->size(), 20U);
  for (const auto& row : rows.value()) {
    // Exactly these fields, or this does not compile: no id, code, token or device can be added unseen.
    const auto& [topic, language, local_day, status, created_at, first_called_at, served_at] = row;
    for (const auto& text : {topic, language, local_day, status})
      EXPECT_EQ(std::find(secrets.begin(), secrets.end(), text), secrets.end()) << text;
    EXPECT_GT(created_at, 0);
    EXPECT_TRUE(!served_at || first_called_at);
  }
  const auto& r = rows.value();
  EXPECT_EQ(r[0].topic, "werk");
  EXPECT_EQ(r[0].first_called_at, at(0, 9, 10)) << "the recall is not the first call";
  EXPECT_EQ(r[1].topic, "werk") << "as issued, not where it was transferred";
  EXPECT_EQ(r[1].language, "ar");
  EXPECT_EQ(r[1].first_called_at, at(0, 9, 20)) << "the call before the transfer";
  EXPECT_EQ(r[1].served_at, at(0, 9, 50));
  EXPECT_EQ(r[2].status, "no_show");
  EXPECT_EQ(r[3].status, "expired");
  EXPECT_FALSE(r[3].first_called_at.has_value());
  EXPECT_EQ(r[19].status, "waiting");
  EXPECT_EQ(r[19].local_day, "2026-11-25");

  auto regs = db->report_registrations("centrum", at(0, 0, 0), at(2, 0, 0));
  ASSERT_TRUE(regs.ok());
  ASSERT_EQ(regs->size(), 6U);
  const auto& [created_at, interests] = regs.value()[5];
  EXPECT_EQ(created_at, at(1, 10, 0));
  EXPECT_EQ(interests, (std::vector<std::string>{"boodschappen", "taalmaatje"}));

  auto ids = db->location_ids();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(ids.value(), (std::vector<std::string>{"centrum", "noord"}));
}

TEST_F(ReportDbTest, AWeekOfTheLocationAsItsReportShowsIt) {
  fill();
  auto report = service::location_report(*db, view, {"2026-11-23", "2026-11-29"});
  ASSERT_TRUE(report.ok()) << to_string(report.error());
  const auto& r = report.value();
  EXPECT_EQ(r.names.location_name, "Wijkcentrum");
  EXPECT_EQ(r.tickets.value, 20);
  ASSERT_EQ(r.topics.size(), 3U);
  EXPECT_EQ(r.topics[0].id, "werk");
  EXPECT_EQ(r.topics[0].name, "Naam werk");
  EXPECT_EQ(r.topics[0].tickets.value, 13);
  EXPECT_EQ(r.topics[1].tickets.value, 7);
  EXPECT_EQ(r.topics[2].tickets.value, 0);
  EXPECT_FALSE(r.topics[2].tickets.suppressed);

  std::vector<std::int64_t> waits = {600, 1140}, desks = {1200, 1800};
  for (int i = 0; i < 10; ++i) {
    waits.push_back(1800 + 60 * i);
    desks.push_back(300 + 60 * i);
  }
  const auto& werk = r.topics[0];
  EXPECT_EQ(werk.wait.n.value, 12);
  EXPECT_EQ(werk.wait.median_s, nearest_rank(waits, 0.5));
  EXPECT_EQ(werk.wait.p90_s, nearest_rank(waits, 0.9));
  EXPECT_EQ(werk.desk.median_s, nearest_rank(desks, 0.5));
  EXPECT_EQ(werk.desk.p90_s, nearest_rank(desks, 0.9));
  // One no-show and one expired in all: hidden, and with them every topic's count, werk's 0 too.
  EXPECT_TRUE(r.no_show.count.suppressed);
  EXPECT_TRUE(werk.no_show.count.suppressed);
  EXPECT_FALSE(werk.expired.fraction.has_value());
  const auto& jeugd = r.topics[1];
  EXPECT_TRUE(jeugd.no_show.count.suppressed);
  EXPECT_TRUE(jeugd.expired.count.suppressed);
  EXPECT_FALSE(jeugd.no_show.fraction.has_value());

  // Tuesday (1) 11h: ten, 13h: five; 9h and 10h: two each, Wednesday 14h: one, all three hidden.
  EXPECT_EQ(r.arrivals[1][11].value, 10);
  EXPECT_EQ(r.arrivals[1][13].value, 5);
  EXPECT_TRUE(r.arrivals[1][9].suppressed);
  EXPECT_TRUE(r.arrivals[1][10].suppressed);
  EXPECT_TRUE(r.arrivals[2][14].suppressed);
  EXPECT_EQ(r.arrivals[0][9].value, 0);
  // nl 19, ar 1: the one is hidden, and so the 19 (else 20 - 19 = 1).
  ASSERT_EQ(r.languages.size(), 2U);
  EXPECT_TRUE(r.languages[0].tickets.suppressed && r.languages[1].tickets.suppressed);

  EXPECT_EQ(r.registrations.value, 6);
  ASSERT_EQ(r.interests.size(), 2U);
  EXPECT_EQ(r.interests[0].name, "Name boodschappen");
  EXPECT_TRUE(r.interests[1].registrations.suppressed);
  EXPECT_TRUE(r.interests[0].registrations.suppressed) << "6 beside a total of 6 and a hidden one";
  EXPECT_TRUE(r.signals.empty());
}

TEST_F(ReportDbTest, ABadPeriodIsRefusedAndSignalsCoverEveryLocation) {
  fill();
  auto bad = service::location_report(*db, view, {"2026-11-29", "2026-11-23"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "bad_period");
  service::LocationCache cache(*db);
  auto signals = service::all_signals(*db, cache, "2026-11-29");
  ASSERT_TRUE(signals.ok()) << to_string(signals.error());
  // Werk went from 1 to 13, but a location with visits in only one of the 8 weeks before has no usual
  // to compare with yet.
  EXPECT_TRUE(signals->empty());
}

}  // namespace
}  // namespace wk::test

namespace wk::test {
namespace {

TEST_F(ReportDbTest, ARiseInTheDatabaseIsAmongAllSignals) {
  // Noord: 5 werk every Tuesday for 8 weeks, then 20; centrum: the same 5 every week.
  for (int week = 8; week >= 0; --week)
    for (int i = 0; i < (week == 0 ? 20 : 5); ++i)
      for (const char* location : {"noord", "centrum"})
        if (week > 0 || std::string(location) == "noord" || i < 5)
          issue(location, "werk", "nl", -7 * week, at(-7 * week, 10, i));
  service::LocationCache cache(*db);
  auto signals = service::all_signals(*db, cache, "2026-11-29");
  ASSERT_TRUE(signals.ok()) << to_string(signals.error());
  ASSERT_EQ(signals->size(), 1U);
  const auto& s = signals.value()[0];
  EXPECT_EQ(s.location_id, "noord");
  EXPECT_EQ(s.topic_id, "werk");
  EXPECT_EQ(s.this_week, 20);
  EXPECT_DOUBLE_EQ(s.usual_mean, 5.0);
  EXPECT_EQ(s.week_from, "2026-11-23");
}

TEST(ReportVisits, WeekdayAndHourAreLocalAcrossTheClockChange) {
  const TzRule tz = parse_tz_rule("CET-1CEST,M3.5.0,M10.5.0/3").value();
  store::ReportTicket t;
  t.topic = "werk";
  t.language = "ar";
  t.local_day = "2027-03-28";
  t.status = "served";
  t.created_at = unix_from_civil(2027, 3, 28, 8, 30) * 1000;  // 10:30 summer time, a Sunday
  t.first_called_at = t.created_at + 90'500;
  t.served_at = *t.first_called_at + 600'000;
  const auto v = service::visit_of(t, tz);
  EXPECT_EQ(v.weekday, 6);
  EXPECT_EQ(v.hour, 10);
  EXPECT_EQ(v.wait_s, 90);
  EXPECT_EQ(v.desk_s, 600);
  t.created_at = unix_from_civil(2027, 3, 29, 7, 59) * 1000;  // Monday 09:59
  t.status = "no_show";
  const auto w = service::visit_of(t, tz);
  EXPECT_EQ(w.weekday, 0);
  EXPECT_EQ(w.hour, 9);
  EXPECT_FALSE(w.desk_s.has_value()) << "no time at the desk without being served";
}

}  // namespace
}  // namespace wk::test
