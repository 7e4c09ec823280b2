// TicketPrinter against the loopback fake printer: status before each ticket, refusals without sending,
// the state after printing, reconnects, and a printer that never answers.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "../support/wait.hpp"
#include "fake_printer.hpp"
#include "print/escpos.hpp"
#include "print/ticket_printer.hpp"
#include "print_test_util.hpp"

namespace wk::print {
namespace {

using test::FakePrinter;

TicketLayout layout() {
  TicketLayout l;
  l.location = "Wijkcentrum De Ringvaart";
  l.code = "S-012";
  l.topic = "Geldzorgen en schulden";
  l.time = "24-11-2026 09:05";
  l.position = "Nummer 3";
  l.qr_url = "https://q.example.nl/s/AbC123";
  l.help = "Scan de code met je telefoon";
  l.help_language = "nl";
  return l;
}

PrinterProfile native() {
  return profile_for("epson-tm-t20").value();
}

TEST(TicketPrinter, PrintsAfterAskingTheStatus) {
  FakePrinter printer(test::kStatusOk);
  TicketPrinter tp(printer.uri(), native());
  auto r = tp.print(layout());
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  EXPECT_EQ(*r, PrinterState::Ok);
  EXPECT_EQ(tp.last_state(), PrinterState::Ok);
  // The whole conversation: four queries, the ticket, four queries again, on one connection.
  EXPECT_EQ(printer.received(),
            test::cat({encode_status_queries(), encode_ticket(layout(), native()), encode_status_queries()}));
  EXPECT_EQ(printer.connections(), 1);
}

TEST(TicketPrinter, PaperLowStillPrintsAndSaysSo) {
  FakePrinter printer(test::kStatusPaperLow);
  TicketPrinter tp(printer.uri(), native());
  auto r = tp.print(layout());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, PrinterState::PaperLow);
}

TEST(TicketPrinter, RefusesWithoutSendingTheTicket) {
  struct Case {
    test::Status status;
    const char* code;
  };
  for (const Case& c : {Case{test::kStatusPaperOut, "paper_out"}, Case{test::kStatusCoverOpen, "cover_open"},
                        Case{test::kStatusOffline, "offline"}}) {
    FakePrinter printer(c.status);
    TicketPrinter tp(printer.uri(), native());
    auto r = tp.print(layout());
    ASSERT_FALSE(r.ok()) << c.code;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_FALSE(r.error().message.empty());
    EXPECT_EQ(state_from_name(r.error().code), tp.last_state());
    EXPECT_EQ(printer.received(), encode_status_queries()) << c.code;  // the queries, and no ticket
  }
}

TEST(TicketPrinter, PrinterThatNeverAnswersIsOfflineAndCallsReturn) {
  FakePrinter printer(test::kStatusOk, FakePrinter::Mode::Silent);
  TicketPrinter tp(printer.uri(), native(), 300);
  EXPECT_EQ(tp.query_status(), PrinterState::Offline);
  auto r = tp.print(layout());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "offline");
  EXPECT_EQ(test::find(printer.received(), test::hex("1B 40")), std::string::npos);  // no ticket sent
}

TEST(TicketPrinter, GarbageAnswersAreOffline) {
  FakePrinter printer(test::kStatusOk, FakePrinter::Mode::Garbage);
  TicketPrinter tp(printer.uri(), native(), 500);
  EXPECT_EQ(tp.query_status(), PrinterState::Offline);
}

TEST(TicketPrinter, NoPrinterListeningIsOffline) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  TicketPrinter tp("tcp://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)), native(), 500);
  EXPECT_EQ(tp.query_status(), PrinterState::Offline);
  auto r = tp.print(layout());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "offline");
}

TEST(TicketPrinter, KeepsTheConnectionAndReconnectsWhenItDrops) {
  FakePrinter printer(test::kStatusOk);
  TicketPrinter tp(printer.uri(), native());
  EXPECT_EQ(tp.query_status(), PrinterState::Ok);
  EXPECT_EQ(tp.query_status(), PrinterState::Ok);
  EXPECT_EQ(printer.connections(), 1);
  printer.drop_connections();
  // The printer has closed its end: on loopback the close is in our socket by the time it returns.
  ASSERT_TRUE(wk::test::wait_until([&] { return printer.open_connections() == 0; }));
  auto r = tp.print(layout());
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  EXPECT_EQ(*r, PrinterState::Ok);
  EXPECT_EQ(printer.connections(), 2);
}

TEST(TicketPrinter, StateChangesBetweenCalls) {
  FakePrinter printer(test::kStatusOk);
  TicketPrinter tp(printer.uri(), native());
  EXPECT_EQ(tp.query_status(), PrinterState::Ok);
  printer.set_status(test::kStatusPaperOut);
  EXPECT_EQ(tp.query_status(), PrinterState::PaperOut);
  printer.set_status(test::kStatusOk);
  EXPECT_EQ(tp.query_status(), PrinterState::Ok);
}

TEST(TicketPrinter, RasterTicketWithStatusLookalikesInTheImage) {
  // Image data can hold DLE EOT n by chance, which a printer answers mid-ticket; the encoder breaks such
  // runs up, so the answers after the ticket are the printer's real state.
  FakePrinter printer(test::kStatusPaperLow);
  const PrinterProfile raster = profile_for("generic-raster").value();
  TicketPrinter tp(printer.uri(), raster);
  Bitmap stray = Bitmap::blank(24, 1);
  stray.bits = {0x10, 0x04, 0x02};
  tp.set_text_rasterizer([&](std::string_view, int, bool) { return stray; });
  TicketLayout l = layout();
  l.help = "Скануйте код";
  auto r = tp.print(l);
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  EXPECT_EQ(*r, PrinterState::PaperLow);
  EXPECT_EQ(tp.query_status(), PrinterState::PaperLow);
}

TEST(TicketPrinter, PlainFileHasStateNone) {
  test::ScratchDir dir;
  const std::string path = dir.file("tickets.bin");
  TicketPrinter tp("file://" + path, native());
  EXPECT_EQ(tp.query_status(), PrinterState::None);
  auto r = tp.print(layout());
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  EXPECT_EQ(*r, PrinterState::None);
  ASSERT_TRUE(tp.print(layout()).ok());
  const Bytes one = encode_ticket(layout(), native());
  EXPECT_EQ(test::read_bytes(path), test::cat({one, one}));
}

TEST(TicketPrinter, ProfileWithoutStatusDoesNotAsk) {
  FakePrinter printer(test::kStatusPaperOut);
  PrinterProfile p = native();
  p.answers_status = false;
  TicketPrinter tp(printer.uri(), p);
  auto r = tp.print(layout());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, PrinterState::None);
  const Bytes ticket = encode_ticket(layout(), p);
  wk::test::wait_until([&] { return printer.received().size() >= ticket.size(); });
  EXPECT_EQ(printer.received(), ticket);
}

TEST(TicketPrinter, UnpluggedDeviceIsOffline) {
  TicketPrinter tp("file:///dev/usb/wijkkiosk-no-such-printer", native());
  EXPECT_EQ(tp.query_status(), PrinterState::Offline);
  auto r = tp.print(layout());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "offline");
}

}  // namespace
}  // namespace wk::print
