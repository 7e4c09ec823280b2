// The release manifest (core/update_manifest.hpp): every field checked with the field named, and the
// rules by which a device accepts one, each refusal with its code.
#include "core/update_manifest.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace wk {
namespace {

using nlohmann::json;

constexpr UnixMs kDay = 24LL * 60 * 60 * 1000;
const std::string kHash(64, 'a');

json good_json() {
  return {{"channel", "stable"},
          {"version", "1.2.0"},
          {"serial", 7},
          {"expires_at", "2026-12-31T00:00:00Z"},
          {"rollout_percent", 100},
          {"files",
           {{{"path", "bin/wijkkiosk"}, {"size", 1234}, {"sha256", kHash}},
            {{"path", "assets/a.png"}, {"size", 0}, {"sha256", std::string(64, '0')}}}}};
}

ReleaseManifest good() {
  auto m = manifest_from_json(good_json().dump());
  EXPECT_TRUE(m.ok()) << to_string(m.error());
  return m.value();
}

TEST(UpdateManifestTest, ParsesEveryField) {
  const auto m = good();
  EXPECT_EQ(m.channel, "stable");
  EXPECT_EQ(m.version, "1.2.0");
  EXPECT_EQ(m.serial, 7u);
  EXPECT_EQ(m.expires_at, parse_rfc3339("2026-12-31T00:00:00Z").value());
  EXPECT_EQ(m.rollout_percent, 100);
  ASSERT_EQ(m.files.size(), 2u);
  EXPECT_EQ(m.files[0].path, "bin/wijkkiosk");
  EXPECT_EQ(m.files[0].size, 1234);
  EXPECT_EQ(m.files[0].sha256, kHash);
}

TEST(UpdateManifestTest, RoundTripsThroughJson) {
  auto m = good();
  m.serial = 18446744073709551615ULL;  // the whole range of a serial survives
  const auto back = manifest_from_json(manifest_to_json(m));
  ASSERT_TRUE(back.ok()) << to_string(back.error());
  EXPECT_EQ(back->serial, m.serial);
  EXPECT_EQ(back->expires_at, m.expires_at);
  EXPECT_EQ(back->files.size(), m.files.size());
  EXPECT_EQ(manifest_to_json(back.value()), manifest_to_json(m));
}

TEST(UpdateManifestTest, IgnoresUnknownFieldsSoOlderUpdatersReadNewerManifests) {
  auto j = good_json();
  j["notes"] = "new in a later version";
  EXPECT_TRUE(manifest_from_json(j.dump()).ok());
}

TEST(UpdateManifestTest, RefusesEveryBadFieldNamingIt) {
  struct Case {
    const char* what;
    json::json_pointer pointer;
    json value;  // null with remove = true: the field is removed
    bool remove;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"channel missing", json::json_pointer("/channel"), nullptr, true, "channel"},
      {"channel with slash", json::json_pointer("/channel"), "a/b", false, "channel"},
      {"channel a number", json::json_pointer("/channel"), 3, false, "channel"},
      {"version missing", json::json_pointer("/version"), nullptr, true, "version"},
      {"version ..", json::json_pointer("/version"), "..", false, "version"},
      {"version hidden", json::json_pointer("/version"), ".1", false, "version"},
      {"version with slash", json::json_pointer("/version"), "1/2", false, "version"},
      {"version empty", json::json_pointer("/version"), "", false, "version"},
      {"version a staging dir", json::json_pointer("/version"), "1.2.partial", false, "version"},
      {"version too long", json::json_pointer("/version"), std::string(65, 'v'), false, "version"},
      {"serial missing", json::json_pointer("/serial"), nullptr, true, "serial"},
      {"serial negative", json::json_pointer("/serial"), -1, false, "serial"},
      {"serial text", json::json_pointer("/serial"), "7", false, "serial"},
      {"serial fraction", json::json_pointer("/serial"), 7.5, false, "serial"},
      {"expires_at missing", json::json_pointer("/expires_at"), nullptr, true, "expires_at"},
      {"expires_at not a time", json::json_pointer("/expires_at"), "tomorrow", false, "expires_at"},
      {"expires_at a number", json::json_pointer("/expires_at"), 1234, false, "expires_at"},
      {"rollout missing", json::json_pointer("/rollout_percent"), nullptr, true, "rollout_percent"},
      {"rollout over 100", json::json_pointer("/rollout_percent"), 101, false, "rollout_percent"},
      {"rollout negative", json::json_pointer("/rollout_percent"), -1, false, "rollout_percent"},
      {"files missing", json::json_pointer("/files"), nullptr, true, "files"},
      {"files an object", json::json_pointer("/files"), json::object(), false, "files"},
      {"file not an object", json::json_pointer("/files/1"), "x", false, "files[1]"},
      {"path missing", json::json_pointer("/files/0/path"), nullptr, true, "files[0].path"},
      {"path absolute", json::json_pointer("/files/0/path"), "/etc/passwd", false, "files[0].path"},
      {"path up", json::json_pointer("/files/0/path"), "../x", false, "files[0].path"},
      {"path up inside", json::json_pointer("/files/0/path"), "bin/../../x", false, "files[0].path"},
      {"path dot", json::json_pointer("/files/0/path"), "./x", false, "files[0].path"},
      {"path empty segment", json::json_pointer("/files/0/path"), "bin//x", false, "files[0].path"},
      {"path trailing slash", json::json_pointer("/files/0/path"), "bin/", false, "files[0].path"},
      {"path backslash", json::json_pointer("/files/0/path"), "bin\\..\\x", false, "files[0].path"},
      {"path empty", json::json_pointer("/files/0/path"), "", false, "files[0].path"},
      {"path duplicate", json::json_pointer("/files/1/path"), "bin/wijkkiosk", false, "files[1].path"},
      {"size missing", json::json_pointer("/files/0/size"), nullptr, true, "files[0].size"},
      {"size negative", json::json_pointer("/files/0/size"), -1, false, "files[0].size"},
      {"size text", json::json_pointer("/files/0/size"), "12", false, "files[0].size"},
      {"size too large", json::json_pointer("/files/0/size"), 18446744073709551615ULL, false,
       "files[0].size"},
      {"sha256 missing", json::json_pointer("/files/0/sha256"), nullptr, true, "files[0].sha256"},
      {"sha256 short", json::json_pointer("/files/0/sha256"), std::string(63, 'a'), false, "files[0].sha256"},
      {"sha256 upper case", json::json_pointer("/files/0/sha256"), std::string(64, 'A'), false,
       "files[0].sha256"},
      {"sha256 not hex", json::json_pointer("/files/0/sha256"), std::string(64, 'g'), false,
       "files[0].sha256"},
  };
  for (const auto& c : cases) {
    auto j = good_json();
    if (c.remove) {
      j.at(c.pointer.parent_pointer()).erase(c.pointer.back());
    } else {
      j[c.pointer] = c.value;
    }
    const auto m = manifest_from_json(j.dump());
    ASSERT_FALSE(m.ok()) << c.what;
    EXPECT_EQ(m.error().code, "bad_manifest") << c.what;
    EXPECT_EQ(m.error().detail, c.field) << c.what;
    EXPECT_NE(m.error().message.find(c.field), std::string::npos) << c.what << ": " << m.error().message;
  }
}

