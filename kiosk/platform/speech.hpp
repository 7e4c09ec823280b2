#pragma once
// Spoken calls with libespeak-ng, synthesised into memory (no audio device of espeak's own: its PCM goes
// through platform/audio like the chime, so chime and voice queue in order and never overlap). espeak-ng
// keeps global state: these functions serialise themselves and may be called from any one thread.
#include <string>

#include "core/result.hpp"
#include "platform/audio.hpp"

namespace wk::platform {

// Loads espeak-ng's data once; returns its sample rate (22050).
Result<int> Speech_Init();
// Speaks `text` (UTF-8) with the voice "nl" or "en" into a PCM buffer.
Result<Pcm> Speech_Synthesize(const std::string& text, const std::string& voice);
void Speech_Shutdown();

}  // namespace wk::platform
