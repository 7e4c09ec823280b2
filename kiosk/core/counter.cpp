#include "core/counter.hpp"

#include "core/failure.hpp"
#include "core/overloaded.hpp"

#include <algorithm>
#include <cctype>

namespace wk::counter {
namespace {

// "7" -> "007". Built in one piece: GCC 12 at -O3 warns (-Wrestrict, a false alarm) on insert(0, "0").
std::string zero_padded(const std::string& digits, std::size_t width) {
  return digits.size() >= width ? digits : std::string(width - digits.size(), '0') + digits;
}

// The msgids of the counter's notices: the screen translates them.

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
  // A flag an older service does not send is false ("remote" came with issue 18).
  bool flag(const char* field) {
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) return false;
    if (it->is_boolean()) return it->get<bool>();
    fail(field, "must be true or false");
    return false;
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
      q.waiting.push_back({f.text("id"), f.text("code"), f.text("topic"), f.text("language", false),
                           f.time("created_at"), f.flag("remote")});
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
      q.called.push_back({f.text("id"), f.text("code"), f.text("topic"), f.desk("desk"), f.time("called_at"),
                          f.flag("remote")});
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
               f.text("issued_time", false),
               f.flag("remote")};
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

// Each row's fields are checked as the counter needs them; the errors name the row and the field only, as
// the rows hold names and phone numbers. An availability word the counter does not know (a newer service)
// is left out rather than hiding the whole list.
Result<std::vector<Volunteer>> volunteers_from_json(const nlohmann::json& j) {
  const auto bad = [](const std::string& detail) {
    return make_error("bad_response", "The queue service sent a list of volunteers the counter cannot read.",
                      detail);
  };
  if (!j.is_object() || !j.contains("volunteers") || !j["volunteers"].is_array())
    return bad("volunteers: not a list");
  std::vector<Volunteer> out;
  const auto& list = j["volunteers"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "volunteers[" + std::to_string(i) + "]";
    if (!list[i].is_object()) return bad(where + ": not an object");
    Fields f{list[i], where, {}};
    Volunteer v;
    v.id = f.text("id");
    v.reference = f.text("reference", false);
    v.created_at = f.time("created_at");
    v.language = f.text("language", false);
    v.first_name = f.text("first_name");
    if (f.error) return *f.error;
    const auto contact = list[i].find("contact");
    if (contact == list[i].end() || !contact->is_object()) return bad(where + ".contact is missing");
    Fields c{*contact, where + ".contact", {}};
    v.phone = c.text("phone", false);
    v.email = c.text("email", false);
    if (c.error) return *c.error;
    if (v.phone.empty() == v.email.empty()) return bad(where + ".contact must hold a phone or an e-mail");
    for (const char* name : {"interests", "availability"}) {
      const auto it = list[i].find(name);
      if (it == list[i].end() || it->is_null()) continue;
      if (!it->is_array()) return bad(where + "." + name + " must be a list");
      for (const auto& word : *it) {
        if (!word.is_string()) return bad(where + "." + name + " must list words");
        const std::string w = word.get<std::string>();
        if (std::string(name) == "interests") {
          v.interests.push_back(w);
          continue;
        }
        for (const auto a : {Availability::mornings, Availability::afternoons, Availability::evenings,
                             Availability::weekends})
          if (w == availability_name(a)) v.availability.push_back(a);
      }
    }
    out.push_back(std::move(v));
  }
  return out;
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
  // A ticket joined from home: the topic's letter, then W ("sw3" -> "S-W03"), at least two digits.
  if (letters.size() == 2 && letters[1] == 'W') {
    return letters.substr(0, 1) + "-W" + zero_padded(digits, 2);
  }
  return letters + "-" + zero_padded(digits, 3);  // the printed form: "S-012"
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

bool can_call_later(const CounterState& s) {
  return can_act_on_current(s) && s.current->remote;
}

bool reprint_under_way(const CounterState& s) {
  return s.reprint && wk::reprint_under_way(s.reprint->status);
}

bool can_reprint(const CounterState& s) {
  return s.phase == Phase::LoggedIn && s.online && s.current.has_value() && !reprint_under_way(s);
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

}  // namespace wk::counter
