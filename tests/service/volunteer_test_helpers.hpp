#pragma once
// Shared by the volunteers' tests: a location whose config offers interests, registration bodies, and
// the raw bytes of the service's database files (where no name or contact may ever show).
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "queue_test_helpers.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {

constexpr UnixMs kDayMs = 24LL * 3600 * 1000;

// test_location_toml with the volunteer door's interests, and optionally a retention of its own.
inline std::string volunteer_location_toml(const std::string& id, const std::string& retention = {}) {
  return (retention.empty() ? "" : "volunteer_retention_days = " + retention + "\n") +
         test_location_toml(id) +
         R"(
[[interests]]
id = "boodschappen"
names = { nl = "Boodschappen doen", en = "Shopping" }

[[interests]]
id = "taalmaatje"
names = { nl = "Taalmaatje", en = "Language buddy" }

[[interests]]
id = "vervoer"
names = { nl = "Vervoer", en = "Driving someone" }
)";
}

inline WijkqueueOptions volunteer_service() {
  WijkqueueOptions o;
  o.config_toml = volunteer_location_toml("centrum");
  return o;
}

inline std::string volunteer_id(int n) {
  char id[40];
  std::snprintf(id, sizeof id, "5f0c9a4e-0000-4000-8000-%012d", n);
  return id;
}

// A valid POST /v1/volunteers body; `contact` is {"phone": ...} or {"email": ...}.
inline nlohmann::json volunteer_body(int n, const std::string& first_name, const nlohmann::json& contact,
                                     UnixMs created_at,
                                     const std::vector<std::string>& interests = {"boodschappen"},
                                     const std::vector<std::string>& availability = {"mornings"}) {
  return {{"id", volunteer_id(n)},
          {"created_at", to_rfc3339(created_at)},
          {"language", "nl"},
          {"first_name", first_name},
          {"contact", contact},
          {"interests", interests},
          {"availability", availability},
          {"consent", true}};
}

inline HttpResponse post_volunteer(const Wijkqueue& wq, const nlohmann::json& body,
                                   const std::string& token) {
  return http_request("POST", wq.url("/v1/volunteers"), wq.ca_file(), token, body.dump());
}

// GET /v1/volunteers as `token` sees it (the answer, whatever its status).
inline HttpResponse get_volunteers(const Wijkqueue& wq, const std::string& token) {
  return http_request("GET", wq.url("/v1/volunteers"), wq.ca_file(), token);
}

// The ids GET /v1/volunteers lists for `staff`, in its order; a failed answer fails the test.
inline std::vector<std::string> listed_ids(const Wijkqueue& wq, const std::string& staff) {
  const auto r = get_volunteers(wq, staff);
  EXPECT_EQ(r.status, 200) << r.body;
  std::vector<std::string> ids;
  const auto j = json_of(r);
  if (j.is_object() && j.contains("volunteers"))
    for (const auto& v : j["volunteers"]) ids.push_back(v["id"].get<std::string>());
  return ids;
}

// A staff token of `location` for a user added there now.
inline std::string staff_token_of(Wijkqueue& wq, const std::string& location) {
  wq.add_staff(location, "balie-" + location, "wachtwoord-van-" + location);
  const auto r = login(wq, location, "balie-" + location, "wachtwoord-van-" + location);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? json_of(r)["token"].get<std::string>() : std::string();
}

// Adds location `id` with the volunteer door (and a retention of its own when given).
inline void add_volunteer_location(Wijkqueue& wq, const std::string& id, const std::string& retention = {}) {
  wq.add_location(id);
  TempDir tmp("config");
  write_file(tmp.file("location.toml"), volunteer_location_toml(id, retention));
  const auto r =
      wq.cli({"location", "set-config", "--dir", wq.dir(), "--id", id, "--file", tmp.file("location.toml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

// The bytes of the service's database (its file and WAL, or on PostgreSQL its dump), as anyone who
// copies them would read them.
inline std::string raw_database_bytes(const Wijkqueue& wq) {
  return wq.database_bytes();
}

}  // namespace wk::test
