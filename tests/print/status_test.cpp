// DLE EOT status parsing: each state from the bytes an Epson printer sends, and garbage of every kind,
// which must give Offline and never crash (this parser becomes a fuzz target).
#include <gtest/gtest.h>

#include <random>

#include "fake_printer.hpp"
#include "print/status.hpp"
#include "print_test_util.hpp"

namespace wk::print {
namespace {

using test::hex;

Bytes bytes(const test::Status& s) {
  return Bytes(s.begin(), s.end());
}

bool is_state(PrinterState s) {
  switch (s) {
    case PrinterState::Ok:
    case PrinterState::PaperLow:
    case PrinterState::PaperOut:
    case PrinterState::CoverOpen:
    case PrinterState::Offline:
    case PrinterState::None:
      return true;
  }
  return false;
}

TEST(Status, EachState) {
  EXPECT_EQ(parse_status(hex("12 12 12 12")), PrinterState::Ok);
  EXPECT_EQ(parse_status(bytes(test::kStatusOk)), PrinterState::Ok);  // drawer pin high (bit 2) is no matter
  EXPECT_EQ(parse_status(bytes(test::kStatusPaperLow)), PrinterState::PaperLow);
  EXPECT_EQ(parse_status(hex("12 12 12 16")), PrinterState::PaperLow);  // one near-end bit is enough
  EXPECT_EQ(parse_status(bytes(test::kStatusPaperOut)), PrinterState::PaperOut);
  EXPECT_EQ(parse_status(hex("12 12 12 32")), PrinterState::PaperOut);  // paper end sensor, bit 5 only
  EXPECT_EQ(parse_status(hex("1A 32 12 12")), PrinterState::PaperOut);  // stopped by paper end (n=2 bit 5)
  EXPECT_EQ(parse_status(bytes(test::kStatusCoverOpen)), PrinterState::CoverOpen);
  EXPECT_EQ(parse_status(bytes(test::kStatusOffline)), PrinterState::Offline);
  EXPECT_EQ(parse_status(hex("12 52 12 12")), PrinterState::Offline);  // error occurred (n=2 bit 6)
  EXPECT_EQ(parse_status(hex("12 12 1A 12")), PrinterState::Offline);  // autocutter error
  EXPECT_EQ(parse_status(hex("12 12 32 12")), PrinterState::Offline);  // unrecoverable error
  EXPECT_EQ(parse_status(hex("12 12 52 12")), PrinterState::Offline);  // auto-recoverable error (head hot)
}

TEST(Status, WhatStaffMustDoFirstWins) {
  EXPECT_EQ(parse_status(hex("1A 36 12 72")), PrinterState::CoverOpen);  // cover open and paper out
  EXPECT_EQ(parse_status(hex("1A 72 12 72")), PrinterState::PaperOut);   // paper out and error
  EXPECT_EQ(parse_status(hex("1A 12 12 1E")), PrinterState::Offline);    // offline and paper low
}

TEST(Status, TruncatedIsOffline) {
  EXPECT_EQ(parse_status({}), PrinterState::Offline);
  EXPECT_EQ(parse_status(hex("12")), PrinterState::Offline);
  EXPECT_EQ(parse_status(hex("12 12")), PrinterState::Offline);
  EXPECT_EQ(parse_status(hex("12 12 12")), PrinterState::Offline);
}

TEST(Status, ExtraBytesAreIgnored) {
  EXPECT_EQ(parse_status(hex("12 12 12 12 FF 00")), PrinterState::Ok);
}

TEST(Status, WrongFixedBitsAreGarbage) {
  for (const char* garbage : {"13 12 12 12", "12 92 12 12", "12 12 02 12", "12 12 12 10", "00 00 00 00",
                              "FF FF FF FF", "41 42 43 44"}) {
    EXPECT_EQ(parse_status(hex(garbage)), PrinterState::Offline) << garbage;
  }
}

TEST(Status, EverySingleByteAndEveryByteInEachPosition) {
  for (int b = 0; b < 256; ++b) {
    const auto byte = static_cast<std::uint8_t>(b);
    EXPECT_EQ(parse_status(Bytes{byte}), PrinterState::Offline);
    EXPECT_EQ(is_status_byte(byte), (b & 0x93) == 0x12) << b;
    for (std::size_t pos = 0; pos < 4; ++pos) {
      Bytes replies = hex("12 12 12 12");
      replies[pos] = byte;
      const PrinterState s = parse_status(replies);
      EXPECT_TRUE(is_state(s));
      EXPECT_NE(s, PrinterState::None);  // None is for "cannot ask", never an answer
      if (!is_status_byte(byte)) {
        EXPECT_EQ(s, PrinterState::Offline) << b << " at " << pos;
      }
    }
  }
}

TEST(Status, RandomBytesNeverCrash) {
  std::mt19937 rng(20261124);
  std::uniform_int_distribution<int> length(0, 16);
  std::uniform_int_distribution<int> value(0, 255);
  int answers = 0;
  for (int i = 0; i < 200000; ++i) {
    Bytes b(static_cast<std::size_t>(length(rng)));
    for (auto& x : b) x = static_cast<std::uint8_t>(value(rng));
    const PrinterState s = parse_status(b);
    ASSERT_TRUE(is_state(s));
    if (s != PrinterState::Offline) ++answers;
  }
  EXPECT_GT(answers, 0);  // some random inputs are valid answers: the loop did reach the mapping
}

TEST(Status, Names) {
  for (PrinterState s : {PrinterState::Ok, PrinterState::PaperLow, PrinterState::PaperOut,
                         PrinterState::CoverOpen, PrinterState::Offline, PrinterState::None}) {
    EXPECT_EQ(state_from_name(printer_state_name(s)), s);
  }
  EXPECT_STREQ(printer_state_name(PrinterState::PaperOut), "paper_out");
  EXPECT_EQ(state_from_name("nonsense"), PrinterState::Offline);
  EXPECT_TRUE(!printer_can_print(PrinterState::CoverOpen));
  EXPECT_FALSE(!printer_can_print(PrinterState::PaperLow));
  EXPECT_FALSE(!printer_can_print(PrinterState::None));
}

TEST(Profiles, KnownModelsAndWidths) {
  for (const std::string& model : known_models()) {
    auto p80 = profile_for(model, 80);
    auto p58 = profile_for(model, 58);
    ASSERT_TRUE(p80.ok() && p58.ok()) << model;
    EXPECT_EQ(p80->model, model);
    EXPECT_GT(p80->dots_per_line, p58->dots_per_line);
    EXPECT_EQ(p80->code_page, 19);
  }
  EXPECT_FALSE(profile_for("epson-tm-t20", 80)->native_qr == false);
  EXPECT_FALSE(profile_for("generic-raster", 80)->native_qr);
  EXPECT_EQ(profile_for("epson-tm-t20", 58)->dots_per_line, 384);
  EXPECT_EQ(profile_for("epson-tm-t88", 80)->dots_per_line, 512);
  auto unknown = profile_for("acme-9000");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "printer_model");
  EXPECT_NE(unknown.error().message.find("acme-9000"), std::string::npos);
  EXPECT_FALSE(profile_for("generic", 112).ok());
}

}  // namespace
}  // namespace wk::print
