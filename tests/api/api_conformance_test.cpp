// The API description a machine can trust (issue 11): docs/openapi.yaml passes a real OpenAPI validator
// (swagger-parser), and the answers of a live wijkqueue, over a tour of every operation with its usual
// successes and failures, match the statuses and schemas it documents (ajv). Both in openapi_check.mjs;
// its npm packages are installed into the build dir the first time, as the browser tests do.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "service/join_test_helpers.hpp"
#include "service/queue_test_helpers.hpp"
#include "service/volunteer_test_helpers.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {
namespace {

const std::string kCheck = WIJKKIOSK_SOURCE_DIR "/tests/api/openapi_check.mjs";
const std::string kSpec = WIJKKIOSK_SOURCE_DIR "/docs/openapi.yaml";
const std::string kNodeDir = WIJKKIOSK_API_NODE_DIR;

void ensure_packages() {
  const std::string marker = kNodeDir + "/node_modules/ajv/package.json";
  if (std::filesystem::exists(kNodeDir + "/node_modules/@apidevtools/swagger-parser/package.json") &&
      std::filesystem::exists(marker))
    return;
  std::filesystem::create_directories(kNodeDir);
  const auto r = run_command({"/usr/bin/flock", kNodeDir + "/.lock", "/bin/sh", "-c",
                              "test -f \"$0/node_modules/ajv/package.json\" || npm install --prefix \"$0\" "
                              "--no-audit --no-fund --loglevel=error @apidevtools/swagger-parser@10 ajv@8",
                              kNodeDir},
                             {}, std::chrono::minutes(5));
  ASSERT_EQ(r.exit_code, 0) << "npm install failed:\n" << r.out << r.err;
}

RunResult check(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/node", kCheck, kSpec};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, {{"OPENAPI_NODE_DIR", kNodeDir}}, std::chrono::minutes(2));
}

TEST(OpenApi, TheDescriptionIsValid) {
  ensure_packages();
  if (HasFatalFailure()) return;
  const auto r = check({});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

// Records each answer with the spec's path template, for openapi_check.mjs.
class Tour {
 public:
  explicit Tour(Wijkqueue& wq) : wq_(wq) {}
  HttpResponse operator()(const std::string& method, const std::string& path_template,
                          const std::string& url_path, const std::string& token = {},
                          const std::string& body = {}, const std::vector<std::string>& headers = {}) {
    auto r = http_request(method, wq_.url(url_path), wq_.ca_file(), token, body, headers);
    std::string lower = method;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    answers_.push_back({{"method", lower}, {"path", path_template}, {"status", r.status}, {"body", r.body}});
    return r;
  }
  const nlohmann::json& answers() const { return answers_; }

 private:
  Wijkqueue& wq_;
  nlohmann::json answers_ = nlohmann::json::array();
};

// Volunteers' registrations: handed in, retried, refused, listed, handled and forgotten.
void tour_volunteers(Tour& go, Wijkqueue& wq, const std::string& kiosk, const std::string& display,
                     const std::string& staff) {
  const std::string path = "/v1/volunteers";
  const auto phone = volunteer_body(1, "Wilhelmina", {{"phone", "0687654321"}}, wq.now() - 60'000);
  const auto email = volunteer_body(2, "Anneloes", {{"email", "anneloes@voorbeeld.nl"}}, wq.now(),
                                    {"taalmaatje", "vervoer"}, {"evenings", "weekends"});
  EXPECT_EQ(go("POST", path, path, kiosk, phone.dump()).status, 201);
  EXPECT_EQ(go("POST", path, path, kiosk, phone.dump()).status, 200);
  EXPECT_EQ(go("POST", path, path, kiosk, email.dump()).status, 201);
  auto other = phone;
  other["first_name"] = "Wim";
  EXPECT_EQ(go("POST", path, path, kiosk, other.dump()).status, 409);
  auto no_consent = volunteer_body(3, "Pieter", {{"phone", "0612345678"}}, wq.now());
  no_consent["consent"] = false;
  EXPECT_EQ(go("POST", path, path, kiosk, no_consent.dump()).status, 422);
  EXPECT_EQ(go("POST", path, path, display, phone.dump()).status, 403);
  EXPECT_EQ(go("POST", path, path, {}, phone.dump()).status, 401);
  EXPECT_EQ(go("GET", path, path, staff).status, 200);
  EXPECT_EQ(go("GET", path, path, kiosk).status, 403);
  EXPECT_EQ(go("GET", path, path).status, 401);
  const std::string handled = "/v1/volunteers/{id}/handled", one = "/v1/volunteers/{id}";
  EXPECT_EQ(go("POST", handled, "/v1/volunteers/" + volunteer_id(1) + "/handled", staff, "{}").status, 200);
  EXPECT_EQ(go("POST", handled, "/v1/volunteers/" + volunteer_id(1) + "/handled", staff, "{}").status, 200);
  EXPECT_EQ(go("POST", handled, "/v1/volunteers/" + volunteer_id(9) + "/handled", staff, "{}").status, 404);
  EXPECT_EQ(go("POST", handled, "/v1/volunteers/" + volunteer_id(2) + "/handled", display, "{}").status, 403);
  EXPECT_EQ(go("DELETE", one, "/v1/volunteers/" + volunteer_id(2), staff).status, 204);
  EXPECT_EQ(go("DELETE", one, "/v1/volunteers/" + volunteer_id(2), staff).status, 404);
  EXPECT_EQ(go("DELETE", one, "/v1/volunteers/" + volunteer_id(1), kiosk).status, 403);
  EXPECT_EQ(go("DELETE", one, "/v1/volunteers/" + volunteer_id(1)).status, 401);
  EXPECT_EQ(go("GET", path, path, staff).status, 200);  // empty now
}

// "Bel mij terug": handed in, retried, refused, listed, taken, and how the call went; and "later", which
// a kiosk's ticket is refused.
void tour_callbacks(Tour& go, Wijkqueue& wq, const std::string& kiosk, const std::string& display,
                    const std::string& staff, const std::string& kiosk_ticket) {
  const std::string path = "/v1/callbacks";
  const auto body = callback_body(1, "06 1234 5678", wq.now() - 60'000);
  const std::string id = body["id"];
  EXPECT_EQ(go("POST", path, path, kiosk, body.dump()).status, 201);
  EXPECT_EQ(go("POST", path, path, kiosk, body.dump()).status, 200);
  auto other = body;
  other["part_of_day"] = "any";
  EXPECT_EQ(go("POST", path, path, kiosk, other.dump()).status, 409);
  auto bad = callback_body(2, "12", wq.now());
  EXPECT_EQ(go("POST", path, path, kiosk, bad.dump()).status, 422);
  EXPECT_EQ(go("POST", path, path, display, body.dump()).status, 403);
  EXPECT_EQ(go("POST", path, path, {}, body.dump()).status, 401);
  EXPECT_EQ(go("GET", path, path, staff).status, 200);
  EXPECT_EQ(go("GET", path, path, kiosk).status, 403);
  const std::string take = "/v1/callbacks/{id}/take", outcome = "/v1/callbacks/{id}/outcome";
  EXPECT_EQ(go("POST", outcome, path + "/" + id + "/outcome", staff, R"({"outcome": "reached"})").status,
            409);
  EXPECT_EQ(go("POST", take, path + "/" + id + "/take", staff, "{}").status, 200);
  EXPECT_EQ(go("GET", path, path, staff).status, 200);  // with the number, for its taker
  EXPECT_EQ(go("POST", outcome, path + "/" + id + "/outcome", staff, R"({"outcome": "maybe"})").status, 422);
  EXPECT_EQ(go("POST", outcome, path + "/" + id + "/outcome", staff, R"({"outcome": "not_reached"})").status,
            200);
  EXPECT_EQ(go("POST", take, path + "/" + id + "/take", staff, "{}").status, 200);
  EXPECT_EQ(go("POST", outcome, path + "/" + id + "/outcome", staff, R"({"outcome": "reached"})").status,
            200);
  EXPECT_EQ(go("POST", take, path + "/" + id + "/take", staff, "{}").status, 409);
  EXPECT_EQ(go("POST", take, path + "/b0ca11ed-0000-4000-8000-000000000999/take", staff, "{}").status, 404);
  EXPECT_EQ(go("POST", take, path + "/" + id + "/take", kiosk, "{}").status, 403);
  EXPECT_EQ(go("POST", "/v1/tickets/{id}/later", "/v1/tickets/" + kiosk_ticket + "/later", staff).status,
            409);
  // This location has no [join]: its join pages are friendly 404s (join_test.cpp tours one that has).
  EXPECT_EQ(go("GET", "/join/{location}", "/join/centrum").status, 404);
  EXPECT_EQ(go("GET", "/join/{location}/callback", "/join/centrum/callback").status, 404);
}

// Releases: nothing published yet, then one release published by the command line as IT would, its
// manifest and signature, and a file whole, by range and past its end.
void tour_releases(Tour& go, Wijkqueue& wq, const std::string& kiosk, const std::string& staff) {
  const std::string manifest = "/v1/releases/{channel}/manifest";
  const std::string file = "/v1/releases/{channel}/files/{name}";
  EXPECT_EQ(go("GET", manifest, "/v1/releases/stable/manifest", kiosk).status, 404);
  TempDir src("release");
  std::filesystem::create_directories(src.file("bin"));
  write_file(src.file("bin/abc"), "abc");
  write_file(src.file("manifest.json.sig"), "a detached signature");
  // SHA-256 of "abc" (FIPS 180-2's first example).
  write_file(
      src.file("manifest.json"),
      R"({"channel": "stable", "version": "1.0.0", "serial": 1, "files": [{"path": "bin/abc", "size": 3, )"
      R"("sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}]})");
  const auto published = wq.cli({"release", "publish", src.path(), "--channel", "stable", "--dir", wq.dir()});
  ASSERT_EQ(published.exit_code, 0) << published.err;
  EXPECT_EQ(go("GET", manifest, "/v1/releases/stable/manifest", kiosk).status, 200);
  EXPECT_EQ(go("GET", manifest, "/v1/releases/stable/manifest", staff).status, 403);
  EXPECT_EQ(go("GET", manifest, "/v1/releases/stable/manifest").status, 401);
  EXPECT_EQ(
      go("GET", "/v1/releases/{channel}/manifest.sig", "/v1/releases/stable/manifest.sig", kiosk).status,
      200);
  EXPECT_EQ(go("GET", file, "/v1/releases/stable/files/bin/abc", kiosk).status, 200);
  EXPECT_EQ(go("GET", file, "/v1/releases/stable/files/bin/abc", kiosk, {}, {"Range: bytes=1-"}).status, 206);
  EXPECT_EQ(go("GET", file, "/v1/releases/stable/files/bin/abc", kiosk, {}, {"Range: bytes=3-"}).status, 416);
  EXPECT_EQ(go("GET", file, "/v1/releases/stable/files/bin/other", kiosk).status, 404);
}

TEST(OpenApi, LiveAnswersMatchTheDescribedStatusesAndSchemas) {
  ensure_packages();
  if (HasFatalFailure()) return;
  Wijkqueue wq{volunteer_service()};  // the test location, with the volunteer door's interests
  Tour go(wq);
  const std::string kiosk = wq.kiosk_token(), display = wq.display_token(), admin = wq.admin_token();
  const auto a = ticket_now(wq, 1, "S-001", "schulden", 120);
  const auto b = ticket_now(wq, 2, "S-002", "schulden", 60);
  const std::string tickets = "/v1/tickets";
  EXPECT_EQ(go("POST", tickets, tickets, kiosk, a.dump()).status, 201);
  EXPECT_EQ(go("POST", tickets, tickets, kiosk, a.dump()).status, 200);
  EXPECT_EQ(go("POST", tickets, tickets, kiosk, b.dump()).status, 201);
  auto taken = b;
  taken["id"] = "00000000-0000-4000-8000-000000000099";
  taken["public_token"] = "publicTokenForTestTakenCode0";
  EXPECT_EQ(go("POST", tickets, tickets, kiosk, taken.dump()).status, 201);  // a shared code: its twin
  auto other_body = taken;
  other_body["topic"] = "werk";
  other_body["code"] = "W-001";
  EXPECT_EQ(go("POST", tickets, tickets, kiosk, other_body.dump()).status, 409);
  EXPECT_EQ(go("GET", "/v1/numbering", "/v1/numbering", kiosk).status, 200);
  EXPECT_EQ(go("GET", "/v1/numbering", "/v1/numbering", display).status, 403);
  EXPECT_EQ(go("GET", "/v1/numbering", "/v1/numbering").status, 401);
  EXPECT_EQ(go("POST", tickets, tickets, kiosk, "{").status, 400);
  EXPECT_EQ(go("POST", tickets, tickets, kiosk, R"({"id": 1})").status, 422);
  EXPECT_EQ(go("POST", tickets, tickets, {}, a.dump()).status, 401);
  EXPECT_EQ(go("POST", tickets, tickets, display, a.dump()).status, 403);

  const std::string pub = "/v1/public/tickets/{public_token}";
  EXPECT_EQ(go("GET", pub, "/v1/public/tickets/" + a["public_token"].get<std::string>()).status, 200);
  EXPECT_EQ(go("GET", pub, "/v1/public/tickets/unknownTokenXXXXXXXXXXXXXXXX").status, 404);
  EXPECT_EQ(go("GET", "/v1/config", "/v1/config", kiosk).status, 200);
  EXPECT_EQ(go("GET", "/v1/config", "/v1/config").status, 401);
  const nlohmann::json beat = {{"version", "1.0"}, {"uptime_s", 5},           {"outbox_depth", 0},
                               {"printer", "ok"},  {"last_sync_at", nullptr}, {"slot", 1},
                               {"slots", 2}};
  EXPECT_EQ(go("POST", "/v1/heartbeat", "/v1/heartbeat", kiosk, beat.dump()).status, 204);
  EXPECT_EQ(go("POST", "/v1/heartbeat", "/v1/heartbeat", kiosk, R"({"version": 7})").status, 422);

  const auto login = go(
      "POST", "/v1/login", "/v1/login", {},
      nlohmann::json{{"location", "centrum"}, {"user", "balie"}, {"password", "geheim-wachtwoord"}}.dump());
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string staff = json_of(login)["token"];
  EXPECT_EQ(go("POST", "/v1/login", "/v1/login", {},
               nlohmann::json{{"location", "centrum"}, {"user", "balie"}, {"password", "fout"}}.dump())
                .status,
            401);
  EXPECT_EQ(go("POST", "/v1/login", "/v1/login", {}, "{}").status, 422);
  EXPECT_EQ(go("GET", "/v1/queue", "/v1/queue", staff).status, 200);
  EXPECT_EQ(go("GET", "/v1/queue", "/v1/queue", kiosk).status, 403);

  const auto called = go("POST", "/v1/desks/{desk}/next", "/v1/desks/2/next", staff, "{}");
  ASSERT_EQ(called.status, 200) << called.body;
  const std::string id = json_of(called)["id"];
  EXPECT_EQ(go("POST", "/v1/desks/{desk}/next", "/v1/desks/0/next", staff, "{}").status, 422);
  EXPECT_EQ(go("GET", "/v1/queue", "/v1/queue", staff).status, 200);  // with a called ticket
  EXPECT_EQ(go("POST", "/v1/tickets/{id}/recall", "/v1/tickets/" + id + "/recall", staff).status, 200);
  const auto reprint = go("POST", "/v1/tickets/{id}/reprint", "/v1/tickets/" + id + "/reprint", staff);
  EXPECT_EQ(reprint.status, 202) << reprint.body;
  if (reprint.status == 202) {
    const std::string job = std::to_string(json_of(reprint)["id"].get<std::int64_t>());
    EXPECT_EQ(go("GET", "/v1/print-jobs/{id}", "/v1/print-jobs/" + job, staff).status, 200);
    const auto jobs = go("GET", "/v1/print-jobs", "/v1/print-jobs", kiosk);
    EXPECT_EQ(jobs.status, 200);
    EXPECT_EQ(go("POST", "/v1/print-jobs/{id}/done", "/v1/print-jobs/" + job + "/done", kiosk,
                 R"({"outcome": "printed"})")
                  .status,
              204);
    EXPECT_EQ(go("POST", "/v1/print-jobs/{id}/done", "/v1/print-jobs/" + job + "/done", kiosk,
                 R"({"outcome": "melted"})")
                  .status,
              422);
  }
  EXPECT_EQ(go("GET", "/v1/print-jobs/{id}", "/v1/print-jobs/999999", staff).status, 404);
  EXPECT_EQ(go("POST", "/v1/tickets/{id}/transfer", "/v1/tickets/" + id + "/transfer", staff,
               R"({"topic": "werk"})")
                .status,
            200);
  EXPECT_EQ(go("POST", "/v1/tickets/{id}/served", "/v1/tickets/" + id + "/served", staff).status, 409);
  EXPECT_EQ(go("POST", "/v1/desks/{desk}/call", "/v1/desks/2/call", staff, R"({"code": "S-001"})").status,
            200);
  EXPECT_EQ(go("POST", "/v1/tickets/{id}/no-show", "/v1/tickets/" + id + "/no-show", staff).status, 200);
  EXPECT_EQ(go("POST", "/v1/desks/{desk}/call", "/v1/desks/2/call", staff, R"({"code": "Z-999"})").status,
            404);
  const auto second = go("POST", "/v1/desks/{desk}/next", "/v1/desks/3/next", staff, "{}");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(go("POST", "/v1/tickets/{id}/served",
               "/v1/tickets/" + json_of(second)["id"].get<std::string>() + "/served", staff)
                .status,
            200);
  // The other holder of S-002, by its shared code.
  EXPECT_EQ(go("POST", "/v1/desks/{desk}/call", "/v1/desks/3/call", staff, R"({"code": "S-002"})").status,
            200);
  EXPECT_EQ(go("GET", "/v1/queue", "/v1/queue", staff).status, 200);  // called ones with a shared code
  EXPECT_EQ(go("POST", "/v1/desks/{desk}/next", "/v1/desks/3/next", staff, "{}").status, 204);
  EXPECT_EQ(
      go("POST", "/v1/tickets/{id}/served", "/v1/tickets/00000000-0000-4000-8000-000000000777/served", staff)
          .status,
      404);
  tour_volunteers(go, wq, kiosk, display, staff);
  tour_callbacks(go, wq, kiosk, display, staff, id);
  tour_releases(go, wq, kiosk, staff);
  // The web counter's ways in: its session, a cookie login, and the queue as a long-poll.
  EXPECT_EQ(go("GET", "/v1/session", "/v1/session", staff).status, 200);
  EXPECT_EQ(go("GET", "/v1/session", "/v1/session", kiosk).status, 403);
  EXPECT_EQ(go("GET", "/v1/session", "/v1/session").status, 401);
  EXPECT_EQ(go("POST", "/v1/login", "/v1/login", {},
               nlohmann::json{{"location", "centrum"},
                              {"user", "balie"},
                              {"password", "geheim-wachtwoord"},
                              {"session", "cookie"}}
                   .dump())
                .status,
            200);
  EXPECT_EQ(go("GET", "/v1/queue", "/v1/queue?since=old&wait=1", staff).status, 200);
  EXPECT_EQ(go("GET", "/v1/queue", "/v1/queue?wait=99", staff).status, 422);
  // Reports and signals: the location's own staff and the admin, in every form.
  const std::string report = "/v1/reports/{location}";
  EXPECT_EQ(go("GET", report, "/v1/reports/centrum", staff).status, 200);
  EXPECT_EQ(go("GET", report, "/v1/reports/centrum?period=month", admin).status, 200);
  EXPECT_EQ(go("GET", report, "/v1/reports/centrum?from=2026-02-30&to=2026-03-01", staff).status, 422);
  EXPECT_EQ(go("GET", report, "/v1/reports/nergens", admin).status, 404);
  EXPECT_EQ(go("GET", report, "/v1/reports/nergens", staff).status, 403);
  EXPECT_EQ(go("GET", report, "/v1/reports/centrum", kiosk).status, 403);
  EXPECT_EQ(go("GET", report, "/v1/reports/centrum").status, 401);
  EXPECT_EQ(go("GET", report + ".csv", "/v1/reports/centrum.csv", staff).status, 200);
  EXPECT_EQ(go("GET", report + ".html", "/v1/reports/centrum.html", staff).status, 200);
  EXPECT_EQ(go("GET", "/v1/signals", "/v1/signals", admin).status, 200);
  EXPECT_EQ(go("GET", "/v1/signals", "/v1/signals?day=x", staff).status, 422);
  EXPECT_EQ(go("GET", "/v1/signals", "/v1/signals", display).status, 403);
  EXPECT_EQ(go("GET", "/staff/", "/staff/").status, 200);
  EXPECT_EQ(go("GET", "/staff/{file}", "/staff/counter.js").status, 200);
  EXPECT_EQ(go("GET", "/staff/{file}", "/staff/no-such-file.js").status, 404);
  EXPECT_EQ(go("GET", "/v1/calls", "/v1/calls?after=0", display).status, 200);
  EXPECT_EQ(go("GET", "/v1/calls", "/v1/calls?after=x", display).status, 422);
  EXPECT_EQ(go("GET", "/v1/fleet", "/v1/fleet", admin).status, 200);
  EXPECT_EQ(go("GET", "/v1/fleet", "/v1/fleet", staff).status, 403);
  EXPECT_EQ(go("GET", "/healthz", "/healthz").status, 200);
  EXPECT_EQ(go("GET", "/metrics", "/metrics", admin).status, 200);
  EXPECT_EQ(go("POST", "/v1/logout", "/v1/logout", staff).status, 204);
  EXPECT_EQ(go("POST", "/v1/logout", "/v1/logout", staff).status, 401);

  TempDir tmp("api");
  write_file(tmp.file("answers.json"), go.answers().dump());
  const auto r = check({tmp.file("answers.json")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(std::to_string(go.answers().size()) + " answers checked, 0 not as described"),
            std::string::npos)
      << r.out << r.err;
}

}  // namespace
}  // namespace wk::test
