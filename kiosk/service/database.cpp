#include "service/database.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "service/admin.hpp"

namespace wk::service {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

Result<std::string> read_password_file(const std::string& path) {
  // As ssh does with a key: a password others may read is refused, not used.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
    return make_error("bad_argument",
                      "The database password file " + path +
                          " may be read by others than its owner. Make it private: chmod 600 " + path);
  std::ifstream in(path);
  if (!in)
    return make_error(
        "io_error", "The database password file " + path + " cannot be read: " + std::strerror(errno) + ".");
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return make_error("bad_argument", "The database password file " + path + " is empty.");
  return line;
}

}  // namespace

std::string database_conf_path(const std::string& dir) {
  return dir + "/database.conf";
}

Result<void> check_database_url(const std::string& url) {
  if (!url.starts_with("postgresql://") && !url.starts_with("postgres://") &&
      url.find('=') == std::string::npos)
    return make_error("bad_argument", "--db takes a PostgreSQL address, postgresql://USER@HOST:5432/DBNAME.");
  return store::check_postgres_conninfo(url);
}

Result<DatabaseChoice> recorded_database(const std::string& dir) {
  std::ifstream in(database_conf_path(dir));
  DatabaseChoice c;
  if (!in) return c;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos)
      return make_error("bad_config",
                        database_conf_path(dir) + " line " + std::to_string(n) + ": expected key = value.");
    const std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    if (key == "url")
      c.url = value;
    else if (key == "password_file")
      c.password_file = value;
    else
      return make_error("bad_config", database_conf_path(dir) + " line " + std::to_string(n) +
                                          ": unknown key '" + key + "' (url, password_file).");
  }
  if (c.url.empty()) return make_error("bad_config", database_conf_path(dir) + " names no url.");
  if (auto r = check_database_url(c.url); !r) return r.error();
  return c;
}

Result<void> record_database(const std::string& dir, const DatabaseChoice& c) {
  const std::string path = database_conf_path(dir), tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "# The database of this wijkqueue directory (wijkqueue init --db). No password here.\n"
        << "url = " << c.url << "\n";
    if (!c.password_file.empty()) out << "password_file = " << c.password_file << "\n";
    out.flush();
    if (!out) return make_error("io_error", path + " cannot be written.");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return make_error("io_error", path + " cannot be written.");
  return Ok{};
}

Result<std::unique_ptr<store::ServiceDb>> open_postgres(const DatabaseChoice& choice, store::OpenMode mode) {
  if (auto r = check_database_url(choice.url); !r) return r.error();
  store::PostgresTarget target{choice.url, "", 8};
  if (!choice.password_file.empty()) {
    auto pw = read_password_file(choice.password_file);
    if (!pw) return pw.error();
    target.password = pw.value();
  }
  return store::ServiceDb::open_postgres(target, mode);
}

Result<int> migrate(const std::string& dir, const DatabaseChoice& override_choice) {
  auto db = open_service_db(dir, store::OpenMode::existing, override_choice);
  if (!db) return db.error();
  return db.value()->schema_version();
}

Result<std::vector<store::TableCount>> migrate_data(const std::string& from_dir, const DatabaseChoice& to) {
  if (to.url.empty())
    return make_error("bad_argument", "Give the PostgreSQL database to copy into with --to.");
  auto recorded = recorded_database(from_dir);
  if (!recorded) return recorded.error();
  if (!recorded->url.empty())
    return make_error("bad_argument",
                      from_dir + " uses PostgreSQL already (" + database_conf_path(from_dir) + ").");
  auto from = store::ServiceDb::open(db_path(from_dir), store::OpenMode::read_only);
  if (!from) return from.error();
  auto into = open_postgres(to, store::OpenMode::create_new);
  if (!into && into.error().code == "db_exists") into = open_postgres(to, store::OpenMode::existing);
  if (!into) return into.error();
  return from.value()->copy_into(*into.value());
}

Result<std::unique_ptr<store::ServiceDb>> open_service_db(const std::string& dir, store::OpenMode mode,
                                                          const DatabaseChoice& override_choice) {
  if (!override_choice.url.empty()) return open_postgres(override_choice, mode);
  auto recorded = recorded_database(dir);
  if (!recorded) return recorded.error();
  if (!recorded->url.empty()) return open_postgres(recorded.value(), mode);
  return store::ServiceDb::open(db_path(dir), mode);
}

}  // namespace wk::service
