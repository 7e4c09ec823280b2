#pragma once
// Helpers shared by the net tests: tickets issued by core's own rules for the test location of
// support/wijkqueue.hpp (topics werk W, schulden S, anders A), with real random bytes from the OS.
#include <fstream>
#include <stdexcept>
#include <string>

#include "core/ticket.hpp"
#include "net/queue_client.hpp"
#include "store/tz_file.hpp"
#include "support/wijkqueue.hpp"

namespace wk::net::testing {

inline Entropy urandom_entropy() {
  Entropy e;
  std::ifstream in("/dev/urandom", std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(e.bytes.data()), static_cast<std::streamsize>(e.bytes.size())))
    throw std::runtime_error("cannot read /dev/urandom");
  return e;
}

inline Topic test_topic(const std::string& id) {
  Topic t;
  t.id = id;
  t.letter = id == "werk" ? 'W' : id == "schulden" ? 'S' : id == "anders" ? 'A' : 'X';
  return t;
}

inline UnixMs wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Issues tickets as a kiosk in slot 1 of 1 does: each code is new for the day at this location.
class TicketMaker {
 public:
  TicketMaker() : tz_(store::load_tz_rule("Europe/Amsterdam").value()) {}
  Ticket issue(const std::string& topic_id) {
    return issue_ticket(numbering_, test_topic(topic_id), "nl", wall_ms(), tz_, urandom_entropy());
  }

 private:
  TzRule tz_;
  Numbering numbering_ = Numbering::restore(1, 1, "", {});
};

inline ClientOptions client_options(const test::Wijkqueue& q, const std::string& token) {
  ClientOptions o;
  o.base_url = q.base_url();
  o.ca_file = q.ca_file();
  o.token = token;
  return o;
}

}  // namespace wk::net::testing
