#pragma once
// What the wijkqueue command line does besides serving: set up a directory, add locations and their
// config, add devices. Each returns a Result so main() only prints and picks the exit code.
// A directory D holds wijkqueue.db and, unless the team brings its own, ca.pem/ca.key/server.pem/server.key.
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "service/database.hpp"
#include "store/service_db.hpp"

namespace wk::service {

std::string db_path(const std::string& dir);  // D/wijkqueue.db
// D/volunteer.key: seals volunteers' personal fields in the database (0600; made by init, or by serve in
// a directory from before volunteers' registrations). Lose it and those fields can no longer be read.
std::string volunteer_key_path(const std::string& dir);

struct InitOptions {
  std::string dir;
  std::string cert_file, key_file;  // both empty: make a local CA and a localhost certificate in dir
  UnixMs now = 0;                   // when the admin token is made (its created_at)
  DatabaseChoice db;                // a PostgreSQL database (recorded in the directory); empty: SQLite
};

// Creates the directory (0700), the database and the certificates; returns the admin token, which is
// shown once and stored only as its hash.
Result<std::string> init_service(const InitOptions& options);

Result<void> add_location(const std::string& dir, const std::string& id, const std::string& name,
                          const std::string& timezone, UnixMs now);

// Reads a location config from `file` (TOML, or JSON when the name ends in .json), validates it with
// core's rules, and stores it; the error names the file and the field.
Result<void> set_location_config(const std::string& dir, const std::string& id, const std::string& file);

// Adds a kiosk or display of a location; returns its token (shown once, stored only as its hash).
Result<std::string> add_device(const std::string& dir, const std::string& role, const std::string& location,
                               const std::string& name, UnixMs now);

// A counter user of a location. The password is kept only as an Argon2id hash (libsodium's
// crypto_pwhash_str: a salt, the cost and the hash in one text).
Result<void> add_staff(const std::string& dir, const std::string& location, const std::string& user,
                       const std::string& password, UnixMs now);
// Removing a user, or giving it a new password, ends every session it has (its counters log out).
Result<void> remove_staff(const std::string& dir, const std::string& location, const std::string& user);
Result<void> set_staff_password(const std::string& dir, const std::string& location, const std::string& user,
                                const std::string& password);
// A stolen or retired kiosk or display: its token gets 401 from its next request on.
Result<void> revoke_device(const std::string& dir, const std::string& device_id, UnixMs now);
Result<std::string> hash_password(std::string_view password);
// Takes as long for a wrong password as for a right one (the whole Argon2id run either way).
bool verify_password(const std::string& hash, std::string_view password);

// Retention (`wijkqueue purge`, daily by systemd/wijkqueue-purge.timer): deletes, per location, the
// volunteers' registrations handled more than its volunteer_retention_days.handled days before `now`, and
// those never handled and made more than .unhandled days before it (defaults 90 and 180); and erases the
// phone number of every call-back request made more than its [callback] retention_days before `now`
// (default 30; the anonymous row stays for reports). Returns how many of both.
Result<std::int64_t> purge_volunteers(const std::string& dir, UnixMs now);

// Where serve finds its certificate and key: the ones given to init, or those init made in dir.
struct ServerTlsFiles {
  std::string cert_file, key_file;
};
Result<ServerTlsFiles> server_tls_files(store::ServiceDb& db, const std::string& dir);

}  // namespace wk::service
