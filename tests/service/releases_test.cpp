// Releases served by the real wijkqueue over TLS: what `release publish` accepts and refuses, and the
// manifest, its signature and the files as kiosks fetch them (ranges, resume, access).
#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>

#include "queue_test_helpers.hpp"
#include "release_test_helpers.hpp"
#include "service_test_helpers.hpp"
#include "support/http_client.hpp"
#include "support/peak_rss.hpp"
#include "support/temp_dir.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

std::string base64(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}

class ReleasesTest : public ::testing::Test {
 protected:
  Wijkqueue wq;
  TempDir src;
  const std::string program = random_bytes(5000, 1);
  const std::string picto = random_bytes(300, 2);
  const std::string signature = random_bytes(64, 3);

  std::vector<ReleaseFileSpec> files() const {
    return {{"wijkkiosk", program}, {"assets/picto/werk.png", picto}};
  }

  RunResult publish(const std::string& dir, const std::string& channel = "stable") {
    return wq.cli({"release", "publish", dir, "--channel", channel, "--dir", wq.dir()});
  }
  std::string listing() { return wq.cli({"release", "list", "--dir", wq.dir()}).out; }

  HttpResponse get(const std::string& path, const std::string& token, std::vector<std::string> headers = {}) {
    return http_request("GET", wq.url(path), wq.ca_file(), token, {}, headers);
  }
  HttpResponse get_file(const std::string& name, const std::string& range = {}) {
    std::vector<std::string> headers;
    if (!range.empty()) headers.push_back("Range: " + range);
    return get("/v1/releases/stable/files/" + name, wq.kiosk_token(), headers);
  }
};

TEST_F(ReleasesTest, PublishedManifestIsServedByteForByteWithItsSignature) {
  const std::string manifest = make_release(src.path(), "stable", 1, files(), signature);
  const auto r = publish(src.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("serial 1"), std::string::npos) << r.err;
  EXPECT_EQ(listing(), "stable 1 1.0.0\n");

  const auto m = get("/v1/releases/stable/manifest", wq.kiosk_token());
  ASSERT_EQ(m.status, 200) << m.body;
  EXPECT_EQ(m.body, manifest);
  EXPECT_EQ(m.header("content-type"), "application/json");
  EXPECT_EQ(m.header("x-signature"), base64(signature));
  const auto s = get("/v1/releases/stable/manifest.sig", wq.kiosk_token());
  ASSERT_EQ(s.status, 200);
  EXPECT_EQ(s.body, signature);

  const auto none = get("/v1/releases/beta/manifest", wq.kiosk_token());
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(error_of(none)["code"], "no_such_release");
}

TEST_F(ReleasesTest, FilesComeWholeOrByRangeAndACutDownloadResumes) {
  make_release(src.path(), "stable", 1, files(), signature);
  ASSERT_EQ(publish(src.path()).exit_code, 0);

  const auto whole = get_file("wijkkiosk");
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_EQ(whole.body, program);
  EXPECT_EQ(whole.header("content-length"), "5000");
  EXPECT_EQ(whole.header("etag"), "\"" + service::sha256_hex(program) + "\"");
  EXPECT_EQ(whole.header("accept-ranges"), "bytes");

  const auto tail = get_file("wijkkiosk", "bytes=100-");
  ASSERT_EQ(tail.status, 206);
  EXPECT_EQ(tail.body, program.substr(100));
  EXPECT_EQ(tail.header("content-range"), "bytes 100-4999/5000");
  const auto head = get_file("wijkkiosk", "bytes=0-99");
  ASSERT_EQ(head.status, 206);
  EXPECT_EQ(head.body, program.substr(0, 100));
  EXPECT_EQ(head.header("content-range"), "bytes 0-99/5000");

  // A download cut after 2345 bytes, resumed from there: the same bytes as one whole download.
  const auto first = get_file("wijkkiosk", "bytes=0-2344");
  const auto rest = get_file("wijkkiosk", "bytes=2345-");
  ASSERT_EQ(rest.status, 206);
  EXPECT_EQ(first.body + rest.body, program);

  const auto past = get_file("wijkkiosk", "bytes=5000-");
  EXPECT_EQ(past.status, 416);
  EXPECT_EQ(past.header("content-range"), "bytes */5000");

  const auto sub = get_file("assets/picto/werk.png");
  ASSERT_EQ(sub.status, 200);
  EXPECT_EQ(sub.body, picto);
}

TEST_F(ReleasesTest, OnlyTheManifestsFilesAreServed) {
  make_release(src.path(), "stable", 1, files(), signature);
  write_bytes(src.path() + "/extra", "not listed");
  ASSERT_EQ(publish(src.path()).exit_code, 0);
  for (const std::string name : {"extra", "manifest.json", "assets/picto", "%2E%2E/manifest.json",
                                 "assets/%2E%2E/wijkkiosk", "assets/picto/%2E%2E/picto/werk.png"}) {
    const auto r = get_file(name);
    EXPECT_EQ(r.status, 404) << name;
    EXPECT_EQ(error_of(r)["code"], "no_such_file") << name << ": refused by the release route itself";
    EXPECT_EQ(r.body.find("not listed"), std::string::npos) << name;
  }
}

