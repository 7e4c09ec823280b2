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

// `pcm` at `volume_percent` of its loudness (clamped to 0..100): each sample times the percentage, divided
// by 100 and rounded toward zero, so it never overflows and 100 leaves it as it is.
Pcm with_volume(Pcm pcm, int volume_percent);

// Opens the default output device at `rate`. Initialises SDL's audio subsystem if needed. The device is
// shared: every successful Audio_Init is paired with one Audio_Shutdown, and the last one closes it. These
// functions may be called from any thread.
Result<void> Audio_Init(int rate = 22050);
void Audio_Shutdown();
int Audio_Rate();
Result<void> Audio_Play(const Pcm& pcm);  // queues it; resampled to the device rate when it differs
bool Audio_Busy();                        // something is still queued or playing
double Audio_QueuedSeconds();             // how much is queued and not yet handed to the device
// Drops everything queued: what the device already holds (one buffer, 1024 samples) still plays out.
void Audio_Stop();
const char* Audio_Driver();  // "pulseaudio", "alsa", "dummy", ...
// On a thread that used the functions above, as it ends: SDL keeps per-thread state (its error text) for
// every thread it did not start itself and frees it only here (SDL_TLSCleanup).
void Audio_ThreadEnds();

}  // namespace wk::platform
