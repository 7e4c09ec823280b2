#include "service/cross_instance.hpp"

#include <unistd.h>

#include "service/secrets.hpp"

namespace wk::service {
namespace {

// One line on the log, written whole.
void say(const std::string& what) {
  const std::string line = "wijkqueue: " + what + "\n";
  [[maybe_unused]] const auto n = ::write(STDERR_FILENO, line.data(), line.size());
}

}  // namespace

CrossInstanceWakeups::CrossInstanceWakeups(store::ServiceDb& db, LongPollBoard& board)
    : instance_(new_token().substr(0, 16)) {
  if (!db.is_postgres()) return;
  const std::string prefix = instance_ + " ";
  subscription_ = db.listen([&board, prefix](const std::string& message) {
    if (message.size() > prefix.size() && !message.starts_with(prefix))
      board.apply(message.substr(message.find(' ') + 1));
  });
  // A counter's queue version is the database's count of the location's changes, the same at every
  // instance, so a web counter that polls A, then B, waits at B for the version it got from A.
  board.count_bumps_with(
      [&db, sender = instance_](const std::string& channel) -> std::optional<std::int64_t> {
        auto seq = db.count_change(channel, sender);
        if (seq) return seq.value();
        say("a change was not counted: " + seq.error().message);
        return std::nullopt;
      });
  // Where the counts stand now. A change in the moment before the listener's LISTEN is in place leaves
  // this instance one version behind until the next change: its counters then get an answer at once.
  if (auto counts = db.change_counts(); counts) {
    for (const auto& [channel, seq] : counts.value()) board.apply("n " + std::to_string(seq) + " " + channel);
  } else {
    say("the changes so far could not be read: " + counts.error().message);
  }
  // A failed announce costs the other instances' waiters their wake-up, not a change: it is committed.
  board.relay_to([&db, prefix](const std::string& message) {
    if (auto r = db.announce(prefix + message); !r)
      say("other instances were not told of a change: " + r.error().message);
  });
}

CrossInstanceWakeups::~CrossInstanceWakeups() = default;

}  // namespace wk::service
