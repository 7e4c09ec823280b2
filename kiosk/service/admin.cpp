#include "service/admin.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "service/certs.hpp"
#include "service/secrets.hpp"
#include "store/sealed_box.hpp"
#include "store/tz_file.hpp"

namespace wk::service {
namespace fs = std::filesystem;

namespace {

constexpr const char* kCertSetting = "tls.cert_file";
constexpr const char* kKeySetting = "tls.key_file";
constexpr std::size_t kMaxConfigBytes = 1 << 20;

bool is_identifier(const std::string& s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

Result<std::unique_ptr<store::ServiceDb>> open_existing(const std::string& dir) {
  return open_service_db(dir, store::OpenMode::existing);
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("io_error", path + " cannot be read: " + std::strerror(errno) + ".");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (ss.str().size() > kMaxConfigBytes) return make_error("file_too_big", path + " is larger than 1 MiB.");
  return ss.str();
}

Result<LocationConfig> parse_config_file(const std::string& file) {
  auto text = read_file(file);
  if (!text) return text.error();
  if (!file.ends_with(".json")) return location_config_from_toml(text.value(), file);
  try {
    return location_config_from_json(nlohmann::json::parse(text.value()), file);
  } catch (const nlohmann::json::parse_error& e) {
    return make_error("bad_config", file + ": not valid JSON near byte " + std::to_string(e.byte) + ".",
                      e.what());
  }
}

}  // namespace

std::string db_path(const std::string& dir) {
  return dir + "/wijkqueue.db";
}

std::string volunteer_key_path(const std::string& dir) {
  return dir + "/volunteer.key";
}

Result<std::string> init_service(const InitOptions& o) {
  if (o.dir.empty()) return make_error("bad_argument", "Give the directory to set up with --dir.");
  if (o.cert_file.empty() != o.key_file.empty())
    return make_error("bad_argument", "Give both --cert and --key, or neither to make a local certificate.");
  std::error_code ec;
  for (const std::string& held : {db_path(o.dir), database_conf_path(o.dir)})
    if (fs::exists(held, ec))
      return make_error("db_exists", o.dir +
                                         " already holds a wijkqueue database; init leaves it as it is. To "
                                         "start afresh, move " +
                                         held + " away first.");
  if (!o.db.url.empty())
    if (auto r = check_database_url(o.db.url); !r) return r.error();
  if (!fs::exists(o.dir, ec)) {
    if (!fs::create_directories(o.dir, ec))
      return make_error("io_error", o.dir + " cannot be created: " + ec.message() + ".");
    // The directory holds private keys and the database: only its owner may look inside.
    fs::permissions(o.dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  }

  ServerTlsFiles tls;
  if (!o.cert_file.empty()) {
    for (const auto& f : {o.cert_file, o.key_file})
      if (!std::ifstream(f)) return make_error("io_error", f + " cannot be read.");
    tls = {fs::absolute(o.cert_file).string(), fs::absolute(o.key_file).string()};
  } else {
    const auto paths = certificate_paths(o.dir);
    if (auto r = make_local_certificates(paths, o.now); !r) return r.error();
  }

  auto db = open_service_db(o.dir, store::OpenMode::create_new, o.db);
  if (!db) return db.error();
  if (!o.db.url.empty())
    if (auto r = record_database(o.dir, o.db); !r) return r.error();
  if (!tls.cert_file.empty()) {
    if (auto r = db.value()->set_setting(kCertSetting, tls.cert_file); !r) return r.error();
    if (auto r = db.value()->set_setting(kKeySetting, tls.key_file); !r) return r.error();
  }
  if (auto box = store::SealedBox::open_or_create(volunteer_key_path(o.dir)); !box) return box.error();
  const std::string token = new_token();
  store::DeviceRow admin{new_uuid(), "admin", "admin", "*", o.now, std::nullopt};
  if (auto r = db.value()->add_device(admin, sha256_hex(token)); !r) return r.error();
  return token;
}

Result<void> add_location(const std::string& dir, const std::string& id, const std::string& name,
                          const std::string& timezone, UnixMs now) {
  if (!is_identifier(id))
    return make_error("bad_argument",
                      "The location id '" + id + "' may only hold a-z, 0-9, - and _ (at most 64).");
  if (name.empty() || name.size() > 200)
    return make_error("bad_argument", "The location needs a name of at most 200 characters (--name).");
  if (auto tz = store::load_tz_rule(timezone); !tz) return tz.error();
  auto db = open_existing(dir);
  if (!db) return db.error();
  return db.value()->add_location(id, name, timezone, now);
}

Result<void> set_location_config(const std::string& dir, const std::string& id, const std::string& file) {
  auto db = open_existing(dir);
  if (!db) return db.error();
  auto location = db.value()->location(id);
  if (!location) return location.error();
  if (!location.value())
    return make_error("unknown_location",
                      "There is no location '" + id + "'. Add it with 'wijkqueue location add'.");
  auto config = parse_config_file(file);
  if (!config) return config.error();
  LocationConfig& c = config.value();
  if (!c.id.empty() && c.id != id)
    return make_error("bad_config",
                      file + ": id: the file is for location '" + c.id + "', not for '" + id + "'.");
  // Kiosks number their tickets by the local day of the config's time zone and the service checks codes
  // by the location's: the two must agree, or a code could be "taken" on a day the kiosk did not see.
  const auto& row = *location.value();
  if (c.timezone != row.timezone)
    return make_error("bad_config", file + ": timezone: is '" + c.timezone +
                                        "' (Europe/Amsterdam when the file names none), but location '" + id +
                                        "' was added with '" + row.timezone + "'; make them agree.");
  c.id = id;
  if (c.name.empty()) c.name = row.name;
  const std::string json = to_json(c).dump();
  const std::string etag = "\"" + sha256_hex(json).substr(0, 32) + "\"";
  return db.value()->set_location_config(id, json, etag);
}

Result<std::string> add_device(const std::string& dir, const std::string& role, const std::string& location,
                               const std::string& name, UnixMs now) {
  if (role != "kiosk" && role != "display")
    return make_error("bad_argument", "The role '" + role + "' is not one of kiosk or display.");
  if (name.size() > 100) return make_error("bad_argument", "The device name may be at most 100 characters.");
  auto db = open_existing(dir);
  if (!db) return db.error();
  auto loc = db.value()->location(location);
  if (!loc) return loc.error();
  if (!loc.value())
    return make_error("unknown_location",
                      "There is no location '" + location + "'. Add it with 'wijkqueue location add'.");
  const std::string id = new_uuid();
  const std::string token = new_token();
  store::DeviceRow device{
      id, name.empty() ? role + "-" + id.substr(0, 8) : name, role, location, now, std::nullopt};
  if (auto r = db.value()->add_device(device, sha256_hex(token)); !r) return r.error();
  return token;
}

Result<std::string> hash_password(std::string_view password) {
  if (sodium_init() < 0) return make_error("no_randomness", "libsodium could not be initialised.");
  // Moderate cost (3 passes over 32 MiB, about 0.1 s): a login is rare, a stolen database stays costly
  // to attack, and a handful of logins at once still fits in a small server's memory.
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), 3, 32u << 20) != 0)
    return make_error("out_of_memory", "There was not enough memory to hash the password.");
  out.resize(out.find('\0'));
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

namespace {

Result<void> check_user_name(const std::string& user) {
  if (user.empty() || user.size() > 64 ||
      std::any_of(user.begin(), user.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; }))
    return make_error("bad_argument", "The user name must be 1 to 64 characters without spaces.");
  return Ok{};
}

Result<std::string> hash_new_password(const std::string& password) {
  if (password.size() < 10 || password.size() > 256)
    return make_error("bad_argument", "The password must be 10 to 256 characters long.");
  return hash_password(password);
}

}  // namespace

