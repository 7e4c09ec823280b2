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

// Everything a scrape shows, read at scrape time.
struct MetricsSnapshot {
  std::vector<store::TicketCount> issued;           // per location and the topic each ticket was issued for
  std::vector<store::TicketCount> called;           // first calls (not recalls), per location and topic
  std::vector<store::TicketCount> closed;           // per location, topic and outcome
  std::vector<store::TicketCount> code_collisions;  // tickets stored with a code already held that day
  std::map<std::string, std::int64_t> devices_by_role;  // kiosks and displays not revoked
  std::vector<store::VolunteerCount> volunteers;        // registrations held now, per location and interest
  std::map<int, std::uint64_t> requests_by_status;
  std::vector<store::DurationHistogram> waits, desk_times;  // over kWaitBucketsS / kDeskBucketsS
  int long_polls_waiting = 0;                               // parked on the LongPollBoard now
  int connections_open = 0;                                 // TCP connections the server holds now
};

// Bucket bounds in seconds: a walk-in's waits run from minutes to a couple of hours, a conversation at
// the desk from minutes to an hour.
const std::vector<double>& wait_buckets_s();
const std::vector<double>& desk_buckets_s();

// Every counter only goes up: nothing is counted under a key that later changes.
std::string render_metrics(const MetricsSnapshot& m);

}  // namespace wk::service
