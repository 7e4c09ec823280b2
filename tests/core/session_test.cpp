#include <gtest/gtest.h>

#include "core/session.hpp"
#include "test_config.hpp"

namespace wk {
namespace {

using test::utc;

// Drives the state machine as the shell does: every event with the time and fresh entropy, effects
// answered the way a working (or failing) outbox answers them.
class Kiosk {
 public:
  Kiosk() {
    state_.config = test::sample_location();
    state_.tz = test::amsterdam();
    state_.numbering = Numbering::restore(1, 1, "", {});
  }
  std::vector<Effect> send(const Event& e) {
    Inputs in;
    in.now = now;
    for (std::size_t i = 0; i < in.entropy.bytes.size(); ++i)
      in.entropy.bytes[i] = static_cast<std::uint8_t>(++counter_ * 7 + i);
    Update u = update(std::move(state_), e, in);
    state_ = std::move(u.state);
    return u.effects;
  }
  // Sends an event and, like the shell, answers a StoreTicket effect at once.
  void tap(const Event& e, bool store_ok = true) {
    for (const auto& fx : send(e)) {
      const auto& store = std::get<fx::StoreTicket>(fx);
      stored.push_back(store.ticket);
      if (store_ok) send(ev::TicketStored{store.ticket.id});
      else send(ev::StoreFailed{make_error("disk_full", "The disk is full.")});
    }
  }
  void wait_s(int s) {
    now += s * 1000LL;
    send(ev::Tick{});
  }
  Screen screen() const { return state_.session.screen; }
  const KioskState& state() const { return state_; }
  UnixMs now = utc(2026, 11, 24, 9, 0);  // a Tuesday, 10:00 in Amsterdam: open
  std::vector<Ticket> stored;

