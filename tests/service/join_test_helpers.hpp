#pragma once
// Shared by the tests of joining from home and "bel mij terug" (issue 18): a location with [join] and
// [callback], the join page's form posts, and call-back request bodies.
#include <cstdio>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "queue_test_helpers.hpp"
#include "volunteer_test_helpers.hpp"

namespace wk::test {

// test_location_toml with a join page for "werk" and "schulden" (not "anders") and the call-back door.
// `join_extra`: more lines of [join] (caps, hours).
inline std::string join_location_toml(const std::string& id, const std::string& join_extra = {}) {
  return test_location_toml(id) + "\n[join]\ntopics = [\"werk\", \"schulden\"]\nphone = \"023 511 5000\"\n" +
         join_extra + "\n[callback]\nretention_days = 30\n";
}

inline WijkqueueOptions join_service(const std::string& join_extra = {}) {
  WijkqueueOptions o;
  o.config_toml = join_location_toml("centrum", join_extra);
  // The caps per address are tested from several addresses: the test is its own proxy.
  o.serve_args = {"--trusted-proxy", "127.0.0.1"};
  return o;
}

inline std::string form_id(int n) {
  char id[40];
  std::snprintf(id, sizeof id, "c0ffee00-0000-4000-8000-%012d", n);
  return id;
}

inline std::string form_encoded(const std::map<std::string, std::string>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    out += (out.empty() ? "" : "&") + k + "=";
    for (const unsigned char c : v) {
      char buf[4];
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
        out += static_cast<char>(c);
      else if (c == ' ')
        out += '+';
      else {
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
  }
  return out;
}

// POST /join/{location} as a phone's browser sends the form, from `address` (X-Forwarded-For).
inline HttpResponse join_from(const Wijkqueue& wq, int form, const std::string& topic,
                              const std::string& address = "192.0.2.10",
                              const std::string& location = "centrum",
                              std::vector<std::string> headers = {}) {
  headers.push_back("Content-Type: application/x-www-form-urlencoded");
  headers.push_back("X-Forwarded-For: " + address);
  return http_request("POST", wq.url("/join/" + location), wq.ca_file(), {},
                      form_encoded({{"id", form_id(form)}, {"lang", "nl"}, {"topic", topic}}), headers);
}

// The public token a join's 303 points at ("/t/TOKEN"); empty when it was no 303.
inline std::string joined_token(const HttpResponse& r) {
  const std::string where = r.header("location");
  return r.status == 303 && where.rfind("/t/", 0) == 0 ? where.substr(3) : std::string();
}

inline nlohmann::json public_ticket(const Wijkqueue& wq, const std::string& token) {
  return json_of(http_request("GET", wq.url("/v1/public/tickets/" + token), wq.ca_file()));
}

// A valid POST /v1/callbacks body.
inline nlohmann::json callback_body(int n, const std::string& phone, UnixMs created_at,
                                    const std::string& topic = "schulden",
                                    const std::string& part = "morning") {
  char id[40];
  // The reference is the id's first six hex digits: each request gets its own ("B-B0C001", ...).
  std::snprintf(id, sizeof id, "%08x-0000-4000-8000-%012d", 0xb0c00000u + static_cast<unsigned>(n) * 0x100u,
                n);
  return {{"id", id},         {"created_at", to_rfc3339(created_at)},
          {"language", "nl"}, {"topic", topic},
          {"phone", phone},   {"part_of_day", part},
          {"consent", true}};
}

inline HttpResponse post_callback(const Wijkqueue& wq, const nlohmann::json& body, const std::string& token) {
  return http_request("POST", wq.url("/v1/callbacks"), wq.ca_file(), token, body.dump());
}

inline nlohmann::json callbacks_seen_by(const Wijkqueue& wq, const std::string& staff) {
  const auto r = http_request("GET", wq.url("/v1/callbacks"), wq.ca_file(), staff);
  EXPECT_EQ(r.status, 200) << r.body;
  const auto j = json_of(r);
  return j.is_object() && j.contains("callbacks") ? j["callbacks"] : nlohmann::json::array();
}

// Adds location `id` with the join page and the call-back door.
inline void add_join_location(Wijkqueue& wq, const std::string& id) {
  wq.add_location(id);
  TempDir tmp("config");
  write_file(tmp.file("location.toml"), join_location_toml(id));
  const auto r =
      wq.cli({"location", "set-config", "--dir", wq.dir(), "--id", id, "--file", tmp.file("location.toml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace wk::test
