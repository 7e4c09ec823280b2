// Who may do what (issue 19): every route wijkqueue registers, asked by every kind of caller, against ONE
// table of expected answers. The routes come from the server itself (`wijkqueue routes`): a route without
// a row, or a row that reaches no route, fails the test, so a new endpoint cannot ship unexamined.
#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>

#include "join_test_helpers.hpp"
#include "release_test_helpers.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {
namespace {

// The callers, in the table's column order. "expired": a staff session past its 12 hours (the only
// credential that ends by time: device tokens end by revocation, tested in access_test), by bearer token
// and as the web counter's cookie.
enum Who { kNone, kBad, kExpired, kExpiredCookie, kKiosk, kDisplay, kStaff, kStaffOther, kAdmin, kWhoCount };
constexpr std::array<const char*, kWhoCount> kWhoNames = {"no token",       "bad token",   "expired session",
                                                          "expired cookie", "kiosk",       "display",
                                                          "staff",          "other staff", "admin"};

// An expected answer: an exact status, or A ("allowed": what the action's state makes of it, e.g. 409 for a
// step already taken, but never 401, 403 or a 5xx).
constexpr int A = 0;

// Ids made by the fixture for the path parameters, and a counter for bodies that must be new each time.
struct Ids {
  std::string location, ticket, public_token, volunteer, callback, print_job;
  int next = 100;
};

struct Row {
  using Body = std::function<std::string(Ids&)>;
  Row(std::string m, std::string p, Body b, std::string type, std::array<int, kWhoCount> w, bool ends = false,
      std::function<void(Ids&)> renew = {})
      : method(std::move(m)),
        path(std::move(p)),
        body(std::move(b)),
        content_type(type.empty() ? "application/json" : std::move(type)),
        want(w),
        ends_session(ends),
        fresh(std::move(renew)) {}

