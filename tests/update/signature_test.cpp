// Ed25519 signatures of manifests (update/signature.hpp) and the digests of release files.
#include "update/signature.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "support/temp_dir.hpp"
#include "update/release_files.hpp"

namespace wk::updates {
namespace {

using wk::test::TempDir;

struct Keys {
  SecretKey secret;
  PublicKey pub;
};

Keys make_keys(const TempDir& tmp, const std::string& name) {
  const auto r = generate_key_files(tmp.file(name + ".key"), tmp.file(name + ".pub"));
  EXPECT_TRUE(r.ok()) << to_string(r.error());
  auto secret = read_secret_key(tmp.file(name + ".key"));
  auto pub = read_public_key(tmp.file(name + ".pub"));
  EXPECT_TRUE(secret.ok() && pub.ok());
  return {secret.value(), pub.value()};
}

const std::string kManifest = "{\n  \"channel\": \"stable\",\n  \"serial\": 7\n}\n";

TEST(SignatureTest, KeyFilesArePrivateTextAndNeverOverwritten) {
  TempDir tmp;
  make_keys(tmp, "a");
  struct stat st {};
  ASSERT_EQ(::stat(tmp.file("a.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string pub = wk::test::read_file(tmp.file("a.pub"));
  EXPECT_EQ(pub.size(), 45u) << "32 bytes in base64 and a newline";
  EXPECT_EQ(pub.back(), '\n');

  const auto again = generate_key_files(tmp.file("a.key"), tmp.file("b.pub"));
  EXPECT_FALSE(again.ok());
  EXPECT_FALSE(std::filesystem::exists(tmp.file("b.pub")));
  EXPECT_EQ(wk::test::read_file(tmp.file("a.pub")), pub);
}

TEST(SignatureTest, ASignatureVerifiesOverTheExactBytes) {
  TempDir tmp;
  const auto k = make_keys(tmp, "a");
  const auto sig = sign_detached(kManifest, k.secret);
  ASSERT_TRUE(sig.ok());
  EXPECT_TRUE(verify_detached(kManifest, sig.value(), {k.pub}).ok());
}

TEST(SignatureTest, AnyFlippedByteFails) {
  TempDir tmp;
  const auto k = make_keys(tmp, "a");
  const auto sig = sign_detached(kManifest, k.secret).value();
  for (std::size_t i = 0; i < kManifest.size(); ++i) {
    std::string changed = kManifest;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    const auto r = verify_detached(changed, sig, {k.pub});
    ASSERT_FALSE(r.ok()) << "byte " << i;
    EXPECT_EQ(r.error().code, "bad_signature");
  }
  EXPECT_FALSE(verify_detached(kManifest + " ", sig, {k.pub}).ok()) << "a byte added";
  EXPECT_FALSE(verify_detached(kManifest.substr(1), sig, {k.pub}).ok()) << "a byte removed";
  std::string bad_sig = sig;
  bad_sig[3] = bad_sig[3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_detached(kManifest, bad_sig, {k.pub}).ok()) << "a changed signature";
  EXPECT_FALSE(verify_detached(kManifest, "not base64!", {k.pub}).ok());
  EXPECT_FALSE(verify_detached(kManifest, "", {k.pub}).ok());
}

TEST(SignatureTest, AWrongKeyFails) {
  TempDir tmp;
  const auto a = make_keys(tmp, "a");
  const auto b = make_keys(tmp, "b");
  const auto sig = sign_detached(kManifest, a.secret).value();
  const auto r = verify_detached(kManifest, sig, {b.pub});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_signature");
  EXPECT_FALSE(verify_detached(kManifest, sig, {}).ok()) << "no key trusts nothing";
}

TEST(SignatureTest, AfterRotationEitherTrustedKeyVerifies) {
  TempDir tmp;
  const auto old_key = make_keys(tmp, "old");
  const auto new_key = make_keys(tmp, "new");
  const std::vector<PublicKey> trusted = {old_key.pub, new_key.pub};
  EXPECT_TRUE(verify_detached(kManifest, sign_detached(kManifest, old_key.secret).value(), trusted).ok());
  EXPECT_TRUE(verify_detached(kManifest, sign_detached(kManifest, new_key.secret).value(), trusted).ok());
  // Once the old key is dropped, its signatures no longer count.
  EXPECT_FALSE(
      verify_detached(kManifest, sign_detached(kManifest, old_key.secret).value(), {new_key.pub}).ok());
}

TEST(SignatureTest, AManifestIsParsedOnlyUnderAValidSignature) {
  TempDir tmp;
  const auto k = make_keys(tmp, "a");
  ReleaseManifest m;
  m.channel = "stable";
  m.version = "2.0";
  m.serial = 3;
  m.expires_at = 1'800'000'000'000;
  m.files = {{"bin/wijkkiosk", 3, std::string(64, 'b')}};
  const std::string text = manifest_to_json(m);
  const auto sig = sign_detached(text, k.secret).value();
  const auto good = verified_manifest(text, sig, {k.pub});
  ASSERT_TRUE(good.ok()) << to_string(good.error());
  EXPECT_EQ(good->serial, 3u);

  std::string changed = text;
  changed.replace(changed.find("\"serial\": 3"), 11, "\"serial\": 9");
  const auto bad = verified_manifest(changed, sig, {k.pub});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "bad_signature");

  const std::string not_a_manifest = "{}";
  const auto signed_garbage =
      verified_manifest(not_a_manifest, sign_detached(not_a_manifest, k.secret).value(), {k.pub});
  ASSERT_FALSE(signed_garbage.ok());
  EXPECT_EQ(signed_garbage.error().code, "bad_manifest");
}

TEST(SignatureTest, AKeyFileOfTheWrongSizeIsRefused) {
  TempDir tmp;
  wk::test::write_file(tmp.file("short.pub"), "AAAA\n");
  EXPECT_FALSE(read_public_key(tmp.file("short.pub")).ok());
  EXPECT_FALSE(read_secret_key(tmp.file("missing.key")).ok());
  make_keys(tmp, "a");
  EXPECT_FALSE(read_secret_key(tmp.file("a.pub")).ok()) << "a public key is no secret key";
}

TEST(ReleaseFilesTest, ListsEveryFileWithSizeAndSha256) {
  TempDir tmp;
  std::filesystem::create_directories(tmp.file("rel/bin"));
  wk::test::write_file(tmp.file("rel/bin/app"), "abc");
  wk::test::write_file(tmp.file("rel/empty"), "");
  const auto files = release_files_of(tmp.file("rel"));
  ASSERT_TRUE(files.ok()) << to_string(files.error());
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ(files->at(0).path, "bin/app");
  EXPECT_EQ(files->at(0).size, 3);
  // The SHA-256 test vectors of FIPS 180-2 ("abc") and of the empty message.
  EXPECT_EQ(files->at(0).sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(files->at(1).path, "empty");
  EXPECT_EQ(files->at(1).sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(ReleaseFilesTest, RefusesASymlink) {
  TempDir tmp;
  std::filesystem::create_directories(tmp.file("rel"));
  std::filesystem::create_symlink("/etc/passwd", tmp.file("rel/link"));
  const auto files = release_files_of(tmp.file("rel"));
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.error().code, "not_a_file");
  EXPECT_FALSE(release_files_of(tmp.file("nowhere")).ok());
}

}  // namespace
}  // namespace wk::updates
