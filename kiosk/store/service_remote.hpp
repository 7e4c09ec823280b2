#pragma once
// Internal to store/: the caps on joining from home, shared by the remote ticket and the join page's
// call-back request, each inside its caller's write transaction.
#include <string>

#include "core/result.hpp"
#include "store/db_conn.hpp"
#include "store/service_db.hpp"

namespace wk::store {

constexpr UnixMs kJoinWindowMs = 3600 * 1000;  // the caps count joins over the last hour

namespace remote_sql {
// Checks the caps of `a` at `now` (`ticket`: also the remote tickets waiting) and, when none refuses,
// counts this join. Inside the caller's write transaction, under the location's lock.
Result<JoinRefusal> admit(db::Conn* db, const std::string& location, const RemoteAdmission& a, UnixMs now,
                          bool ticket);
}  // namespace remote_sql

}  // namespace wk::store
