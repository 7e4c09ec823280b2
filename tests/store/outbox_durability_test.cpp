// Outbox durability: a child process appends tickets in a loop and is killed with SIGKILL at a random
// moment, 50 times over the same file. After each kill every append that had returned must be in the
// database with all its fields, the file must pass integrity_check, and no ticket may be half there
// (a ledger row without its outbox row or the other way round).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <sstream>
#include <thread>

#include "outbox_test_util.hpp"
#include "store/outbox.hpp"

namespace wk::store {
namespace {

using testing::OutboxTempDir;

// One line per ticket, tab-separated. A line is far below PIPE_BUF, so one write(2) of it reaches the
// parent whole or not at all.
std::string to_line(const Ticket& t) {
  std::ostringstream out;
  out << t.id << '\t' << t.code << '\t' << t.topic << '\t' << t.language << '\t' << t.created_at << '\t'
      << t.public_token << '\t' << t.local_day << '\t' << t.number << '\n';
  return out.str();
}

Ticket from_line(const std::string& line) {
  std::istringstream in(line);
  Ticket t;
  std::string created, number;
  std::getline(in, t.id, '\t');
  std::getline(in, t.code, '\t');
  std::getline(in, t.topic, '\t');
  std::getline(in, t.language, '\t');
  std::getline(in, created, '\t');
  std::getline(in, t.public_token, '\t');
  std::getline(in, t.local_day, '\t');
  std::getline(in, number, '\t');
  t.created_at = std::stoll(created);
  t.number = std::stoi(number);
  return t;
}

// The child: append until killed, reporting each append only after it returned.
[[noreturn]] void append_forever(const std::string& db_path, int write_fd, std::uint64_t seed) {
  auto ob = Outbox::open(db_path);
  if (!ob.ok()) _exit(2);
  std::mt19937_64 rng(seed);
  const char letters[] = {'S', 'W', 'G', 'Z'};
  for (int n = 1;; ++n) {
    const auto t = testing::make_test_ticket(rng, letters[n % 4], n, "2026-11-18", 1795000000000 + n);
    if (!(*ob)->append_ticket(t).ok()) _exit(3);
    const std::string line = to_line(t);
    if (write(write_fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(4);
  }
}

// Reads whatever is in the pipe into `buffer`, moving complete lines into `reported`.
bool drain(int fd, std::string& buffer, std::vector<Ticket>& reported, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return true;
  char chunk[4096];
  const ssize_t n = read(fd, chunk, sizeof chunk);
  if (n <= 0) return false;  // EOF: the child is gone
  buffer.append(chunk, static_cast<std::size_t>(n));
  for (auto nl = buffer.find('\n'); nl != std::string::npos; nl = buffer.find('\n')) {
    reported.push_back(from_line(buffer.substr(0, nl)));
    buffer.erase(0, nl + 1);
  }
  return true;
}

TEST(OutboxDurability, EveryReturnedAppendSurvivesSigkill) {
  OutboxTempDir dir;
  const std::string db = dir.file("outbox.db");
  const auto seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 rng(seed);
  std::map<std::string, Ticket> all_reported;
  long last_total = 0;

  for (int round = 0; round < 50; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    int fds[2];
    ASSERT_EQ(pipe2(fds, O_CLOEXEC), 0);
    const auto child_seed = rng();
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      append_forever(db, fds[1], child_seed);
    }
    close(fds[1]);

    // Let a few appends return (1 to 5), then kill at a random moment 5-60 ms later.
    std::vector<Ticket> reported;
    std::string buffer;
    const auto wanted = std::uniform_int_distribution<std::size_t>(1, 5)(rng);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (reported.size() < wanted && std::chrono::steady_clock::now() < give_up)
      if (!drain(fds[0], buffer, reported, 100)) break;
    ASSERT_GE(reported.size(), wanted) << "the child did not append";
    const auto kill_at = std::chrono::steady_clock::now() +
                         std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 60)(rng));
    while (std::chrono::steady_clock::now() < kill_at) drain(fds[0], buffer, reported, 1);
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child ended by itself: " << status;
    while (drain(fds[0], buffer, reported, 1000)) {
    }
    close(fds[0]);
    for (const auto& t : reported) all_reported[t.id] = t;

    ASSERT_EQ(testing::query_text(db, "PRAGMA integrity_check"), "ok");
    auto ob = Outbox::open(db);
    ASSERT_TRUE(ob.ok()) << to_string(ob.error());
    auto ledger = (*ob)->tickets();
    ASSERT_TRUE(ledger.ok());
    std::map<std::string, Ticket> stored;
    for (const auto& t : *ledger) stored[t.id] = t;
    for (const auto& [id, t] : all_reported) {
      auto it = stored.find(id);
      ASSERT_NE(it, stored.end()) << "a returned append is lost: " << t.code;
      EXPECT_EQ(it->second, t);
    }
    // Each outbox row carries its ticket's exact body: nothing half-written in either table.
    auto rows = (*ob)->pending(1000000);
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), stored.size());
    for (const auto& row : *rows) {
      auto it = stored.find(row.id);
      ASSERT_NE(it, stored.end());
      EXPECT_EQ(row.body, ticket_to_json(it->second).dump());
    }
    EXPECT_EQ(testing::orphan_rows(db), 0);
    // Rows that were committed but not yet reported are fine; rows never disappear.
    EXPECT_GE(static_cast<long>(stored.size()), last_total);
    last_total = static_cast<long>(stored.size());
  }
  EXPECT_GE(all_reported.size(), 50u);
}

}  // namespace
}  // namespace wk::store