  std::string method;
  std::string path;  // a concrete path; {ticket} etc. are filled in from Ids
  Body body;         // empty: no body
  std::string content_type;
  std::array<int, kWhoCount> want;  // none, bad, expired, expired cookie, kiosk, display, staff, other, admin
  bool ends_session;                // logout: each staff caller gets a session of its own to end
  std::function<void(Ids&)> fresh;  // makes the row's resource anew before each cell (a delete takes it)
};

std::string location_toml(const std::string& id) {
  return volunteer_location_toml(id) +
         "\n[join]\ntopics = [\"werk\", \"schulden\"]\nphone = \"023 511 5000\"\n\n[callback]\n"
         "retention_days = 30\n";
}

std::string fill(std::string path, const Ids& ids) {
  const std::pair<const char*, const std::string*> names[] = {
      {"{location}", &ids.location},   {"{ticket}", &ids.ticket},     {"{public}", &ids.public_token},
      {"{volunteer}", &ids.volunteer}, {"{callback}", &ids.callback}, {"{job}", &ids.print_job}};
  for (const auto& [name, value] : names)
    for (auto at = path.find(name); at != std::string::npos; at = path.find(name))
      path.replace(at, std::string(name).size(), *value);
  return path;
}

// The table. Public pages answer everyone alike; a token on them changes nothing.
std::vector<Row> the_matrix(const Wijkqueue& wq) {
  const auto json = [](nlohmann::json j) { return [j](Ids&) { return j.dump(); }; };
  const auto ticket = [&wq](Ids& ids) {
    const int n = ids.next++;
    return ticket_now(wq, n, "W-" + std::to_string(n), "werk").dump();
  };
  const auto volunteer = [&wq](Ids& ids) {
    return volunteer_body(ids.next++, "Wilhelmina", {{"phone", "+31612345678"}}, wq.now()).dump();
  };
  const auto callback = [&wq](Ids& ids) {
    return callback_body(ids.next++, "+31612345678", wq.now()).dump();
  };
  const auto join_form = [](Ids& ids) {
    return form_encoded({{"id", form_id(ids.next++)}, {"lang", "nl"}, {"topic", "werk"}});
  };
  const auto callback_form = [](Ids& ids) {
    return form_encoded({{"id", form_id(ids.next++)},
                         {"lang", "nl"},
                         {"topic", "schulden"},
                         {"part_of_day", "morning"},
                         {"phone", "06 1234 5678"},
                         {"consent", "yes"}});
  };
  const auto new_volunteer = [&wq, volunteer](Ids& ids) {
    const auto body = volunteer(ids);
    const auto r = http_request("POST", wq.url("/v1/volunteers"), wq.ca_file(), wq.kiosk_token(), body);
    EXPECT_EQ(r.status, 201) << r.body;
    ids.volunteer = nlohmann::json::parse(body)["id"].get<std::string>();
  };
  const std::string form = "application/x-www-form-urlencoded";
  const nlohmann::json heartbeat = {{"version", "0.1.0"},
                                    {"uptime_s", 60},
                                    {"outbox_depth", 0},
                                    {"oldest_unsent_s", nullptr},
                                    {"printer", "ok"}};
  // clang-format off
  //                                                      none bad  exp  expC kiosk disp staff other admin
  return {
    {"GET",    "/healthz", {}, {},                        {200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"GET",    "/metrics", {}, {},                        {401, 401, 401, 401, 403, 403, 403, 403, 200}},
    {"GET",    "/v1/public/tickets/{public}", {}, {},     {200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"GET",    "/t/{public}", {}, {},                     {200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"GET",    "/join/{location}", {}, {},                {200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"POST",   "/join/{location}", join_form, form,       {303, 303, 303, 303, 303, 303, 303, 303, 303}},
    {"GET",    "/join/{location}/callback", {}, {},       {200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"POST",   "/join/{location}/callback", callback_form, form,
                                                          {201, 201, 201, 201, 201, 201, 201, 201, 201}},
    {"GET",    "/staff", {}, {},                          {308, 308, 308, 308, 308, 308, 308, 308, 308}},
    {"GET",    "/staff/", {}, {},                         {200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"GET",    "/staff/counter.js", {}, {},               {200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"POST",   "/v1/login", json({{"location", "centrum"}, {"user", "balie"}, {"password", "geheim-wachtwoord"}}),
                                                      {}, {200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"POST",   "/v1/logout", {}, {},                      {401, 401, 401, 401, 403, 403, 204, 204, 403}, true},
    {"GET",    "/v1/session", {}, {},                     {401, 401, 401, 401, 403, 403, 200, 200, 403}},
    {"POST",   "/v1/tickets", ticket, {},                 {401, 401, 401, 401, 201, 403, 403, 403, 403}},
    {"GET",    "/v1/numbering", {}, {},                   {401, 401, 401, 401, 200, 403, 403, 403, 403}},
    {"GET",    "/v1/config", {}, {},                      {401, 401, 401, 401, 200, 200, 200, 200, 403}},
    {"POST",   "/v1/heartbeat", json(heartbeat), {},      {401, 401, 401, 401, 204, 204, 403, 403, 403}},
    {"GET",    "/v1/fleet", {}, {},                       {401, 401, 401, 401, 403, 403, 403, 403, 200}},
    {"GET",    "/v1/queue", {}, {},                       {401, 401, 401, 401, 403, 403, 200, 200, 403}},
    {"POST",   "/v1/desks/1/next", json({}), {},          {401, 401, 401, 401, 403, 403,   A,   A, 403}},
    {"POST",   "/v1/desks/1/call", json({{"code", "W-001"}}), {},
                                                          {401, 401, 401, 401, 403, 403,   A,   A, 403}},
    {"POST",   "/v1/tickets/{ticket}/recall", json({}), {},
                                                          {401, 401, 401, 401, 403, 403,   A, 404, 403}},
    {"GET",    "/v1/calls", {}, {},                       {401, 401, 401, 401, 403, 200, 200, 200, 403}},
    {"POST",   "/v1/tickets/{ticket}/reprint", json({}), {},
                                                          {401, 401, 401, 401, 403, 403, 202, 404, 403}},
    {"GET",    "/v1/print-jobs/{job}", {}, {},            {401, 401, 401, 401, 403, 403, 200, 404, 403}},
    {"GET",    "/v1/print-jobs", {}, {},                  {401, 401, 401, 401, 200, 403, 403, 403, 403}},
    {"POST",   "/v1/print-jobs/{job}/done", json({{"outcome", "printed"}}), {},
                                                          {401, 401, 401, 401,   A, 403, 403, 403, 403}},
    {"POST",   "/v1/volunteers", volunteer, {},           {401, 401, 401, 401, 201, 403, 403, 403, 403}},
    {"GET",    "/v1/volunteers", {}, {},                  {401, 401, 401, 401, 403, 403, 200, 200, 403}},
    {"POST",   "/v1/volunteers/{volunteer}/handled", json({}), {},
                                                          {401, 401, 401, 401, 403, 403,   A, 403, 403}},
    {"DELETE", "/v1/volunteers/{volunteer}", {}, {},      {401, 401, 401, 401, 403, 403, 204, 403, 403},
                                                          false, new_volunteer},
    {"POST",   "/v1/callbacks", callback, {},             {401, 401, 401, 401, 201, 403, 403, 403, 403}},
    {"GET",    "/v1/callbacks", {}, {},                   {401, 401, 401, 401, 403, 403, 200, 200, 403}},
    {"POST",   "/v1/callbacks/{callback}/take", json({}), {},
                                                          {401, 401, 401, 401, 403, 403, 200, 403, 403}},
    {"POST",   "/v1/callbacks/{callback}/outcome", json({{"outcome", "reached"}}), {},
                                                          {401, 401, 401, 401, 403, 403,   A, 403, 403}},
    {"GET",    "/v1/releases/stable/manifest", {}, {},    {401, 401, 401, 401, 200, 200, 403, 403, 200}},
    {"GET",    "/v1/releases/stable/manifest.sig", {}, {},{401, 401, 401, 401, 200, 200, 403, 403, 200}},
    {"GET",    "/v1/releases/stable/files/wijkkiosk", {}, {},
                                                          {401, 401, 401, 401, 200, 200, 403, 403, 200}},
    {"GET",    "/v1/signals", {}, {},                     {401, 401, 401, 401, 403, 403, 200, 200, 200}},
    {"GET",    "/v1/reports/{location}", {}, {},          {401, 401, 401, 401, 403, 403, 200, 403, 200}},
    {"GET",    "/v1/reports/{location}.csv", {}, {},      {401, 401, 401, 401, 403, 403, 200, 403, 200}},
    {"GET",    "/v1/reports/{location}.html", {}, {},     {401, 401, 401, 401, 403, 403, 200, 403, 200}},
  };
  // clang-format on
}

// "GET /v1/queue" per line of `wijkqueue routes`: the method and the pattern as a regular expression.
std::vector<std::pair<std::string, std::string>> registered_routes(const Wijkqueue& wq) {
  const auto r = wq.cli({"routes", "--dir", wq.dir()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    const auto space = line.find(' ');
    if (space != std::string::npos) out.emplace_back(line.substr(0, space), line.substr(space + 1));
  }
  return out;
}

class RoleMatrix : public ::testing::Test {
 protected:
  static WijkqueueOptions options() {
    WijkqueueOptions o;
    o.config_toml = location_toml("centrum");
    // Each join comes from an address of its own (X-Forwarded-For), under the per-address caps.
    o.serve_args = {"--trusted-proxy", "127.0.0.1"};
    return o;
  }

  void SetUp() override {
    // Sessions that ended: opened 13 hours before the fixture's now (a session lasts 12).
    const UnixMs now = an_ordinary_weekday();
    wq.clock().freeze_at(now - 13LL * 3600 * 1000);
    expired = staff_token(wq);
    const auto cookie = cookie_login(wq);
    ASSERT_EQ(cookie.status, 200) << cookie.body;
    expired_cookie = cookie_of(cookie);
    wq.clock().freeze_at(now);
    ASSERT_EQ(http_request("GET", wq.url("/v1/session"), wq.ca_file(), expired).status, 401);

    wq.add_location("noord");
    wq.add_staff("noord", "noordbalie", "een-ander-wachtwoord");
    ids.location = wq.location();
    const auto t = ticket_now(wq, 1, "S-001");
    ASSERT_EQ(post_ticket(wq, t).status, 201);
    ids.ticket = t["id"].get<std::string>();
    ids.public_token = t["public_token"].get<std::string>();
    const auto v = volunteer_body(2, "Wilhelmina", {{"phone", "+31687654321"}}, wq.now());
    ASSERT_EQ(http_request("POST", wq.url("/v1/volunteers"), wq.ca_file(), wq.kiosk_token(), v.dump()).status,
              201);
    ids.volunteer = v["id"].get<std::string>();
    const auto c = callback_body(3, "+31687651234", wq.now());
    ASSERT_EQ(post_callback(wq, c, wq.kiosk_token()).status, 201);
    ids.callback = c["id"].get<std::string>();
    const auto job = staff_post(wq, staff_token(wq), "/v1/tickets/" + ids.ticket + "/reprint");
    ASSERT_EQ(job.status, 202) << job.body;
    ids.print_job = std::to_string(json_of(job)["id"].get<std::int64_t>());

    TempDir src("release");
    make_release(src.path(), "stable", 1, {{"wijkkiosk", random_bytes(1000, 1)}}, random_bytes(64, 2));
    const auto published =
        wq.cli({"release", "publish", src.path(), "--channel", "stable", "--dir", wq.dir()});
    ASSERT_EQ(published.exit_code, 0) << published.err;
  }

  std::string staff_session(bool other) {
    const auto r = other ? login(wq, "noord", "noordbalie", "een-ander-wachtwoord")
                         : login(wq, wq.location(), wq.staff_user(), wq.staff_password());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? json_of(r)["token"].get<std::string>() : std::string();
  }

  // The request's credentials for `who`: an Authorization header or a cookie.
  std::vector<std::string> credentials(Who who, bool fresh_session) {
    if (staff.empty()) staff = staff_session(false), staff_other = staff_session(true);
    const auto bearer = [](const std::string& token) {
      return std::vector<std::string>{"Authorization: Bearer " + token};
    };
    switch (who) {
      case kNone:
        return {};
      case kBad:
        return bearer("Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5");
      case kExpired:
        return bearer(expired);
      case kExpiredCookie:
        return {"Cookie: " + expired_cookie};
      case kKiosk:
        return bearer(wq.kiosk_token());
      case kDisplay:
        return bearer(wq.display_token());
      case kStaff:
        return bearer(fresh_session ? staff_session(false) : staff);
      case kStaffOther:
        return bearer(fresh_session ? staff_session(true) : staff_other);
      case kAdmin:
        return bearer(wq.admin_token());
      case kWhoCount:
        break;
    }
    return {};
  }

  Wijkqueue wq{options()};
  Ids ids;
  std::string expired, expired_cookie, staff, staff_other;
};

TEST_F(RoleMatrix, EveryRouteAnswersEveryCallerAsTheTableSays) {
  const auto rows = the_matrix(wq);
  const auto routes = registered_routes(wq);
  ASSERT_FALSE(routes.empty());

  // Each row reaches the route the router would run for it (the first whose pattern matches); each route
  // is reached by one row.
  std::vector<int> rows_of_route(routes.size(), 0);
  for (const auto& row : rows) {
    const std::string path = fill(row.path, ids);
    bool reached = false;
    for (std::size_t i = 0; i < routes.size() && !reached; ++i)
      if (routes[i].first == row.method && std::regex_match(path, std::regex(routes[i].second))) {
        ++rows_of_route[i];
        reached = true;
      }
    EXPECT_TRUE(reached) << "a row for a route that does not exist: " << row.method << " " << row.path;
  }
  for (std::size_t i = 0; i < routes.size(); ++i) {
    EXPECT_GE(rows_of_route[i], 1) << "a route without a row in the matrix: " << routes[i].first << " "
                                   << routes[i].second;
    EXPECT_LE(rows_of_route[i], 1) << "two rows for one route: " << routes[i].first << " "
                                   << routes[i].second;
  }

  int cells = 0;
  for (const auto& row : rows) {
    for (int w = 0; w < kWhoCount; ++w) {
      const Who who = static_cast<Who>(w);
      if (row.fresh) row.fresh(ids);
      auto headers = credentials(who, row.ends_session);
      std::string body;
      if (row.body) {
        body = row.body(ids);
        headers.push_back("Content-Type: " + row.content_type);
      }
      headers.push_back("X-Forwarded-For: 192.0.2." + std::to_string(1 + cells % 250));
      const auto r = http_request(row.method, wq.url(fill(row.path, ids)), wq.ca_file(), {}, body, headers);
      ++cells;
      const int want = row.want[w];
      const std::string where = row.method + " " + row.path + " as " + kWhoNames[w] + ": " +
                                std::to_string(r.status) + " " + r.body.substr(0, 200);
      if (want == A) {
        EXPECT_TRUE(r.status >= 200 && r.status < 500 && r.status != 401 && r.status != 403) << where;
      } else {
        EXPECT_EQ(r.status, want) << where;
      }
      // A refusal says why in API.md's error body.
      if (r.status == 401 || r.status == 403) {
        EXPECT_FALSE(error_of(r).is_null()) << where;
      }
    }
  }
  std::cout << "[ figures  ] role matrix: " << routes.size() << " routes, " << rows.size() << " rows x "
            << kWhoCount << " callers = " << cells << " cells\n";
}

// The request-head fuzzer (tests/fuzz/fuzz_request_head.cpp) cannot build the service's routes, which need
// a database: it reads them from tests/fuzz/routes.txt, which must be the service's table exactly.
TEST(RequestHeadFuzzer, ReadsEveryRouteTheServiceHas) {
  Wijkqueue wq;
  std::ifstream in(WIJKKIOSK_SOURCE_DIR "/tests/fuzz/routes.txt");
  ASSERT_TRUE(in) << "tests/fuzz/routes.txt is missing";
  std::vector<std::pair<std::string, std::string>> listed;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find(' ');
    ASSERT_NE(space, std::string::npos) << line;
    listed.emplace_back(line.substr(0, space), line.substr(space + 1));
  }
  EXPECT_EQ(listed, registered_routes(wq))
      << "tests/fuzz/routes.txt differs from the service's routes: write it anew with `wijkqueue routes`";
}

}  // namespace
}  // namespace wk::test
