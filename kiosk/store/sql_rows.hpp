#pragma once
// Reading a statement's rows into values, for the kiosk's outbox and the service's database alike. The
// step loop and what its end means are written once here; how a row becomes a value stays with the caller,
// and so does the wording of a failure (`fail` turns the rc of the failed step into that store's Error).
// Internal to store/.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "core/ticket.hpp"
#include "store/outbox_sql.hpp"

namespace wk::store::sql {

// Each works on any statement with step() and column getters: the outbox's sql::Stmt and the service's
// db::Stmt (db_conn.hpp) alike.

// `into` with every row `stmt` answers added by `add` (into, row).
template <class Into, class Add, class Fail, class S>
Result<Into> gather(S& stmt, Into into, Add add, Fail fail) {
  int rc;
  while ((rc = stmt.step()) == SQLITE_ROW) add(into, std::as_const(stmt));
  if (rc != SQLITE_DONE) return fail(rc);
  return into;
}

// Every row `stmt` answers, each made by `map`.
template <class Map, class Fail, class S>
auto collect(S& stmt, Map map, Fail fail) -> Result<std::vector<std::invoke_result_t<Map&, const S&>>> {
  return gather(
      stmt, std::vector<std::invoke_result_t<Map&, const S&>>(),
      [&](auto& rows, const S& s) { rows.push_back(map(s)); }, fail);
}

// The first row `stmt` answers made by `map`, or nothing when it answers none.
template <class Map, class Fail, class S>
auto one(S& stmt, Map map, Fail fail) -> Result<std::optional<std::invoke_result_t<Map&, const S&>>> {
  using Row = std::invoke_result_t<Map&, const S&>;
  const int rc = stmt.step();
  if (rc == SQLITE_DONE) return std::optional<Row>();
  if (rc != SQLITE_ROW) return fail(rc);
  return std::optional<Row>(map(std::as_const(stmt)));
}

// The row a query always answers (an aggregate, a pragma) made by `map`.
template <class Map, class Fail, class S>
auto single(S& stmt, Map map, Fail fail) -> Result<std::invoke_result_t<Map&, const S&>> {
  if (const int rc = stmt.step(); rc != SQLITE_ROW) return fail(rc);
  return map(std::as_const(stmt));
}

// For the queries that answer one value.
inline constexpr auto first_int64 = [](const auto& s) -> std::int64_t { return s.int64(0); };
inline constexpr auto first_text = [](const auto& s) -> std::string { return s.text(0); };

// A row of code letter, highest number under it (the kiosk's ledger and the service's tickets both count
// a day so); a code without a letter has no numbering.
inline constexpr auto add_highest = [](std::map<char, int>& highest, const auto& s) {
  const std::string letter = s.text(0);
  if (!letter.empty()) highest[letter[0]] = static_cast<int>(s.int64(1));
};

// A Ticket from the columns id, code, topic, language, created_at, public_token, local_day, number, in
// that order from column `first`: the ledger, the service's tickets and a reprint's ticket all read it so.
template <class S>
Ticket ticket_at(const S& s, int first) {
  Ticket t;
  t.id = s.text(first);
  t.code = s.text(first + 1);
  t.topic = s.text(first + 2);
  t.language = s.text(first + 3);
  t.created_at = s.int64(first + 4);
  t.public_token = s.text(first + 5);
  t.local_day = s.text(first + 6);
  t.number = static_cast<int>(s.int64(first + 7));
  return t;
}

}  // namespace wk::store::sql
