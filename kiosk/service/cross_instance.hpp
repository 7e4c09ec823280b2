#pragma once
// Long-polls across wijkqueue instances that share one PostgreSQL database. A call made at instance A
// must wake a display that long-polls instance C: every notify and bump of A's board is announced on the
// database (NOTIFY), and every instance's listener applies what the others announced to its own board.
// A message names its sender, so an instance skips its own echo. Nothing else carries them: no broker.
// While an instance's listener is cut off from the database it misses messages; its waiters then learn
// of the change at their deadline (at most the long-poll's wait), when their client asks again.
// On SQLite (one instance) this does nothing.
#include <memory>
#include <string>

#include "service/long_poll_board.hpp"
#include "store/service_db.hpp"

namespace wk::service {

class CrossInstanceWakeups {
 public:
  CrossInstanceWakeups(store::ServiceDb& db, LongPollBoard& board);
  ~CrossInstanceWakeups();  // stops listening first, so no message reaches a board that is going
  CrossInstanceWakeups(const CrossInstanceWakeups&) = delete;
  CrossInstanceWakeups& operator=(const CrossInstanceWakeups&) = delete;

 private:
  std::string instance_;  // random, per process
  std::unique_ptr<store::Subscription> subscription_;
};

}  // namespace wk::service
