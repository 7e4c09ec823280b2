// Read-aloud without a sound card: espeak-ng's voices for the kiosk's languages, the volume, the text cut
// into sentences, and the Reader through SDL's dummy audio driver, which consumes queued sound in real time.
#include "platform/reader.hpp"

#include <SDL.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "platform/audio.hpp"
#include "platform/speech.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace wk::platform {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A RIFF/WAVE file of 16-bit mono PCM, as `espeak-ng -w` writes it.
std::string wav_of(const Pcm& pcm) {
  std::string out;
  const auto u32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  };
  const auto u16 = [&](std::uint16_t v) {
    for (int i = 0; i < 2; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  };
  const auto data_bytes = static_cast<std::uint32_t>(pcm.samples.size() * 2);
  out += "RIFF";
  u32(36 + data_bytes);
  out += "WAVEfmt ";
  u32(16);
  u16(1);  // PCM
  u16(1);  // mono
  u32(static_cast<std::uint32_t>(pcm.rate));
  u32(static_cast<std::uint32_t>(pcm.rate * 2));
  u16(2);
  u16(16);
  out += "data";
  u32(data_bytes);
  for (auto s : pcm.samples) u16(static_cast<std::uint16_t>(s));
  return out;
}

std::uint32_t le32(const std::string& b, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return v;
}
std::uint16_t le16(const std::string& b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    (static_cast<unsigned char>(b[at + 1]) << 8));
}

struct Sample {
  const char* language;
  const char* text;
};
// What the kiosk says about a ticket, in each language that has an espeak-ng voice.
const Sample kSamples[] = {
    {"nl", "Uw nummer is S twaalf. U bent bijna aan de beurt."},
    {"en", "Your number is S twelve. It is almost your turn."},
    {"tr", "Numaranız S on iki. Sıranız neredeyse geldi."},
    {"ar", "رقمك هو س اثنا عشر. حان دورك تقريبا."},
    {"pl", "Twój numer to S dwanaście. Prawie twoja kolej."},
    {"uk", "Ваш номер С дванадцять. Майже ваша черга."},
};

TEST(Speech, EveryLanguageWithAVoiceMakesAWav) {
  test::TempDir dir("reader-test");
  for (const Sample& s : kSamples) {
    SCOPED_TRACE(s.language);
    ASSERT_TRUE(Speech_HasVoice(s.language));
    const std::string voice = Speech_VoiceFor(s.language);
    ASSERT_FALSE(voice.empty());
    auto pcm = Speech_Synthesize(s.text, voice);
    ASSERT_TRUE(pcm) << to_string(pcm.error());
    const std::string path = dir.file(std::string(s.language) + ".wav");
    test::write_file(path, wav_of(pcm.value()));

    const std::string wav = test::read_file(path);
    ASSERT_GE(wav.size(), 44u);
    EXPECT_EQ(wav.substr(0, 4), "RIFF");
    EXPECT_EQ(le32(wav, 4), wav.size() - 8);
    EXPECT_EQ(wav.substr(8, 8), "WAVEfmt ");
    EXPECT_EQ(le16(wav, 20), 1);   // PCM
    EXPECT_EQ(le16(wav, 22), 1);   // mono
    EXPECT_EQ(le16(wav, 34), 16);  // bits
    EXPECT_EQ(wav.substr(36, 4), "data");
    const std::uint32_t rate = le32(wav, 24);
    const std::uint32_t samples = le32(wav, 40) / 2;
    EXPECT_EQ(rate, 22050u);
    EXPECT_EQ(wav.size(), 44u + samples * 2u);
    EXPECT_GT(samples, rate / 5) << "less than 0.2 s of speech";
    int loud = 0;
    for (auto v : pcm->samples) loud += (v > 2000 || v < -2000);
    EXPECT_GT(loud, 1000) << "the speech is silence";
    std::printf("%s: voice %s, %.2f s\n", s.language, voice.c_str(), static_cast<double>(samples) / rate);
  }
}

TEST(Speech, TigrinyaHasNoVoice) {
  EXPECT_FALSE(Speech_HasVoice("ti"));
  EXPECT_EQ(Speech_VoiceFor("ti"), "");
  EXPECT_FALSE(Speech_HasVoice(""));
  // A region tag falls back to its language; case does not matter.
  EXPECT_TRUE(Speech_HasVoice("en-GB"));
  EXPECT_TRUE(Speech_HasVoice("NL"));
  EXPECT_EQ(Speech_VoiceFor("nl-BE").empty(), false);
  // The list is read once: the answers stay the same.
  EXPECT_EQ(Speech_VoiceFor("uk"), Speech_VoiceFor("uk"));
}

