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
// Speaks `text` (UTF-8) with an espeak voice ("nl", "en", or Speech_VoiceFor's "gmw/en") into a PCM buffer.
Result<Pcm> Speech_Synthesize(const std::string& text, const std::string& voice);
void Speech_Shutdown();

// The espeak-ng voice for an ISO 639-1 language code ("nl", "ar", "uk"; a region tag like "en-GB" is tried
// whole, then by its language), for Speech_Synthesize: the installed voice that names the language with
// the highest priority, as its identifier ("gmw/en"). Empty when no voice speaks it ("ti" on Debian 12).
// Initialises espeak-ng if needed; voices are listed once, later calls only look the list up.
std::string Speech_VoiceFor(const std::string& language);
bool Speech_HasVoice(const std::string& language);

}  // namespace wk::platform
