// The display's sound without a sound card: espeak-ng speaks into a buffer, and the chime and the voice
// play through SDL's dummy audio driver, which consumes queued sound in real time.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "core/display_board.hpp"
#include "platform/audio.hpp"
#include "platform/speech.hpp"

namespace wk::platform {
namespace {

using namespace std::chrono_literals;

TEST(Speech, SpeaksACallIntoABuffer) {
  for (const char* lang : {"nl", "en"}) {
    auto pcm = Speech_Synthesize(display::spoken_text("S-012", 2, lang), display::speech_voice(lang));
    ASSERT_TRUE(pcm) << to_string(pcm.error());
    EXPECT_EQ(pcm->rate, 22050);
    // "nummer S 12, balie 2" takes one to four seconds said calmly; digit by digit would be longer still.
    EXPECT_GT(pcm->seconds(), 1.0) << lang;
    EXPECT_LT(pcm->seconds(), 4.5) << lang;
    int loud = 0;
    for (auto s : pcm->samples) loud += (s > 2000 || s < -2000);
    EXPECT_GT(loud, 1000) << "the buffer is silence";
  }
}

TEST(Audio, ChimeIsSoftAndShort) {
  const Pcm chime = make_chime(22050);
  EXPECT_NEAR(chime.seconds(), 1.25, 0.01);
  int peak = 0;
  for (auto s : chime.samples) peak = std::max(peak, std::abs(static_cast<int>(s)));
  EXPECT_GT(peak, 3000);
  EXPECT_LT(peak, 20000);  // soft: well under full scale
  EXPECT_LT(std::abs(chime.samples.front()) + std::abs(chime.samples.back()), 200);  // no clicks
}

TEST(Audio, PlaysChimeAndVoiceThroughTheDummyDriver) {
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  ASSERT_TRUE(Audio_Init(22050));
  EXPECT_STREQ(Audio_Driver(), "dummy");
  Pcm clip = make_chime(Audio_Rate());
  append(clip, silence(Audio_Rate(), 0.1));
  auto voice = Speech_Synthesize("number A 1, desk 1", "en");
  ASSERT_TRUE(voice);
  append(clip, voice.value());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(Audio_Play(clip));
  EXPECT_TRUE(Audio_Busy());
  while (Audio_Busy() && std::chrono::steady_clock::now() - start < 10s) std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(Audio_Busy());
  // Played in real time, not dropped at once: the next call would otherwise talk over this one.
  EXPECT_GT(std::chrono::steady_clock::now() - start,
            std::chrono::milliseconds(static_cast<int>(clip.seconds() * 600)));
  Audio_Shutdown();
}

}  // namespace
}  // namespace wk::platform
