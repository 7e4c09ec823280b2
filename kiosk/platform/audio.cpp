#include "platform/audio.hpp"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numbers>
#include <string>

namespace wk::platform {
namespace {

std::mutex g_mu;  // guards the globals below: the display's announcer and the kiosk's reader share them
SDL_AudioDeviceID g_device = 0;
int g_rate = 0;
int g_users = 0;  // successful Audio_Init calls not yet matched by Audio_Shutdown
bool g_we_inited = false;

Pcm resample(const Pcm& in, int rate) {
  if (in.rate == rate || in.samples.empty() || in.rate <= 0) return Pcm{rate, in.samples};
  Pcm out{rate, {}};
  const double step = static_cast<double>(in.rate) / rate;
  const std::size_t n = static_cast<std::size_t>(static_cast<double>(in.samples.size()) / step);
  out.samples.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double pos = static_cast<double>(i) * step;
    const std::size_t k = static_cast<std::size_t>(pos);
    const double f = pos - static_cast<double>(k);
    const double a = in.samples[k];
    const double b = k + 1 < in.samples.size() ? in.samples[k + 1] : a;
    out.samples.push_back(static_cast<std::int16_t>(a + (b - a) * f));
  }
  return out;
}

}  // namespace

Pcm make_chime(int rate) {
  // C5, E5, G5 entering 0.18 s apart: friendly, not an alarm. Quiet (peak ~0.35 of full scale) because
  // the speech follows and waiting rooms are small.
  const double freqs[] = {523.25, 659.25, 783.99};
  const double start_s[] = {0.0, 0.18, 0.36};
  const double length_s = 1.25;
  const std::size_t n = static_cast<std::size_t>(length_s * rate);
  std::vector<double> mix(n, 0.0);
  for (int t = 0; t < 3; ++t) {
    for (std::size_t i = static_cast<std::size_t>(start_s[t] * rate); i < n; ++i) {
      const double x = static_cast<double>(i) / rate - start_s[t];
      const double attack = std::min(1.0, x / 0.012);  // 12 ms: no click at the start
      const double decay = std::exp(-x * 3.2);
      // A touch of the octave makes it a bell rather than a test tone.
      const double wave = std::sin(2 * std::numbers::pi * freqs[t] * x) +
                          0.25 * std::sin(4 * std::numbers::pi * freqs[t] * x);
      mix[i] += attack * decay * wave;
    }
  }
  Pcm out{rate, {}};
  out.samples.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double fade =
        i + rate / 20 > n ? static_cast<double>(n - i) / (rate / 20.0) : 1.0;  // no click at the end
    out.samples.push_back(static_cast<std::int16_t>(std::clamp(mix[i] * fade * 0.16, -1.0, 1.0) * 32767));
  }
  return out;
}

Pcm silence(int rate, double seconds) {
  return Pcm{rate, std::vector<std::int16_t>(static_cast<std::size_t>(std::max(0.0, seconds) * rate), 0)};
}

void append(Pcm& to, const Pcm& from) {
  const Pcm r = resample(from, to.rate);
  to.samples.insert(to.samples.end(), r.samples.begin(), r.samples.end());
}

Pcm with_volume(Pcm pcm, int volume_percent) {
  const std::int32_t p = std::clamp(volume_percent, 0, 100);
  if (p == 100) return pcm;
  for (auto& s : pcm.samples) s = static_cast<std::int16_t>(static_cast<std::int32_t>(s) * p / 100);
  return pcm;
}

Result<void> Audio_Init(int rate) {
  std::lock_guard lock(g_mu);
  if (g_device != 0) {
    ++g_users;
    return Ok{};
  }
  if (!SDL_WasInit(SDL_INIT_AUDIO)) {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
      return make_error("audio", "The sound output could not be started; calls are shown without sound.",
                        SDL_GetError());
    g_we_inited = true;
  }
  SDL_AudioSpec want{}, have{};
  want.freq = rate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  want.callback = nullptr;                                      // queued audio: SDL_QueueAudio
  g_device = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);  // no changes allowed: SDL converts for us
  if (g_device == 0) {
    const std::string why = SDL_GetError();
    if (g_we_inited) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    g_we_inited = false;
    return make_error("audio", "No sound output could be opened; calls are shown without sound.", why);
  }
  g_rate = rate;
  g_users = 1;
  SDL_PauseAudioDevice(g_device, 0);
  return Ok{};
}

void Audio_Shutdown() {
  std::lock_guard lock(g_mu);
  if (g_users > 1) {
    --g_users;
    return;
  }
  g_users = 0;
  if (g_device != 0) SDL_CloseAudioDevice(g_device);
  g_device = 0;
  if (g_we_inited) SDL_QuitSubSystem(SDL_INIT_AUDIO);
  g_we_inited = false;
}

int Audio_Rate() {
  std::lock_guard lock(g_mu);
  return g_rate;
}

Result<void> Audio_Play(const Pcm& pcm) {
  std::lock_guard lock(g_mu);
  if (g_device == 0)
    return make_error("audio", "There is no sound output.", "Audio_Init not called or failed");
  const Pcm r = resample(pcm, g_rate);
  if (r.samples.empty()) return Ok{};
  if (SDL_QueueAudio(g_device, r.samples.data(),
                     static_cast<Uint32>(r.samples.size() * sizeof(std::int16_t))) != 0)
    return make_error("audio", "The sound could not be played.", SDL_GetError());
  return Ok{};
}

bool Audio_Busy() {
  std::lock_guard lock(g_mu);
  return g_device != 0 && SDL_GetQueuedAudioSize(g_device) > 0;
}

double Audio_QueuedSeconds() {
  std::lock_guard lock(g_mu);
  if (g_device == 0 || g_rate <= 0) return 0.0;
  return static_cast<double>(SDL_GetQueuedAudioSize(g_device)) / (sizeof(std::int16_t) * g_rate);
}

void Audio_Stop() {
  std::lock_guard lock(g_mu);
  if (g_device != 0) SDL_ClearQueuedAudio(g_device);
}

void Audio_ThreadEnds() {
  SDL_TLSCleanup();
}

const char* Audio_Driver() {
  const char* d = SDL_GetCurrentAudioDriver();
  return d ? d : "none";
}

}  // namespace wk::platform
