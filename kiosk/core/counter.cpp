#include "core/counter.hpp"

#include "core/failure.hpp"
#include "core/overloaded.hpp"

#include <algorithm>
#include <cctype>

namespace wk::counter {
namespace {

// The msgids of the counter's notices: the screen translates them.
constexpr const char* kOffline = "Offline: you cannot call until the service is reachable again.";
constexpr const char* kBusy = "Finish the current ticket first: served, no-show or transfer.";
constexpr const char* kDayEnded = "The day has ended: the ticket at this desk was closed.";
constexpr const char* kNobody = "Nobody is waiting for these topics.";
constexpr const char* kNoCode = "No waiting ticket has that code.";

struct Fields {
  const nlohmann::json& j;
  std::string where;
  std::optional<Error> error;
  void fail(const std::string& field, const std::string& why) {
    if (!error)
      error = make_error("bad_response", "The queue service sent an answer the counter cannot read.",
                         where + "." + field + " " + why);
  }
  std::string text(const char* field, bool required = true) {
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) {
      if (required) fail(field, "is missing");
      return {};
    }
    if (!it->is_string()) {
      fail(field, "must be text");
      return {};
    }
    return it->get<std::string>();
  }
  long number(const char* field) {
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) return 0;
    if (it->is_number()) return static_cast<long>(it->get<double>());
    fail(field, "must be a number");
    return 0;
  }
  // A desk is a number in the contract; a service that sends "2" is understood as well.
  int desk(const char* field) {
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) return 0;
    if (it->is_number_integer()) return it->get<int>();
    if (it->is_string()) {
      const std::string s = it->get<std::string>();
      if (!s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isdigit(ch); }) &&
          s.size() < 6)
        return std::stoi(s);
    }
    fail(field, "must be a desk number");
    return 0;
  }
  UnixMs time(const char* field) {
    const std::string s = text(field, false);
    if (s.empty()) return 0;
    auto t = parse_rfc3339(s);
    if (!t) {
      fail(field, "must be an RFC 3339 time");
      return 0;
    }
    return t.value();
  }
};

Update done(CounterState s, std::vector<Effect> fx = {}) {
  return {std::move(s), std::move(fx)};
}

// The common gate of every call: logged in, online, not already waiting for an answer.
bool may_send(CounterState& s) {
  if (s.phase != Phase::LoggedIn || s.busy) return false;
  if (!s.online) {
    s.notice = kOffline;
    return false;
  }
  return true;
}

Update ticket_action(CounterState s, Action a, std::string topic = {}) {
  if (!may_send(s)) return done(std::move(s));
  if (!s.current) return done(std::move(s));
  s.busy = a;
  s.notice.clear();
  const std::string id = s.current->id;
  return done(std::move(s), {fx::TicketAction{a, id, std::move(topic)}});
}

}  // namespace

Result<QueueSnapshot> queue_from_json(const nlohmann::json& j) {
  if (!j.is_object())
    return make_error("bad_response", "The queue service sent an unreadable queue.", "not an object");
  QueueSnapshot q;
  if (const auto day = j.find("day"); day != j.end() && day->is_string()) q.day = day->get<std::string>();
  auto list = [&](const char* name) -> const nlohmann::json* {
    const auto it = j.find(name);
    return it != j.end() && it->is_array() ? &*it : nullptr;
  };
  std::optional<Error> error;
  if (const auto* w = list("waiting"))
    for (std::size_t i = 0; i < w->size(); ++i) {
      Fields f{(*w)[i], "waiting[" + std::to_string(i) + "]", {}};
      if (!(*w)[i].is_object())
        return make_error("bad_response", "The queue service sent an unreadable queue.");
      q.waiting.push_back(
          {f.text("id"), f.text("code"), f.text("topic"), f.text("language", false), f.time("created_at")});
      if (f.error) return *f.error;
    }
  if (const auto* t = list("topics"))
    for (std::size_t i = 0; i < t->size(); ++i) {
      if (!(*t)[i].is_object())
        return make_error("bad_response", "The queue service sent an unreadable queue.");
      Fields f{(*t)[i], "topics[" + std::to_string(i) + "]", {}};
      q.topics.push_back({f.text("topic"), static_cast<int>(f.number("waiting")), f.number("longest_wait_s"),
                          f.number("estimated_wait_s")});
      if (f.error) return *f.error;
    }
  if (const auto* c = list("called"))
    for (std::size_t i = 0; i < c->size(); ++i) {
      if (!(*c)[i].is_object())
        return make_error("bad_response", "The queue service sent an unreadable queue.");
      Fields f{(*c)[i], "called[" + std::to_string(i) + "]", {}};
      q.called.push_back(
          {f.text("id"), f.text("code"), f.text("topic"), f.desk("desk"), f.time("called_at")});
      if (f.error) return *f.error;
    }
  return q;
}

