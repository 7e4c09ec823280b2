// Transports against real sockets, files and processes: a TCP listener on loopback, a plain file, and a
// stand-in for CUPS's lp.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>

#include "fake_printer.hpp"
#include "print/escpos.hpp"
#include "print/transport.hpp"
#include "print_test_util.hpp"

namespace wk::print {
namespace {

using test::hex;

// A loopback port with nothing listening on it: bound, then closed again.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

TEST(PrinterUri, Parses) {
  auto tcp = parse_printer_uri("tcp://192.168.1.50:9101");
  ASSERT_TRUE(tcp.ok());
  EXPECT_EQ(tcp->kind, "tcp");
  EXPECT_EQ(tcp->host, "192.168.1.50");
  EXPECT_EQ(tcp->port, 9101);
  EXPECT_EQ(parse_printer_uri("tcp://printer.local")->port, 9100);
  EXPECT_EQ(parse_printer_uri("tcp://[::1]:9100")->host, "::1");
  EXPECT_EQ(parse_printer_uri("file:///dev/usb/lp0")->path, "/dev/usb/lp0");
  EXPECT_EQ(parse_printer_uri("/dev/usb/lp0")->kind, "file");
  EXPECT_EQ(parse_printer_uri("cups://TM_T20")->path, "TM_T20");
  for (const char* bad : {"", "lp0", "http://x", "tcp://", "tcp://:9100", "tcp://host:0", "tcp://host:70000",
                          "tcp://host:91x", "tcp://host:", "tcp://ho st", "tcp://[::1", "tcp://[zz]:1",
                          "file://relative/path", "cups://", "cups://-o", "cups://a b", "cups://a/b"}) {
    auto r = parse_printer_uri(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, "printer_uri") << bad;
    }
  }
}

TEST(TcpTransport, WritesAndReadsTheAnswer) {
  test::FakePrinter printer(test::kStatusPaperLow);
  auto t = open_printer(printer.uri(), 2000);
  ASSERT_TRUE(t.ok()) << to_string(t.error());
  EXPECT_TRUE((*t)->reads_status());
  ASSERT_TRUE((*t)->write(encode_status_query(4), 2000).ok());
  auto got = (*t)->read(1, 2000);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, hex("1E"));
  EXPECT_EQ(printer.received(), hex("10 04 04"));
}

TEST(TcpTransport, ReadTimesOutWithNothing) {
  test::FakePrinter printer(test::kStatusOk, test::FakePrinter::Mode::Silent);
  auto t = open_printer(printer.uri(), 2000);
  ASSERT_TRUE(t.ok());
  ASSERT_TRUE((*t)->write(encode_status_query(1), 2000).ok());
  auto got = (*t)->read(4, 100);
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->empty());
}

TEST(TcpTransport, ClosedPortIsAnError) {
  auto t = open_tcp("127.0.0.1", closed_port(), 1000);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "connect_failed");
}

TEST(TcpTransport, ReadAfterThePrinterWentAwayIsClosed) {
  test::FakePrinter printer;
  auto t = open_printer(printer.uri(), 2000);
  ASSERT_TRUE(t.ok());
  while (printer.connections() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  printer.drop_connections();
  auto got = (*t)->read(4, 2000);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "closed");
}

TEST(TcpTransport, UnknownHostNameIsAnErrorInTime) {
  // ".invalid" never resolves (RFC 6761); without network the lookup fails or times out, both an error.
  auto t = open_tcp("printer.invalid", 9100, 1500);
  ASSERT_FALSE(t.ok());
}

TEST(FileTransport, AppendsToAPlainFileAndHasNoStatus) {
  test::ScratchDir dir;
  const std::string path = dir.file("printer.bin");
  auto t = open_printer("file://" + path, 1000);
  ASSERT_TRUE(t.ok()) << to_string(t.error());
  EXPECT_FALSE((*t)->reads_status());
  ASSERT_TRUE((*t)->write(hex("1B 40"), 1000).ok());
  ASSERT_TRUE((*t)->write(hex("0A"), 1000).ok());
  auto r = (*t)->read(4, 10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "no_status");
  EXPECT_EQ(test::read_bytes(path), hex("1B 40 0A"));
}

TEST(FileTransport, MissingDeviceIsNotCreated) {
  auto t = open_printer("file:///dev/usb/wijkkiosk-no-such-printer", 1000);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "printer_not_found");
}

// A stand-in for lp: records its arguments and the job file, then exits with $LP_EXIT.
std::string fake_lp(const test::ScratchDir& dir, const std::string& body) {
  const std::string path = dir.file("lp");
  test::write_text(path, "#!/bin/sh\n" + body + "\n");
  ::chmod(path.c_str(), 0755);
  return path;
}

TEST(CupsTransport, RunsLpWithARawJob) {
  test::ScratchDir dir;
  const std::string lp = fake_lp(dir, "printf '%s\\n' \"$1\" \"$2\" \"$3\" \"$4\" > " + dir.file("args") +
                                          "\ncat \"$5\" > " + dir.file("job"));
  auto t = open_cups("TM_T20", lp);
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE((*t)->reads_status());
  const Bytes ticket = hex("1B 40 41 0A 1D 56 42 00");
  auto w = (*t)->write(ticket, 5000);
  ASSERT_TRUE(w.ok()) << to_string(w.error());
  EXPECT_EQ(test::read_bytes(dir.file("job")), ticket);
  const Bytes args = test::read_bytes(dir.file("args"));
  EXPECT_EQ(std::string(args.begin(), args.end()), "-d\nTM_T20\n-o\nraw\n");
}

TEST(CupsTransport, LpFailureIsAnErrorWithItsMessage) {
  test::ScratchDir dir;
  const std::string lp = fake_lp(dir, "echo 'lp: The printer or class does not exist.' >&2\nexit 1");
  auto t = open_cups("nope", lp);
  ASSERT_TRUE(t.ok());
  auto w = (*t)->write(hex("0A"), 5000);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, "cups");
  EXPECT_NE(w.error().detail.find("does not exist"), std::string::npos) << w.error().detail;
}

TEST(CupsTransport, HangingLpIsKilledAtTheTimeout) {
  test::ScratchDir dir;
  const std::string lp = fake_lp(dir, "exec sleep 30");
  auto t = open_cups("slow", lp);
  ASSERT_TRUE(t.ok());
  auto w = (*t)->write(hex("0A"), 200);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, "timeout");
}

TEST(CupsTransport, MissingLpIsAnError) {
  auto t = open_cups("q", "/nonexistent/lp");
  ASSERT_TRUE(t.ok());
  auto w = (*t)->write(hex("0A"), 1000);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, "cups");
  EXPECT_FALSE(open_cups("-o evil").ok());
}

}  // namespace
}  // namespace wk::print
