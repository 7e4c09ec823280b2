#include "core/config.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace wk {
namespace {

// Collects problems with a config, each naming the file and the field, so IT sees all of them at once.
class Problems {
 public:
  explicit Problems(std::string_view source) : source_(source) {}
  void add(const std::string& field, const std::string& what) {
    lines_.push_back(source_ + ": " + field + ": " + what);
  }
  bool any() const { return !lines_.empty(); }
  Error error() const {
    std::string all;
    for (const auto& l : lines_) all += (all.empty() ? "" : "\n") + l;
    return make_error("bad_config", all, lines_.empty() ? "" : lines_.front());
  }

 private:
  std::string source_;
  std::vector<std::string> lines_;
};

bool is_identifier(const std::string& s, std::size_t max) {
  if (s.empty() || s.size() > max) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool is_language(const std::string& s) {
  return s.size() >= 2 && s.size() <= 3 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// "09:00-12:30" -> [540, 750)
bool parse_interval(const std::string& s, Interval& out) {
  auto hm = [&](std::size_t at, int& minutes) {
    if (s[at + 2] != ':') return false;
    for (std::size_t i : {at, at + 1, at + 3, at + 4})
      if (s[i] < '0' || s[i] > '9') return false;
    const int h = (s[at] - '0') * 10 + (s[at + 1] - '0');
    const int m = (s[at + 3] - '0') * 10 + (s[at + 4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return false;
    minutes = h * 60 + m;
    return true;
  };
  return s.size() == 11 && s[5] == '-' && hm(0, out.from_min) && hm(6, out.to_min) &&
         out.from_min < out.to_min;
}

Texts read_texts(const nlohmann::json& j, const std::string& field, Problems& p) {
  Texts texts;
  if (!j.is_object()) {
    p.add(field, "must be a table of texts per language, like { nl = \"...\", en = \"...\" }");
    return texts;
  }
  for (const auto& [lang, text] : j.items()) {
    if (!is_language(lang))
      p.add(field + "." + lang, "is not a language code like nl or en");
    else if (!text.is_string() || text.get<std::string>().empty())
      p.add(field + "." + lang, "must be a non-empty text");
    else
      texts[lang] = text.get<std::string>();
  }
  return texts;
}

// Debian's toml++ is built with exceptions on; a syntax error is a value here, at the edge.
Result<toml::table> parse_toml(std::string_view text, std::string_view source) {
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << source << ": line " << e.source().begin.line << ": " << e.description();
    return make_error("bad_config", msg.str());
  }
}

constexpr const char* kWeekdays[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

}  // namespace

bool OpeningHours::is_open(const CivilTime& local) const {
  if (!closed_days.empty()) {
    char day[16];
    std::snprintf(day, sizeof day, "%04d-%02d-%02d", local.year, local.month, local.day);
    if (closed_days.count(day)) return false;
  }
  if (always_open) return true;
  const int minute = local.hour * 60 + local.minute;
  const auto& today = by_weekday[static_cast<std::size_t>(local.weekday)];
  return std::any_of(today.begin(), today.end(),
                     [&](const Interval& i) { return minute >= i.from_min && minute < i.to_min; });
}

const Interest* LocationConfig::interest(std::string_view interest_id) const {
  for (const auto& i : interests)
    if (i.id == interest_id) return &i;
  return nullptr;
}

const Topic* LocationConfig::topic(std::string_view topic_id) const {
  for (const auto& t : topics)
    if (t.id == topic_id) return &t;
  return nullptr;
}

std::string LocationConfig::text_in(const Texts& texts, const std::string& language) const {
  // A name the location did not give in this language: Dutch (the team's own), then its first language.
  auto it = texts.find(language);
  if (it == texts.end()) it = texts.find("nl");
  if (it == texts.end() && !languages.empty()) it = texts.find(languages.front());
  return it == texts.end() ? std::string() : it->second;
}

std::string LocationConfig::topic_name(std::string_view topic_id, const std::string& language) const {
  const Topic* t = topic(topic_id);
  std::string in_language = t ? text_in(t->names, language) : std::string();
  return in_language.empty() ? std::string(topic_id) : in_language;
}

namespace {

// The volunteer door's choices: at most 12 (a screen of tiles), each with an id, a name in the default
// language and maybe a pictogram.
void read_interests(const nlohmann::json& list, const std::string& default_language, Problems& p,
                    LocationConfig& c) {
  if (!list.is_array() || list.size() > 12) {
    p.add("interests", "must be a list of at most 12 interests");
    return;
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& ij = list[i];
    const std::string f = "interests[" + std::to_string(i) + "]";
    Interest in;
    if (!ij.is_object() || !ij.contains("id") || !ij["id"].is_string() ||
        !is_identifier(ij["id"].get<std::string>(), 32)) {
      p.add(f + ".id", "must be a short name of a-z, 0-9, - and _");
      continue;
    }
    if (!ids.insert(in.id = ij["id"].get<std::string>()).second)
      p.add(f + ".id", "'" + in.id + "' is used twice");
    if (ij.contains("names")) in.names = read_texts(ij["names"], f + ".names", p);
    if (!in.names.count(default_language))
      p.add(f + ".names." + default_language, "is missing (the default language needs a name)");
    if (ij.contains("pictogram")) {
      if (!ij["pictogram"].is_string() || !is_identifier(ij["pictogram"].get<std::string>(), 32))
        p.add(f + ".pictogram", "must be the name of a pictogram, like boodschappen");
      else
        in.pictogram = ij["pictogram"].get<std::string>();
    }
    c.interests.push_back(std::move(in));
  }
}

// volunteer_retention_days = { handled = 90, unhandled = 180 }: either may be left out (its default
// stays); a day to ten years, so a typo can neither purge at once nor keep personal data for ever.
void read_retention(const nlohmann::json& j, Problems& p, VolunteerRetention& r) {
  constexpr const char* kField = "volunteer_retention_days";
  if (!j.is_object()) {
    p.add(kField, "must be a table like { handled = 90, unhandled = 180 }");
    return;
  }
  for (const auto& [key, days] : j.items()) {
    int* into = key == "handled" ? &r.handled_days : key == "unhandled" ? &r.unhandled_days : nullptr;
    if (into == nullptr)
      p.add(std::string(kField) + "." + key, "is not known; use handled and unhandled");
    else if (!days.is_number_integer() || days.get<std::int64_t>() < 1 || days.get<std::int64_t>() > 3650)
      p.add(std::string(kField) + "." + key, "must be a whole number of days from 1 to 3650");
    else
      *into = days.get<int>();
  }
}

// hours = { mon = ["09:00-12:00", "13:00-16:00"], ... }: a day left out is closed.
void read_hours(const nlohmann::json& h, const std::string& field, Problems& p, OpeningHours& hours) {
  if (!h.is_object()) {
    p.add(field, "must be a table like { mon = [\"09:00-12:00\"] }");
    return;
  }
  hours.always_open = false;
  for (const auto& [day, list] : h.items()) {
    const auto* wd = std::find(std::begin(kWeekdays), std::end(kWeekdays), day);
    if (wd == std::end(kWeekdays)) {
      p.add(field + "." + day, "is not a day; use mon, tue, wed, thu, fri, sat or sun");
      continue;
    }
    if (!list.is_array()) {
      p.add(field + "." + day, "must be a list of times like [\"09:00-12:00\", \"13:00-16:00\"]");
      continue;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      Interval iv;
      if (!list[i].is_string() || !parse_interval(list[i].get<std::string>(), iv))
        p.add(field + "." + day + "[" + std::to_string(i) + "]", "must be a time span like 09:00-12:30");
      else
        hours.by_weekday[static_cast<std::size_t>(wd - std::begin(kWeekdays))].push_back(iv);
    }
  }
}

nlohmann::json hours_json(const OpeningHours& hours) {
  nlohmann::json h = nlohmann::json::object();
  for (std::size_t d = 0; d < 7; ++d) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& iv : hours.by_weekday[d]) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", iv.from_min / 60, iv.from_min % 60,
                    iv.to_min / 60, iv.to_min % 60);
      list.push_back(buf);
    }
    h[kWeekdays[d]] = std::move(list);
  }
  return h;
}

// A whole number in [low, high] under `key` of table `j`, if it is there.
void read_count(const nlohmann::json& j, const std::string& table, const char* key, int low, int high,
                Problems& p, int& into) {
  if (!j.contains(key)) return;
  if (!j[key].is_number_integer() || j[key].get<std::int64_t>() < low || j[key].get<std::int64_t>() > high)
    p.add(table + "." + key,
          "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
  else
    into = j[key].get<int>();
}

// [join]: which topics residents may join from home, when, and the caps that keep it fair (JoinPolicy).
void read_join(const nlohmann::json& j, Problems& p, LocationConfig& c) {
  if (!j.is_object()) {
    p.add("join", "must be a table like { topics = [\"werk\"] }");
    return;
  }
  JoinPolicy join;
  if (!j.contains("topics") || !j["topics"].is_array() || j["topics"].empty()) {
    p.add("join.topics", "must list the topics residents may join from home, like [\"werk\"]");
  } else {
    for (std::size_t i = 0; i < j["topics"].size(); ++i) {
      const auto& t = j["topics"][i];
      const std::string field = "join.topics[" + std::to_string(i) + "]";
      if (!t.is_string() || c.topic(t.get<std::string>()) == nullptr)
        p.add(field, "is not one of this location's topics");
      else if (std::find(join.topics.begin(), join.topics.end(), t.get<std::string>()) != join.topics.end())
        p.add(field, "is listed twice");
      else
        join.topics.push_back(t.get<std::string>());
    }
  }
  if (j.contains("hours")) read_hours(j["hours"], "join.hours", p, join.hours);
  read_count(j, "join", "max_waiting", 1, 500, p, join.max_waiting);
  read_count(j, "join", "per_address_per_hour", 1, 1000, p, join.per_address_per_hour);
  read_count(j, "join", "per_location_per_hour", 1, 10000, p, join.per_location_per_hour);
  read_count(j, "join", "come_when_before", 0, 50, p, join.come_when_before);
  if (j.contains("phone")) {
    if (!j["phone"].is_string() || j["phone"].get<std::string>().empty() ||
        j["phone"].get<std::string>().size() > 32)
      p.add("join.phone", "must be the team's phone number as residents dial it, like \"023 511 5000\"");
    else
      join.phone = j["phone"].get<std::string>();
  }
  for (const auto& [key, value] : j.items())
    if (key != "topics" && key != "hours" && key != "max_waiting" && key != "per_address_per_hour" &&
        key != "per_location_per_hour" && key != "come_when_before" && key != "phone")
      p.add("join." + key, "is not known");
  c.join = std::move(join);
}

// [callback]: the kiosk's and the join page's "bel mij terug" door, and how long a request is kept.
void read_callback(const nlohmann::json& j, Problems& p, LocationConfig& c) {
  if (!j.is_object()) {
    p.add("callback", "must be a table like { retention_days = 30 }");
    return;
  }
  CallbackPolicy callback;
  read_count(j, "callback", "retention_days", 1, 365, p, callback.retention_days);
  for (const auto& [key, value] : j.items())
    if (key != "retention_days") p.add("callback." + key, "is not known");
  c.callback = callback;
}

}  // namespace

Result<LocationConfig> location_config_from_json(const nlohmann::json& j, std::string_view source) {
  Problems p(source);
  LocationConfig c;
  if (!j.is_object()) {
    p.add("(top)", "must be a table/object");
    return p.error();
  }
  auto optional_string = [&](const char* key, std::string& out) {
    if (!j.contains(key)) return;
    if (!j[key].is_string() || j[key].get<std::string>().empty())
      p.add(key, "must be a non-empty text");
    else
      out = j[key].get<std::string>();
  };
  optional_string("id", c.id);
  optional_string("name", c.name);
  optional_string("timezone", c.timezone);
  if (!c.id.empty() && !is_identifier(c.id, 64)) p.add("id", "may only hold a-z, 0-9, - and _");
  if (c.timezone.find("..") != std::string::npos || c.timezone.front() == '/')
    p.add("timezone", "must be a name like Europe/Amsterdam");
  optional_string("release_channel", c.release_channel);
  // It becomes part of a URL and a directory name at the service.
  if (!is_identifier(c.release_channel, 32))
    p.add("release_channel", "may only hold a-z, 0-9, - and _ (at most 32), like stable or beta");

  if (j.contains("languages")) {
    c.languages.clear();
    if (!j["languages"].is_array() || j["languages"].empty()) {
      p.add("languages", "must be a list of language codes, the default first, like [\"nl\", \"en\"]");
    } else {
      std::set<std::string> seen;
      for (std::size_t i = 0; i < j["languages"].size(); ++i) {
        const auto& l = j["languages"][i];
        const std::string field = "languages[" + std::to_string(i) + "]";
        if (!l.is_string() || !is_language(l.get<std::string>()))
          p.add(field, "is not a language code like nl or en");
        else if (!seen.insert(l.get<std::string>()).second)
          p.add(field, "is listed twice");
        else
          c.languages.push_back(l.get<std::string>());
      }
    }
  }
  const std::string default_language = c.languages.empty() ? "nl" : c.languages.front();

  if (!j.contains("topics") || !j["topics"].is_array() || j["topics"].empty()) {
    p.add("topics", "must list at least one topic");
  } else if (j["topics"].size() > 16) {
    p.add("topics", "may hold at most 16 topics (a screen has room for no more)");
  } else {
    std::set<std::string> ids;
    std::set<char> letters;
    for (std::size_t i = 0; i < j["topics"].size(); ++i) {
      const auto& tj = j["topics"][i];
      const std::string f = "topics[" + std::to_string(i) + "]";
      Topic t;
      if (!tj.is_object()) {
        p.add(f, "must be a table with id, letter and names");
        continue;
      }
      if (!tj.contains("id") || !tj["id"].is_string() || !is_identifier(tj["id"].get<std::string>(), 32))
        p.add(f + ".id", "must be a short name of a-z, 0-9, - and _");
      else if (!ids.insert(t.id = tj["id"].get<std::string>()).second)
        p.add(f + ".id", "'" + t.id + "' is used twice");
      const std::string letter =
          tj.contains("letter") && tj["letter"].is_string() ? tj["letter"].get<std::string>() : "";
      if (letter.size() != 1 || letter[0] < 'A' || letter[0] > 'Z')
        p.add(f + ".letter", "must be one capital letter A-Z");
      else if (!letters.insert(t.letter = letter[0]).second)
        p.add(f + ".letter", "'" + letter + "' is used by another topic");
      if (!tj.contains("names"))
        p.add(f + ".names", "is missing");
      else
        t.names = read_texts(tj["names"], f + ".names", p);
      if (tj.contains("names") && !t.names.count(default_language))
        p.add(f + ".names." + default_language, "is missing (the default language needs a name)");
      if (tj.contains("lines")) t.lines = read_texts(tj["lines"], f + ".lines", p);
      if (tj.contains("pictogram")) {
        if (!tj["pictogram"].is_string() || !is_identifier(tj["pictogram"].get<std::string>(), 32))
          p.add(f + ".pictogram", "must be the name of a pictogram, like schulden");
        else
          t.pictogram = tj["pictogram"].get<std::string>();
      }
      if (tj.contains("open")) {
        if (!tj["open"].is_boolean())
          p.add(f + ".open", "must be true or false");
        else
          t.open = tj["open"].get<bool>();
      }
      c.topics.push_back(std::move(t));
    }
  }

  if (j.contains("interests")) read_interests(j["interests"], default_language, p, c);
  if (j.contains("volunteer_retention_days"))
    read_retention(j["volunteer_retention_days"], p, c.volunteer_retention);

  if (j.contains("hours")) read_hours(j["hours"], "hours", p, c.hours);
  // Days the walk-in is closed whatever its hours say (holidays, a team day): local dates.
  if (j.contains("closed_days")) {
    const auto& list = j["closed_days"];
    if (!list.is_array() || list.size() > 366) {
      p.add("closed_days", "must be a list of dates like [\"2026-12-25\", \"2026-12-26\"]");
    } else {
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string field = "closed_days[" + std::to_string(i) + "]";
        if (!list[i].is_string() || !parse_rfc3339(list[i].get<std::string>() + "T00:00:00Z") ||
            list[i].get<std::string>().size() != 10)
          p.add(field, "must be a date like 2026-12-25");
        else
          c.hours.closed_days.insert(list[i].get<std::string>());
      }
    }
  }
  if (j.contains("join")) read_join(j["join"], p, c);
  if (j.contains("callback")) read_callback(j["callback"], p, c);
  if (p.any()) return p.error();
  return c;
}