Result<DeskTicket> desk_ticket_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return make_error("bad_response", "The queue service sent an unreadable ticket.");
  Fields f{j, "ticket", {}};
  DeskTicket t{f.text("id"),
               f.text("code"),
               f.text("topic"),
               f.text("language", false),
               ticket_status_from_name(f.text("status", false)),
               f.desk("desk"),
               f.text("local_day", false),
               j.contains("code_shared") && j["code_shared"].is_boolean() && j["code_shared"].get<bool>(),
               f.text("issued_time", false)};
  if (f.error) return *f.error;
  return t;
}

Result<Reprint> print_job_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("id") || !j["id"].is_number_integer())
    return make_error("bad_response", "The queue service sent an unreadable reprint.",
                      "print job: id missing");
  Fields f{j, "print job", {}};
  const std::string word = f.text("status");
  Reprint r{j["id"].get<std::int64_t>(), f.text("code", false), reprint_status_from_name(word)};
  if (f.error) return *f.error;
  if (r.status == ReprintStatus::unknown)
    return make_error("bad_response", "The queue service sent an unreadable reprint.",
                      "print job: status '" + word + "' unknown");
  return r;
}

std::string normalise_code(const std::string& typed) {
  std::string letters, digits, rest;
  for (unsigned char ch : typed) {
    if (std::isspace(ch) || ch == '-') continue;
    if (std::isalpha(ch) && digits.empty())
      letters += static_cast<char>(std::toupper(ch));
    else if (std::isdigit(ch) && !letters.empty())
      digits += static_cast<char>(ch);
    else
      rest += static_cast<char>(ch);
  }
  // Anything that is not "letters then digits" goes as typed (trimmed): the service will say 404.
  if (letters.empty() || digits.empty() || !rest.empty()) {
    std::string t = typed;
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
    const auto first = t.find_first_not_of(" \t");
    return first == std::string::npos ? std::string() : t.substr(first);
  }
  while (digits.size() > 1 && digits.front() == '0') digits.erase(0, 1);
  while (digits.size() < 3) digits.insert(0, "0");  // the printed form: "S-012"
  return letters + "-" + digits;
}

CounterState initial_counter(std::string location, int desk) {
  CounterState s;
  s.location = std::move(location);
  s.desk = desk;
  return s;
}

bool can_call(const CounterState& s) {
  return s.phase == Phase::LoggedIn && s.online && !s.busy && !s.current;
}
bool can_act_on_current(const CounterState& s) {
  return s.phase == Phase::LoggedIn && s.online && !s.busy && s.current.has_value();
}

namespace {
bool reprint_under_way(const std::optional<Reprint>& r) {
  return r && wk::reprint_under_way(r->status);
}
}  // namespace

bool can_reprint(const CounterState& s) {
  return s.phase == Phase::LoggedIn && s.online && s.current.has_value() && !reprint_under_way(s.reprint);
}

std::string reprint_notice(const CounterState& s) {
  if (!s.reprint) return {};
  switch (s.reprint->status) {
    case ReprintStatus::asking:
    case ReprintStatus::pending:
      return "Asking the kiosk to print {code} again…";
    case ReprintStatus::printing:
      return "The kiosk is printing {code}…";
    case ReprintStatus::printed:
      return "{code} was printed at the kiosk.";
    case ReprintStatus::paper_out:
      return "The kiosk's printer is out of paper: {code} was not printed.";
    case ReprintStatus::cover_open:
      return "The kiosk's printer is open: {code} was not printed.";
    case ReprintStatus::offline:
      return "The kiosk's printer does not answer: {code} was not printed.";
    case ReprintStatus::no_printer:
      return "This kiosk has no printer: {code} was not printed.";
    case ReprintStatus::expired:
      return "The kiosk did not pick up the reprint of {code}. Is it switched on?";
    case ReprintStatus::unknown:
      return "The service cannot be reached: look at the kiosk whether {code} came out.";
    case ReprintStatus::failed:
      break;
  }
  return "The kiosk could not print {code}.";
}

