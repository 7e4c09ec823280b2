#include "platform/announcer.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "platform/audio.hpp"
#include "platform/speech.hpp"

namespace wk::platform {
namespace {

constexpr int kRate = 22050;

struct Sound {
  bool on = static_cast<bool>(Audio_Init(kRate));
  Pcm chime = make_chime(kRate);
};

// Opened on the announcer's thread, at its start or for its first call: opening it may take a while.
const Sound& sound_of(std::unique_ptr<Sound>& sound, std::atomic<bool>& audio_open) {
  if (!sound) {
    sound = std::make_unique<Sound>();
    audio_open = sound->on;
    if (!sound->on)
      std::fprintf(stderr, "wijkkiosk: no sound output; calls are shown without chime or voice\n");
  }
  return *sound;
}

}  // namespace

Announcer::Announcer(AnnouncerOptions options) : o_(std::move(options)) {
  auto sound = std::make_shared<std::unique_ptr<Sound>>();
  jobs_.start({.run =
                   [this, sound](Job& job) {
                     const Sound& s = sound_of(*sound, audio_open_);
                     if (s.on) {
                       Pcm clip = s.chime;
                       if (o_.speak) {
                         append(clip, silence(clip.rate, 0.15));
                         if (auto voice = Speech_Synthesize(job.text, job.voice))
                           append(clip, voice.value());
                         else
                           std::fprintf(stderr, "wijkkiosk: %s\n", to_string(voice.error()).c_str());
                       }
                       if (Audio_Play(clip)) {
                         // The device plays on SDL's audio thread: look now and then whether it is done.
                         const auto until =
                             std::chrono::steady_clock::now() +
                             std::chrono::milliseconds(static_cast<long>(clip.seconds() * 1000) + 3000);
                         while (Audio_Busy() && std::chrono::steady_clock::now() < until &&
                                !jobs_.stop_signal().stopped())
                           std::this_thread::sleep_for(std::chrono::milliseconds(30));
                       }
                       std::this_thread::sleep_for(std::chrono::milliseconds(400));  // a breath between calls
                     }
                     if (o_.done) o_.done();
                   },
               .idle =
                   [this, sound] {
                     sound_of(*sound, audio_open_);
                     return worker::kNever;
                   }},
              [] { Audio_ThreadEnds(); });
}

Announcer::~Announcer() {
  jobs_.stop();
  if (audio_open_) Audio_Shutdown();
  Speech_Shutdown();
}

void Announcer::play(std::string text, std::string voice) {
  jobs_.post({std::move(text), std::move(voice)});
}

}  // namespace wk::platform