Result<LocationConfig> location_config_from_toml(std::string_view text, std::string_view source) {
  auto parsed = parse_toml(text, source);
  if (!parsed) return parsed.error();
  std::ostringstream js;
  js << toml::json_formatter{parsed.value()};
  return location_config_from_json(nlohmann::json::parse(js.str()), source);
}

nlohmann::json to_json(const LocationConfig& c) {
  nlohmann::json j = {{"timezone", c.timezone}, {"languages", c.languages}};
  // Both are optional in TOML, and the JSON reader refuses them empty: sent only when set, so a config
  // without them still reaches the kiosks (found by the fuzz target location_config).
  if (!c.id.empty()) j["id"] = c.id;
  if (!c.name.empty()) j["name"] = c.name;
  j["topics"] = nlohmann::json::array();
  for (const auto& t : c.topics) {
    nlohmann::json tj = {
        {"id", t.id}, {"letter", std::string(1, t.letter)}, {"names", t.names}, {"open", t.open}};
    if (!t.lines.empty()) tj["lines"] = t.lines;
    if (!t.pictogram.empty()) tj["pictogram"] = t.pictogram;
    j["topics"].push_back(std::move(tj));
  }
  if (!c.interests.empty()) {
    j["interests"] = nlohmann::json::array();
    for (const auto& in : c.interests) {
      nlohmann::json ij = {{"id", in.id}, {"names", in.names}};
      if (!in.pictogram.empty()) ij["pictogram"] = in.pictogram;
      j["interests"].push_back(std::move(ij));
    }
  }
  // Only when it differs from the defaults, so a config without it keeps its wire form (and its ETag).
  if (c.volunteer_retention != VolunteerRetention{})
    j["volunteer_retention_days"] = {{"handled", c.volunteer_retention.handled_days},
                                     {"unhandled", c.volunteer_retention.unhandled_days}};
  if (c.release_channel != "stable") j["release_channel"] = c.release_channel;
  if (!c.hours.always_open) j["hours"] = hours_json(c.hours);
  if (!c.hours.closed_days.empty()) j["closed_days"] = c.hours.closed_days;
  if (c.join) {
    const JoinPolicy& jp = *c.join;
    nlohmann::json jj = {{"topics", jp.topics},
                         {"max_waiting", jp.max_waiting},
                         {"per_address_per_hour", jp.per_address_per_hour},
                         {"per_location_per_hour", jp.per_location_per_hour},
                         {"come_when_before", jp.come_when_before}};
    if (!jp.hours.always_open) jj["hours"] = hours_json(jp.hours);
    if (!jp.phone.empty()) jj["phone"] = jp.phone;
    j["join"] = std::move(jj);
  }
  if (c.callback) j["callback"] = {{"retention_days", c.callback->retention_days}};
  return j;
}

