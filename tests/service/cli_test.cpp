// The wijkqueue command line: what it prints, what it refuses, and what it leaves on disk.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <filesystem>

#include "fresh_service_db.hpp"
#include "service/secrets.hpp"
#include "service_test_helpers.hpp"
#include "store/service_db.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

RunResult wijkqueue(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {bin_path("wijkqueue")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

bool is_token(const std::string& s) {
  return s.size() == 43 &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

TEST(CliTest, InitPrintsOnlyTheAdminTokenAndMakesPrivateFiles) {
  TempDir tmp;
  const std::string dir = tmp.file("svc");
  const auto r = wijkqueue({"init", "--dir", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_FALSE(r.out.empty());
  EXPECT_EQ(r.out.back(), '\n');
  const std::string token = r.out.substr(0, r.out.size() - 1);
  EXPECT_TRUE(is_token(token)) << "stdout must be exactly one token line: '" << r.out << "'";
  EXPECT_FALSE(r.err.empty()) << "the explanation goes to stderr";
  EXPECT_EQ(mode_of(dir), 0700u);
  EXPECT_EQ(mode_of(dir + "/ca.key"), 0600u);
  EXPECT_EQ(mode_of(dir + "/server.key"), 0600u);
  for (const char* f : {"/ca.pem", "/server.pem", "/wijkqueue.db"})
    EXPECT_TRUE(std::filesystem::exists(dir + f)) << f;

  const auto again = wijkqueue({"init", "--dir", dir});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(again.out.empty());
  EXPECT_NE(again.err.find("already"), std::string::npos) << again.err;
}

TEST(CliTest, DeviceTokensAreStoredOnlyAsTheirHash) {
  Wijkqueue wq(set_up_only());
  const std::string token = wq.add_device("kiosk", "centrum");
  EXPECT_TRUE(is_token(token)) << token;
  {
    auto db = open_database_of(wq);
    ASSERT_TRUE(db.ok()) << to_string(db.error());
    auto device = db.value()->device_by_token_hash(service::sha256_hex(token));
    ASSERT_TRUE(device.ok());
    ASSERT_TRUE(device.value().has_value());
    EXPECT_EQ(device.value()->role, "kiosk");
    EXPECT_EQ(device.value()->location, "centrum");
  }
  // Neither the database nor its write-ahead log (nor, on PostgreSQL, its dump) holds a token itself.
  const std::string bytes = wq.database_bytes();
  ASSERT_FALSE(bytes.empty());
  for (const std::string& t : {token, wq.kiosk_token(), wq.admin_token()})
    EXPECT_EQ(bytes.find(t), std::string::npos);
}

TEST(CliTest, BadArgumentsExit2WithAUsageLine) {
  TempDir tmp;
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {},
           {"frobnicate"},
           {"init"},
           {"init", "--dir"},
           {"init", "--dir", tmp.path(), "--colour", "blue"},
           {"location", "add", "--dir", tmp.path(), "--id", "x"},
           {"location", "remove", "--dir", tmp.path()},
           {"device", "add", "--dir", tmp.path(), "--role", "admin", "--location", "x"},
           {"serve", "--dir", tmp.path(), "--port", "eighty"},
           {"serve", "--dir", tmp.path(), "--port", "70000"}}) {
    const auto r = wijkqueue(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(r.exit_code, 2) << joined;
    EXPECT_NE(r.err.find("usage: wijkqueue"), std::string::npos) << joined << r.err;
  }
}

TEST(CliTest, FailuresExit1WithASentence) {
  Wijkqueue wq(set_up_only());
  const auto unknown_location =
      wijkqueue({"device", "add", "--dir", wq.dir(), "--role", "kiosk", "--location", "nope"});
  EXPECT_EQ(unknown_location.exit_code, 1);
  EXPECT_NE(unknown_location.err.find("nope"), std::string::npos) << unknown_location.err;
  const auto no_db =
      wijkqueue({"location", "add", "--dir", wq.dir() + "/missing", "--id", "x", "--name", "X"});
  EXPECT_EQ(no_db.exit_code, 1);
  EXPECT_NE(no_db.err.find("wijkqueue init"), std::string::npos) << no_db.err;
  const auto bad_zone = wijkqueue(
      {"location", "add", "--dir", wq.dir(), "--id", "x", "--name", "X", "--timezone", "Mars/Olympus"});
  EXPECT_EQ(bad_zone.exit_code, 1);
  EXPECT_NE(bad_zone.err.find("Mars/Olympus"), std::string::npos) << bad_zone.err;
  const auto twice = wijkqueue({"location", "add", "--dir", wq.dir(), "--id", "centrum", "--name", "Again"});
  EXPECT_EQ(twice.exit_code, 1);
}

TEST(CliTest, SetConfigWithABadFileNamesTheFileAndTheField) {
  Wijkqueue wq(set_up_only());
  const std::string toml = wq.dir() + "/bad.toml";
  std::string text = test_location_toml("centrum");
  text.replace(text.find("letter = \"S\""), 12, "letter = \"ss\"");
  write_file(toml, text);
  const auto r = wijkqueue({"location", "set-config", "--dir", wq.dir(), "--id", "centrum", "--file", toml});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(toml), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("topics[1].letter"), std::string::npos) << r.err;

  const std::string json = wq.dir() + "/bad.json";
  write_file(json,
             R"({"languages": ["nl"], "topics": [{"id": "werk", "letter": "W", "names": {"en": "Work"}}]})");
  const auto rj = wijkqueue({"location", "set-config", "--dir", wq.dir(), "--id", "centrum", "--file", json});
  EXPECT_EQ(rj.exit_code, 1);
  EXPECT_NE(rj.err.find(json), std::string::npos) << rj.err;
  EXPECT_NE(rj.err.find("topics[0].names.nl"), std::string::npos) << rj.err;

  write_file(json, "{ not json");
  const auto syntax =
      wijkqueue({"location", "set-config", "--dir", wq.dir(), "--id", "centrum", "--file", json});
  EXPECT_EQ(syntax.exit_code, 1);
  EXPECT_NE(syntax.err.find(json), std::string::npos) << syntax.err;

  const auto missing = wijkqueue(
      {"location", "set-config", "--dir", wq.dir(), "--id", "centrum", "--file", wq.dir() + "/none.toml"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("none.toml"), std::string::npos) << missing.err;

  write_file(toml, test_location_toml("noord"));
  const auto wrong_id =
      wijkqueue({"location", "set-config", "--dir", wq.dir(), "--id", "centrum", "--file", toml});
  EXPECT_EQ(wrong_id.exit_code, 1);
  EXPECT_NE(wrong_id.err.find(": id:"), std::string::npos) << wrong_id.err;
}

TEST(CliTest, SetConfigAcceptsJson) {
  Wijkqueue wq;
  const std::string json = wq.dir() + "/config.json";
  write_file(json, R"({"id": "centrum", "languages": ["nl", "en"], "topics": [
      {"id": "werk", "letter": "W", "names": {"nl": "Werk", "en": "Work"}}]})");
  const auto r = wijkqueue({"location", "set-config", "--dir", wq.dir(), "--id", "centrum", "--file", json});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto config = http_request("GET", wq.url("/v1/config"), wq.ca_file(), wq.kiosk_token());
  ASSERT_EQ(config.status, 200);
  EXPECT_EQ(nlohmann::json::parse(config.body)["topics"].size(), 1u);
}

TEST(CliTest, InitWithAGivenCertificateServesWithIt) {
  Wijkqueue first(set_up_only());  // only for its certificate and CA
  TempDir tmp;
  const std::string dir = tmp.file("svc");
  const auto init = wijkqueue(
      {"init", "--dir", dir, "--cert", first.dir() + "/server.pem", "--key", first.dir() + "/server.key"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/ca.pem")) << "no CA of its own when a certificate is given";
  const auto only_one =
      wijkqueue({"init", "--dir", tmp.file("other"), "--cert", first.dir() + "/server.pem"});
  EXPECT_EQ(only_one.exit_code, 1);

  auto server = Process::start(
      {bin_path("wijkqueue"), "serve", "--dir", dir, "--port", "0", "--port-file", dir + "/port"}, {},
      dir + "/serve.log");
  ASSERT_TRUE(wait_until([&] { return std::filesystem::exists(dir + "/port") || !server.running(); }))
      << read_file(dir + "/serve.log");
  ASSERT_TRUE(std::filesystem::exists(dir + "/port")) << read_file(dir + "/serve.log");
  const std::string port = std::to_string(std::stoi(read_file(dir + "/port")));
  const auto r = http_request("GET", "https://localhost:" + port + "/healthz", first.ca_file());
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_NE(read_file(dir + "/serve.log").find("wijkqueue: listening on https://127.0.0.1:" + port),
            std::string::npos);
  server.kill(SIGTERM);
  EXPECT_EQ(server.wait(), 0);
}

TEST(CliTest, ServeOnAPortInUseFailsWithASentence) {
  Wijkqueue wq;
  const auto r = wijkqueue({"serve", "--dir", wq.dir(), "--port", std::to_string(wq.port())});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(std::to_string(wq.port())), std::string::npos) << r.err;
}

}  // namespace
}  // namespace wk::test
