#include "net/counter_worker.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

#include "core/failure.hpp"
#include "core/overloaded.hpp"
#include "store/file_write.hpp"
#include "store/tz_file.hpp"

#include <chrono>
#include <cstdio>
#include <functional>
#include <optional>
#include <utility>

namespace wk::net {
namespace {

// A failed call: an ended session is the same event whatever the call was; the rest is the call's own.
template <class OnOther>
void on_failure(const Error& e, const std::function<void(counter::Event)>& post, OnOther other) {
  if (failure_of(e) == Failure::session_over)
    post(counter::ev::SessionExpired{});
  else
    other();
}

}  // namespace

std::vector<std::string> load_desk_topics(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  const auto j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> topics;
  if (!j.is_array()) return topics;
  for (const auto& t : j)
    if (t.is_string()) topics.push_back(t.get<std::string>());
  return topics;
}

CounterWorker::CounterWorker(Options options) : o_(std::move(options)) {
  o_.client.cancel = jobs_.stop_signal().flag();
  auto client = std::make_shared<StaffClient>(o_.client);
  next_refresh_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(o_.refresh_ms);
  jobs_.start({.run = [this, client](counter::Effect& effect) { execute(*client, effect); },
               .idle = [this, client] { return idle(*client); }});
}

worker::SteadyTime CounterWorker::idle(StaffClient& client) {
  const auto now = std::chrono::steady_clock::now();
  if (follow_job_ && now >= follow_at_) {
    const std::int64_t id = *std::exchange(follow_job_, std::nullopt);
    auto r = client.print_job(id);
    if (r)
      o_.post(counter::ev::ReprintUpdate{r->job_id, r->status});
    else
      on_failure(r.error(), o_.post, [&] { o_.post(counter::ev::ReprintFailed{failure_of(r.error())}); });
  } else if (now >= next_refresh_) {
    // No job and the refresh is due: what others did at their desks, and whether the service is back.
    next_refresh_ = now + std::chrono::milliseconds(o_.refresh_ms);
    if (client.has_token()) execute(client, counter::fx::FetchQueue{});
  }
  return follow_job_ ? std::min(next_refresh_, follow_at_) : next_refresh_;
}

void CounterWorker::execute(StaffClient& client, const counter::Effect& effect) {
  using namespace counter;
  auto failed = [&](Action a, const Error& e) {
    // The screen says it in words; the log keeps what went wrong (codes and HTTP status, no personal data).
    if (failure_of(e) == Failure::refused)
      std::fprintf(stderr, "wijkkiosk: a desk action was refused: %s\n", to_string(e).c_str());
    on_failure(e, o_.post, [&] { o_.post(ev::ActionFailed{a, failure_of(e)}); });
  };
  std::visit(
      Overloaded{
          [&](const fx::Login& l) {
            auto r = client.login(l.location, l.user, l.password);
            if (r)
              o_.post(ev::LoginOk{});
            else
              o_.post(ev::LoginFailed{failure_of(r.error()), client.retry_after_s()});
          },
          [&](const fx::FetchQueue&) {
            auto q = client.queue();
            if (q)
              o_.post(ev::QueueLoaded{std::move(q.value())});
            else
              on_failure(q.error(), o_.post, [&] {
                if (failure_of(q.error()) == Failure::unreachable)
                  o_.post(ev::Offline{});
                else
                  std::fprintf(stderr, "wijkkiosk: the queue could not be read: %s\n",
                               to_string(q.error()).c_str());
              });
          },
          [&](const fx::FetchConfig&) {
            auto c = client.location_config();
            if (c) {
              // The location's zone, for the days volunteers registered; unknown here: the one in use stays.
              auto tz = store::load_tz_rule(c->timezone);
              if (!tz)
                std::fprintf(stderr, "wijkkiosk: %s; the counter keeps the time zone it had\n",
                             to_string(tz.error()).c_str());
              o_.post(ev::ConfigKnown{std::move(c.value()),
                                      tz ? std::optional<TzRule>(tz.value()) : std::nullopt});
            } else
              std::fprintf(stderr, "wijkkiosk: no location config: %s\n", to_string(c.error()).c_str());
          },
          [&](const fx::CallNext& c) {
            auto r = client.call_next(c.desk, c.topics);
            if (r)
              o_.post(ev::ActionDone{Action::CallNext, std::move(r.value())});
            else
              failed(Action::CallNext, r.error());
          },
          [&](const fx::CallCode& c) {
            auto r = client.call_code(c.desk, c.code);
            if (r)
              o_.post(ev::ActionDone{Action::CallCode, std::move(r.value())});
            else
              failed(Action::CallCode, r.error());
          },
          [&](const fx::TicketAction& a) {
            auto r = client.ticket_action(a.action, a.ticket_id, a.topic);
            if (r)
              o_.post(ev::ActionDone{a.action, std::move(r.value())});
            else
              failed(a.action, r.error());
          },
          [&](const fx::ForgetToken&) {
            client.forget_token();
            follow_job_.reset();
          },
          [&](const fx::SaveDeskTopics& t) {
            if (o_.desk_topics_file.empty()) return;
            if (auto saved =
                    store::write_file_atomically(o_.desk_topics_file, nlohmann::json(t.topics).dump());
                !saved)
              std::fprintf(stderr, "wijkkiosk: the desk's topics are not kept for the next start: %s\n",
                           to_string(saved.error()).c_str());
          },
          [&](const fx::RequestReprint& r) {
            auto job = client.reprint(r.ticket_id);
            if (job)
              o_.post(ev::ReprintUpdate{job->job_id, job->status});
            else
              on_failure(job.error(), o_.post, [&] { o_.post(ev::ReprintFailed{failure_of(job.error())}); });
          },
          [&](const fx::FetchVolunteers&) {
            auto v = client.volunteers();
            if (v)
              o_.post(ev::VolunteersLoaded{std::move(v.value())});
            else
              on_failure(v.error(), o_.post, [&] {
                // The error names fields at most, never a volunteer's name or number.
                if (failure_of(v.error()) != Failure::unreachable)
                  std::fprintf(stderr, "wijkkiosk: the volunteers could not be read: %s\n",
                               to_string(v.error()).c_str());
                o_.post(ev::VolunteersFailed{failure_of(v.error())});
              });
          },
          [&](const fx::VolunteerCall& c) {
            auto r = c.action == VolunteerAction::handled ? client.volunteer_handled(c.id)
                                                          : client.forget_volunteer(c.id);
            if (r)
              o_.post(ev::VolunteerDone{c.action, c.id});
            else
              on_failure(r.error(), o_.post, [&] {
                o_.post(ev::VolunteerFailed{c.action, c.id, failure_of(r.error())});
              });
          },
          [&](const fx::FetchCallbacks&) {
            auto c = client.callbacks();
            if (c)
              o_.post(ev::CallbacksLoaded{std::move(c.value())});
            else
              on_failure(c.error(), o_.post, [&] {
                // The error names fields at most, never a number.
                if (failure_of(c.error()) != Failure::unreachable)
                  std::fprintf(stderr, "wijkkiosk: the call-back requests could not be read: %s\n",
                               to_string(c.error()).c_str());
                o_.post(ev::CallbacksFailed{failure_of(c.error())});
              });
          },
          [&](const fx::TakeCallback& t) {
            auto c = client.take_callback(t.id);
            if (c)
              o_.post(ev::CallbackTaken{std::move(c.value())});
            else
              on_failure(c.error(), o_.post, [&] {
                o_.post(ev::CallbackFailed{CallbackStep::take, t.id, failure_of(c.error())});
              });
          },
          [&](const fx::SendOutcome& o) {
            auto r = client.callback_outcome(o.id, o.outcome);
            if (r)
              o_.post(ev::OutcomeSent{o.id, o.outcome});
            else
              on_failure(r.error(), o_.post, [&] {
                o_.post(ev::CallbackFailed{CallbackStep::outcome, o.id, failure_of(r.error())});
              });
          },
          [&](const fx::FollowReprint& f) {
            // Looked at from loop() a moment from now, between the desk's own actions.
            follow_job_ = f.job_id;
            follow_at_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(o_.follow_reprint_ms);
            jobs_.wake_by(follow_at_);
          },
      },
      effect);
}

}  // namespace wk::net
