#pragma once
// LISTEN on one PostgreSQL channel, on a connection and a thread of its own: every NOTIFY any session
// sends there (this process's too) reaches `heard`, on that thread. A lost connection is made again
// (once a second while the server is away); what was sent meanwhile is lost, which the long-polls'
// own deadline bounds (service/cross_instance.hpp). Internal to store/.
#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "store/service_db.hpp"

namespace wk::store {

class PgListener final : public Subscription {
 public:
  PgListener(PostgresTarget target, std::string channel, std::function<void(const std::string&)> heard);
  ~PgListener() override;  // stops the thread and closes the connection
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;

 private:
  void run();

  PostgresTarget target_;
  std::string channel_;
  std::function<void(const std::string&)> heard_;
  int stop_fd_;  // an eventfd: written once to stop the thread at once
  std::thread thread_;
};

}  // namespace wk::store