TEST(Audio, VolumeScalesEverySampleExactly) {
  const Pcm pcm{22050, {0, 1, -1, 99, -99, 100, -100, 12345, 32767, -32768}};
  EXPECT_EQ(with_volume(pcm, 100).samples, pcm.samples);
  EXPECT_EQ(with_volume(pcm, 150).samples, pcm.samples);  // clamped: never louder than it was
  EXPECT_EQ(with_volume(pcm, 0).samples, std::vector<std::int16_t>(pcm.samples.size(), 0));
  EXPECT_EQ(with_volume(pcm, -20).samples, std::vector<std::int16_t>(pcm.samples.size(), 0));
  EXPECT_EQ(with_volume(pcm, 50).samples,
            (std::vector<std::int16_t>{0, 0, 0, 49, -49, 50, -50, 6172, 16383, -16384}));
  EXPECT_EQ(with_volume(pcm, 33).samples,
            (std::vector<std::int16_t>{0, 0, 0, 32, -32, 33, -33, 4073, 10813, -10813}));
  EXPECT_EQ(with_volume(pcm, 50).rate, 22050);
}

TEST(Reader, CutsTextIntoSentences) {
  EXPECT_EQ(speech_chunks("Kies een onderwerp. Tik op de knop!  Wat wilt u?\nTerug"),
            (std::vector<std::string>{"Kies een onderwerp.", "Tik op de knop!", "Wat wilt u?", "Terug"}));
  // Codes, numbers and addresses stay whole.
  EXPECT_EQ(speech_chunks("Nummer S-012 om 9.30 uur, zie gemeente.nl."),
            (std::vector<std::string>{"Nummer S-012 om 9.30 uur, zie gemeente.nl."}));
  // The Arabic question mark and the Ethiopic full stop end sentences too.
  EXPECT_EQ(speech_chunks("ما هو رقمك؟ رقمي س١٢"), (std::vector<std::string>{"ما هو رقمك؟", "رقمي س١٢"}));
  EXPECT_EQ(speech_chunks("ቁጽሪ።ቁጽሪ"), (std::vector<std::string>{"ቁጽሪ።", "ቁጽሪ"}));
  EXPECT_TRUE(speech_chunks(" \n ").empty());

  // A long sentence is cut at spaces; a word longer than the limit at a character boundary.
  std::string words;
  for (int i = 0; i < 100; ++i) words += "woord ";
  for (const auto& c : speech_chunks(words, 40)) {
    EXPECT_LE(c.size(), 40u);
    EXPECT_EQ(c.front(), 'w');
    EXPECT_EQ(c.back(), 'd');
  }
  std::string cyrillic;
  for (int i = 0; i < 50; ++i) cyrillic += "ж";  // 2 bytes each
  const auto pieces = speech_chunks(cyrillic, 15);
  std::string joined;
  for (const auto& c : pieces) {
    EXPECT_LE(c.size(), 15u);
    EXPECT_NE(static_cast<unsigned char>(c.front()) & 0xC0, 0x80) << "cut inside a character";
    joined += c;
  }
  EXPECT_EQ(joined, cyrillic);
}

// What the reader's `done` reported, from its thread.
struct Ends {
  std::mutex mu;
  std::vector<ReadEnd> ends;
  void add(ReadEnd e) {
    std::lock_guard lock(mu);
    ends.push_back(e);
  }
  std::vector<ReadEnd> get() {
    std::lock_guard lock(mu);
    return ends;
  }
  std::size_t size() { return get().size(); }
};

std::string long_text() {
  std::string text;
  for (int i = 0; i < 40; ++i)
    text += "Dit is zin nummer " + std::to_string(i + 1) +
            " van een lange tekst die de kiosk voorleest aan een bewoner die wacht. ";
  return text;
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { setenv("SDL_AUDIODRIVER", "dummy", 1); }
  Ends ends_;
  ReaderOptions options() {
    return ReaderOptions{[this](ReadEnd e) { ends_.add(e); }};
  }
};

