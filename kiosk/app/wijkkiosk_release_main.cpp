// wijkkiosk-release: IT's tool for releases (docs/updates.md): Ed25519 keys, the manifest of a release
// directory, and detached signatures over the manifest file's exact bytes.
// Exit codes: 0 done, 1 a failure (one line on stderr), 2 bad arguments (usage on stderr).
// stdout carries only what a script may capture: the manifest of `manifest`.
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "app/clock_source.hpp"
#include "app/command_line.hpp"
#include "core/update_manifest.hpp"
#include "update/release_files.hpp"
#include "update/signature.hpp"

namespace {

constexpr const char* kUsage =
    "usage: wijkkiosk-release keygen --secret FILE --public FILE  (neither may exist yet)\n"
    "       wijkkiosk-release manifest --dir RELEASE_DIR --channel C --version V --serial N\n"
    "                                  --expires-in-days D [--rollout 100] > manifest.json\n"
    "       wijkkiosk-release sign --key SECRET --manifest M [--out M.sig]\n"
    "       wijkkiosk-release verify --keys PUB1[,PUB2...] --manifest M --sig M.sig\n";

using wk::app::cli::BadArgs;
using wk::app::cli::get;
using Options = wk::app::cli::Options;

Options parse_options(const std::vector<std::string>& args, const std::set<std::string>& known,
                      const std::set<std::string>& required) {
  return wk::app::cli::parse(args, 2, {known, required, {}});
}

int fail(const wk::Error& e) {
  std::cerr << "wijkkiosk-release: " << e.message << (e.detail.empty() ? "" : " (" + e.detail + ")") << "\n";
  return 1;
}

std::uint64_t parse_serial(const std::string& text) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    throw BadArgs{"--serial must be a whole number, 0 or more"};
  return v;
}

std::vector<std::string> split_commas(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = std::min(list.find(',', start), list.size());
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

int keygen(const Options& o) {
  if (auto r = wk::updates::generate_key_files(get(o, "secret"), get(o, "public")); !r)
    return fail(r.error());
  std::cerr << "wijkkiosk-release: keys written; keep " << get(o, "secret") << " off the kiosks.\n";
  return 0;
}

int manifest(const Options& o) {
  wk::ReleaseManifest m;
  m.channel = get(o, "channel");
  m.version = get(o, "version");
  m.serial = parse_serial(get(o, "serial"));
  const int days = wk::app::cli::integer(o, "expires-in-days", 0, 1, 3650);
  m.expires_at = wk::app::wall_clock_ms() + std::int64_t{days} * 24 * 60 * 60 * 1000;
  m.rollout_percent = wk::app::cli::integer(o, "rollout", 100, 0, 100);
  auto files = wk::updates::release_files_of(get(o, "dir"));
  if (!files) return fail(files.error());
  m.files = std::move(files.value());
  // Written, then read back by the same rules a kiosk applies: a channel, version or path the kiosk would
  // refuse is refused here, before anything is signed.
  const std::string text = wk::manifest_to_json(m);
  if (auto back = wk::manifest_from_json(text); !back) return fail(back.error());
  std::cout << text << std::flush;
  return std::cout ? 0 : fail(wk::make_error("io_error", "The manifest could not be written to stdout."));
}

int sign(const Options& o) {
  const auto key = wk::updates::read_secret_key(get(o, "key"));
  if (!key) return fail(key.error());
  const auto text = wk::updates::read_whole_file(get(o, "manifest"));
  if (!text) return fail(text.error());
  // Only a manifest a kiosk would parse gets a signature.
  if (auto m = wk::manifest_from_json(text.value()); !m) return fail(m.error());
  const auto sig = wk::updates::sign_detached(text.value(), key.value());
  if (!sig) return fail(sig.error());
  const std::string out = get(o, "out", get(o, "manifest") + ".sig");
  if (auto r = wk::updates::write_file_atomically(out, sig.value(), 0644); !r) return fail(r.error());
  std::cerr << "wijkkiosk-release: signature written to " << out << "\n";
  return 0;
}

int verify(const Options& o) {
  std::vector<wk::updates::PublicKey> keys;
  for (const auto& path : split_commas(get(o, "keys"))) {
    auto key = wk::updates::read_public_key(path);
    if (!key) return fail(key.error());
    keys.push_back(std::move(key.value()));
  }
  if (keys.empty()) throw BadArgs{"--keys needs at least one public key file"};
  const auto text = wk::updates::read_whole_file(get(o, "manifest"));
  if (!text) return fail(text.error());
  const auto sig = wk::updates::read_whole_file(get(o, "sig"));
  if (!sig) return fail(sig.error());
  if (auto r = wk::updates::verify_detached(text.value(), sig.value(), keys); !r) return fail(r.error());
  std::cerr << "wijkkiosk-release: the signature is valid.\n";
  return 0;
}

int run(const std::vector<std::string>& a) {
  const std::string cmd = a.size() > 1 ? a[1] : "";
  if (cmd == "keygen") return keygen(parse_options(a, {"secret", "public"}, {"secret", "public"}));
  if (cmd == "manifest")
    return manifest(parse_options(a, {"dir", "channel", "version", "serial", "expires-in-days", "rollout"},
                                  {"dir", "channel", "version", "serial", "expires-in-days"}));
  if (cmd == "sign") return sign(parse_options(a, {"key", "manifest", "out"}, {"key", "manifest"}));
  if (cmd == "verify")
    return verify(parse_options(a, {"keys", "manifest", "sig"}, {"keys", "manifest", "sig"}));
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    std::cout << kUsage;
    return 0;
  }
  throw BadArgs{cmd.empty() ? "a command is needed" : "unknown command '" + cmd + "'"};
}

}  // namespace

int main(int argc, char** argv) {
  // A secret key is its owner's alone; the public key and signatures are given their modes explicitly.
  ::umask(077);
  const std::vector<std::string> args(argv, argv + argc);
  try {
    return run(args);
  } catch (const BadArgs& e) {
    std::cerr << "wijkkiosk-release: " << e.why << "\n" << kUsage;
    return 2;
  }
}
