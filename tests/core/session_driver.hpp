#pragma once
// The kiosk's model driven as its shell drives it, for core's tests of the session and its parts.
#include <vector>

#include "core/session.hpp"
#include "test_config.hpp"

namespace wk::test {

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
      if (store_ok)
        send(ev::TicketStored{store.ticket.id});
      else
        send(ev::StoreFailed{make_error("disk_full", "The disk is full.")});
    }
  }
  void wait_s(int s) {
    now += s * 1000LL;
    send(ev::Tick{});
  }
  Screen screen() const { return state_.session.screen; }
  const KioskState& state() const { return state_; }
  UnixMs now = test::utc(2026, 11, 24, 9, 0);  // a Tuesday, 10:00 in Amsterdam: open
  std::vector<Ticket> stored;

 private:
  KioskState state_;
  int counter_ = 0;
};

}  // namespace wk::test
