// The chaos campaign (issue 19): four real kiosks (chaos_kiosk: the kiosk's shell, outbox and sync worker
// without a screen) issue tickets and take volunteers' registrations against a real wijkqueue, each
// through a fault-injecting proxy, while kiosks are SIGKILLed and started again, the service is killed and
// started again, on PostgreSQL the database server too, and the proxies switch faults at random. Once the
// chaos ends (service up, proxies clean) every kiosk sends what it holds and exits; then the service must
// hold exactly the tickets of the kiosks' ledgers and the registrations of their journals: none missing,
// none twice. The run is seeded (WIJKKIOSK_CHAOS_SEED repeats one); its figures are printed, and appended
// as a JSON line to WIJKKIOSK_CHAOS_REPORT when that names a file. Tap-to-ticket times are reported, never
// asserted.
//
// WIJKKIOSK_CHAOS_TICKETS (400), WIJKKIOSK_CHAOS_VOLUNTEERS (20): the campaign's size;
// WIJKKIOSK_CHAOS_PACE_MS (150): a resident every so often per kiosk, so the chaos meets the taps.
// WIJKKIOSK_TEST_DB=postgres: the service on a PostgreSQL server of the test's own, restarted too.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "store/outbox.hpp"
#include "support/fault_proxy.hpp"
#include "support/http_client.hpp"
#include "support/kiosk_device.hpp"
#include "support/postgres_cluster.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"
#include "support/wait.hpp"
#include "support/wijkqueue.hpp"

namespace wk::test {
namespace {

using namespace std::chrono_literals;

constexpr int kKiosks = 4;
constexpr const char* kInterests = R"(
[[interests]]
id = "boodschappen"
names = { nl = "Boodschappen doen", en = "Shopping for someone" }
)";

long env_number(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtol(v, nullptr, 10) : fallback;
}

// One kiosk: its dir, config and token, its proxy, and the chaos_kiosk process while it runs.
struct Kiosk {
  int no = 0;
  TempDir dir{"chaos-kiosk"};
  std::unique_ptr<FaultProxy> proxy;
  std::optional<Process> process;
  int tickets = 0, volunteers = 0;  // its share
  bool finished = false;            // exited 0: its share issued and sent
  std::string latencies() const { return dir.file("latencies"); }
  std::string journal() const { return dir.file("journal"); }
  std::string issued_mark() const { return dir.file("journal.issued"); }
};

std::string tail(const std::string& path) {
  std::string s;
  try {
    s = read_file(path);
  } catch (const std::exception&) {
  }
  return s.size() > 2000 ? s.substr(s.size() - 2000) : s;
}

std::vector<double> read_latencies(const std::string& path) {
  std::vector<double> ms;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) ms.push_back(std::strtod(line.c_str(), nullptr));
  return ms;
}

std::size_t lines_in(const std::string& path) {
  std::ifstream in(path);
  return static_cast<std::size_t>(std::count(std::istreambuf_iterator<char>(in), {}, '\n'));
}

double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  return sorted[std::min(sorted.size() - 1,
                         static_cast<std::size_t>(q * static_cast<double>(sorted.size())))];
}

// id -> code of the service's tickets, and how many rows there are (a duplicate id would show there).
struct ServiceTickets {
  std::map<std::string, std::string> codes;
  std::size_t rows = 0;
};