TEST(UpdateManifestTest, RefusesTextThatIsNoJsonObject) {
  for (const char* text : {"", "[]", "{", "null", "\"x\""}) {
    const auto m = manifest_from_json(text);
    ASSERT_FALSE(m.ok()) << text;
    EXPECT_EQ(m.error().code, "bad_manifest");
  }
}

TEST(UpdateManifestTest, AcceptsANewerUnexpiredManifestInRolloutWithRoom) {
  const auto m = good();
  UpdateState seen;
  seen.highest_serial_seen = 6;
  EXPECT_TRUE(accept_manifest(m, seen, m.expires_at - kDay, "kiosk-1", required_free_bytes(m)).ok());
}

TEST(UpdateManifestTest, EachRefusalHasItsCodeAndAMessage) {
  const auto m = good();
  const UnixMs now = m.expires_at - kDay;
  const std::int64_t room = required_free_bytes(m);
  UpdateState seen;
  seen.highest_serial_seen = 6;
  auto code_of = [](const Result<void>& r) { return r.ok() ? std::string("ok") : r.error().code; };

  UpdateState same = seen;
  same.highest_serial_seen = 7;
  EXPECT_EQ(code_of(accept_manifest(m, same, now, "kiosk-1", room)), "serial_not_newer");
  EXPECT_EQ(code_of(accept_manifest(m, seen, m.expires_at, "kiosk-1", room)), "expired");
  UpdateState bad = seen;
  bad.bad_versions = {"1.2.0"};
  EXPECT_EQ(code_of(accept_manifest(m, bad, now, "kiosk-1", room)), "bad_version");
  auto none = m;
  none.rollout_percent = 0;
  EXPECT_EQ(code_of(accept_manifest(none, seen, now, "kiosk-1", room)), "outside_rollout");
  EXPECT_EQ(code_of(accept_manifest(m, seen, now, "kiosk-1", room - 1)), "disk_full");

  for (auto r : {ManifestRefusal::serial_not_newer, ManifestRefusal::expired, ManifestRefusal::bad_version,
                 ManifestRefusal::outside_rollout, ManifestRefusal::disk_full})
    EXPECT_FALSE(manifest_refusal_code(r).empty());
  const auto refused = accept_manifest(m, seen, m.expires_at + 1, "kiosk-1", room);
  ASSERT_FALSE(refused.ok());
  EXPECT_FALSE(refused.error().message.empty());
}

