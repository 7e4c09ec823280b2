// The resident's aids: read-aloud, its volume, bigger text; and that the next resident never inherits them.
#include <gtest/gtest.h>

#include "core/session.hpp"
#include "session_driver.hpp"

namespace wk {
namespace {

using test::Kiosk;

template <class T>
int count(const std::vector<Effect>& fx) {
  return static_cast<int>(
      std::count_if(fx.begin(), fx.end(), [](const Effect& e) { return std::holds_alternative<T>(e); }));
}

TEST(ResidentAids, TheSpeakerReadsTheScreenInTheResidentsLanguageAndATapAgainStops) {
  Kiosk k;
  k.send(ev::LanguageChosen{"ar"});
  auto fx = k.send(ev::ReadAloud{});
  ASSERT_EQ(fx.size(), 1u);
  const auto& read = std::get<fx::ReadScreen>(fx[0]);
  EXPECT_EQ(read.language, "ar");
  EXPECT_EQ(read.volume, Aids{}.volume);
  EXPECT_TRUE(k.state().session.aids.reading);
  fx = k.send(ev::ReadAloud{});
  EXPECT_EQ(count<fx::StopReading>(fx), 1);
  EXPECT_EQ(fx.size(), 1u);
  EXPECT_FALSE(k.state().session.aids.reading);
}

TEST(ResidentAids, AReadingThatEndsByItselfLeavesTheButtonReadyToReadAgain) {
  Kiosk k;
  k.send(ev::ReadAloud{});
  EXPECT_TRUE(k.send(ev::ReadingEnded{}).empty());
  EXPECT_FALSE(k.state().session.aids.reading);
  EXPECT_EQ(count<fx::ReadScreen>(k.send(ev::ReadAloud{})), 1);
}

TEST(ResidentAids, ANewScreenStopsTheReadingOfTheOldOne) {
  Kiosk k;
  k.send(ev::StartTapped{});
  k.send(ev::ReadAloud{});
  const auto fx = k.send(ev::LanguageChosen{"nl"});
  EXPECT_EQ(k.screen(), Screen::Topics);
  EXPECT_EQ(count<fx::StopReading>(fx), 1);
  EXPECT_FALSE(k.state().session.aids.reading);
}

TEST(ResidentAids, VolumeStepsStayBetweenQuietAndFullAndReachTheVoiceWhileItReads) {
  Kiosk k;
  EXPECT_TRUE(k.send(ev::VolumeUp{}).empty());  // nothing is being read: only remembered
  EXPECT_EQ(k.state().session.aids.volume, Aids{}.volume + kVolumeStep);
  for (int i = 0; i < 10; ++i) k.send(ev::VolumeUp{});
  EXPECT_EQ(k.state().session.aids.volume, kMaxVolume);
  for (int i = 0; i < 20; ++i) k.send(ev::VolumeDown{});
  EXPECT_EQ(k.state().session.aids.volume, kMinVolume);
  k.send(ev::ReadAloud{});
  const auto fx = k.send(ev::VolumeUp{});
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_EQ(std::get<fx::SetVolume>(fx[0]).volume, kMinVolume + kVolumeStep);
}

TEST(ResidentAids, BiggerTextTogglesAndIsForgottenWithTheResident) {
  Kiosk k;
  k.send(ev::StartTapped{});
  k.send(ev::LargePrint{});
  EXPECT_TRUE(k.state().session.aids.large_print);
  k.send(ev::LargePrint{});
  EXPECT_FALSE(k.state().session.aids.large_print);
  k.send(ev::LargePrint{});
  k.send(ev::VolumeDown{});
  k.send(ev::StartOver{});
  EXPECT_EQ(k.screen(), Screen::Welcome);
  EXPECT_EQ(k.state().session.aids, Aids{});
}

TEST(ResidentAids, AidsSetOnTheWelcomeScreenTimeOutToo) {
  Kiosk k;
  k.send(ev::LargePrint{});  // on the welcome screen, then walked away
  ASSERT_EQ(k.screen(), Screen::Welcome);
  k.send(ev::ReadAloud{});
  ASSERT_TRUE(k.state().session.aids.reading);
  k.now += 59'000;
  k.send(ev::Tick{});
  EXPECT_TRUE(k.state().session.aids.large_print);
  k.now += 2'000;
  const auto fx = k.send(ev::Tick{});
  EXPECT_EQ(k.state().session.aids, Aids{});
  EXPECT_EQ(count<fx::StopReading>(fx), 1);  // the next resident does not hear the last one's screen
}

TEST(ResidentAids, AnUntouchedWelcomeScreenNeverTimesOut) {
  Kiosk k;
  ASSERT_EQ(k.screen(), Screen::Welcome);
  EXPECT_FALSE(seconds_left(k.state(), k.now));
  k.send(ev::LargePrint{});
  EXPECT_EQ(seconds_left(k.state(), k.now), 60);
}

TEST(ResidentAids, TheStaffPanelIsNotReadOrEnlarged) {
  Kiosk k;
  k.send(ev::CornerDown{});
  k.now += kStaffHoldMs;
  k.send(ev::Tick{});
  ASSERT_EQ(k.screen(), Screen::StaffPin);
  EXPECT_TRUE(k.send(ev::ReadAloud{}).empty());
  k.send(ev::LargePrint{});
  EXPECT_EQ(k.state().session.aids, Aids{});
}

}  // namespace
}  // namespace wk
