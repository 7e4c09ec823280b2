#pragma once
// When the display goes away under the app (the X server or the compositor ends, a cable is pulled on a
// remote display), Xlib's default is to print a line and call exit(): static destructors then meet worker
// threads still running, and the app dies in std::terminate. Instead the app is told, stops its workers
// and closes what it holds (the stop it handed in), and ends with kExitDisplayLost. The stop runs on the
// thread that met the loss and must not touch the window, SDL or ImGui. Shaped like an ImGui backend:
// Init once after the window is open.
#include <functional>

namespace wk::platform {

constexpr int kExitDisplayLost = 3;  // the exit status that says "the display was lost"

void DisplayLost_Init(const char* app, std::function<void()> stop);
// True once the display was lost: nothing may touch X (or SDL's video) after that.
bool DisplayLost_Happened();

}  // namespace wk::platform