 private:
  KioskState state_;
  int counter_ = 0;
};

TEST(Session, ThreeTapsToATicket) {
  Kiosk k;
  k.send(ev::Tick{});
  EXPECT_EQ(k.screen(), Screen::Welcome);
  k.tap(ev::StartTapped{});
  EXPECT_EQ(k.screen(), Screen::Language);
  k.tap(ev::LanguageChosen{"en"});
  EXPECT_EQ(k.screen(), Screen::Topics);
  k.tap(ev::TopicChosen{"werk"});
  ASSERT_EQ(k.screen(), Screen::Ticket);
  ASSERT_TRUE(k.state().session.ticket);
  EXPECT_EQ(k.state().session.ticket->code, "W-001");
  EXPECT_EQ(k.state().session.ticket->language, "en");
}

TEST(Session, LanguageOnTheWelcomeScreenSkipsAStep) {
  Kiosk k;
  k.tap(ev::LanguageChosen{"ar"});
  EXPECT_EQ(k.screen(), Screen::Topics);
  EXPECT_EQ(session_language(k.state()), "ar");
  k.tap(ev::LanguageChosen{"fr"});  // not offered here: ignored
  EXPECT_EQ(session_language(k.state()), "ar");
}

TEST(Session, TicketIsShownOnlyOnceStored) {
  Kiosk k;
  k.tap(ev::LanguageChosen{"nl"});
  auto effects = k.send(ev::TopicChosen{"schulden"});
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(k.screen(), Screen::Topics);  // not yet: the outbox has not said it is durable
  EXPECT_FALSE(k.state().session.ticket);
  // A double tap, or a tap during the transition, issues nothing more.
  EXPECT_TRUE(k.send(ev::TopicChosen{"schulden"}).empty());
  EXPECT_TRUE(k.send(ev::TopicChosen{"werk"}).empty());
  k.send(ev::Back{});
  EXPECT_EQ(k.screen(), Screen::Topics);
  k.send(ev::TicketStored{std::get<fx::StoreTicket>(effects[0]).ticket.id});
  EXPECT_EQ(k.screen(), Screen::Ticket);
  EXPECT_TRUE(k.send(ev::TopicChosen{"werk"}).empty());  // and not from the ticket screen either
}

TEST(Session, AFullDiskShowsAFailureNotATicket) {
  Kiosk k;
  k.tap(ev::LanguageChosen{"nl"});
  k.tap(ev::TopicChosen{"schulden"}, /*store_ok=*/false);
  EXPECT_EQ(k.screen(), Screen::Failure);
  EXPECT_EQ(k.state().session.failure, "The disk is full.");
  EXPECT_FALSE(k.state().session.ticket);
  k.tap(ev::StartOver{});
  EXPECT_EQ(k.screen(), Screen::Welcome);
}

TEST(Session, BackAndStartOverFromEveryScreen) {
  Kiosk k;
  k.tap(ev::StartTapped{});
  k.tap(ev::Back{});
  EXPECT_EQ(k.screen(), Screen::Welcome);
  k.tap(ev::StartTapped{});
  k.tap(ev::LanguageChosen{"en"});
  k.tap(ev::Back{});
  EXPECT_EQ(k.screen(), Screen::Language);
  k.tap(ev::LanguageChosen{"en"});
  k.tap(ev::TopicChosen{"werk"});
  k.tap(ev::Back{});
  EXPECT_EQ(k.screen(), Screen::Welcome);
  EXPECT_FALSE(k.state().session.ticket);
  for (int steps = 0; steps < 4; ++steps) {
    Kiosk s;
    const Event path[] = {ev::StartTapped{}, ev::LanguageChosen{"en"}, ev::TopicChosen{"werk"}};
    for (int i = 0; i < steps && i < 3; ++i) s.tap(path[i]);
    s.tap(ev::StartOver{});
    EXPECT_EQ(s.screen(), Screen::Welcome) << "after " << steps << " steps";
    EXPECT_TRUE(s.state().session.language.empty());
    EXPECT_FALSE(s.state().session.ticket);
  }
}

TEST(Session, TimeoutForgetsTheResidentWithACountdownAndMoreTime) {
  Kiosk k;
  k.tap(ev::LanguageChosen{"en"});
  EXPECT_EQ(seconds_left(k.state(), k.now), 60);
  k.wait_s(39);
  EXPECT_EQ(seconds_left(k.state(), k.now), 21);  // no countdown yet
  k.wait_s(1);
  EXPECT_EQ(seconds_left(k.state(), k.now), kCountdownVisibleS);
  k.tap(ev::MoreTime{});
  EXPECT_EQ(seconds_left(k.state(), k.now), 60);
  k.tap(ev::TopicChosen{"werk"});
  ASSERT_EQ(k.screen(), Screen::Ticket);
  k.wait_s(29);
  EXPECT_EQ(k.screen(), Screen::Ticket);
  k.wait_s(1);
  EXPECT_EQ(k.screen(), Screen::Welcome);
  EXPECT_FALSE(k.state().session.ticket);
  EXPECT_TRUE(k.state().session.language.empty());
  EXPECT_EQ(seconds_left(k.state(), k.now), std::nullopt);
}

TEST(Session, NextTickWakesForTheCountdownOnly) {
  Kiosk k;
  EXPECT_EQ(next_tick(k.state(), k.now), utc(2026, 11, 24, 9, 1));  // welcome: only the minute for the hours
  k.tap(ev::StartTapped{});
  EXPECT_EQ(next_tick(k.state(), k.now), k.now + 40'000);  // when the countdown appears
  k.now += 40'500;
  EXPECT_EQ(next_tick(k.state(), k.now), k.now + 500);  // then on each whole second left
}

TEST(Session, ClosedOutsideOpeningHours) {
  Kiosk k;
  k.now = utc(2026, 11, 24, 16, 0);  // 17:00 local: closed
  k.tap(ev::StartTapped{});
  EXPECT_EQ(k.screen(), Screen::Closed);
  k.tap(ev::LanguageChosen{"nl"});
  k.tap(ev::TopicChosen{"werk"});
  EXPECT_EQ(k.screen(), Screen::Closed);
  EXPECT_TRUE(k.stored.empty());
  k.now = utc(2026, 11, 25, 8, 0);  // Wednesday 09:00 local
  k.send(ev::Tick{});
  EXPECT_EQ(k.screen(), Screen::Welcome);
}

TEST(Session, TicketOnScreenStaysWhenTheDoorCloses) {
  Kiosk k;
  k.now = utc(2026, 11, 24, 15, 29, 50);  // 16:29:50 local, closes 16:30
  k.tap(ev::LanguageChosen{"nl"});
  k.tap(ev::TopicChosen{"werk"});
  k.wait_s(15);
  EXPECT_EQ(k.screen(), Screen::Ticket);
  k.wait_s(15);
  EXPECT_EQ(k.screen(), Screen::Closed);
}

TEST(Session, ClosedTopicIssuesNothing) {
  Kiosk k;
  LocationConfig c = test::sample_location();
  c.topics[1].open = false;
  k.send(ev::ConfigChanged{c, test::amsterdam()});
  k.tap(ev::LanguageChosen{"nl"});
  k.tap(ev::TopicChosen{"werk"});
  EXPECT_EQ(k.screen(), Screen::Topics);
  EXPECT_TRUE(k.stored.empty());
  k.tap(ev::TopicChosen{"unknown"});
  EXPECT_TRUE(k.stored.empty());
}

}  // namespace
}  // namespace wk
