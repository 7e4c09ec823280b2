#pragma once
// SIGTERM (systemd stopping the kiosk) and SIGINT (a developer's Ctrl+C) are the only ways from outside to
// end the app. The handler only sets a flag and writes to a pipe, which is all a signal handler may safely
// do; a watcher thread reads the pipe and calls back in a normal thread context, where the event loop can
// push an SDL event to wake itself.
#include <functional>

namespace wk::platform {

// Installs the handlers; `on_signal` runs on the watcher thread, once per signal received.
bool QuitSignal_Install(std::function<void()> on_signal);
bool QuitSignal_Received();
void QuitSignal_Uninstall();  // restores the previous handlers and joins the watcher

}  // namespace wk::platform