Result<void> add_staff(const std::string& dir, const std::string& location, const std::string& user,
                       const std::string& password, UnixMs now) {
  if (auto r = check_user_name(user); !r) return r.error();
  auto hash = hash_new_password(password);
  if (!hash) return hash.error();
  auto db = open_existing(dir);
  if (!db) return db.error();
  return db.value()->add_staff_user(location, user, hash.value(), now);
}

Result<void> remove_staff(const std::string& dir, const std::string& location, const std::string& user) {
  auto db = open_existing(dir);
  if (!db) return db.error();
  auto removed = db.value()->remove_staff_user(location, user);
  if (!removed) return removed.error();
  if (!removed.value())
    return make_error("unknown_user", "There is no staff user '" + user + "' at " + location + ".");
  return Ok{};
}

Result<void> set_staff_password(const std::string& dir, const std::string& location, const std::string& user,
                                const std::string& password) {
  auto hash = hash_new_password(password);
  if (!hash) return hash.error();
  auto db = open_existing(dir);
  if (!db) return db.error();
  auto changed = db.value()->set_staff_password(location, user, hash.value());
  if (!changed) return changed.error();
  if (!changed.value())
    return make_error("unknown_user", "There is no staff user '" + user + "' at " + location + ".");
  return Ok{};
}

Result<void> revoke_device(const std::string& dir, const std::string& device_id, UnixMs now) {
  auto db = open_existing(dir);
  if (!db) return db.error();
  auto revoked = db.value()->revoke_device(device_id, now);
  if (!revoked) return revoked.error();
  if (!revoked.value())
    return make_error("unknown_device", "There is no kiosk or display with the id '" + device_id +
                                            "' that is not revoked yet; GET /v1/fleet lists the ids.");
  return Ok{};
}

Result<std::int64_t> purge_volunteers(const std::string& dir, UnixMs now) {
  constexpr UnixMs kDayMs = 24LL * 3600 * 1000;
  auto db = open_existing(dir);
  if (!db) return db.error();
  auto locations = db.value()->locations();
  if (!locations) return locations.error();
  std::int64_t purged = 0;
  for (const auto& row : locations.value()) {
    // A location without a config, or with one that no longer reads, keeps the defaults: the purge
    // never stops for one location's config, and never keeps personal data for ever because of it.
    VolunteerRetention keep;
    CallbackPolicy callbacks;  // a location that dropped its [callback] still loses old numbers
    if (!row.config_json.empty()) {
      const auto j = nlohmann::json::parse(row.config_json, nullptr, false);
      if (auto config = location_config_from_json(j, "the stored config of " + row.id)) {
        keep = config->volunteer_retention;
        if (config->callback) callbacks = *config->callback;
      }
    }
    auto n = db.value()->purge_volunteers(
        row.id, {now - keep.handled_days * kDayMs, now - keep.unhandled_days * kDayMs});
    if (!n) return n.error();
    purged += n.value();
    auto numbers = db.value()->purge_callbacks(row.id, now - callbacks.retention_days * kDayMs, now);
    if (!numbers) return numbers.error();
    purged += numbers.value();
  }
  return purged;
}

Result<ServerTlsFiles> server_tls_files(store::ServiceDb& db, const std::string& dir) {
  auto cert = db.setting(kCertSetting);
  if (!cert) return cert.error();
  auto key = db.setting(kKeySetting);
  if (!key) return key.error();
  if (cert.value() && key.value()) return ServerTlsFiles{*cert.value(), *key.value()};
  const auto paths = certificate_paths(dir);
  return ServerTlsFiles{paths.server_cert, paths.server_key};
}

}  // namespace wk::service
