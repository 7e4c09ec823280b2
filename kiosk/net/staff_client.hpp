#pragma once
// The counter's calls to the queue service (API.md): login, the queue, and the desk's actions, over the
// one QueueClient. Blocking: the counter runs it on its own worker thread. The session token from login is
// kept here, in memory only, and sent as the bearer token of every later call.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/counter.hpp"
#include "core/result.hpp"
#include "net/queue_client.hpp"

namespace wk::net {

// Errors come back with the contract's codes: "network"/"tls" (unreachable), "unauthorized" (401: log in
// again), "bad_login", "rate_limited" (detail holds Retry-After seconds), "not_found", "conflict", or the
// service's own error code.
class StaffClient {
 public:
  explicit StaffClient(ClientOptions options);  // options.token is ignored: login gives one
  ~StaffClient();

  Result<long> login(const std::string& location, const std::string& user, const std::string& password);
  void forget_token();
  bool has_token() const { return !token_.empty(); }
  long retry_after_s() const { return retry_after_s_; }  // from the last 429

  Result<counter::QueueSnapshot> queue();
  Result<LocationConfig> location_config();
  // No ticket: nobody waits for these topics (204), or no waiting ticket has that code (404).
  Result<std::optional<counter::DeskTicket>> call_next(int desk, const std::vector<std::string>& topics);
  Result<std::optional<counter::DeskTicket>> call_code(int desk, const std::string& code);
  // recall | served | no-show | transfer | later (topic only for transfer)
  Result<counter::DeskTicket> ticket_action(counter::Action action, const std::string& ticket_id,
                                            const std::string& topic = {});
  // Asks the kiosk that issued the ticket to print it again; then follows that print job.
  Result<counter::Reprint> reprint(const std::string& ticket_id);
  Result<counter::Reprint> print_job(std::int64_t job_id);
  // The volunteers' registrations of the session's location not handled yet, oldest first; marking one
  // handled; forgetting one on the volunteer's request (DELETE). 403 comes back as "forbidden" (another
  // location's registration, or not a staff session), 404 as "not_found".
  Result<std::vector<counter::Volunteer>> volunteers();
  Result<void> volunteer_handled(const std::string& id);
  Result<void> forget_volunteer(const std::string& id);
  // The location's call-back requests, oldest first; taking one (the answer holds its number); how the
  // call ended. 403 comes back as "forbidden" (another location's request), 404 as "not_found", and every
  // 409 as "conflict" (a colleague took it, or it is not this staff member's to close).
  Result<std::vector<counter::Callback>> callbacks();
  Result<counter::Callback> take_callback(const std::string& id);
  Result<void> callback_outcome(const std::string& id, counter::CallOutcome outcome);

 private:
  Result<Response> send(bool post, const std::string& path, const std::string& body = {});
  ClientOptions options_;
  std::string token_;
  long retry_after_s_ = 0;
  std::unique_ptr<QueueClient> client_;
};

}  // namespace wk::net
