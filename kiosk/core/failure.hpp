#pragma once
// What a failed call to the queue service means for the app, decided once for every role from the error
// code the net layer gives (see net/queue_client.cpp and net/staff_client.cpp):
//   - unreachable: the network, TLS, or a call stopped on the way (the service may be fine; try later);
//   - session_over: the token or staff session is not (or no longer) accepted: log in again;
//   - bad_login, rate_limited: a login refused for a wrong password, or for too many tries (Retry-After);
//   - not_found, conflict: the ticket is not there, or another desk changed it first;
//   - forbidden: not for this role or this location (403), such as another location's volunteer;
//   - refused: the service answered and said no otherwise (the message says why).
// The net layer's codes stop here: above it, events carry a Failure.
#include <string_view>

#include "core/result.hpp"

namespace wk {

enum class Failure {
  unreachable,
  session_over,
  bad_login,
  rate_limited,
  not_found,
  conflict,
  forbidden,
  refused
};

inline Failure failure_of(std::string_view code) {
  if (code == "network" || code == "tls" || code == "cancelled") return Failure::unreachable;
  if (code == "unauthorized") return Failure::session_over;
  if (code == "bad_login") return Failure::bad_login;
  if (code == "rate_limited") return Failure::rate_limited;
  if (code == "not_found") return Failure::not_found;
  if (code == "conflict") return Failure::conflict;
  if (code == "forbidden") return Failure::forbidden;
  return Failure::refused;
}
inline Failure failure_of(const Error& e) {
  return failure_of(e.code);
}

}  // namespace wk