TEST_F(ReaderTest, ReadReturnsAtOnceAndStopEndsIt) {
  const bool audio_before = SDL_WasInit(SDL_INIT_AUDIO) != 0;
  Reader reader(options());
  if (!audio_before) {
    EXPECT_EQ(SDL_WasInit(SDL_INIT_AUDIO), 0u) << "the sound device opened before a reading";
  }
  EXPECT_FALSE(reader.reading());

  const std::string text = long_text();  // about a minute of speech
  const auto t0 = Clock::now();
  reader.read(text, Speech_VoiceFor("nl"), 80);
  const double read_ms = ms_since(t0);
  // read() came back before the reading could have ended: it only hands the text over.
  EXPECT_EQ(ends_.size(), 0u);
  EXPECT_TRUE(reader.reading());

  // It is heard: the sound device is playing the first sentences.
  ASSERT_TRUE(test::wait_until([] { return Audio_Busy(); }));
  const double first_sound_ms = ms_since(t0);
  EXPECT_TRUE(reader.reading());
  EXPECT_EQ(ends_.size(), 0u);
  // Never the whole text at once: about a second is queued ahead.
  EXPECT_LT(Audio_QueuedSeconds(), 10.0);

  const auto t1 = Clock::now();
  reader.stop();
  const double stop_ms = ms_since(t1);
  EXPECT_FALSE(reader.reading());
  ASSERT_TRUE(test::wait_until([&] { return ends_.size() == 1; }));
  const double done_ms = ms_since(t1);
  EXPECT_EQ(ends_.get(), std::vector<ReadEnd>{ReadEnd::stopped});
  EXPECT_FALSE(reader.reading());
  ASSERT_TRUE(test::wait_until([] { return !Audio_Busy(); }));
  const double quiet_ms = ms_since(t1);
  std::printf(
      "read() %.3f ms for %zu bytes; first sound queued %.0f ms after; stop() %.3f ms, done %.1f ms and "
      "queue empty %.1f ms after it\n",
      read_ms, text.size(), first_sound_ms, stop_ms, done_ms, quiet_ms);
}

TEST_F(ReaderTest, AShortTextEndsByItself) {
  Reader reader(options());
  reader.read("Uw nummer is S twaalf.", Speech_VoiceFor("nl"), 100);
  ASSERT_TRUE(test::wait_until([&] { return ends_.size() == 1; }, 20s));
  EXPECT_EQ(ends_.get(), std::vector<ReadEnd>{ReadEnd::finished});
  EXPECT_FALSE(reader.reading());
  EXPECT_FALSE(Audio_Busy());
  // Stop after the end changes nothing.
  reader.stop();
  EXPECT_EQ(ends_.size(), 1u);
}

TEST_F(ReaderTest, ReadReplacesTheReadingUnderWay) {
  Reader reader(options());
  reader.read(long_text(), Speech_VoiceFor("nl"), 100);
  ASSERT_TRUE(test::wait_until([] { return Audio_Busy(); }));
  reader.read("Your number is S twelve.", Speech_VoiceFor("en"), 60);
  EXPECT_TRUE(reader.reading());
  // One `done` for every read(): the first was replaced, the second ends by itself.
  ASSERT_TRUE(test::wait_until([&] { return ends_.size() == 2; }, 20s));
  EXPECT_EQ(ends_.get(), (std::vector<ReadEnd>{ReadEnd::replaced, ReadEnd::finished}));
  EXPECT_FALSE(reader.reading());
}

TEST_F(ReaderTest, AVoiceThatIsNotThereFails) {
  Reader reader(options());
  reader.read("ቁጽሪ", Speech_VoiceFor("ti"), 100);
  ASSERT_TRUE(test::wait_until([&] { return ends_.size() == 1; }));
  EXPECT_EQ(ends_.get(), std::vector<ReadEnd>{ReadEnd::failed});
  EXPECT_FALSE(reader.reading());
}

TEST_F(ReaderTest, TheDestructorEndsAReadingUnderWay) {
  {
    Reader reader(options());
    reader.read(long_text(), Speech_VoiceFor("nl"), 100);
    ASSERT_TRUE(test::wait_until([] { return Audio_Busy(); }));
  }
  EXPECT_EQ(ends_.get(), std::vector<ReadEnd>{ReadEnd::stopped});
}

}  // namespace
}  // namespace wk::platform