std::vector<TopicLoad> visible_loads(const CounterState& s) {
  std::vector<TopicLoad> out;
  if (!s.queue) return out;
  auto wanted = [&](const std::string& t) { return s.my_topics.empty() || s.my_topics.count(t) > 0; };
  for (const auto& id : s.topics) {
    if (!wanted(id)) continue;
    const auto it = std::find_if(s.queue->topics.begin(), s.queue->topics.end(),
                                 [&](const TopicLoad& l) { return l.topic == id; });
    out.push_back(it != s.queue->topics.end() ? *it : TopicLoad{id, 0, 0, 0});
  }
  // Topics the service knows but the config does not (yet): shown after, never hidden.
  for (const auto& l : s.queue->topics)
    if (wanted(l.topic) && std::find(s.topics.begin(), s.topics.end(), l.topic) == s.topics.end())
      out.push_back(l);
  return out;
}

std::string counter_language(const CounterState& s) {
  return s.config.languages.empty() ? "nl" : s.config.languages.front();
}

Update update(CounterState s, const Event& event, const Inputs& in) {
  return std::visit(Overloaded{
                        [&](const ev::LoginSubmitted& e) {
                          if (s.phase != Phase::LoginForm) return done(std::move(s));
                          if (e.user.empty() || e.password.empty()) {
                            s.notice = "Enter your user name and password.";
                            return done(std::move(s));
                          }
                          // The service said when to try again: asking before only prolongs the wait.
                          if (in.now < s.login_blocked_until) {
                            s.notice = "Too many attempts. Try again in {s} seconds.";
                            s.retry_after_s = (s.login_blocked_until - in.now + 999) / 1000;
                            return done(std::move(s));
                          }
                          s.phase = Phase::LoggingIn;
                          s.user = e.user;
                          s.notice.clear();
                          return done(std::move(s), {fx::Login{s.location, e.user, e.password}});
                        },
                        [&](const ev::LoginOk&) {
                          s.phase = Phase::LoggedIn;
                          s.online = true;
                          s.notice.clear();
                          s.retry_after_s = 0;
                          return done(std::move(s), {fx::FetchConfig{}, fx::FetchQueue{}});
                        },
                        [&](const ev::LoginFailed& e) {
                          s.phase = Phase::LoginForm;
                          s.retry_after_s = e.retry_after_s;
                          s.login_blocked_until = in.now + e.retry_after_s * 1000;
                          if (e.why == Failure::bad_login)
                            s.notice = "User name or password is wrong.";
                          else if (e.why == Failure::rate_limited)
                            s.notice = "Too many attempts. Try again in {s} seconds.";
                          else if (e.why == Failure::unreachable)
                            s.notice = "The queue service cannot be reached. Try again in a moment.";
                          else
                            s.notice = "Logging in did not work. Ask IT to check the counter.";
                          return done(std::move(s));
                        },
                        [&](const ev::ConfigKnown& e) {
                          s.config = e.config;
                          s.topics.clear();
                          for (const auto& t : s.config.topics) s.topics.push_back(t.id);
                          std::erase_if(s.my_topics, [&](const std::string& t) {
                            return std::find(s.topics.begin(), s.topics.end(), t) == s.topics.end();
                          });
                          return done(std::move(s));
                        },
                        [&](const ev::QueueLoaded& e) {
                          s.queue = e.queue;
                          // A ticket of an earlier day was closed by the service when that day ended:
                          // it must not stay on this desk as current overnight.
                          if (s.current && !s.current->local_day.empty() && !e.queue.day.empty() &&
                              s.current->local_day < e.queue.day) {
                            s.current.reset();
                            s.notice = kDayEnded;
                          }
                          if (!s.online && s.notice == kOffline) s.notice.clear();
                          s.online = true;
                          if (s.topics.empty())
                            for (const auto& l : e.queue.topics) s.topics.push_back(l.topic);
                          return done(std::move(s));
                        },
                        [&](const ev::Offline&) {
                          s.online = false;
                          return done(std::move(s));
                        },
                        [&](const ev::ToggleTopic& e) {
                          if (std::find(s.topics.begin(), s.topics.end(), e.topic) == s.topics.end())
                            return done(std::move(s));
                          if (!s.my_topics.erase(e.topic)) s.my_topics.insert(e.topic);
                          // A desk keeps its topics across restarts: the same staff member, the same work.
                          std::vector<std::string> keep(s.my_topics.begin(), s.my_topics.end());
                          return done(std::move(s), {fx::SaveDeskTopics{std::move(keep)}});
                        },
                        [&](const ev::CallNext&) {
                          if (!may_send(s)) return done(std::move(s));
                          if (s.current) {
                            s.notice = kBusy;
                            return done(std::move(s));
                          }
                          std::vector<std::string> topics;
                          for (const auto& t : s.topics)
                            if (s.my_topics.empty() || s.my_topics.count(t)) topics.push_back(t);
                          s.busy = Action::CallNext;
                          s.notice.clear();
                          return done(std::move(s), {fx::CallNext{s.desk, std::move(topics)}});
                        },
                        [&](const ev::CallCode& e) {
                          if (!may_send(s)) return done(std::move(s));
                          if (s.current) {
                            s.notice = kBusy;
                            return done(std::move(s));
                          }
                          std::string code = normalise_code(e.code);
                          if (code.empty()) {
                            s.notice = "Type the code on the resident's ticket.";
                            return done(std::move(s));
                          }
                          s.busy = Action::CallCode;
                          s.notice.clear();
                          return done(std::move(s), {fx::CallCode{s.desk, std::move(code)}});
                        },
                        [&](const ev::Recall&) { return ticket_action(std::move(s), Action::Recall); },
                        [&](const ev::Served&) { return ticket_action(std::move(s), Action::Served); },
                        [&](const ev::NoShow&) { return ticket_action(std::move(s), Action::NoShow); },
                        [&](const ev::Transfer& e) {
                          if (std::find(s.topics.begin(), s.topics.end(), e.topic) == s.topics.end())
                            return done(std::move(s));
                          return ticket_action(std::move(s), Action::Transfer, e.topic);
                        },
                        [&](const ev::ActionDone& e) {
                          s.busy.reset();
                          s.online = true;
                          switch (e.action) {
                            case Action::CallNext:
                            case Action::CallCode:
                              s.current = e.ticket;
                              if (!e.ticket) s.notice = e.action == Action::CallNext ? kNobody : kNoCode;
                              break;
                            case Action::Recall:
                              if (e.ticket) s.current = e.ticket;
                              s.notice = "Called again.";
                              break;
                            case Action::Served:
                            case Action::NoShow:
                            case Action::Transfer:
                              s.current.reset();
                              break;
                          }
                          return done(std::move(s), {fx::FetchQueue{}});
                        },
                        [&](const ev::ActionFailed& e) {
                          s.busy.reset();
                          if (e.why == Failure::unreachable) {
                            s.online = false;
                            s.notice = kOffline;
                            return done(std::move(s));
                          }
                          if (e.why == Failure::not_found && e.action == Action::CallCode) {
                            s.notice = kNoCode;
                          } else if (e.why == Failure::not_found || e.why == Failure::conflict) {
                            // Another desk finished or moved this ticket: it is no longer ours to act on.
                            if (e.action != Action::CallNext && e.action != Action::CallCode)
                              s.current.reset();
                            s.notice = "This ticket was changed at another desk.";
                          } else {
                            s.notice = "The service refused this. Try again, or ask IT.";
                          }
                          return done(std::move(s), {fx::FetchQueue{}});
                        },
                        [&](const ev::SessionExpired&) {
                          // The ticket at the desk stays: after logging in again the staff member can still
                          // finish it.
                          s.phase = Phase::LoginForm;
                          s.busy.reset();
                          // A reprint under way is no longer followed: say so, and let F5 work again.
                          if (reprint_under_way(s.reprint)) s.reprint->status = ReprintStatus::unknown;
                          s.notice = "Your session has ended. Please log in again.";
                          return done(std::move(s), {fx::ForgetToken{}});
                        },
                        [&](const ev::Reprint&) {
                          if (!can_reprint(s)) return done(std::move(s));
                          s.reprint = Reprint{0, s.current->code, ReprintStatus::asking};
                          return done(std::move(s), {fx::RequestReprint{s.current->id}});
                        },
                        [&](const ev::ReprintUpdate& e) {
                          if (!s.reprint || (s.reprint->job_id != 0 && s.reprint->job_id != e.job_id))
                            return done(std::move(s));
                          s.reprint->job_id = e.job_id;
                          s.reprint->status = e.status;
                          // Followed until the kiosk says how it went, or the service says nobody took it.
                          if (reprint_under_way(s.reprint))
                            return done(std::move(s), {fx::FollowReprint{e.job_id}});
                          return done(std::move(s));
                        },
                        [&](const ev::ReprintFailed& e) {
                          if (!s.reprint) return done(std::move(s));
                          // Unreachable: whether the kiosk printed is not known, so the words must not claim
                          // either.
                          const bool unreachable = e.why == Failure::unreachable;
                          if (unreachable) {
                            s.online = false;
                            s.notice = kOffline;
                          }
                          s.reprint->status = unreachable ? ReprintStatus::unknown : ReprintStatus::failed;
                          return done(std::move(s));
                        },
                        [&](const ev::Logout&) {
                          CounterState fresh = initial_counter(s.location, s.desk);
                          fresh.topics = s.topics;
                          fresh.user = s.user;
                          return done(std::move(fresh), {fx::ForgetToken{}});
                        },
                    },
                    event);
}

}  // namespace wk::counter
