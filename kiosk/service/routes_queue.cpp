// The counter and the display: the queue, calling tickets to desks, each ticket's life after its call,
// and GET /v1/calls, which displays long-poll. Staff act only on their own location: every look-up
// carries the location of the session, so another location's ticket is simply not found (404).
#include <chrono>

#include "core/clock.hpp"
#include "service/code_fields.hpp"
#include "service/http.hpp"
#include "service/secrets.hpp"

namespace wk::service::http {
namespace {

constexpr int kMaxCalls = 50;
constexpr int kMaxWaitS = 30;

nlohmann::json opt_json(const auto& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

nlohmann::json ticket_json(const store::QueueTicket& t) {
  return {{"id", t.id},
          {"code", t.code},
          {"topic", t.topic},
          {"language", t.language},
          {"status", t.status},
          {"desk", opt_json(t.desk)},
          {"called_at", t.called_at ? nlohmann::json(to_rfc3339(*t.called_at)) : nlohmann::json()},
          {"created_at", to_rfc3339(t.created_at)},
          {"local_day", t.local_day},
          {"remote", t.remote}};
}

// The desk of /v1/desks/{desk}/...: 1 to 99, else 422 naming "desk".
std::optional<int> desk_of(const Request& req, Response& res) {
  const auto desk = parse_int(req.matches[1]);
  if (!desk || *desk < 1 || *desk > 99) {
    send_error(res, 422, "field_invalid", "The desk must be a number from 1 to 99.", "desk");
    return std::nullopt;
  }
  return static_cast<int>(*desk);
}

std::optional<LocationView> location_of(Context& ctx, const store::DeviceRow& staff, Response& res) {
  auto location = ctx.locations.get(staff.location);
  if (!location) {
    send_store_error(res, location.error());
    return std::nullopt;
  }
  if (!location.value()) {
    send_error(res, 403, "forbidden", "The location of this session no longer exists on the service.");
    return std::nullopt;
  }
  return std::move(location.value());
}

void send_call(Context& ctx, Response& res, const std::string& location,
               const Result<std::optional<store::TicketChange>>& called, int none_status) {
  if (!called) return send_store_error(res, called.error());
  if (!called.value()) {
    if (none_status == 204) {
      res.status = 204;
      return;
    }
    return send_error(res, 404, "no_such_ticket", "No ticket with this code waits at this location.");
  }
  // After the commit: a display that wakes up reads the call from the database.
  ctx.long_polls.notify(calls_channel(location), called.value()->call_seq);
  ctx.long_polls.bump(counter_channel(location));
  const store::QueueTicket& t = called.value()->ticket;
  nlohmann::json j = ticket_json(t);
  add_code_fields(j, t.code_shared, issued_time(ctx.locations, location, t.created_at));
  send_json(res, 200, j);
}

// The queue's version as a counter sees it: this process's start and the location's change count, so a
// version from before a restart never matches again (the counter then gets the queue at once). On
// PostgreSQL the count is the database's, the same at every instance and over restarts: "db.SEQ".
std::string queue_version(const Context& ctx, std::int64_t seq) {
  static const std::string process = new_token().substr(0, 8);
  return (ctx.db.is_postgres() ? std::string("db") : process) + "." + std::to_string(seq);
}

// GET /v1/queue; with ?since=VERSION&wait=S it waits up to S seconds while VERSION is still current, so the
// web counter is live without polling.
void get_queue(Context& ctx, const Request& req, Response& res) {
  const auto staff = authorize(ctx, req, res, {"staff"});
  if (!staff) return;
  std::optional<std::int64_t> wait;
  if (!query_int(req, res, "wait", 0, kMaxWaitS, wait)) return;
  // Read before the database: a change in between makes the answer newer than its version, never older.
  const std::int64_t seq = ctx.long_polls.latest(counter_channel(staff->location));
  if (!req.waited && wait.value_or(0) > 0 && req.get_param_value("since") == queue_version(ctx, seq))
    return park(res, counter_channel(staff->location), seq, std::chrono::seconds(*wait), staff->id);
  if (req.waited == LongPollBoard::Wait::too_many_waiters) res.set_header("Retry-After", "2");
  const auto view = location_of(ctx, *staff, res);
  if (!view) return;
  std::vector<std::string> topics;
  if (view->config)
    for (const auto& t : view->config->topics) topics.push_back(t.id);
  const UnixMs now = ctx.now();
  const auto today = today_at(ctx, *view, now, res);
  if (!today) return;
  auto queue = ctx.db.queue(staff->location, topics, *today, now);
  if (!queue) return send_store_error(res, queue.error());
  nlohmann::json waiting = nlohmann::json::array(), per_topic = nlohmann::json::array(),
                 called = nlohmann::json::array();
  for (const auto& t : queue->waiting) {
    waiting.push_back({{"id", t.id},
                       {"code", t.code},
                       {"topic", t.topic},
                       {"language", t.language},
                       {"created_at", to_rfc3339(t.created_at)}});
    add_code_fields(waiting.back(), t.code_shared, local_hhmm(view->tz, t.created_at));
  }
  for (const auto& q : queue->topics)
    per_topic.push_back({{"topic", q.topic},
                         {"waiting", q.waiting},
                         {"longest_wait_s", q.longest_wait_s},
                         {"estimated_wait_s", q.estimated_wait_s}});
  for (const auto& t : queue->called) {
    called.push_back(
        {{"id", t.id},
         {"code", t.code},
         {"topic", t.topic},
         {"desk", opt_json(t.desk)},
         {"called_at", t.called_at ? nlohmann::json(to_rfc3339(*t.called_at)) : nlohmann::json()}});
    add_code_fields(called.back(), t.code_shared, local_hhmm(view->tz, t.created_at));
  }
  res.set_header("Cache-Control", "no-store");
  // "day": the location's today, which the queue is: a counter drops a ticket of an earlier day.
  send_json(res, 200,
            {{"day", *today},
             {"waiting", waiting},
             {"topics", per_topic},
             {"called", called},
             {"version", queue_version(ctx, seq)}});
}

void post_next(Context& ctx, const Request& req, Response& res) {
  const auto staff = authorize(ctx, req, res, {"staff"});
  if (!staff) return;
  const auto desk = desk_of(req, res);
  if (!desk) return;
  std::vector<std::string> topics;
  // The body is optional: none, {} or "topics": [] all mean any topic.
  if (!req.body.empty()) {
    const auto body = read_json_body(req, res);
    if (!body) return;
    if (body->is_object() && body->contains("topics") && !(*body)["topics"].is_null()) {
      const auto& list = (*body)["topics"];
      const bool valid =
          list.is_array() && list.size() <= 50 && std::all_of(list.begin(), list.end(), [](const auto& t) {
            return t.is_string() && !t.template get<std::string>().empty() &&
                   t.template get<std::string>().size() <= 64;
          });
      if (!valid)
        return send_error(res, 422, "field_invalid", "The field 'topics' must be a list of topic ids.",
                          "topics");
      for (const auto& t : list) topics.push_back(t.get<std::string>());
    }
  }
  const auto view = location_of(ctx, *staff, res);
  if (!view) return;
  const UnixMs now = ctx.now();
  const auto today = today_at(ctx, *view, now, res);
  if (!today) return;
  send_call(ctx, res, staff->location, ctx.db.call_next(staff->location, *desk, topics, *today, now), 204);
}

void post_call_code(Context& ctx, const Request& req, Response& res) {
  const auto staff = authorize(ctx, req, res, {"staff"});
  if (!staff) return;
  const auto desk = desk_of(req, res);
  if (!desk) return;
  const auto body = read_json_body(req, res);
  if (!body) return;
  if (!body->is_object() || !body->contains("code") || !(*body)["code"].is_string() ||
      (*body)["code"].get<std::string>().empty() || (*body)["code"].get<std::string>().size() > 16)
    return send_error(res, 422, "field_invalid", "The field 'code' must be a ticket code such as \"S-012\".",
                      "code");
  const auto view = location_of(ctx, *staff, res);
  if (!view) return;
  const UnixMs now = ctx.now();
  const auto today = today_at(ctx, *view, now, res);
  if (!today) return;
  send_call(ctx, res, staff->location,
            ctx.db.call_code(staff->location, *desk, (*body)["code"].get<std::string>(), *today, now), 404);
}

void post_ticket_step(Context& ctx, const Request& req, Response& res) {
  const auto staff = authorize(ctx, req, res, {"staff"});
  if (!staff) return;
  const std::string id = req.matches[1];
  const std::string step = req.matches[2];
  store::TicketAction action = store::TicketAction::recall;
  std::string topic;
  if (step == "served") action = store::TicketAction::served;
  if (step == "no-show") action = store::TicketAction::no_show;
  if (step == "later") action = store::TicketAction::later;
  const auto view = location_of(ctx, *staff, res);
  if (!view) return;
  const UnixMs now = ctx.now();
  // A ticket left from an earlier day is expired before any step: a step on it is then refused (409), and
  // the counter learns that the day has ended.
  if (!today_at(ctx, *view, now, res)) return;
  if (step == "transfer") {
    action = store::TicketAction::transfer;
    const auto body = read_json_body(req, res);
    if (!body) return;
    if (body->is_object() && body->contains("topic") && (*body)["topic"].is_string())
      topic = (*body)["topic"].get<std::string>();
    if (!view->config || view->config->topic(topic) == nullptr)
      return send_error(res, 422, "unknown_topic",
                        "The field 'topic' must name a topic of location '" + staff->location + "'.",
                        "topic");
  }
  auto changed = ctx.db.change_ticket(staff->location, id, action, topic, now);
  if (!changed) {
    if (changed.error().code == "bad_transition" || changed.error().code == "not_remote")
      return send_error(res, 409, changed.error().code, changed.error().message);
    return send_store_error(res, changed.error());
  }
  if (!changed.value())
    return send_error(res, 404, "no_such_ticket", "There is no ticket with this id at this location.");
  if (changed.value()->call_seq > 0)
    ctx.long_polls.notify(calls_channel(staff->location), changed.value()->call_seq);
  ctx.long_polls.bump(counter_channel(staff->location));
  nlohmann::json j = ticket_json(changed.value()->ticket);
  add_code_fields(j, changed.value()->ticket.code_shared,
                  local_hhmm(view->tz, changed.value()->ticket.created_at));
  send_json(res, 200, j);
}

void get_calls(Context& ctx, const Request& req, Response& res) {
  const auto device = authorize(ctx, req, res, {"display", "staff"});
  if (!device) return;
  std::optional<std::int64_t> after, wait;
  if (!query_int(req, res, "after", 0, INT64_MAX, after) || !query_int(req, res, "wait", 0, kMaxWaitS, wait))
    return;
  const std::string& location = device->location;
  auto rows = ctx.db.calls(location, after, kMaxCalls);
  if (!rows) return send_store_error(res, rows.error());
  if (rows->empty() && wait.value_or(0) > 0) {
    // Nothing yet: wait, holding no thread, and come back here when a call arrives or the wait ends.
    if (!req.waited)
      return park(res, calls_channel(location), after.value_or(0), std::chrono::seconds(*wait), device->id);
    // Over the cap per device (or in total): the display asks again later.
    if (*req.waited == LongPollBoard::Wait::too_many_waiters) res.set_header("Retry-After", "2");
  }
  std::int64_t last_seq = 0;
  if (!rows->empty()) {
    last_seq = rows->back().seq;
  } else {
    auto latest = ctx.db.latest_call_seq(location);
    if (!latest) return send_store_error(res, latest.error());
    last_seq = latest.value();
  }
  nlohmann::json calls = nlohmann::json::array();
  auto view = ctx.locations.get(location);  // its time zone, for the issue times
  if (!view) return send_store_error(res, view.error());
  for (const auto& c : *rows) {
    calls.push_back({{"seq", c.seq},
                     {"code", c.code},
                     {"desk", c.desk},
                     {"called_at", to_rfc3339(c.called_at)},
                     {"recall", c.recall}});
    add_code_fields(calls.back(), c.code_shared,
                    view.value() ? local_hhmm(view.value()->tz, c.issued_at) : std::string());
  }
  res.set_header("Cache-Control", "no-store");
  send_json(res, 200, {{"calls", calls}, {"last_seq", last_seq}});
}

}  // namespace

void install_queue_routes(Router& router, Context& ctx) {
  router.get("/v1/queue", route(ctx, get_queue));
  router.post(R"(/v1/desks/(\d{1,4})/next)", route(ctx, post_next));
  router.post(R"(/v1/desks/(\d{1,4})/call)", route(ctx, post_call_code));
  router.post(R"(/v1/tickets/([0-9A-Fa-f-]{36})/(recall|served|no-show|transfer|later))",
              route(ctx, post_ticket_step));
  router.get("/v1/calls", route(ctx, get_calls));
}

}  // namespace wk::service::http