ServiceTickets service_tickets(Wijkqueue& wq, PostgresCluster* pg) {
  ServiceTickets t;
  if (pg) {
    std::istringstream out(pg->psql("SELECT id || ' ' || code FROM tickets", "wijk").out);
    std::string id, code;
    while (out >> id >> code) {
      t.codes[id] = code;
      ++t.rows;
    }
    return t;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(wq.db_file().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw std::runtime_error("open " + wq.db_file());
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT id, code FROM tickets", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    t.codes[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] =
        reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    ++t.rows;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return t;
}

// The registrations as the location's staff see them: id -> phone.
std::vector<std::pair<std::string, std::string>> service_volunteers(Wijkqueue& wq) {
  const auto login = http_request(
      "POST", wq.url("/v1/login"), wq.ca_file(), {},
      nlohmann::json{
          {"location", wq.location()}, {"user", wq.staff_user()}, {"password", wq.staff_password()}}
          .dump());
  if (login.status != 200) throw std::runtime_error("login: " + login.body);
  const std::string token = nlohmann::json::parse(login.body).value("token", "");
  const auto list = http_request("GET", wq.url("/v1/volunteers"), wq.ca_file(), token);
  if (list.status != 200) throw std::runtime_error("volunteers: " + list.body);
  std::vector<std::pair<std::string, std::string>> out;
  const auto listed = nlohmann::json::parse(list.body);
  for (const auto& v : listed["volunteers"])
    out.emplace_back(v.value("id", ""), v["contact"].value("phone", ""));
  return out;
}

class ChaosCampaign {
 public:
  ChaosCampaign() {
    const bool postgres = testing_postgres();
    WijkqueueOptions o;
    o.config_toml = test_location_toml(o.location) + kInterests;
    if (postgres) {
      pg_ = std::make_unique<PostgresCluster>();
      pg_->create_database("wijk");
      o.database_url = pg_->url("wijk");
    }
    wq_ = std::make_unique<Wijkqueue>(o);
    const long tickets = env_number("WIJKKIOSK_CHAOS_TICKETS", 400);
    const long volunteers = env_number("WIJKKIOSK_CHAOS_VOLUNTEERS", 20);
    pace_ms_ = env_number("WIJKKIOSK_CHAOS_PACE_MS", 150);
    seed_ = static_cast<std::uint64_t>(env_number("WIJKKIOSK_CHAOS_SEED", std::random_device{}()));
    rng_.seed(seed_);
    tickets_ = static_cast<int>(tickets);
    volunteers_ = static_cast<int>(volunteers);
    for (int k = 0; k < kKiosks; ++k) {
      auto& kiosk = kiosks_.emplace_back(std::make_unique<Kiosk>());
      kiosk->no = k + 1;
      kiosk->tickets = tickets_ / kKiosks + (k < tickets_ % kKiosks ? 1 : 0);
      kiosk->volunteers = volunteers_ / kKiosks + (k < volunteers_ % kKiosks ? 1 : 0);
      kiosk->proxy = std::make_unique<FaultProxy>(wq_->port());
      const TempDir& d = kiosk->dir;
      KioskDevice device = kiosk_device_of(*wq_);
      device.service_url = "https://localhost:" + std::to_string(kiosk->proxy->port());
      device.token = wq_->add_device("kiosk", wq_->location());
      device.location_toml = o.config_toml.value();
      device.kiosk_section =
          "slot = " + std::to_string(kiosk->no) + "\nslots = " + std::to_string(kKiosks) + "\n";
      write_kiosk_device(d.path(), device);
    }
    std::printf(
        "[chaos] backend %s, seed %llu (WIJKKIOSK_CHAOS_SEED=%llu repeats it), %d tickets, %d "
        "volunteers\n",
        backend(), static_cast<unsigned long long>(seed_), static_cast<unsigned long long>(seed_), tickets_,
        volunteers_);
    std::fflush(stdout);
  }

  const char* backend() const { return pg_ ? "postgres" : "sqlite"; }

  void start_kiosk(Kiosk& k) {
    k.process.emplace(
        Process::start({bin_path("chaos_kiosk"), k.dir.file("kiosk.toml"), wq_->clock().path(),
                        std::to_string(k.no), std::to_string(k.tickets), std::to_string(k.volunteers),
                        k.latencies(), k.journal(), std::to_string(pace_ms_)},
                       k.dir.file("kiosk.out"), k.dir.file("kiosk.err")));
  }

  // A kiosk that ended by itself: 0 is done; anything else is a failure of the campaign.
  void check_exits() {
    for (auto& k : kiosks_) {
      if (k->finished || !k->process || k->process->running()) continue;
      const int code = k->process->wait();
      k->process.reset();
      if (code == 0) {
        k->finished = true;
        continue;
      }
      ADD_FAILURE() << "kiosk " << k->no << " exited with " << code << ":\n"
                    << tail(k->dir.file("kiosk.err"));
      failed_ = true;
    }
  }

  bool all_issued() const {
    return std::all_of(kiosks_.begin(), kiosks_.end(), [](const auto& k) {
      return k->finished || std::filesystem::exists(k->issued_mark());
    });
  }

  std::size_t taps_so_far() const {
    std::size_t n = 0;
    for (const auto& k : kiosks_) n += lines_in(k->latencies());
    return n;
  }

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  void switch_a_fault() {
    Kiosk& k = *kiosks_[static_cast<std::size_t>(pick(kKiosks))];
    FaultSettings s;
    s.fault = static_cast<Fault>(pick(static_cast<int>(kFaultKinds)));
    s.delay_ms = 10 + pick(400);
    s.after_bytes = static_cast<std::size_t>(1 + pick(3000));  // within a TLS handshake, a request, an answer
    k.proxy->set(s);
  }

  void kill_a_kiosk() {
    std::vector<Kiosk*> running;
    for (auto& k : kiosks_)
      if (!k->finished && k->process && k->process->running()) running.push_back(k.get());
    if (running.empty()) return;
    Kiosk& k = *running[static_cast<std::size_t>(pick(static_cast<int>(running.size())))];
    k.process->kill(SIGKILL);
    k.process->wait();
    k.process.reset();
    ++kiosk_kills_;
    start_kiosk(k);
  }

  void kill_the_service() {
    wq_->kill();
    ++service_kills_;
    std::this_thread::sleep_for(std::chrono::milliseconds(pick(1000)));  // down a while: outboxes fill
    wq_->start();
  }

  void restart_postgres() {
    if (pick(2) == 0) {
      pg_->kill();  // a crash: recovery at the next start
    } else {
      pg_->stop();
    }
    ++postgres_restarts_;
    std::this_thread::sleep_for(std::chrono::milliseconds(pick(1500)));  // the service answers 503 meanwhile
    pg_->start();
  }

  // Until every kiosk has issued its share: one step every 50-300 ms. Each kind of disruption happens at
  // least once, by the time half the taps are done, whatever the dice say.
  void chaos() {
    const auto t0 = std::chrono::steady_clock::now();
    for (auto& k : kiosks_) start_kiosk(*k);
    while (!all_issued() && !failed_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50 + pick(250)));
      check_exits();
      const bool half = taps_so_far() * 2 >= static_cast<std::size_t>(tickets_);
      const int dice = pick(1000);
      if (dice < 300) {
        switch_a_fault();
      } else if (dice < 380 || (half && kiosk_kills_ == 0)) {
        kill_a_kiosk();
      } else if (dice < 400 || (half && service_kills_ == 0)) {
        kill_the_service();
      } else if (pg_ && (dice < 415 || (half && postgres_restarts_ == 0))) {
        restart_postgres();
      }
    }
    chaos_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }

  // Service up, proxies clean: every kiosk sends what it holds and exits 0.
  bool calm_and_drain(std::chrono::seconds timeout) {
    for (auto& k : kiosks_) k->proxy->set(Fault::none);
    if (pg_ && !pg_->running()) pg_->start();
    if (!wq_->running()) wq_->start();
    return wait_until(
        [&] {
          check_exits();
          return failed_ ||
                 std::all_of(kiosks_.begin(), kiosks_.end(), [](const auto& k) { return k->finished; });
        },
        timeout);
  }

  void verify();
  void report(double seconds);

  std::unique_ptr<PostgresCluster> pg_;
  std::unique_ptr<Wijkqueue> wq_;
  std::vector<std::unique_ptr<Kiosk>> kiosks_;
  std::mt19937_64 rng_;
  std::uint64_t seed_ = 0;
  int tickets_ = 0, volunteers_ = 0;
  long pace_ms_ = 0;
  int kiosk_kills_ = 0, service_kills_ = 0, postgres_restarts_ = 0;
  double chaos_seconds_ = 0;
  bool failed_ = false;
  bool passed_ = false;
};

