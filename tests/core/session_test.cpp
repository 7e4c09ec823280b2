#include <gtest/gtest.h>

#include "core/session.hpp"
#include "session_driver.hpp"
#include "test_config.hpp"

namespace wk {
namespace {

using test::Kiosk;
using test::utc;

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

TEST(Session, OnlyTheResidentsOwnTouchesKeepTheSessionAlive) {
  Kiosk k;
  k.tap(ev::LanguageChosen{"en"});
  k.wait_s(30);
  // Things the app hears from its workers and devices while the resident stands there are not theirs.
  k.send(ev::PrinterChanged{PrinterState::PaperLow});
  k.send(ev::NumberingLearned{DayNumbering{}});
  k.send(ev::ConfigChanged{k.state().config, k.state().tz});
  k.send(ev::CornerDown{});
  k.send(ev::CornerUp{});
  EXPECT_EQ(seconds_left(k.state(), k.now), 30);
  k.tap(ev::Back{});  // a touch of theirs is
  EXPECT_EQ(seconds_left(k.state(), k.now), 60);
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

namespace wk {
namespace {

// The staff panel: corner held 5 s, then a PIN checked by the shell; five wrong PINs lock it for 5 minutes.
class StaffKiosk {
 public:
  StaffKiosk() {
    state.config = test::sample_location();
    state.tz = test::amsterdam();
  }
  std::vector<Effect> send(const Event& e) {
    Update u = update(std::move(state), e, Inputs{now, Entropy{}});
    state = std::move(u.state);
    return u.effects;
  }
  void open_pin_pad() {
    send(ev::CornerDown{});
    now += kStaffHoldMs - 1;
    send(ev::Tick{});
    ASSERT_NE(state.session.screen, Screen::StaffPin) << "opened before the hold time";
    now += 1;
    send(ev::Tick{});
    send(ev::CornerUp{});
    ASSERT_EQ(state.session.screen, Screen::StaffPin);
  }
  // Types a PIN and answers the CheckPin effect as the shell would, comparing with `real`.
  void enter_pin(const std::string& pin, const std::string& real = "2468") {
    for (char d : pin) send(ev::PinDigit{d});
    for (const auto& fx : send(ev::PinSubmit{})) send(ev::PinChecked{std::get<fx::CheckPin>(fx).pin == real});
  }
  KioskState state;
  UnixMs now = test::utc(2026, 11, 24, 9, 0);
};

TEST(Staff, HoldingTheCornerBrieflyDoesNothing) {
  StaffKiosk k;
  k.send(ev::CornerDown{});
  k.now += 3000;
  k.send(ev::CornerUp{});
  k.now += 5000;
  k.send(ev::Tick{});
  EXPECT_EQ(k.state.session.screen, Screen::Welcome);
  EXPECT_EQ(next_tick(k.state, k.now) - k.now <= 60'000, true);
}

TEST(Staff, RightPinOpensThePanelAndItsActionsRunAsEffects) {
  StaffKiosk k;
  k.open_pin_pad();
  EXPECT_TRUE(k.send(ev::Staff{StaffAction::Exit}).empty()) << "no action before the PIN";
  k.enter_pin("2468");
  ASSERT_EQ(k.state.session.screen, Screen::StaffPanel);
  EXPECT_TRUE(std::holds_alternative<fx::SyncNow>(k.send(ev::Staff{StaffAction::SyncNow}).at(0)));
  EXPECT_TRUE(std::holds_alternative<fx::Quit>(k.send(ev::Staff{StaffAction::Exit}).at(0)));
  k.send(ev::Staff{StaffAction::Close});
  EXPECT_EQ(k.state.session.screen, Screen::Welcome);
}

TEST(Staff, FiveWrongPinsLockThePadForFiveMinutes) {
  StaffKiosk k;
  k.open_pin_pad();
  for (int i = 0; i < kPinMaxTries; ++i) k.enter_pin("1111");
  EXPECT_TRUE(k.state.session.pin_rejected);
  EXPECT_EQ(pin_locked_minutes(k.state, k.now), 5);
  k.enter_pin("2468");  // even the right PIN is refused while locked
  EXPECT_EQ(k.state.session.screen, Screen::StaffPin);
  // Walking away and coming back does not reset the lock.
  k.send(ev::Staff{StaffAction::Close});
  k.open_pin_pad();
  k.enter_pin("2468");
  EXPECT_EQ(k.state.session.screen, Screen::StaffPin);
  k.now += kPinLockMs;
  k.send(ev::Tick{});
  EXPECT_EQ(k.state.session.screen, Screen::Welcome);  // the pad itself timed out meanwhile
  k.open_pin_pad();
  k.enter_pin("2468");
  EXPECT_EQ(k.state.session.screen, Screen::StaffPanel);
}

TEST(Staff, ThePanelClosesByItselfAfterTheTimeout) {
  StaffKiosk k;
  k.open_pin_pad();
  k.enter_pin("2468");
  ASSERT_EQ(k.state.session.screen, Screen::StaffPanel);
  k.now += k.state.session_timeout_s * 1000LL;
  k.send(ev::Tick{});
  EXPECT_EQ(k.state.session.screen, Screen::Welcome);
}

}  // namespace
}  // namespace wk

namespace wk {
namespace {

KioskState printing_kiosk(PrinterState printer) {
  KioskState s;
  s.config = test::sample_location();
  s.tz = test::amsterdam();
  s.has_printer = true;
  s.printer = printer;
  return s;
}

// Runs language + topic and answers StoreTicket as a working outbox; returns the print effects seen.
std::vector<fx::PrintTicket> take_ticket(KioskState& s, UnixMs now) {
  std::vector<fx::PrintTicket> prints;
  auto send = [&](const Event& e) {
    Entropy entropy;
    entropy.bytes[0] = static_cast<std::uint8_t>(now);
    Update u = update(std::move(s), e, Inputs{now, entropy});
    s = std::move(u.state);
    return u.effects;
  };
  send(ev::LanguageChosen{"nl"});
  for (int tap = 0; tap < 2; ++tap)  // a double tap
    for (const auto& fx : send(ev::TopicChosen{"werk"}))
      for (const auto& after : send(ev::TicketStored{std::get<fx::StoreTicket>(fx).ticket.id}))
        prints.push_back(std::get<fx::PrintTicket>(after));
  return prints;
}

TEST(Printing, ATicketIsPrintedOnceAndOnlyAfterItIsStored) {
  KioskState s = printing_kiosk(PrinterState::Ok);
  const UnixMs now = test::utc(2026, 11, 24, 9, 0);
  const auto prints = take_ticket(s, now);
  ASSERT_EQ(prints.size(), 1u);
  EXPECT_EQ(prints[0].ticket.id, s.session.ticket->id);
  EXPECT_EQ(s.session.print, PrintOutcome::Printing);
  EXPECT_EQ(print_notice(s), "Your ticket is being printed.");
  Update u =
      update(std::move(s), ev::PrintDone{prints[0].ticket.id, true, PrinterState::PaperLow}, Inputs{now, {}});
  EXPECT_EQ(u.state.session.print, PrintOutcome::Printed);
  EXPECT_EQ(u.state.printer, PrinterState::PaperLow);
  EXPECT_EQ(print_notice(u.state), "Take your ticket from the printer.");
}

TEST(Printing, WithoutPaperTheScreenSaysTheTicketIsOnScreenOnly) {
  for (PrinterState st : {PrinterState::PaperOut, PrinterState::Offline, PrinterState::CoverOpen}) {
    KioskState s = printing_kiosk(st);
    EXPECT_TRUE(take_ticket(s, test::utc(2026, 11, 24, 9, 0)).empty()) << printer_state_name(st);
    ASSERT_TRUE(s.session.ticket) << "the ticket is issued all the same";
    EXPECT_NE(print_notice(s).find("on the screen only"), std::string::npos);
  }
}

TEST(Printing, AFailedPrintKeepsTheTicketAndSaysSo) {
  KioskState s = printing_kiosk(PrinterState::Ok);
  const UnixMs now = test::utc(2026, 11, 24, 9, 0);
  const auto prints = take_ticket(s, now);
  ASSERT_EQ(prints.size(), 1u);
  const std::string code = s.session.ticket->code;
  Update u = update(std::move(s), ev::PrintDone{prints[0].ticket.id, false, PrinterState::PaperOut},
                    Inputs{now, {}});
  EXPECT_EQ(u.state.session.print, PrintOutcome::Failed);
  EXPECT_EQ(u.state.session.ticket->code, code);
  EXPECT_NE(print_notice(u.state).find("on the screen only"), std::string::npos);
}

TEST(Printing, APrinterThatCannotReportItsStateIsStillTried) {
  KioskState s = printing_kiosk(PrinterState::None);  // a CUPS queue or a file
  EXPECT_EQ(take_ticket(s, test::utc(2026, 11, 24, 9, 0)).size(), 1u);
}

TEST(Printing, NoPrinterNoNotice) {
  KioskState s = printing_kiosk(PrinterState::None);
  s.has_printer = false;
  EXPECT_TRUE(take_ticket(s, test::utc(2026, 11, 24, 9, 0)).empty());
  EXPECT_EQ(print_notice(s), "");
}

Ticket counter_ticket() {
  Ticket t;
  t.id = "00000000-0000-4000-8000-000000000042";
  t.code = "S-007";
  t.topic = "schulden";
  t.language = "tr";
  t.created_at = test::utc(2026, 11, 24, 8, 30);
  t.public_token = "someonesPublicToken";
  return t;
}

std::vector<Effect> send_reprint(KioskState& s, std::int64_t job, UnixMs now) {
  Update u = update(std::move(s), ev::ReprintRequested{job, counter_ticket()}, Inputs{now, {}});
  s = std::move(u.state);
  return u.effects;
}

TEST(KioskReprint, IsPrintedWithoutTouchingTheResidentAtTheScreen) {
  KioskState s = printing_kiosk(PrinterState::Ok);
  const UnixMs now = test::utc(2026, 11, 24, 9, 0);
  ASSERT_EQ(take_ticket(s, now).size(), 1u);
  const Session before = s.session;
  const auto fx = send_reprint(s, 7, now + 5000);
  ASSERT_EQ(fx.size(), 1u);
  const auto& job = std::get<fx::PrintJob>(fx[0]);
  EXPECT_EQ(job.job_id, 7);
  EXPECT_EQ(job.ticket.code, "S-007");
  EXPECT_EQ(job.ticket.public_token, "someonesPublicToken");
  // The resident at the screen keeps their ticket, their print notice and their timeout.
  EXPECT_EQ(s.session.ticket->id, before.ticket->id);
  EXPECT_EQ(s.session.last_input, before.last_input);
  EXPECT_EQ(s.session.print, PrintOutcome::Printing);

  Update u = update(std::move(s), ev::ReprintDone{7, true, PrinterState::PaperLow}, Inputs{now + 6000, {}});
  ASSERT_EQ(u.effects.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<fx::TellIT>(u.effects[1])) << "IT hears of the paper at once";
  const auto& report = std::get<fx::ReportPrintJob>(u.effects[0]);
  EXPECT_EQ(report.job_id, 7);
  EXPECT_EQ(report.outcome, ReprintStatus::printed);
  EXPECT_EQ(u.state.printer, PrinterState::PaperLow);
  EXPECT_EQ(u.state.session.print, PrintOutcome::Printing) << "the resident's own print is still under way";
}

TEST(KioskReprint, APrinterThatCannotPrintIsReportedAtOnceWithItsReason) {
  const UnixMs now = test::utc(2026, 11, 24, 9, 0);
  const std::pair<PrinterState, const char*> cases[] = {{PrinterState::PaperOut, "paper_out"},
                                                        {PrinterState::CoverOpen, "cover_open"},
                                                        {PrinterState::Offline, "offline"}};
  for (const auto& [state, outcome] : cases) {
    KioskState s = printing_kiosk(state);
    const auto fx = send_reprint(s, 3, now);
    ASSERT_EQ(fx.size(), 1u) << outcome;
    EXPECT_STREQ(reprint_status_name(std::get<fx::ReportPrintJob>(fx[0]).outcome), outcome);
  }
  KioskState none = printing_kiosk(PrinterState::None);
  none.has_printer = false;
  const auto fx = send_reprint(none, 4, now);
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_EQ(std::get<fx::ReportPrintJob>(fx[0]).outcome, ReprintStatus::no_printer);
}

TEST(KioskReprint, APrintThatFailsIsReportedWithWhatThePrinterSaidAfterwards) {
  const UnixMs now = test::utc(2026, 11, 24, 9, 0);
  KioskState s = printing_kiosk(PrinterState::Ok);
  Update out = update(std::move(s), ev::ReprintDone{9, false, PrinterState::PaperOut}, Inputs{now, {}});
  EXPECT_EQ(std::get<fx::ReportPrintJob>(out.effects.at(0)).outcome, ReprintStatus::paper_out);
  EXPECT_EQ(out.state.printer, PrinterState::PaperOut);
  Update silent = update(std::move(out.state), ev::ReprintDone{10, false, PrinterState::Ok}, Inputs{now, {}});
  EXPECT_EQ(std::get<fx::ReportPrintJob>(silent.effects.at(0)).outcome, ReprintStatus::failed);
}

TEST(Session, AFullOutboxSendsTheResidentToTheDesk) {
  Kiosk k;
  k.send(ev::Tick{});
  k.tap(ev::StartTapped{});
  k.tap(ev::LanguageChosen{"en"});
  k.tap(ev::TopicChosen{"werk"}, /*store_ok=*/false);
  EXPECT_EQ(k.screen(), Screen::Failure);
  EXPECT_FALSE(k.state().session.ticket);
  EXPECT_EQ(k.state().session.failure_code, "disk_full");
  EXPECT_EQ(failure_notice(k.state()), kStoreFullNotice);
  k.tap(ev::StartOver{});
  EXPECT_TRUE(failure_notice(k.state()).empty());  // the next resident starts clean
}

// The welcome title's glyphs are held apart in the kiosk's atlas (50 mm high): the language they are for
// must not change while a resident picks another language of the same script, nor on the way back.
TEST(Session, TheWelcomeTitlesLanguageStaysWhileTheScriptDoes) {
  Kiosk k;
  k.send(ev::Tick{});
  EXPECT_EQ(welcome_title_language(k.state()), "nl");  // the location's first, on welcome
  k.tap(ev::LanguageChosen{"en"});
  ASSERT_EQ(k.screen(), Screen::Topics);
  EXPECT_EQ(welcome_title_language(k.state()), "nl");  // the next welcome's, not English
  k.tap(ev::StartOver{});
  ASSERT_EQ(k.screen(), Screen::Welcome);
  EXPECT_EQ(welcome_title_language(k.state()), "nl");
  k.tap(ev::LanguageChosen{"ar"});
  ASSERT_EQ(k.screen(), Screen::Topics);
  EXPECT_EQ(welcome_title_language(k.state()), "");  // another script: none until welcome again
  k.tap(ev::StartOver{});
  EXPECT_EQ(welcome_title_language(k.state()), "nl");
}

}  // namespace
}  // namespace wk
