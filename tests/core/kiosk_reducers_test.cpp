// The kiosk's model is three parts composed: each part alone takes its own events and leaves the others'
// alone, so a resident's tap never reaches the PIN pad's rules and a printer report never moves a screen.
#include <gtest/gtest.h>

#include "core/kiosk_reducers.hpp"
#include "test_config.hpp"

namespace wk {
namespace {

KioskState on_screen(Screen screen) {
  KioskState s;
  s.config = test::sample_location();
  s.tz = test::amsterdam();
  s.numbering = Numbering::restore(1, 1, "", {});
  s.session.screen = screen;
  s.session.language = "nl";
  return s;
}

const Inputs kAt{test::utc(2026, 11, 24, 9, 0), {}};

TEST(KioskReducers, TheResidentsPartIssuesATicketAndIgnoresThePinPad) {
  KioskState s = on_screen(Screen::Topics);
  std::vector<Effect> fx;
  reduce_resident(s, ev::PinDigit{'1'}, kAt, fx);
  EXPECT_TRUE(fx.empty());
  EXPECT_TRUE(s.session.pin_entry.empty());
  reduce_resident(s, ev::TopicChosen{s.config.topics.front().id}, kAt, fx);
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<fx::StoreTicket>(fx[0]));
  ASSERT_TRUE(s.session.storing);
}

TEST(KioskReducers, TheStaffPartTakesPinsOnlyOnThePadAndNeverATopic) {
  KioskState s = on_screen(Screen::StaffPin);
  std::vector<Effect> fx;
  reduce_staff(s, ev::TopicChosen{s.config.topics.front().id}, kAt, fx);
  EXPECT_TRUE(fx.empty());
  EXPECT_FALSE(s.session.storing);
  for (char d : {'1', '2', '3', '4'}) reduce_staff(s, ev::PinDigit{d}, kAt, fx);
  reduce_staff(s, ev::PinSubmit{}, kAt, fx);
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_EQ(std::get<fx::CheckPin>(fx[0]).pin, "1234");
  EXPECT_TRUE(s.session.pin_entry.empty()) << "the digits are not kept once handed over";

  KioskState topics = on_screen(Screen::Topics);
  reduce_staff(topics, ev::PinDigit{'1'}, kAt, fx);
  EXPECT_TRUE(topics.session.pin_entry.empty()) << "no PIN outside the pad";
}

TEST(KioskReducers, ThePrinterPartFollowsThePrinterAndAnswersReprintsWithoutMovingAScreen) {
  KioskState s = on_screen(Screen::Topics);
  s.has_printer = true;
  std::vector<Effect> fx;
  reduce_printer(s, ev::PrinterChanged{PrinterState::PaperOut}, kAt, fx);
  EXPECT_EQ(s.printer, PrinterState::PaperOut);
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<fx::TellIT>(fx[0])) << "IT hears of a printer change at once";
  fx.clear();
  Ticket t;
  t.id = "t-1";
  reduce_printer(s, ev::ReprintRequested{9, t}, kAt, fx);
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_EQ(std::get<fx::ReportPrintJob>(fx[0]).outcome, ReprintStatus::paper_out);
  fx.clear();
  s.printer = PrinterState::Ok;
  reduce_printer(s, ev::ReprintRequested{10, t}, kAt, fx);
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_EQ(std::get<fx::PrintJob>(fx[0]).job_id, 10);
  reduce_printer(s, ev::StartOver{}, kAt, fx);
  EXPECT_EQ(s.session.screen, Screen::Topics);
  EXPECT_EQ(fx.size(), 1u);
}

}  // namespace
}  // namespace wk
