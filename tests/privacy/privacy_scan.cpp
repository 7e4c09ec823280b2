// The privacy scan (issue 19): after the end-to-end and browser suites ran with WIJKKIOSK_PRIVACY_DIR set
// (so every temp dir they made is still there, under it; tests/support/temp_dir.hpp), look through every
// log and database file they left behind for what must never be written down in the clear:
//   - the tokens and passwords the suites handed out (SECRETS_FILE, noted by the test harness:
//     support/privacy_ledger.hpp; and every *.token file);
//   - the residents' and volunteers' names and phone numbers the suites typed (below), databases
//     included (they are sealed at rest, and call-back numbers are never stored in the clear);
//   - the tickets' status-page tokens, read back from every database found: in no log (a log is read by
//     people who must not be able to open a resident's status page).
// It fails when it finds one, and also when it finds too little to have proved anything.
//
//   privacy_scan ARTIFACTS_DIR SECRETS_FILE
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// What the suites type or hand in as personal data (tests/e2e, tests/browser, tests/support/sample_*.hpp):
// names of at least a few letters, and phone numbers by their national digits, which every form of the
// number (+316…, 06…, 0031 6…) contains.
const char* const kPersonalData[] = {
    "Wilhelmina", "Zo\xc3\xab",  // names
    "612345678",  "698765432",  "687654321", "611112222", "644445555", "622334455", "687651234",
};

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool is_database(const std::string& name) {
  return ends_with(name, ".db") || ends_with(name, ".db-wal") || ends_with(name, ".db-shm") ||
         ends_with(name, ".db-journal") || ends_with(name, ".sqlite");
}

bool is_log(const std::string& name) {
  return ends_with(name, ".log") || ends_with(name, ".err") || ends_with(name, ".out") ||
         name.find("stderr") != std::string::npos || name.find("stdout") != std::string::npos;
}

// Where a secret lives by design: its own file.
bool is_secret_store(const fs::path& p, const fs::path& ledger) {
  const std::string name = p.filename().string();
  return p == ledger || ends_with(name, ".token") || name.rfind("password", 0) == 0 ||
         ends_with(name, ".key");
}

void add_column(const fs::path& db_file, const char* sql, std::set<std::string>& out) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK)
      while (sqlite3_step(s) == SQLITE_ROW)
        if (const auto* t = sqlite3_column_text(s, 0)) out.insert(reinterpret_cast<const char*>(t));
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
}

std::string redacted(const std::string& secret) {
  return secret.substr(0, 3) + "… (" + std::to_string(secret.size()) + " bytes)";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: privacy_scan ARTIFACTS_DIR SECRETS_FILE\n");
    return 2;
  }
  const fs::path root = argv[1], ledger = argv[2];
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec) && !it->is_symlink(ec)) files.push_back(it->path());

  std::set<std::string> secrets, public_tokens;
  {
    std::istringstream in(fs::exists(ledger) ? read_all(ledger) : std::string());
    for (std::string line; std::getline(in, line);)
      if (line.size() >= 8) secrets.insert(line);
  }
  int databases = 0, logs = 0, service_dbs = 0, outboxes = 0;
  for (const auto& f : files) {
    const std::string name = f.filename().string();
    if (ends_with(name, ".token")) {
      std::string t = read_all(f);
      while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
      if (t.size() >= 8) secrets.insert(t);
    }
    if (is_database(name)) ++databases;
    if (is_log(name)) ++logs;
    if (name == "wijkqueue.db") {
      ++service_dbs;
      add_column(f, "SELECT public_token FROM tickets", public_tokens);
    }
    if (name == "outbox.db") {
      ++outboxes;
      add_column(f, "SELECT public_token FROM ledger", public_tokens);
    }
  }

  int findings = 0;
  auto found = [&](const fs::path& f, const char* kind, const std::string& what) {
    ++findings;
    std::printf("FOUND %s %s in %s\n", kind, redacted(what).c_str(), fs::relative(f, root).c_str());
  };
  std::uint64_t bytes = 0;
  for (const auto& f : files) {
    const std::string name = f.filename().string();
    // What the product wrote: its logs and its databases. The harness's own files (a CLI's captured
    // stdout, a spec's arguments, screenshots) hold what the test handed in, by design.
    if (!is_log(name) && !is_database(name)) continue;
    const std::string content = read_all(f);
    bytes += content.size();
    if (!is_secret_store(f, ledger))
      for (const auto& s : secrets)
        if (content.find(s) != std::string::npos) found(f, "token or password", s);
    if (f != ledger)
      for (const char* p : kPersonalData)
        if (content.find(p) != std::string::npos) found(f, "personal data", p);
    if (is_log(name))
      for (const auto& t : public_tokens)
        if (content.find(t) != std::string::npos) found(f, "status-page token", t);
  }
  std::printf(
      "privacy scan: %zu files (%llu bytes): %d logs, %d database files (%d services, %d kiosk outboxes); "
      "%zu tokens and passwords, %zu status-page tokens, %zu kinds of personal data looked for; "
      "%d found\n",
      files.size(), static_cast<unsigned long long>(bytes), logs, databases, service_dbs, outboxes,
      secrets.size(), public_tokens.size(), std::size(kPersonalData), findings);
  // A scan of next to nothing proves nothing: every suite it follows leaves a service, its log and its
  // tokens (a run of only some of them, `ctest -R …`, scans what those left).
  if (service_dbs == 0 || logs == 0 || secrets.empty()) {
    std::printf(
        "privacy scan: too little to look at; did the end-to-end tests run with WIJKKIOSK_PRIVACY_DIR?\n");
    return 1;
  }
  return findings == 0 ? 0 : 1;
}
