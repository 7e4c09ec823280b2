// Long lines are wrapped at word boundaries by the encoder, never mid-word by the printer.
#include <gtest/gtest.h>

#include <string>

#include "print/escpos.hpp"

namespace wk::print {
namespace {

TEST(Wrap, ALongHelpLineBreaksBetweenWords) {
  TicketLayout l;
  l.code = "W-001";
  l.help = "Scan de code om uw beurt te volgen op uw telefoon, ook als u even weg moet";
  const auto profile = profile_for("epson-tm-t20", 80).value();
  const Bytes b = encode_ticket(l, profile);
  const std::string s(b.begin(), b.end());
  EXPECT_NE(s.find("Scan de code om uw beurt te volgen op uw\nte"), std::string::npos)
      << "the first line ends at the last whole word that fits 48 characters";
  EXPECT_NE(s.find("telefoon, ook als u even weg moet\n"), std::string::npos);
  const auto narrow = profile_for("epson-tm-t20", 58).value();  // 384 dots: 32 characters
  const Bytes n = encode_ticket(l, narrow);
  const std::string ns(n.begin(), n.end());
  EXPECT_NE(ns.find("Scan de code om uw beurt te\nvolgen"), std::string::npos);
}

}  // namespace
}  // namespace wk::print
