// The wijkkiosk-release binary, run for real: keys, the manifest of a directory, sign and verify, and its
// exit codes (0 done, 1 refused with one line, 2 a bad command line with the usage).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/update_manifest.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {
namespace {

RunResult release(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {bin_path("wijkkiosk-release")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

int lines(const std::string& s) {
  return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

// A release directory, its manifest written by the tool, and a key pair.
struct Release {
  TempDir tmp;
  std::string manifest = tmp.file("manifest.json");

  Release() {
    std::filesystem::create_directories(tmp.file("rel/bin"));
    write_file(tmp.file("rel/bin/wijkkiosk"), "the kiosk binary");
    write_file(tmp.file("rel/VERSION"), "1.2.0\n");
    const auto keys = release({"keygen", "--secret", tmp.file("it.key"), "--public", tmp.file("it.pub")});
    EXPECT_EQ(keys.exit_code, 0) << keys.err;
    const auto m = release({"manifest", "--dir", tmp.file("rel"), "--channel", "stable", "--version", "1.2.0",
                            "--serial", "12", "--expires-in-days", "30", "--rollout", "30"});
    EXPECT_EQ(m.exit_code, 0) << m.err;
    write_file(manifest, m.out);
  }
};

TEST(ReleaseCliTest, ManifestDescribesTheDirectory) {
  Release r;
  const auto m = manifest_from_json(read_file(r.manifest));
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_EQ(m->channel, "stable");
  EXPECT_EQ(m->version, "1.2.0");
  EXPECT_EQ(m->serial, 12u);
  EXPECT_EQ(m->rollout_percent, 30);
  ASSERT_EQ(m->files.size(), 2u);
  EXPECT_EQ(m->files[0].path, "VERSION");
  EXPECT_EQ(m->files[0].size, 6);
  EXPECT_EQ(m->files[1].path, "bin/wijkkiosk");
  EXPECT_EQ(m->files[1].size, 16);
  EXPECT_EQ(m->files[1].sha256.size(), 64u);
}

TEST(ReleaseCliTest, SignThenVerify) {
  Release r;
  const auto s = release({"sign", "--key", r.tmp.file("it.key"), "--manifest", r.manifest});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_TRUE(s.out.empty());
  ASSERT_TRUE(std::filesystem::exists(r.manifest + ".sig"));
  const auto v = release(
      {"verify", "--keys", r.tmp.file("it.pub"), "--manifest", r.manifest, "--sig", r.manifest + ".sig"});
  EXPECT_EQ(v.exit_code, 0) << v.err;
}

TEST(ReleaseCliTest, AChangedManifestFailsWithOneLine) {
  Release r;
  ASSERT_EQ(
      release({"sign", "--key", r.tmp.file("it.key"), "--manifest", r.manifest, "--out", r.tmp.file("m.sig")})
          .exit_code,
      0);
  std::string text = read_file(r.manifest);
  text.replace(text.find("\"serial\": 12"), 12, "\"serial\": 13");
  write_file(r.manifest, text);
  const auto v = release(
      {"verify", "--keys", r.tmp.file("it.pub"), "--manifest", r.manifest, "--sig", r.tmp.file("m.sig")});
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_EQ(lines(v.err), 1) << v.err;
  EXPECT_NE(v.err.find("signature"), std::string::npos) << v.err;
}

TEST(ReleaseCliTest, ASecondKeyVerifiesAfterRotation) {
  Release r;
  ASSERT_EQ(
      release({"keygen", "--secret", r.tmp.file("new.key"), "--public", r.tmp.file("new.pub")}).exit_code, 0);
  ASSERT_EQ(release({"sign", "--key", r.tmp.file("new.key"), "--manifest", r.manifest}).exit_code, 0);
  const std::string keys = r.tmp.file("it.pub") + "," + r.tmp.file("new.pub");
  EXPECT_EQ(
      release({"verify", "--keys", keys, "--manifest", r.manifest, "--sig", r.manifest + ".sig"}).exit_code,
      0);
  const auto old_only = release(
      {"verify", "--keys", r.tmp.file("it.pub"), "--manifest", r.manifest, "--sig", r.manifest + ".sig"});
  EXPECT_EQ(old_only.exit_code, 1);
}

TEST(ReleaseCliTest, KeygenNeverOverwritesAKey) {
  Release r;
  const std::string before = read_file(r.tmp.file("it.key"));
  const auto again =
      release({"keygen", "--secret", r.tmp.file("it.key"), "--public", r.tmp.file("other.pub")});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(lines(again.err), 1) << again.err;
  EXPECT_EQ(read_file(r.tmp.file("it.key")), before);
}

TEST(ReleaseCliTest, AnUnsafeVersionGetsNoManifest) {
  Release r;
  const auto m = release({"manifest", "--dir", r.tmp.file("rel"), "--channel", "stable", "--version", "../x",
                          "--serial", "1", "--expires-in-days", "1"});
  EXPECT_EQ(m.exit_code, 1);
  EXPECT_TRUE(m.out.empty());
  EXPECT_NE(m.err.find("version"), std::string::npos) << m.err;
}

TEST(ReleaseCliTest, OnlyAManifestAKioskWouldReadIsSigned) {
  Release r;
  write_file(r.tmp.file("bad.json"), "{\"channel\": \"stable\"}\n");
  const auto s = release({"sign", "--key", r.tmp.file("it.key"), "--manifest", r.tmp.file("bad.json")});
  EXPECT_EQ(s.exit_code, 1);
  EXPECT_EQ(lines(s.err), 1) << s.err;
  EXPECT_FALSE(std::filesystem::exists(r.tmp.file("bad.json.sig")));
}

TEST(ReleaseCliTest, ABadCommandLineShowsTheUsage) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{},
        {"frobnicate"},
        {"sign", "--key", "k"},
        {"keygen", "--secret", "a", "--bogus", "b"},
        {"manifest", "--dir", "d", "--channel", "c", "--version", "v", "--serial", "-1", "--expires-in-days",
         "1"},
        {"manifest", "--dir", "d", "--channel", "c", "--version", "v", "--serial", "1", "--expires-in-days",
         "1", "--rollout", "101"}}) {
    const auto r = release(args);
    EXPECT_EQ(r.exit_code, 2) << (args.empty() ? "" : args[0]);
    EXPECT_NE(r.err.find("usage:"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace wk::test