TEST_F(ReleasesTest, DisplaysAndAdminMayReadStaffAndStrangersMayNot) {
  make_release(src.path(), "stable", 1, files(), signature);
  ASSERT_EQ(publish(src.path()).exit_code, 0);
  const std::string path = "/v1/releases/stable/manifest";
  EXPECT_EQ(get(path, wq.display_token()).status, 200);
  EXPECT_EQ(get(path, wq.admin_token()).status, 200);
  EXPECT_EQ(get(path, staff_token(wq)).status, 403);
  EXPECT_EQ(get(path, {}).status, 401);
  EXPECT_EQ(get("/v1/releases/stable/files/wijkkiosk", {}).status, 401);
  EXPECT_EQ(get("/v1/releases/stable/files/wijkkiosk", staff_token(wq)).status, 403);
}

TEST_F(ReleasesTest, RefusalsSayWhyAndChangeNothing) {
  const std::string good = make_release(src.path(), "stable", 5, files(), signature);
  ASSERT_EQ(publish(src.path()).exit_code, 0);
  const auto expect_refused = [&](const std::string& dir, const std::string& channel,
                                  const std::string& why) {
    const auto r = publish(dir, channel);
    EXPECT_EQ(r.exit_code, 1) << why;
    EXPECT_NE(r.err.find(why), std::string::npos) << r.err;
    EXPECT_EQ(listing(), "stable 5 1.0.0\n");
    EXPECT_EQ(get("/v1/releases/stable/manifest", wq.kiosk_token()).body, good);
    // No half-copied release is left behind.
    for (const auto& e : std::filesystem::directory_iterator(wq.dir() + "/releases/stable"))
      EXPECT_EQ(e.path().filename(), "5") << why;
  };
  {
    TempDir d;
    make_release(d.path(), "beta", 6, files(), signature);
    expect_refused(d.path(), "stable", "is for channel beta");
  }
  {
    TempDir d;
    make_release(d.path(), "stable", 6, files(), signature);
    std::filesystem::remove(d.file("assets/picto/werk.png"));
    expect_refused(d.path(), "stable", "assets/picto/werk.png, which is not in the directory");
  }
  {
    TempDir d;
    make_release(d.path(), "stable", 6, files(), signature);
    write_bytes(d.file("wijkkiosk"), program + "x");
    expect_refused(d.path(), "stable", "wijkkiosk is larger than the manifest's 5000 bytes");
    write_bytes(d.file("wijkkiosk"), program.substr(1));
    expect_refused(d.path(), "stable", "wijkkiosk is smaller than the manifest's 5000 bytes");
  }
  {
    TempDir d;
    make_release(d.path(), "stable", 6, files(), signature);
    std::string changed = program;
    changed[4000] = static_cast<char>(changed[4000] ^ 1);
    write_bytes(d.file("wijkkiosk"), changed);
    expect_refused(d.path(), "stable", "wijkkiosk does not have the SHA-256 the manifest states");
  }
  for (const std::int64_t serial : {5, 4}) {
    TempDir d;
    make_release(d.path(), "stable", serial, files(), signature, "0.9.0");
    expect_refused(d.path(), "stable", "is not above serial 5");
  }
  {
    TempDir d;
    make_release(d.path(), "stable", 6, files(), signature);
    std::filesystem::remove(d.file("manifest.json.sig"));
    expect_refused(d.path(), "stable", "manifest.json.sig cannot be read");
  }
  // A rollback is a new serial carrying the old version.
  TempDir back;
  make_release(back.path(), "stable", 6, files(), signature, "0.9.0");
  ASSERT_EQ(publish(back.path()).exit_code, 0);
  EXPECT_EQ(listing(), "stable 6 0.9.0\n");
}

TEST_F(ReleasesTest, ABigFileIsStreamedNotHeldInMemory) {
  const std::string big = random_bytes(20 * 1024 * 1024, 7);
  make_release(src.path(), "stable", 1, {{"big.bin", big}}, signature);
  ASSERT_EQ(publish(src.path()).exit_code, 0);
  // One small request first, so the service's own first-use growth is not counted against the file.
  ASSERT_EQ(get_file("big.bin", "bytes=0-9").status, 206);
  const long before = peak_rss_kib(wq.pid());
  const auto r = get_file("big.bin");
  const long after = peak_rss_kib(wq.pid());
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.body == big);
  ASSERT_GT(before, 0);
  // Served from a buffer the whole file would add 20 MiB; streamed, it adds a few pieces.
  if (kPeakRssIsOurs) {
    EXPECT_LT(after - before, 8 * 1024) << "peak RSS grew from " << before << " KiB to " << after << " KiB";
  }
}

}  // namespace
}  // namespace wk::test
