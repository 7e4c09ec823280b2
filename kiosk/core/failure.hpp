#pragma once
// What a failed call to the queue service means for the app, decided once for every role from the error
// code the net layer gives (see net/queue_client.cpp and net/staff_client.cpp):
//   - unreachable: the network, TLS, or a call stopped on the way (the service may be fine; try later);
//   - session_over: the token or staff session is not (or no longer) accepted: log in again;
//   - refused: the service answered and said no (the message says why).
#include <string_view>

#include "core/result.hpp"

namespace wk {

enum class Failure { unreachable, session_over, refused };

inline Failure failure_of(std::string_view code) {
  if (code == "network" || code == "tls" || code == "cancelled") return Failure::unreachable;
  if (code == "unauthorized") return Failure::session_over;
  return Failure::refused;
}
inline Failure failure_of(const Error& e) {
  return failure_of(e.code);
}

}  // namespace wk
