// `wijkqueue release publish|list` as IT runs them: arguments, exit codes, and what they leave on disk.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "release_test_helpers.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

RunResult wijkqueue(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {bin_path("wijkqueue")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

TEST(ReleaseCliTest, BadArgumentsExit2WithAUsageLine) {
  TempDir tmp;
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"release"},
           {"release", "publish"},
           {"release", "publish", "--channel", "stable"},
           {"release", "publish", tmp.path()},
           {"release", "publish", tmp.path(), "--channel", "stable", "--colour", "blue"},
           {"release", "list", "extra"}}) {
    const auto r = wijkqueue(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(r.exit_code, 2) << joined;
    EXPECT_NE(r.err.find("usage: wijkqueue"), std::string::npos) << joined << r.err;
  }
}

TEST(ReleaseCliTest, PublishesIntoThePrivateReleasesDirectoryAndLists) {
  Wijkqueue wq(set_up_only());
  TempDir src;
  const auto empty = wijkqueue({"release", "list", "--dir", wq.dir()});
  EXPECT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(empty.out, "");

  make_release(src.path(), "beta", 3, {{"bin/wijkkiosk", "program"}, {"notes.txt", "hello"}}, "sig", "2.0.0");
  const auto r = wijkqueue({"release", "publish", src.path(), "--channel", "beta", "--dir", wq.dir()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "") << "stdout is for what a script captures";
  EXPECT_NE(r.err.find("version 2.0.0 (serial 3) on channel beta"), std::string::npos) << r.err;

  const std::string rd = wq.dir() + "/releases/beta/3";
  EXPECT_EQ(read_bytes(rd + "/manifest.json"), read_bytes(src.file("manifest.json")));
  EXPECT_EQ(read_bytes(rd + "/manifest.json.sig"), "sig");
  EXPECT_EQ(read_bytes(rd + "/files/bin/wijkkiosk"), "program");
  struct stat st {};
  ASSERT_EQ(::stat((rd + "/files/bin/wijkkiosk").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  EXPECT_EQ(wijkqueue({"release", "list", "--dir", wq.dir()}).out, "beta 3 2.0.0\n");
}

TEST(ReleaseCliTest, FailuresExit1WithASentence) {
  Wijkqueue wq(set_up_only());
  TempDir src;
  make_release(src.path(), "stable", 1, {{"a", "x"}}, "sig");
  const auto bad_channel =
      wijkqueue({"release", "publish", src.path(), "--channel", "../x", "--dir", wq.dir()});
  EXPECT_EQ(bad_channel.exit_code, 1);
  EXPECT_NE(bad_channel.err.find("A channel is"), std::string::npos) << bad_channel.err;
  const auto no_db =
      wijkqueue({"release", "publish", src.path(), "--channel", "stable", "--dir", wq.dir() + "/missing"});
  EXPECT_EQ(no_db.exit_code, 1);
  const auto no_source =
      wijkqueue({"release", "publish", src.file("nope"), "--channel", "stable", "--dir", wq.dir()});
  EXPECT_EQ(no_source.exit_code, 1);
  EXPECT_NE(no_source.err.find("manifest.json cannot be read"), std::string::npos) << no_source.err;
  write_bytes(src.file("manifest.json"), R"({"channel": "stable", "version": "1", "serial": 1,
    "files": [{"path": "../etc/passwd", "size": 1, "sha256": "00"}]})");
  const auto escape = wijkqueue({"release", "publish", src.path(), "--channel", "stable", "--dir", wq.dir()});
  EXPECT_EQ(escape.exit_code, 1);
  EXPECT_NE(escape.err.find("cannot be served: ../etc/passwd"), std::string::npos) << escape.err;
  EXPECT_FALSE(std::filesystem::exists(wq.dir() + "/releases/stable/1"));
}

}  // namespace
}  // namespace wk::test
