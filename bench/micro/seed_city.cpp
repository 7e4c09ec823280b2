// A year of a city's walk-in, for the report cases of bench_micro: LOCATIONS locations with the demo
// config, Monday to Friday of 2026 (DAYS of them), TICKETS a day each. Every ticket goes through the store
// as the service stores it (ServiceDb::insert_ticket), is called to a desk (call_code) and then served or
// missed (change_ticket), or is never called and expires when its day is closed (close_days_before): the
// same rows, indexes and calls table a real year leaves, not a bulk INSERT.
//
//   bench_seed_city DB LOCATIONS DAYS TICKETS     (run it under eatmydata: a benchmark's input needs no
//   fsync) bench_seed_city --schema                      (prints the schema version, the cache's key)
//
// It writes DB.part and renames it to DB only when every ticket is there, so an interrupted seed is never
// taken for a city. Deterministic (a fixed seed): every machine reports over the same year.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>

#include "city.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/ticket.hpp"
#include "service/report.hpp"
#include "store/service_db.hpp"
#include "store/tz_file.hpp"

namespace {

using wk::UnixMs;
using wk::store::ServiceDb;
using wk::store::TicketAction;
namespace city = wk::bench::city;
namespace report = wk::service::report;

[[noreturn]] void fail(const std::string& what, const wk::Error& e) {
  std::fprintf(stderr, "bench_seed_city: %s: %s\n", what.c_str(), wk::to_string(e).c_str());
  std::exit(1);
}

template <typename T>
T must(wk::Result<T> r, const std::string& what) {
  if (!r) fail(what, r.error());
  return std::move(r.value());
}

void must(wk::Result<void> r, const std::string& what) {
  if (!r) fail(what, r.error());
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Local wall-clock time on `day` in the location's zone, as UTC milliseconds. Opening hours lie far from
// the 02:00-03:00 switch of summer time, so the offset at the local time read as UTC is the right one.
UnixMs local_ms(const wk::TzRule& tz, const std::string& day, int minute_of_day) {
  const std::int64_t as_utc =
      wk::unix_from_civil(std::stoi(day.substr(0, 4)), std::stoi(day.substr(5, 2)),
                          std::stoi(day.substr(8, 2)), minute_of_day / 60, minute_of_day % 60);
  return (as_utc - wk::utc_offset_s(tz, as_utc)) * 1000;
}

struct Seeder {
  ServiceDb& db;
  const wk::LocationConfig& config;
  const wk::TzRule& tz;
  int tickets_per_day;
  std::mt19937 rng{20261231};
  std::int64_t serial = 0;

  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }

  // Which topic a resident comes for: the demo's topics, the first ones busier; in December debts surge
  // at every fifth location (bills), so the signals of the year's last week have something to flag.
  const wk::Topic& topic(int location, const std::string& day) {
    const auto n = static_cast<int>(config.topics.size());
    const bool surge = location % 5 == 0 && day >= "2026-12-01";
    if (surge && uniform(0, 2) == 0)
      for (const auto& t : config.topics)
        if (t.id == "schulden") return t;
    const int pick = std::min(uniform(0, n - 1), uniform(0, n - 1));  // skewed towards the first topics
    return config.topics[static_cast<std::size_t>(pick)];
  }

  std::string language() {
    static const char* const kMix[] = {"nl", "nl", "nl", "nl", "nl", "en",
                                       "tr", "ar", "ar", "pl", "uk", "ti"};
    return kMix[uniform(0, static_cast<int>(std::size(kMix)) - 1)];
  }

  // One day of one location: arrivals spread over 09:00-16:30, each called after a wait and then served
  // (82 %), missed (8 %), or never called (10 %: expired when the day is closed).
  void day(int location, const std::string& id, const std::string& day) {
    std::map<char, int> numbers;
    const int open_minutes = 450;
    for (int k = 0; k < tickets_per_day; ++k) {
      const wk::Topic& t = topic(location, day);
      ++serial;
      wk::Ticket ticket;
      char uuid[40], token[32];
      std::snprintf(uuid, sizeof uuid, "%08x-0000-4000-8000-%012llx", static_cast<unsigned>(location),
                    static_cast<unsigned long long>(serial));
      std::snprintf(token, sizeof token, "cityYear%016llx", static_cast<unsigned long long>(serial));
      ticket.id = uuid;
      ticket.public_token = token;
      ticket.topic = t.id;
      ticket.language = language();
      ticket.local_day = day;
      ticket.number = ++numbers[t.letter];
      ticket.code = wk::format_code(t.letter, ticket.number);
      const int arrival = 9 * 60 + k * open_minutes / tickets_per_day + uniform(0, 5);
      ticket.created_at = local_ms(tz, day, arrival) + uniform(0, 59'999);
      must(db.insert_ticket(ticket, id, "body-" + ticket.id, ticket.created_at + 150, "kiosk-1", day),
           "insert_ticket");
      const int fate = uniform(0, 99);
      if (fate >= 90) continue;
      const UnixMs called = ticket.created_at + 1000LL * uniform(60, 40 * 60);
      const auto change = must(db.call_code(id, 1 + uniform(0, 3), ticket.code, day, called), "call_code");
      if (!change) fail("call_code", wk::make_error("not_called", "ticket " + ticket.code + " of " + day));
      const auto action = fate < 82 ? TicketAction::served : TicketAction::no_show;
      const UnixMs after = called + 1000LL * uniform(3 * 60, 25 * 60);
      must(db.change_ticket(id, change->ticket.id, action, "", after), "change_ticket");
    }
    must(db.close_days_before(id, report::add_days(day, 1), local_ms(tz, day, 23 * 60)), "close_days_before");
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--schema") {
    std::printf("%d\n", ServiceDb::latest_schema_version());
    return 0;
  }
  if (argc != 5) {
    std::fprintf(stderr, "usage: bench_seed_city DB LOCATIONS DAYS TICKETS | bench_seed_city --schema\n");
    return 2;
  }
  const std::string path = argv[1];
  const int locations = std::atoi(argv[2]), days = std::atoi(argv[3]), tickets = std::atoi(argv[4]);
  if (locations < 1 || locations > 99 || days < 1 || days > city::kWeekdaysIn2026 || tickets < 1) {
    std::fprintf(stderr, "bench_seed_city: 1-99 locations, 1-%d days (the weekdays of 2026), 1+ tickets\n",
                 city::kWeekdaysIn2026);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string part = path + ".part";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(part + suffix);
  auto db = must(ServiceDb::open(part, wk::store::OpenMode::create_new), "open " + part);

  const std::string demo = std::string(WIJKKIOSK_SOURCE_DIR) + "/assets/locations/demo.toml";
  wk::LocationConfig config = must(wk::location_config_from_toml(read_text(demo), demo), "parse " + demo);
  const wk::TzRule tz = must(wk::store::load_tz_rule(city::kTimezone), "time zone");
  for (int i = 0; i < locations; ++i) {
    const std::string id = city::location_id(i);
    must(db->add_location(id, "Wijk " + std::to_string(i), city::kTimezone, 1), "add_location");
    config.id = id;
    config.name = "Wijkcentrum " + std::to_string(i);
    must(db->set_location_config(id, wk::to_json(config).dump(), "\"city-" + id + "\""), "config");
  }

  Seeder seeder{*db, config, tz, tickets};
  std::string day = city::kYearFrom;
  for (int done = 0; done < days; day = report::add_days(day, 1)) {
    if (report::weekday_of(day) >= 5) continue;  // the walk-in is closed at the weekend
    for (int i = 0; i < locations; ++i) seeder.day(i, city::location_id(i), day);
    if (++done % 25 == 0) std::fprintf(stderr, "bench_seed_city: %d of %d days\n", done, days);
  }

  std::int64_t stored = 0;
  for (const auto& c : must(db->ticket_counts(), "ticket_counts")) stored += c.count;
  const std::int64_t want = static_cast<std::int64_t>(locations) * days * tickets;
  if (stored != want) {
    std::fprintf(stderr, "bench_seed_city: %lld tickets stored, not %lld\n", static_cast<long long>(stored),
                 static_cast<long long>(want));
    return 1;
  }
  db.reset();  // the last connection closes: SQLite checkpoints the WAL into the file
  if (std::filesystem::exists(part + "-wal")) {
    std::fprintf(stderr, "bench_seed_city: %s-wal is left after closing\n", part.c_str());
    return 1;
  }
  std::filesystem::rename(part, path);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "bench_seed_city: %lld tickets at %d locations in %.1f s -> %s\n",
               static_cast<long long>(stored), locations, s, path.c_str());
  return 0;
}
