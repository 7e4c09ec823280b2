#pragma once
// Nine weeks of walk-in mornings at a real wijkqueue, made the way they happen: a kiosk's tickets, one desk
// calling them in turn and marking them served or no-show, volunteers registering, all through the API at
// the times the test clock is set to. Then the last week has a planted rise in one topic. For the report's
// browser tests and screenshots; the report's figures themselves are checked in tests/service.
#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "service/queue_test_helpers.hpp"
#include "service/volunteer_test_helpers.hpp"

namespace wk::test {

// The test location with more topics and languages, and the volunteer door's interests.
inline WijkqueueOptions walk_in_service() {
  WijkqueueOptions o;
  o.location = "schalkwijk";
  o.location_name = "Wijkcentrum De Ringvaart";
  o.config_toml = R"toml(id = "schalkwijk"
name = "Wijkcentrum De Ringvaart"
timezone = "Europe/Amsterdam"
languages = ["nl", "en", "tr", "ar", "pl", "uk", "ti"]

[[topics]]
id = "schulden"
letter = "S"
names = { nl = "Geldzorgen en schulden", en = "Money worries and debts" }

[[topics]]
id = "werk"
letter = "W"
names = { nl = "Werk en inkomen", en = "Work and income" }

[[topics]]
id = "opvoeding"
letter = "O"
names = { nl = "Opvoeden en opgroeien", en = "Parenting and growing up" }

[[topics]]
id = "zorg"
letter = "Z"
names = { nl = "Zorg en ondersteuning (Wmo)", en = "Care and support" }

[[topics]]
id = "formulieren"
letter = "F"
names = { nl = "Hulp bij formulieren", en = "Help with forms" }

[[interests]]
id = "boodschappen"
names = { nl = "Boodschappen doen", en = "Shopping" }

[[interests]]
id = "taalmaatje"
names = { nl = "Taalmaatje", en = "Language buddy" }

[[interests]]
id = "formulieren"
names = { nl = "Helpen met formulieren", en = "Help with forms" }
)toml";
  return o;
}

struct HistoryFigures {
  int tickets = 0, volunteers = 0;
  int planted_rise = 0;  // tickets of "schulden" in the last week
};

// Mondays, Tuesdays and Thursdays of the 8 weeks before the clock's week and of its own up to today, from
// 09:00 local; the clock is left frozen at the last event. `staff` is a bearer staff token.
inline HistoryFigures walk_in_history(Wijkqueue& wq, const std::string& staff) {
  constexpr UnixMs kMin = 60'000, kDay = 86'400'000;
  const UnixMs today = wq.now();  // a Tuesday, 09:00 UTC (an_ordinary_weekday)
  const UnixMs this_monday = today - (today % kDay) - kDay;
  std::mt19937 random(20261130);
  const std::vector<std::pair<std::string, char>> topics = {
      {"schulden", 'S'}, {"werk", 'W'}, {"opvoeding", 'O'}, {"zorg", 'Z'}, {"formulieren", 'F'}};
  const std::vector<int> topic_weights = {3, 4, 2, 2, 3};
  const std::vector<std::string> languages = {"nl", "nl", "nl", "nl", "en", "tr", "ar", "pl", "uk", "ti"};
  HistoryFigures figures;
  int n = 1;
  for (int week = 8; week >= 0; --week) {
    for (const int weekday : {0, 1, 3}) {  // Monday, Tuesday, Thursday
      const UnixMs day = this_monday - week * 7 * kDay + weekday * kDay + 8 * 3'600'000;  // 09:00 in winter
      if (day > today) continue;
      std::discrete_distribution<int> pick_topic(topic_weights.begin(), topic_weights.end());
      const int count = 9 + static_cast<int>(random() % 6) + (week == 0 ? 6 : 0);
      struct Planned {
        UnixMs created, called, ended;
        bool no_show;
      };
      std::vector<Planned> plan;
      UnixMs desk_free = day;
      for (int i = 0; i < count; ++i) {
        const UnixMs created = day + i * (8 + static_cast<int>(random() % 8)) * kMin;
        const UnixMs called = std::max(created + (3 + static_cast<int>(random() % 20)) * kMin, desk_free);
        const UnixMs ended = called + (6 + static_cast<int>(random() % 18)) * kMin;
        plan.push_back({created, called, ended, random() % 9 == 0});
        desk_free = ended;
      }
      // In time order: tickets as they are issued, the desk as it calls and ends them. Today's last few
      // are still waiting.
      struct Event {
        UnixMs at;
        int kind;  // 0 issue, 1 call, 2 end
        int index;
      };
      std::vector<Event> events;
      for (int i = 0; i < count; ++i) {
        events.push_back({plan[static_cast<std::size_t>(i)].created, 0, i});
        if (week == 0 && weekday == 1 && i >= count - 3) continue;
        events.push_back({plan[static_cast<std::size_t>(i)].called, 1, i});
        events.push_back({plan[static_cast<std::size_t>(i)].ended, 2, i});
      }
      std::stable_sort(events.begin(), events.end(),
                       [](const Event& a, const Event& b) { return a.at < b.at; });
      std::string called_id;
      int number = 1;
      for (const auto& e : events) {
        wq.clock().freeze_at(e.at);
        if (e.kind == 0) {
          auto topic = topics[static_cast<std::size_t>(pick_topic(random))];
          if (week == 0 && e.index % 2 == 0) topic = topics[0];  // the planted rise: many more money worries
          if (week == 0 && topic.first == "schulden") ++figures.planted_rise;
          char code[16];
          std::snprintf(code, sizeof code, "%c-%03d", topic.second, number++);
          auto body = ticket_body(n++, code, topic.first, to_rfc3339(e.at));
          body["language"] = languages[random() % languages.size()];
          EXPECT_EQ(post_ticket(wq, body).status, 201);
          ++figures.tickets;
        } else if (e.kind == 1) {
          const auto r = http_request("POST", wq.url("/v1/desks/1/next"), wq.ca_file(), staff, "{}");
          EXPECT_EQ(r.status, 200) << r.body;
          called_id = r.status == 200 ? json_of(r)["id"].get<std::string>() : std::string();
        } else if (!called_id.empty()) {
          const char* step = plan[static_cast<std::size_t>(e.index)].no_show ? "/no-show" : "/served";
          EXPECT_EQ(
              http_request("POST", wq.url("/v1/tickets/" + called_id + step), wq.ca_file(), staff).status,
              200);
        }
      }
      // A few people offer help on some mornings.
      if (random() % 2 == 0) {
        const std::vector<std::string> interests =
            random() % 3 == 0 ? std::vector<std::string>{"taalmaatje", "formulieren"}
                              : std::vector<std::string>{random() % 2 ? "boodschappen" : "taalmaatje"};
        const auto v = volunteer_body(figures.volunteers + 1, "Wilhelmina", {{"phone", "0612345678"}},
                                      day + 30 * kMin, interests);
        EXPECT_EQ(post_volunteer(wq, v, wq.kiosk_token()).status, 201);
        ++figures.volunteers;
      }
    }
  }
  return figures;
}

}  // namespace wk::test
