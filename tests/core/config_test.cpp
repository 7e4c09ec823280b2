#include <gtest/gtest.h>

#include "core/config.hpp"
#include "test_config.hpp"

namespace wk {
namespace {

using test::amsterdam;
using test::utc;

TEST(LocationConfig, ParsesTopicsLanguagesAndHours) {
  const LocationConfig c = test::sample_location();
  EXPECT_EQ(c.id, "schalkwijk");
  ASSERT_EQ(c.topics.size(), 3u);
  EXPECT_EQ(c.topics[0].letter, 'S');
  EXPECT_EQ(c.topics[0].names.at("en"), "Money worries and debts");
  EXPECT_EQ(c.languages, (std::vector<std::string>{"nl", "en", "ar"}));
  const TzRule tz = amsterdam();
  EXPECT_TRUE(c.hours.is_open(to_local(tz, utc(2026, 11, 23, 8, 0))));     // Monday 09:00 local
  EXPECT_FALSE(c.hours.is_open(to_local(tz, utc(2026, 11, 23, 11, 30))));  // Monday 12:30 local: lunch
  EXPECT_FALSE(c.hours.is_open(to_local(tz, utc(2026, 11, 22, 10, 0))));   // Sunday
  EXPECT_FALSE(c.hours.is_open(to_local(tz, utc(2026, 11, 27, 11, 0))));   // Friday 12:00 local: closes at 12
}

TEST(LocationConfig, JsonRoundTrip) {
  const LocationConfig c = test::sample_location();
  auto back = location_config_from_json(to_json(c), "wire");
  ASSERT_TRUE(back) << to_string(back.error());
  EXPECT_EQ(to_json(back.value()), to_json(c));
}

// Every error names the file and the field.
void expect_error(const char* toml, const std::string& field) {
  auto r = location_config_from_toml(toml, "loc.toml");
  ASSERT_FALSE(r) << "accepted: " << toml;
  EXPECT_NE(r.error().message.find("loc.toml: " + field + ":"), std::string::npos)
      << "wanted " << field << " in: " << r.error().message;
}

// Found by the fuzz target location_config (tests/fuzz): a TOML config without id and name was taken,
// but its JSON, as the service sends it to kiosks, was refused ("id: must be a non-empty text").
TEST(LocationConfig, AConfigWithoutIdAndNameReachesTheKioskAsJson) {
  auto toml = location_config_from_toml(
      "languages = [\"nl\"]\n[[topics]]\nid = \"werk\"\nletter = \"W\"\nnames = { nl = \"Werk\" }\n",
      "t.toml");
  ASSERT_TRUE(toml) << to_string(toml.error());
  auto json = location_config_from_json(to_json(toml.value()), "t.json");
  ASSERT_TRUE(json) << to_string(json.error());
  EXPECT_EQ(to_json(json.value()), to_json(toml.value()));
}

TEST(LocationConfig, ErrorsNameFileAndField) {
  const std::string topic = "\n[[topics]]\nid = \"werk\"\nletter = \"W\"\nnames = { nl = \"Werk\" }\n";
  expect_error("name = \"x\"", "topics");
  expect_error("languages = []\n", "languages");
  expect_error(("languages = [\"nl\", \"Dutch\"]" + topic).c_str(), "languages[1]");
  expect_error(("languages = [\"nl\", \"nl\"]" + topic).c_str(), "languages[1]");
  expect_error("[[topics]]\nid = \"werk\"\nletter = \"w\"\nnames = { nl = \"Werk\" }\n", "topics[0].letter");
  expect_error("[[topics]]\nid = \"Werk!\"\nletter = \"W\"\nnames = { nl = \"Werk\" }\n", "topics[0].id");
  expect_error("[[topics]]\nid = \"werk\"\nletter = \"W\"\nnames = { en = \"Work\" }\n",
               "topics[0].names.nl");
  expect_error(("[hours]\nmon = [\"09:00-08:00\"]" + topic).c_str(), "hours.mon[0]");
  expect_error(("[hours]\nmonday = [\"09:00-12:00\"]" + topic).c_str(), "hours.monday");
  expect_error((topic + "[[topics]]\nid = \"schulden\"\nletter = \"W\"\nnames = { nl = \"S\" }\n").c_str(),
               "topics[1].letter");
  expect_error((topic + "pictogram = \"../../etc/passwd\"\n").c_str(), "topics[0].pictogram");
}

TEST(LocationConfig, TheVolunteerDoorsInterestsAreReadCheckedAndSentOn) {
  const std::string topic = "[[topics]]\nid = \"werk\"\nletter = \"W\"\nnames = { nl = \"Werk\" }\n";
  const std::string interest =
      "[[interests]]\nid = \"taalmaatje\"\nnames = { nl = \"Taalmaatje\", en = \"Language buddy\" }\n";
  auto c = location_config_from_toml(
      "id = \"wijk\"\nname = \"Wijk\"\n" + topic + interest + "pictogram = \"taalmaatje\"\n", "loc.toml");
  ASSERT_TRUE(c) << to_string(c.error());
  ASSERT_EQ(c->interests.size(), 1u);
  ASSERT_NE(c->interest("taalmaatje"), nullptr);
  EXPECT_EQ(c->interest("taalmaatje")->names.at("en"), "Language buddy");
  EXPECT_EQ(c->interest("taalmaatje")->pictogram, "taalmaatje");
  EXPECT_EQ(c->interest("klussen"), nullptr);
  auto back = location_config_from_json(to_json(c.value()), "wire");
  ASSERT_TRUE(back) << to_string(back.error());
  EXPECT_EQ(to_json(back.value()), to_json(c.value()));
  EXPECT_TRUE(test::sample_location().interests.empty()) << "no interests configured: no volunteer door";

  expect_error((topic + interest + interest).c_str(), "interests[1].id");
  expect_error((topic + "[[interests]]\nid = \"klussen\"\nnames = { en = \"Jobs\" }\n").c_str(),
               "interests[0].names.nl");
  expect_error((topic + "[[interests]]\nid = \"Klus!\"\n").c_str(), "interests[0].id");
  expect_error((topic + interest + "pictogram = \"../x\"\n").c_str(), "interests[0].pictogram");
}

TEST(LocationConfig, VolunteerRetentionHasDefaultsAndIsReadCheckedAndSentOn) {
  const std::string topic = "[[topics]]\nid = \"werk\"\nletter = \"W\"\nnames = { nl = \"Werk\" }\n";
  EXPECT_EQ(test::sample_location().volunteer_retention.handled_days, 90) << "default: 90 days after handled";
  EXPECT_EQ(test::sample_location().volunteer_retention.unhandled_days, 180) << "default: 180 when never";
  EXPECT_FALSE(to_json(test::sample_location()).contains("volunteer_retention_days"))
      << "a config without it keeps its wire form";

  auto c = location_config_from_toml(
      "id = \"wijk\"\nname = \"Wijk\"\nvolunteer_retention_days = { handled = 30, unhandled = 60 }\n" + topic,
      "loc.toml");
  ASSERT_TRUE(c) << to_string(c.error());
  EXPECT_EQ(c->volunteer_retention.handled_days, 30);
  EXPECT_EQ(c->volunteer_retention.unhandled_days, 60);
  auto back = location_config_from_json(to_json(c.value()), "wire");
  ASSERT_TRUE(back) << to_string(back.error());
  EXPECT_EQ(back->volunteer_retention, c->volunteer_retention) << "stored and sent as JSON, then read back";

  auto one =
      location_config_from_toml("volunteer_retention_days = { unhandled = 365 }\n" + topic, "loc.toml");
  ASSERT_TRUE(one) << to_string(one.error());
  EXPECT_EQ(one->volunteer_retention.handled_days, 90) << "the one left out keeps its default";
  EXPECT_EQ(one->volunteer_retention.unhandled_days, 365);

  expect_error(("volunteer_retention_days = { handled = 0 }\n" + topic).c_str(),
               "volunteer_retention_days.handled");
  expect_error(("volunteer_retention_days = { unhandled = \"lang\" }\n" + topic).c_str(),
               "volunteer_retention_days.unhandled");
  expect_error(("volunteer_retention_days = { handeld = 30 }\n" + topic).c_str(),
               "volunteer_retention_days.handeld");
  expect_error(("volunteer_retention_days = 30\n" + topic).c_str(), "volunteer_retention_days");
}

TEST(LocationConfig, ReleaseChannelDefaultsToStableAndIsReadCheckedAndSentOn) {
  const std::string topic = "[[topics]]\nid = \"werk\"\nletter = \"W\"\nnames = { nl = \"Werk\" }\n";
  EXPECT_EQ(test::sample_location().release_channel, "stable");
  EXPECT_FALSE(to_json(test::sample_location()).contains("release_channel"))
      << "a config without it keeps its wire form";

  auto c = location_config_from_toml("id = \"wijk\"\nname = \"Wijk\"\nrelease_channel = \"beta\"\n" + topic,
                                     "loc.toml");
  ASSERT_TRUE(c) << to_string(c.error());
  EXPECT_EQ(c->release_channel, "beta");
  EXPECT_EQ(to_json(c.value())["release_channel"], "beta");
  auto back = location_config_from_json(to_json(c.value()), "wire");
  ASSERT_TRUE(back) << to_string(back.error());
  EXPECT_EQ(back->release_channel, "beta");

  expect_error(("release_channel = \"\"\n" + topic).c_str(), "release_channel");
  expect_error(("release_channel = \"../etc\"\n" + topic).c_str(), "release_channel");
  expect_error(("release_channel = \"Beta\"\n" + topic).c_str(), "release_channel");
  expect_error(("release_channel = 3\n" + topic).c_str(), "release_channel");
}

TEST(LocationConfig, JoinFromHomeAndCallBackAreReadCheckedAndSentOn) {
  const std::string topics =
      "id = \"wijk\"\nname = \"Wijk\"\n[[topics]]\nid = \"werk\"\nletter = \"W\"\nnames = { nl = \"Werk\" }\n"
      "[[topics]]\nid = \"zorg\"\nletter = \"Z\"\nnames = { nl = \"Zorg\" }\n";
  EXPECT_FALSE(test::sample_location().join.has_value()) << "no [join]: no join page";
  EXPECT_FALSE(to_json(test::sample_location()).contains("join"))
      << "a config without it keeps its wire form";
  auto c = location_config_from_toml(
      topics +
          "[join]\ntopics = [\"werk\"]\nhours = { tue = [\"13:00-15:30\"] }\n"
          "max_waiting = 8\nphone = \"023 511 5000\"\n[callback]\nretention_days = 14\n",
      "loc.toml");
  ASSERT_TRUE(c) << to_string(c.error());
  ASSERT_TRUE(c->join.has_value());
  EXPECT_EQ(c->join->topics, std::vector<std::string>{"werk"});
  EXPECT_TRUE(c->join->offers("werk"));
  EXPECT_FALSE(c->join->offers("zorg"));
  EXPECT_EQ(c->join->max_waiting, 8);
  EXPECT_EQ(c->join->per_address_per_hour, 10) << "default";
  EXPECT_EQ(c->join->per_location_per_hour, 60) << "default";
  EXPECT_EQ(c->join->come_when_before, 3) << "default";
  EXPECT_EQ(c->join->phone, "023 511 5000");
  ASSERT_TRUE(c->callback.has_value());
  EXPECT_EQ(c->callback->retention_days, 14);
  // Open for joins only inside its own hours and the walk-in's: Tuesday 14:00 yes, 16:00 and Monday no.
  const CivilTime tue_14{2031, 6, 3, 14, 0, 0, 2}, tue_16{2031, 6, 3, 16, 0, 0, 2},
      mon_14{2031, 6, 2, 14, 0, 0, 1};
  EXPECT_TRUE(c->join->is_open(c->hours, tue_14));
  EXPECT_FALSE(c->join->is_open(c->hours, tue_16));
  EXPECT_FALSE(c->join->is_open(c->hours, mon_14));
  OpeningHours walk_in_closed;
  walk_in_closed.closed_days.insert("2031-06-03");
  EXPECT_FALSE(c->join->is_open(walk_in_closed, tue_14)) << "never while the walk-in itself is closed";

  auto back = location_config_from_json(to_json(c.value()), "wire");
  ASSERT_TRUE(back) << to_string(back.error());
  EXPECT_EQ(to_json(back.value()), to_json(c.value())) << "stored and sent as JSON, then read back";

  expect_error((topics + "[join]\ntopics = [\"zwemmen\"]\n").c_str(), "join.topics[0]");
  expect_error((topics + "[join]\ntopics = []\n").c_str(), "join.topics");
  expect_error((topics + "[join]\ntopics = [\"werk\"]\nmax_waiting = 0\n").c_str(), "join.max_waiting");
  expect_error((topics + "[join]\ntopics = [\"werk\"]\nhours = { maandag = [\"09:00-12:00\"] }\n").c_str(),
               "join.hours.maandag");
  expect_error((topics + "[join]\ntopics = [\"werk\"]\nmaxwaiting = 3\n").c_str(), "join.maxwaiting");
  expect_error((topics + "[callback]\nretention_days = 0\n").c_str(), "callback.retention_days");
}

TEST(LocationConfig, SyntaxErrorNamesFileAndLine) {
  auto r = location_config_from_toml("name = \"unterminated\n", "loc.toml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("loc.toml: line 1"), std::string::npos) << r.error().message;
}

TEST(DeviceConfig, ParsesAndValidates) {
  const char* good = R"(
role = "kiosk"
location = "schalkwijk"
data_dir = "/var/lib/wijkkiosk"
[service]
url = "https://queue.example.nl"
ca_file = "/etc/wijkkiosk/ca.pem"
token_file = "/etc/wijkkiosk/kiosk.token"
[kiosk]
slot = 2
slots = 3
)";
  auto r = device_config_from_toml(good, "kiosk.toml");
  ASSERT_TRUE(r) << to_string(r.error());
  EXPECT_EQ(r->slot, 2);
  EXPECT_EQ(r->slots, 3);
  EXPECT_EQ(r->service_url, "https://queue.example.nl");
  EXPECT_EQ(r->config_poll_s, 300) << "a new config from the service within five minutes, by default";

  auto bad = device_config_from_toml(
      "role = \"tv\"\nlocation = \"x\"\ndata_dir = \"d\"\n[service]\nurl = \"http://plain\"\nca_file = "
      "\"c\"\n"
      "config_poll_s = -5\n[kiosk]\nslot = 4\nslots = 3\n",
      "kiosk.toml");
  ASSERT_FALSE(bad);
  const std::string& m = bad.error().message;
  for (const char* field :
       {"kiosk.toml: role:", "kiosk.toml: service.url:", "kiosk.toml: service.token_file:",
        "kiosk.toml: kiosk.slot:", "kiosk.toml: service.config_poll_s:"})
    EXPECT_NE(m.find(field), std::string::npos) << field << " not in: " << m;
}

// Found by fuzz_device_config: a float where a whole number belongs, far out of any integer's range, was
// converted to one (undefined behaviour: UBSan in `make sanitize`, and the input in the fuzz corpus, which
// fuzz.device_config replays in `make test`). It is a problem in words like any other.
TEST(DeviceConfig, AFloatWhereAWholeNumberBelongsIsAProblemNotAConversion) {
  for (const char* slot : {"22222222222222222222223.3", "2.0", "-1e300"}) {
    auto r = device_config_from_toml(std::string("role = \"kiosk\"\nlocation = \"x\"\ndata_dir = \"d\"\n"
                                                 "[service]\nurl = \"https://s\"\nca_file = \"c\"\n"
                                                 "token_file = \"t\"\n[kiosk]\nslot = ") +
                                         slot + "\n",
                                     "kiosk.toml");
    ASSERT_FALSE(r) << slot;
    EXPECT_NE(r.error().message.find("kiosk.toml: kiosk.slot: must be a whole number"), std::string::npos)
        << r.error().message;
  }
}

}  // namespace
}  // namespace wk

namespace wk {
namespace {

TEST(LocationConfigTexts, ATopicsNameFallsBackToTheDefaultLanguageThenToItsId) {
  LocationConfig c;
  c.languages = {"nl", "en", "tr"};
  c.topics.push_back(Topic{"schulden", 'S', {{"nl", "Schulden"}, {"en", "Debts"}}, {}, "", true});
  EXPECT_EQ(c.topic_name("schulden", "en"), "Debts");
  EXPECT_EQ(c.topic_name("schulden", "tr"), "Schulden");  // no Turkish name: the location's default
  EXPECT_EQ(c.topic_name("werk", "nl"), "werk");          // an unknown topic: its id, never nothing
  EXPECT_EQ(c.text_in({{"en", "Debts"}}, "tr"), "");      // neither the language nor the default
}

}  // namespace
}  // namespace wk
