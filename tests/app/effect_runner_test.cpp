// The kiosk's effect runner with fake adapters: what core asks for is done in the order the invariants
// need (durable before shown, the sync worker told after), failures come back as events, and IT hears of
// the printer and a full disk with a heartbeat at once.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/kiosk_runtime.hpp"
#include "core/test_config.hpp"

namespace wk::app {
namespace {

struct Fakes {
  std::vector<std::string> calls;  // the adapters in the order they were called
  std::vector<Ticket> stored;
  std::optional<Error> store_error;
  std::vector<KioskAdapters::PrintAnswer> print_answers;
  std::vector<std::pair<std::int64_t, ReprintStatus>> reports;
  std::vector<std::string> pins;
  std::optional<bool> full;
};

class EffectRunner : public ::testing::Test {
 protected:
  void SetUp() override {
    rt_.clock = [this] { return now_; };
    rt_.clock_offset = std::make_shared<store::KeptClockOffset>(
        (std::filesystem::temp_directory_path() / "wijkkiosk-no-such-offset.json").string());
    rt_.time = start_kiosk_time(0, std::nullopt, std::nullopt);
    rt_.device.service_url = "https://localhost:1";
    rt_.state.config = test::sample_location();
    rt_.state.tz = test::amsterdam();
    rt_.state.has_printer = true;
    rt_.state.printer = PrinterState::Ok;
    KioskAdapters& io = rt_.io;
    io.store_ticket = [this](const Ticket& t) -> Result<void> {
      f_.calls.push_back("store");
      if (f_.store_error) return *f_.store_error;
      f_.stored.push_back(t);
      return Ok{};
    };
    io.last_numbers = [this](const std::string&, UnixMs) -> Result<std::map<char, int>> {
      f_.calls.push_back("numbers");
      return std::map<char, int>{{'W', 41}};
    };
    io.last_ticket = [this]() -> Result<std::optional<Ticket>> {
      return f_.stored.empty() ? std::optional<Ticket>() : std::optional<Ticket>(f_.stored.back());
    };
    io.sync_now = [this] { f_.calls.push_back("sync"); };
    io.heartbeat_now = [this] { f_.calls.push_back("heartbeat"); };
    io.print = [this](TicketLayout, KioskAdapters::PrintAnswer answer) {
      f_.calls.push_back("print");
      f_.print_answers.push_back(std::move(answer));
    };
    io.check_pin = [this](std::string pin) { f_.pins.push_back(std::move(pin)); };
    io.report_print_job = [this](std::int64_t job, ReprintStatus s) { f_.reports.emplace_back(job, s); };
    io.outbox_full = [this](bool full) { f_.full = full; };
  }
  void take_ticket(const std::string& topic) {
    dispatch(rt_, ev::StartTapped{});
    dispatch(rt_, ev::LanguageChosen{"nl"});
    dispatch(rt_, ev::TopicChosen{topic});
  }
  UnixMs now_ = test::utc(2026, 11, 24, 9, 0);  // a Tuesday, 10:00 in Amsterdam: open
  KioskRuntime rt_;
  Fakes f_;
};

TEST_F(EffectRunner, ATicketIsStoredBeforeItShowsThenSyncedThenPrinted) {
  take_ticket("werk");
  EXPECT_EQ(f_.calls, (std::vector<std::string>{"numbers", "store", "sync", "print"}));
  ASSERT_EQ(f_.stored.size(), 1u);
  EXPECT_EQ(rt_.state.session.screen, Screen::Ticket);
  EXPECT_EQ(rt_.state.session.ticket->id, f_.stored[0].id);
  EXPECT_EQ(f_.stored[0].code, "W-042") << "numbering goes on from the ledger";
  EXPECT_EQ(f_.full, false);
  // The printer's answer is core's event, for this ticket.
  const Event done = f_.print_answers.at(0)(true, PrinterState::PaperLow);
  ASSERT_TRUE(std::holds_alternative<ev::PrintDone>(done));
  EXPECT_EQ(std::get<ev::PrintDone>(done).ticket_id, f_.stored[0].id);
  f_.calls.clear();
  dispatch(rt_, done);
  EXPECT_EQ(f_.calls, (std::vector<std::string>{"heartbeat"})) << "IT hears of the paper at once";
  EXPECT_EQ(rt_.state.printer, PrinterState::PaperLow);
}

TEST_F(EffectRunner, AFullDiskShowsTheFailureAndTellsIT) {
  f_.store_error = make_error("disk_full", "The disk is full.");
  take_ticket("werk");
  EXPECT_EQ(rt_.state.session.screen, Screen::Failure);
  EXPECT_FALSE(rt_.state.session.ticket);
  EXPECT_EQ(f_.full, true);
  EXPECT_EQ(std::count(f_.calls.begin(), f_.calls.end(), "print"), 0) << "nothing printed that is not stored";
  EXPECT_EQ(std::count(f_.calls.begin(), f_.calls.end(), "sync"), 0);
}

TEST_F(EffectRunner, ACountersReprintIsPrintedAndItsOutcomeReported) {
  Ticket t;
  t.id = "t-7";
  t.code = "S-007";
  dispatch(rt_, ev::ReprintRequested{7, t});
  ASSERT_EQ(f_.print_answers.size(), 1u);
  dispatch(rt_, f_.print_answers[0](false, PrinterState::CoverOpen));
  ASSERT_EQ(f_.reports.size(), 1u);
  EXPECT_EQ(f_.reports[0], (std::pair<std::int64_t, ReprintStatus>{7, ReprintStatus::cover_open}));
}

TEST_F(EffectRunner, WithoutAPrinterAReprintIsReportedAtOnce) {
  rt_.io.print = nullptr;
  rt_.state.has_printer = false;
  Ticket t;
  t.id = "t-8";
  dispatch(rt_, ev::ReprintRequested{8, t});
  ASSERT_EQ(f_.reports.size(), 1u);
  EXPECT_EQ(f_.reports[0].second, ReprintStatus::no_printer);
}

TEST_F(EffectRunner, APinGoesToTheCheckerAndIsNotKept) {
  rt_.state.session.screen = Screen::StaffPin;
  rt_.state.session.last_input = now_;
  for (char d : {'2', '4', '6', '8'}) dispatch(rt_, ev::PinDigit{d});
  dispatch(rt_, ev::PinSubmit{});
  EXPECT_EQ(f_.pins, (std::vector<std::string>{"2468"}));
  EXPECT_TRUE(rt_.state.session.pin_entry.empty());
}

}  // namespace
}  // namespace wk::app
