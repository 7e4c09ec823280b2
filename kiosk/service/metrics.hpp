#pragma once
// GET /metrics in the Prometheus text format (version 0.0.4). Ticket and device numbers come from the
// database at scrape time; request counts are kept in memory since the server started.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "store/service_db.hpp"

namespace wk::service {

class RequestCounter {
 public:
  void count(int status);
  std::map<int, std::uint64_t> snapshot() const;

 private:
  mutable std::mutex mu_;
  std::map<int, std::uint64_t> by_status_;
};

std::string render_metrics(const std::vector<store::TicketCount>& tickets,
                           const std::map<std::string, std::int64_t>& devices_by_role,
                           const std::map<int, std::uint64_t>& requests_by_status);

}  // namespace wk::service
