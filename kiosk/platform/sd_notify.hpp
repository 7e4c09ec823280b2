#pragma once
// systemd's notify protocol (sd_notify(3)) without libsystemd: one datagram to the socket systemd names in
// $NOTIFY_SOCKET. The kiosk's unit is Type=notify with a watchdog: READY=1 once the first frame is on the
// glass, WATCHDOG=1 from the event loop, so a loop that hangs gets the kiosk restarted. Outside systemd
// (no NOTIFY_SOCKET) every call is a no-op.
#include <cstdint>
#include <string_view>

namespace wk::platform {

// Sends `state` ("READY=1", "WATCHDOG=1", "STOPPING=1"); false when there is no socket or it failed.
bool SdNotify_Send(std::string_view state);
// How often the loop must say WATCHDOG=1: half of $WATCHDOG_USEC when it is meant for this process
// ($WATCHDOG_PID unset or ours), else 0 (no watchdog).
std::uint64_t SdNotify_WatchdogIntervalMs();

}  // namespace wk::platform
