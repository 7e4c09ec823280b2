#include "service/cross_instance.hpp"

#include <unistd.h>

#include "service/secrets.hpp"

namespace wk::service {

CrossInstanceWakeups::CrossInstanceWakeups(store::ServiceDb& db, LongPollBoard& board)
    : instance_(new_token().substr(0, 16)) {
  if (!db.is_postgres()) return;
  const std::string prefix = instance_ + " ";
  subscription_ = db.listen([&board, prefix](const std::string& message) {
    if (message.size() > prefix.size() && !message.starts_with(prefix))
      board.apply(message.substr(message.find(' ') + 1));
  });
  // A failed announce costs the other instances' waiters their wake-up, not a change: it is committed.
  board.relay_to([&db, prefix](const std::string& message) {
    if (auto r = db.announce(prefix + message); !r) {
      const std::string line =
          "wijkqueue: other instances were not told of a change: " + r.error().message + "\n";
      [[maybe_unused]] const auto n = ::write(STDERR_FILENO, line.data(), line.size());
    }
  });
}

CrossInstanceWakeups::~CrossInstanceWakeups() = default;

}  // namespace wk::service
