#include "net/staff_client.hpp"

#include <nlohmann/json.hpp>

#include <utility>

#include "core/ticket.hpp"

namespace wk::net {
namespace {

Result<nlohmann::json> parse_body(const Response& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return make_error("bad_response", "The queue service sent an answer the counter cannot read.",
                      "HTTP " + std::to_string(r.status) + ": not JSON");
  return j;
}

// A non-2xx answer as an Error with the contract's code, so core can tell "log in again" from "gone".
Error http_error(const Response& r) {
  std::string code, message;
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (!j.is_discarded() && j.is_object() && j.contains("error") && j["error"].is_object()) {
    code = j["error"].value("code", "");
    message = j["error"].value("message", "");
  }
  // 403 and 404 mean one thing to the counter whatever the service calls them ("no_such_ticket",
  // "no_such_volunteer"): not for this session, and not there.
  if (r.status == 401 && code != "bad_login")
    code = "unauthorized";
  else if (r.status == 403)
    code = "forbidden";
  else if (r.status == 404)
    code = "not_found";
  else if (r.status == 429)
    code = "rate_limited";
  else if (code.empty())
    code = r.status == 409 ? "conflict" : "http_" + std::to_string(r.status);
  if (message.empty())
    message = "The queue service refused the request (HTTP " + std::to_string(r.status) + ").";
  return make_error(code, message, "HTTP " + std::to_string(r.status));
}

const char* action_path(counter::Action a) {
  switch (a) {
    case counter::Action::Recall:
      return "recall";
    case counter::Action::Served:
      return "served";
    case counter::Action::NoShow:
      return "no-show";
    case counter::Action::Transfer:
      return "transfer";
    case counter::Action::Later:
      return "later";
    case counter::Action::CallNext:
    case counter::Action::CallCode:
      break;
  }
  return "";
}

Result<std::optional<counter::DeskTicket>> optional_ticket(const Result<Response>& r) {
  if (!r) return r.error();
  if (r->status == 204 || r->status == 404) return std::optional<counter::DeskTicket>();
  if (r->status / 100 != 2) return http_error(r.value());
  auto j = parse_body(r.value());
  if (!j) return j.error();
  auto t = counter::desk_ticket_from_json(j.value());
  if (!t) return t.error();
  return std::optional<counter::DeskTicket>(std::move(t.value()));
}

// The id goes into a path: only the API's UUIDs are sent, so a strange id from an answer never makes
// another request out of this one.
Result<void> checked_id(const std::string& id) {
  if (is_uuid(id)) return Ok{};
  return make_error("bad_request", "This registration has an id the counter does not send.", "not a UUID");
}

// A 409 on a call-back request means one thing to the counter, whatever the service calls it
// ("taken_by_other", "not_taken_by_you"): somebody else has it. The service's word stays in the detail.
Error callback_error(const Response& r) {
  Error e = http_error(r);
  if (r.status == 409) {
    e.detail += " " + e.code;
    e.code = "conflict";
  }
  return e;
}

Result<void> no_content(const Result<Response>& r) {
  if (!r) return r.error();
  if (r->status / 100 != 2) return http_error(r.value());
  return Ok{};
}

}  // namespace

StaffClient::StaffClient(ClientOptions options) : options_(std::move(options)) {
  options_.token.clear();
  client_ = std::make_unique<QueueClient>(options_);
}

StaffClient::~StaffClient() = default;

// QueueClient takes its token at construction: a new token means a new client (and connection).
void StaffClient::forget_token() {
  token_.clear();
  options_.token.clear();
  client_ = std::make_unique<QueueClient>(options_);
}

Result<Response> StaffClient::send(bool post, const std::string& path, const std::string& body) {
  return post ? client_->post(path, body) : client_->get(path);
}

Result<long> StaffClient::login(const std::string& location, const std::string& user,
                                const std::string& password) {
  forget_token();
  const nlohmann::json body = {{"location", location}, {"user", user}, {"password", password}};
  auto r = send(true, "/v1/login", body.dump());
  if (!r) return r.error();
  if (r->status == 429) retry_after_s_ = r->retry_after_s;
  if (r->status == 401) return make_error("bad_login", "User name or password is wrong.", "HTTP 401");
  if (r->status / 100 != 2) return http_error(r.value());
  auto j = parse_body(r.value());
  if (!j) return j.error();
  if (!j->is_object() || !(*j)["token"].is_string() || j->at("token").get<std::string>().empty())
    return make_error("bad_response", "The queue service sent no session token.", "login: token missing");
  token_ = j->at("token").get<std::string>();
  options_.token = token_;
  client_ = std::make_unique<QueueClient>(options_);
  retry_after_s_ = 0;
  return 0L;
}

Result<counter::QueueSnapshot> StaffClient::queue() {
  auto r = send(false, "/v1/queue");
  if (!r) return r.error();
  if (r->status / 100 != 2) return http_error(r.value());
  auto j = parse_body(r.value());
  if (!j) return j.error();
  return counter::queue_from_json(j.value());
}

Result<LocationConfig> StaffClient::location_config() {
  auto r = send(false, "/v1/config");
  if (!r) return r.error();
  if (r->status / 100 != 2) return http_error(r.value());
  auto j = parse_body(r.value());
  if (!j) return j.error();
  return location_config_from_json(j.value(), "GET /v1/config");
}

Result<std::optional<counter::DeskTicket>> StaffClient::call_next(int desk,
                                                                  const std::vector<std::string>& topics) {
  const nlohmann::json body = {{"topics", topics}};
  return optional_ticket(send(true, "/v1/desks/" + std::to_string(desk) + "/next", body.dump()));
}

Result<std::optional<counter::DeskTicket>> StaffClient::call_code(int desk, const std::string& code) {
  const nlohmann::json body = {{"code", code}};
  return optional_ticket(send(true, "/v1/desks/" + std::to_string(desk) + "/call", body.dump()));
}

Result<counter::DeskTicket> StaffClient::ticket_action(counter::Action action, const std::string& ticket_id,
                                                       const std::string& topic) {
  nlohmann::json body = nlohmann::json::object();
  if (action == counter::Action::Transfer) body["topic"] = topic;
  // Ticket ids are the kiosk's UUIDs: nothing in them needs escaping in a path.
  auto r = send(true, "/v1/tickets/" + ticket_id + "/" + action_path(action), body.dump());
  if (!r) return r.error();
  if (r->status / 100 != 2) return http_error(r.value());
  auto j = parse_body(r.value());
  if (!j) return j.error();
  return counter::desk_ticket_from_json(j.value());
}

Result<counter::Reprint> StaffClient::reprint(const std::string& ticket_id) {
  auto r = send(true, "/v1/tickets/" + ticket_id + "/reprint", "{}");
  if (!r) return r.error();
  if (r->status / 100 != 2) return http_error(r.value());
  auto j = parse_body(r.value());
  if (!j) return j.error();
  return counter::print_job_from_json(j.value());
}

Result<counter::Reprint> StaffClient::print_job(std::int64_t job_id) {
  auto r = send(false, "/v1/print-jobs/" + std::to_string(job_id));
  if (!r) return r.error();
  if (r->status / 100 != 2) return http_error(r.value());
  auto j = parse_body(r.value());
  if (!j) return j.error();
  return counter::print_job_from_json(j.value());
}

Result<std::vector<counter::Volunteer>> StaffClient::volunteers() {
  auto r = send(false, "/v1/volunteers");
  if (!r) return r.error();
  if (r->status / 100 != 2) return http_error(r.value());
  auto j = parse_body(r.value());
  if (!j) return j.error();
  return counter::volunteers_from_json(j.value());
}

Result<void> StaffClient::volunteer_handled(const std::string& id) {
  if (auto ok = checked_id(id); !ok) return ok;
  return no_content(send(true, "/v1/volunteers/" + id + "/handled", "{}"));
}

Result<void> StaffClient::forget_volunteer(const std::string& id) {
  if (auto ok = checked_id(id); !ok) return ok;
  return no_content(client_->remove("/v1/volunteers/" + id));
}

Result<std::vector<counter::Callback>> StaffClient::callbacks() {
  auto r = send(false, "/v1/callbacks");
  if (!r) return r.error();
  if (r->status / 100 != 2) return callback_error(r.value());
  auto j = parse_body(r.value());
  if (!j) return j.error();
  return counter::callbacks_from_json(j.value());
}

Result<counter::Callback> StaffClient::take_callback(const std::string& id) {
  if (auto ok = checked_id(id); !ok) return ok.error();
  auto r = send(true, "/v1/callbacks/" + id + "/take", "{}");
  if (!r) return r.error();
  if (r->status / 100 != 2) return callback_error(r.value());
  auto j = parse_body(r.value());
  if (!j) return j.error();
  return counter::callback_row_from_json(j.value());
}

Result<void> StaffClient::callback_outcome(const std::string& id, counter::CallOutcome outcome) {
  if (auto ok = checked_id(id); !ok) return ok;
  const nlohmann::json body = {{"outcome", counter::call_outcome_name(outcome)}};
  auto r = send(true, "/v1/callbacks/" + id + "/outcome", body.dump());
  if (!r) return r.error();
  if (r->status / 100 != 2) return callback_error(r.value());
  return Ok{};
}

}  // namespace wk::net
