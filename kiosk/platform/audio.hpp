#pragma once
// Sound through SDL audio: mono 16-bit PCM queued on one output device. One thing plays at a time: the
// caller queues a clip and asks Audio_Busy() before queueing the next, so calls never overlap. Works with
// SDL's dummy and disk drivers (SDL_AUDIODRIVER=dummy) where there is no sound card: clips are consumed in
// real time and never heard.
#include <cstdint>
#include <vector>

#include "core/result.hpp"

namespace wk::platform {

struct Pcm {
  int rate = 22050;  // samples per second, mono
  std::vector<std::int16_t> samples;
  double seconds() const { return rate > 0 ? static_cast<double>(samples.size()) / rate : 0.0; }
};

// The project's own chime, synthesised: three soft sine tones (a rising major triad, each with a quick
// attack and a long decay, overlapping like a doorbell), about 1.2 s.
Pcm make_chime(int rate);
Pcm silence(int rate, double seconds);
void append(Pcm& to, const Pcm& from);  // same rate expected; a different rate is resampled linearly

// Opens the default output device at `rate`. Initialises SDL's audio subsystem if needed.
Result<void> Audio_Init(int rate = 22050);
void Audio_Shutdown();
int Audio_Rate();
Result<void> Audio_Play(const Pcm& pcm);  // queues it; resampled to the device rate when it differs
bool Audio_Busy();                        // something is still queued or playing
const char* Audio_Driver();               // "pulseaudio", "alsa", "dummy", ...

}  // namespace wk::platform