// The kiosks' ledgers and journals against the service: exactly the same tickets and registrations.
void ChaosCampaign::verify() {
  std::map<std::string, std::string> ledger;  // ticket id -> code, over all kiosks
  std::map<std::string, int> intents;         // phone -> kiosk
  std::map<std::string, std::string> stored;  // registration id -> phone, as the kiosks said
  int issued = 0;
  for (auto& k : kiosks_) {
    // Opened only now that its process is gone, so the outbox is read as the kiosk left it.
    auto ob = store::Outbox::open(k->dir.file("data/outbox.db"));
    ASSERT_TRUE(ob.ok()) << to_string(ob.error());
    const auto stats = ob.value()->stats().value();
    EXPECT_EQ(stats.pending, 0) << "kiosk " << k->no;
    EXPECT_EQ(stats.parked, 0) << "kiosk " << k->no << " set rows aside";
    const auto rows = ob.value()->tickets();
    ASSERT_TRUE(rows.ok()) << to_string(rows.error());
    const std::vector<Ticket>& tickets = rows.value();
    for (const auto& t : tickets) {
      EXPECT_TRUE(ledger.emplace(t.id, t.code).second) << "ticket " << t.id << " in two ledgers";
      ++issued;
    }
    EXPECT_GE(static_cast<int>(tickets.size()), k->tickets) << "kiosk " << k->no;
    std::ifstream in(k->journal());
    std::string word, a, b;
    while (in >> word) {
      if (word == "intent" && in >> a) intents[a] = k->no;
      if (word == "stored" && in >> a >> b) stored[a] = b;
    }
  }

  const ServiceTickets service = service_tickets(*wq_, pg_.get());
  EXPECT_EQ(service.rows, service.codes.size()) << "a ticket id twice in the service";
  std::size_t missing = 0, extra = 0, other_code = 0;
  for (const auto& [id, code] : ledger) {
    auto it = service.codes.find(id);
    if (it == service.codes.end()) {
      if (++missing <= 5) ADD_FAILURE() << "ticket " << id << " (" << code << ") never reached the service";
    } else if (it->second != code) {
      ++other_code;
    }
  }
  for (const auto& [id, code] : service.codes)
    if (!ledger.count(id) && ++extra <= 5)
      ADD_FAILURE() << "ticket " << id << " (" << code << ") in no ledger";
  EXPECT_EQ(missing, 0u);
  EXPECT_EQ(extra, 0u);
  EXPECT_EQ(other_code, 0u) << "tickets whose code the service holds otherwise";
  std::set<std::string> codes;
  for (const auto& [id, code] : service.codes) codes.insert(code);
  EXPECT_EQ(codes.size(), service.codes.size()) << "a code handed out twice";

  const auto registrations = service_volunteers(*wq_);
  std::set<std::string> phones, ids;
  for (const auto& [id, phone] : registrations) {
    ids.insert(id);
    EXPECT_TRUE(phones.insert(phone).second) << "one registration twice in the service (" << id << ")";
    EXPECT_TRUE(intents.count(phone)) << "registration " << id << " in no kiosk's journal";
  }
  for (const auto& [id, phone] : stored)
    EXPECT_TRUE(ids.count(id)) << "stored registration " << id << " lost";
  // Tried but not known to be stored: only a kiosk killed in between leaves such a one.
  EXPECT_LE(intents.size() - stored.size(), static_cast<std::size_t>(kiosk_kills_));
  EXPECT_GE(stored.size(), static_cast<std::size_t>(volunteers_));
  EXPECT_EQ(issued, static_cast<int>(service.codes.size()));
  std::printf(
      "[chaos] ledgers %d tickets, service %zu; journals %zu registrations stored (%zu tried), "
      "service %zu\n",
      issued, service.codes.size(), stored.size(), intents.size(), registrations.size());
  passed_ = !::testing::Test::HasFailure();
}

