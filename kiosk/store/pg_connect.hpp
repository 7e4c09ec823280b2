#pragma once
// Opening a libpq connection the same way for the pool and the listener. Internal to store/.
#include <libpq-fe.h>

#include <string>

namespace wk::store::db {

// Our defaults first, so that the address (a URL or key=value words) may override any of them, then the
// password (empty: libpq's PGPASSWORD or passfile). nullptr with libpq's words in `why`.
// - target_session_attrs=read-write: never a standby; during a failover the old primary, once demoted,
//   is refused here rather than failing every write.
// - keepalives and tcp_user_timeout: a server that vanished without closing (power lost) is noticed in
//   about 30 s, not after the kernel's 15 minutes of retransmits.
PGconn* postgres_connect(const std::string& conninfo, const std::string& password, const char* application,
                         std::string& why);

}  // namespace wk::store::db