TEST(UpdateManifestTest, DiskNeedsTheFilesAndAMargin) {
  const auto m = good();
  EXPECT_EQ(required_free_bytes(m), 1234 + kUpdateDiskMarginBytes);
  auto huge = m;
  huge.files[0].size = std::numeric_limits<std::int64_t>::max();
  huge.files[1].size = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(required_free_bytes(huge), std::numeric_limits<std::int64_t>::max()) << "saturates, never wraps";
}

TEST(UpdateManifestTest, AClockResetTo1970DoesNotReviveAnExpiredManifest) {
  const auto m = good();
  UpdateState seen;
  seen.highest_serial_seen = 6;
  seen.last_manifest_time_seen = m.expires_at + kDay;  // a manifest was accepted after this one expired
  const auto r = accept_manifest(m, seen, /*clock_now=*/0, "kiosk-1", required_free_bytes(m));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "expired");
}

TEST(UpdateManifestTest, AReplayedOlderManifestIsRefusedBySerial) {
  auto v2 = good();
  v2.serial = 8;
  const UnixMs now = v2.expires_at - kDay;
  UpdateState seen;
  seen.highest_serial_seen = 7;
  ASSERT_TRUE(accept_manifest(v2, seen, now, "kiosk-1", required_free_bytes(v2)).ok());
  seen = after_accepting(v2, seen, now);
  EXPECT_EQ(seen.highest_serial_seen, 8u);
  EXPECT_EQ(seen.last_manifest_time_seen, now);

  const auto v1 = good();  // serial 7, still signed and unexpired: an attacker's replay
  const auto r = accept_manifest(v1, seen, now, "kiosk-1", required_free_bytes(v1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "serial_not_newer");

  // Time never goes back in the state either.
  EXPECT_EQ(after_accepting(v2, seen, 0).last_manifest_time_seen, now);
}

std::string device_id(int i) {
  return "kiosk-" + std::to_string(i);
}

TEST(UpdateManifestTest, ARolloutOf30PercentReachesAbout30PercentOf1000Devices) {
  int reached = 0;
  for (int i = 0; i < 1000; ++i) reached += in_rollout(device_id(i), 30) ? 1 : 0;
  // Binomial(1000, 0.3): mean 300, sd 14.5; 250..350 is beyond 3 sd, and the ids are fixed.
  EXPECT_GE(reached, 250);
  EXPECT_LE(reached, 350);
}

TEST(UpdateManifestTest, RolloutBucketsAreSpreadAndOnlyGrow) {
  std::vector<int> per_bucket(100, 0);
  for (int i = 0; i < 10000; ++i) {
    const int b = rollout_bucket(device_id(i));
    ASSERT_GE(b, 0);
    ASSERT_LT(b, 100);
    ++per_bucket[static_cast<std::size_t>(b)];
    EXPECT_FALSE(in_rollout(device_id(i), 0));
    EXPECT_TRUE(in_rollout(device_id(i), 100));
    EXPECT_LE(in_rollout(device_id(i), 10), in_rollout(device_id(i), 11)) << "raising only adds devices";
  }
  // 100 expected per bucket (sd 10): none empty, none crowded.
  for (int n : per_bucket) {
    EXPECT_GE(n, 50);
    EXPECT_LE(n, 160);
  }
}

// The updater and these tests must agree forever: a change of the hash moves every device's bucket. The
// values were computed by an independent implementation (Python) of FNV-1a 64 + fmix64, modulo 100.
TEST(UpdateManifestTest, RolloutBucketIsPinned) {
  EXPECT_EQ(rollout_bucket(""), 42);
  EXPECT_EQ(rollout_bucket("kiosk-1"), 64);
  EXPECT_EQ(rollout_bucket("3f2b6c1e-9a4d-4e8f-b1c2-7d5e6f708192"), 69);
}

}  // namespace
}  // namespace wk