void ChaosCampaign::report(double seconds) {
  std::vector<double> ms;
  for (auto& k : kiosks_) {
    const auto v = read_latencies(k->latencies());
    ms.insert(ms.end(), v.begin(), v.end());
  }
  std::sort(ms.begin(), ms.end());
  nlohmann::json faults = nlohmann::json::object();
  std::int64_t connections = 0;
  for (std::size_t f = 1; f < kFaultKinds; ++f) {
    std::int64_t n = 0;
    for (auto& k : kiosks_) n += k->proxy->counts().faults[f];
    faults[fault_name(static_cast<Fault>(f))] = n;
  }
  for (auto& k : kiosks_) connections += k->proxy->counts().connections;
  const nlohmann::json line = {
      {"backend", backend()},
      {"seed", seed_},
      {"tickets", tickets_},
      {"volunteers", volunteers_},
      {"kiosk_kills", kiosk_kills_},
      {"service_kills", service_kills_},
      {"postgres_restarts", postgres_restarts_},
      {"faults", faults},
      {"connections", connections},
      {"taps", ms.size()},
      {"tap_to_ticket_ms",
       {{"p50", quantile(ms, 0.5)}, {"p99", quantile(ms, 0.99)}, {"max", ms.empty() ? 0 : ms.back()}}},
      {"chaos_s", chaos_seconds_},
      {"duration_s", seconds},
      {"passed", passed_}};
  std::printf("[chaos] %s\n", line.dump().c_str());
  if (const char* path = std::getenv("WIJKKIOSK_CHAOS_REPORT"); path && *path)
    std::ofstream(path, std::ios::app) << line.dump() << "\n";
}

TEST(Chaos, FourKiosksThroughFaultsAndKillsLoseAndDoubleNothing) {
  const auto t0 = std::chrono::steady_clock::now();
  ChaosCampaign c;
  c.chaos();
  if (!c.failed_) {
    const bool drained = c.calm_and_drain(300s);
    for (auto& k : c.kiosks_)
      if (!k->finished)
        ADD_FAILURE() << "kiosk " << k->no << " never emptied its outbox:\n"
                      << tail(k->dir.file("kiosk.err"));
    if (drained && !c.failed_) c.verify();
  }
  for (auto& k : c.kiosks_) k->proxy->stop();
  c.report(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
}

}  // namespace
}  // namespace wk::test