Result<DeviceConfig> device_config_from_toml(std::string_view text, std::string_view source) {
  auto parsed = parse_toml(text, source);
  if (!parsed) return parsed.error();
  const toml::table& t = parsed.value();
  Problems p(source);
  DeviceConfig c;
  auto str = [&](const char* path, std::string& out, bool required) {
    const auto node = t.at_path(path);
    if (!node) {
      if (required) p.add(path, "is missing");
    } else if (!node.is_string() || node.value_or(std::string()).empty()) {
      p.add(path, "must be a non-empty text");
    } else {
      out = node.value_or(std::string());
    }
  };
  auto integer = [&](const char* path, int& out, int lo, int hi) {
    const auto node = t.at_path(path);
    if (!node) return;
    // Only an integer's value: toml++ converts a float to an integer unchecked, and one out of range
    // (slot = 2.2e22, found by fuzz_device_config) is undefined behaviour.
    std::optional<std::int64_t> v;
    if (node.is_integer()) v = node.value<std::int64_t>();
    if (!v || *v < lo || *v > hi)
      p.add(path, "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
    else
      out = static_cast<int>(*v);
  };
  str("role", c.role, false);
  if (c.role != "kiosk" && c.role != "counter" && c.role != "display")
    p.add("role", "must be kiosk, counter or display");
  str("location", c.location, true);
  str("service.url", c.service_url, true);
  if (!c.service_url.empty() && c.service_url.rfind("https://", 0) != 0)
    p.add("service.url", "must start with https:// (the kiosk only talks to its service over TLS)");
  str("service.ca_file", c.ca_file, true);
  str("service.token_file", c.token_file, true);
  integer("service.config_poll_s", c.config_poll_s, 0, 86400);
  str("data_dir", c.data_dir, true);
  str("location_config", c.location_config_file, false);
  str("tz_file", c.tz_file, false);
  str("kiosk.staff_pin_hash", c.staff_pin_hash, false);
  integer("kiosk.slots", c.slots, 1, 99);
  integer("kiosk.slot", c.slot, 1, 99);
  if (c.slot > c.slots)
    p.add("kiosk.slot", "must not be above kiosk.slots (" + std::to_string(c.slots) + ")");
  integer("kiosk.session_timeout_s", c.session_timeout_s, 5, 3600);
  integer("kiosk.ticket_timeout_s", c.ticket_timeout_s, 5, 3600);
  integer("kiosk.outbox_max_mb", c.outbox_max_mb, 1, 65536);
  str("printer.uri", c.printer_uri, false);
  if (!c.printer_uri.empty() && c.printer_uri.rfind("tcp://", 0) != 0 &&
      c.printer_uri.rfind("file://", 0) != 0 && c.printer_uri.rfind("cups://", 0) != 0)
    p.add("printer.uri", "must start with tcp://, file:// or cups://");
  str("printer.model", c.printer_model, false);
  integer("printer.paper_mm", c.paper_mm, 58, 80);
  if (c.paper_mm != 58 && c.paper_mm != 80) p.add("printer.paper_mm", "must be 58 or 80");
  integer("counter.desk", c.desk, 1, 99);
  if (const auto speak = t.at_path("display.speak")) {
    if (!speak.is_boolean())
      p.add("display.speak", "must be true or false");
    else
      c.speak = speak.value_or(true);
  }
  str("update.channel", c.release_channel, false);
  if (!c.release_channel.empty() && !is_identifier(c.release_channel, 32))
    p.add("update.channel", "may only hold a-z, 0-9, - and _ (at most 32), like stable or beta");
  str("update.device_id", c.update_device_id, false);
  integer("update.tries", c.update_tries, 1, 100);
  integer("update.good_after_s", c.update_good_after_s, 1, 86400);
  integer("update.keep_free_mb", c.update_keep_free_mb, 0, 1 << 30);
  if (const auto dpi = t.at_path("screen.dpi")) {
    const auto v = dpi.value<double>();
    if (!v || *v < 50 || *v > 1000)
      p.add("screen.dpi", "must be a number from 50 to 1000");
    else
      c.dpi_override = *v;
  }
  integer("screen.bottom_mm", c.screen_bottom_mm, 0, 2500);
  if (p.any()) return p.error();
  return c;
}

// EN 301 549 8.3.2 (after ADA 308): what a person in a wheelchair reaches, forward or to the side.
bool within_reach(double bottom_above_floor_mm, double top_above_floor_mm) {
  return bottom_above_floor_mm >= kReachLowMm && top_above_floor_mm <= kReachHighMm;
}

}  // namespace wk
