// Reports over a year of a city (seed_city.cpp): what a wijk's coordinator asks of the service for a
// council meeting. Each case is what one request does (service/routes_reports.cpp): the location from the
// cache, its tickets of the year from SQLite, the report built, and the answer as HTML, CSV or JSON; and
// the early signals of every location. The database is opened as the service opens it.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "city.hpp"
#include "report_cases.hpp"
#include "service/location_cache.hpp"
#include "service/report_json.hpp"
#include "service/report_render.hpp"
#include "service/report_source.hpp"
#include "store/service_db.hpp"

namespace wk::bench::micro {
namespace {

struct City {
  std::unique_ptr<store::ServiceDb> db;
  std::unique_ptr<service::LocationCache> locations;
  std::string timed = city::location_id(0);  // the location whose year is reported
  service::report::Period year{city::kYearFrom, city::kYearTo};
};

City& the_city() {
  static City c;
  return c;
}

template <typename Render>
void YearReport(benchmark::State& state, Render render) {
  City& c = the_city();
  std::int64_t tickets = 0;
  for (auto _ : state) {
    auto view = c.locations->get(c.timed);
    if (!view || !view.value()) return state.SkipWithError("the city's first location is not there");
    auto report = service::location_report(*c.db, *view.value(), c.year);
    if (!report) return state.SkipWithError(to_string(report.error()).c_str());
    tickets = report.value().tickets.value;
    auto answer = render(report.value());
    benchmark::DoNotOptimize(answer.data());
  }
  if (tickets == 0) return state.SkipWithError("the year's report counted no tickets");
  state.counters["tickets"] = static_cast<double>(tickets);
}

// The store's part alone: the location's anonymous rows of the year (and the weeks the signals need).
void TicketsQuery(benchmark::State& state) {
  City& c = the_city();
  std::size_t rows = 0;
  for (auto _ : state) {
    auto tickets = c.db->report_tickets(c.timed, c.year.from, c.year.to);
    if (!tickets) return state.SkipWithError(to_string(tickets.error()).c_str());
    rows = tickets.value().size();
    benchmark::DoNotOptimize(tickets.value().data());
  }
  if (rows == 0) return state.SkipWithError("no tickets in the city's year");
  state.counters["rows"] = static_cast<double>(rows);
}

// GET /v1/signals for the admin: the flagged topics of every location, the week ending the year's last day.
void Signals(benchmark::State& state) {
  City& c = the_city();
  for (auto _ : state) {
    auto signals = service::all_signals(*c.db, *c.locations, c.year.to);
    if (!signals) return state.SkipWithError(to_string(signals.error()).c_str());
    benchmark::DoNotOptimize(signals.value().data());
  }
}

}  // namespace

Result<void> register_report_cases(const std::string& city_db) {
  City& c = the_city();
  auto db = store::ServiceDb::open(city_db, store::OpenMode::existing);
  if (!db) return db.error();
  c.db = std::move(db.value());
  c.locations = std::make_unique<service::LocationCache>(*c.db);
  auto rows = c.db->report_tickets(c.timed, c.year.from, c.year.to);
  if (!rows) return rows.error();
  if (rows.value().empty()) return make_error("empty_city", city_db + " holds no tickets of " + c.timed);

  auto ms = [](benchmark::internal::Benchmark* b) { b->Unit(benchmark::kMillisecond)->UseRealTime(); };
  ms(benchmark::RegisterBenchmark("report/tickets_query", TicketsQuery));
  ms(benchmark::RegisterBenchmark("report/year_html", [](benchmark::State& s) {
    YearReport(s, [](const service::report::Report& r) { return service::report::to_html(r, {"nonce"}); });
  }));
  ms(benchmark::RegisterBenchmark("report/year_csv", [](benchmark::State& s) {
    YearReport(s, [](const service::report::Report& r) { return service::report::to_csv(r); });
  }));
  ms(benchmark::RegisterBenchmark("report/year_json", [](benchmark::State& s) {
    YearReport(s, [](const service::report::Report& r) { return service::report::to_json(r).dump(); });
  }));
  ms(benchmark::RegisterBenchmark("report/signals", Signals));
  return Ok{};
}

}  // namespace wk::bench::micro
