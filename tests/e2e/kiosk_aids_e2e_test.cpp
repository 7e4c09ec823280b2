// Issue 15 in the real app under Xvfb: Arabic drawn right to left with its layout mirrored and Tigrinya in
// Ge'ez (screenshots to docs/screenshots with `make screenshots`), the speaker reading the screen aloud
// through espeak-ng and a tap stopping it, and bigger text that grows the screen's text and is gone for the
// next resident.
#include <gtest/gtest.h>

#include "e2e/kiosk_fixture.hpp"

namespace wk::test {
namespace {

class KioskAidsE2E : public KioskE2E {
 protected:
  // The kiosk with sound through SDL's dummy driver: read-aloud plays in real time and is never heard.
  void start_with_sound() {
    auto env = x_.env();
    env["SDL_AUDIODRIVER"] = "dummy";
    kiosk_.emplace(Process::start(app_args({"--role", "kiosk", "--config", dir_.file("kiosk.toml"),
                                            "--ui-tree", dir_.file("tree.json")}),
                                  dir_.file("kiosk.out"), dir_.file("kiosk.err"), env));
    ASSERT_TRUE(tree_.wait_for_screen("welcome")) << read_file(dir_.file("kiosk.err"));
  }
  bool wait_for_label(const std::string& id, const std::string& label,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return wait_until(
        [&] {
          const auto e = tree_.find(id);
          return e && e->label == label;
        },
        timeout);
  }
};

TEST_F(KioskAidsE2E, TheTopicsScreenInEveryLanguageWithArabicMirrored) {
  write_config();
  start_with_sound();
  // Every language of the demo, for the screenshots of docs/accessibility.md; Arabic and Tigrinya in it.
  for (const std::string lang : {"nl", "en", "tr", "ar", "pl", "uk", "ti"}) {
    SCOPED_TRACE(lang);
    tap_id("language:" + lang);
    ASSERT_TRUE(tree_.wait_for_screen("topics"));
    ASSERT_TRUE(tree_.wait_for_element("back"));
    const auto back = tree_.find("back"), over = tree_.find("start-over");
    ASSERT_TRUE(back && over);
    // Arabic is read from the right: "back" comes first there. Tigrinya reads from the left.
    if (lang == "ar")
      EXPECT_GT(back->x, over->x) << "back is not on the right in Arabic";
    else
      EXPECT_LT(back->x, over->x);
    // Tigrinya has no espeak-ng voice: no speaker, and nothing says so.
    EXPECT_EQ(tree_.find("aid:read-aloud").has_value(), lang != "ti");
    screenshot(x_, dir_.file(lang + ".png"));
    keep_screenshot(dir_.file(lang + ".png"), "kiosk-" + lang + "-topics");
    tap_id("start-over");
    ASSERT_TRUE(tree_.wait_for_screen("welcome"));
  }
  // Each script's glyphs came when its language was chosen, and the welcome screen needed only the names.
  const std::string err = read_file(dir_.file("kiosk.err"));
  EXPECT_EQ(err.find("fonts:"), std::string::npos) << err;
}

TEST_F(KioskAidsE2E, TheSpeakerReadsTheScreenAndATapStopsIt) {
  write_config();
  start_with_sound();
  tap_id("language:nl");
  ASSERT_TRUE(tree_.wait_for_screen("topics"));
  ASSERT_TRUE(tree_.wait_for_element("aid:read-aloud"));
  EXPECT_EQ(tree_.find("aid:read-aloud")->label, "Lees voor");
  tap_id("aid:read-aloud");
  // The topics screen takes far longer to say than this test waits: the speaker shows "stop" meanwhile.
  ASSERT_TRUE(wait_for_label("aid:read-aloud", "Stop met voorlezen")) << read_file(dir_.file("kiosk.err"));
  tap_id("aid:louder");
  tap_id("aid:read-aloud");
  EXPECT_TRUE(wait_for_label("aid:read-aloud", "Lees voor"));
  // A screen read to its end (the welcome screen, some seconds of speech played in real time by the dummy
  // driver): the reader's "done" comes back through the inbox and the speaker is ready again by itself.
  tap_id("start-over");
  ASSERT_TRUE(tree_.wait_for_screen("welcome"));
  tap_id("aid:read-aloud");
  ASSERT_TRUE(wait_for_label("aid:read-aloud", "Stop met voorlezen"));
  EXPECT_TRUE(wait_for_label("aid:read-aloud", "Lees voor", std::chrono::seconds(90)))
      << read_file(dir_.file("kiosk.err"));
}

TEST_F(KioskAidsE2E, BiggerTextGrowsTheTextAndTheNextResidentHasTheUsualSize) {
  write_config();
  start_with_sound();
  tap_id("language:nl");
  ASSERT_TRUE(tree_.wait_for_screen("topics"));
  ASSERT_TRUE(tree_.wait_for_element("title"));
  const int usual = tree_.find("title")->h;
  tap_id("aid:large-print");
  ASSERT_TRUE(wait_until([&] {
    const auto t = tree_.find("title");
    return t && t->h > usual;
  })) << "the heading did not grow";
  EXPECT_TRUE(tree_.find("aid:large-print")->selected);
  screenshot(x_, dir_.file("large.png"));
  keep_screenshot(dir_.file("large.png"), "kiosk-bigger-text-topics");
  tap_id("start-over");
  ASSERT_TRUE(tree_.wait_for_screen("welcome"));
  tap_id("language:nl");
  ASSERT_TRUE(tree_.wait_for_screen("topics"));
  ASSERT_TRUE(wait_until([&] {
    const auto t = tree_.find("title");
    return t && t->h == usual;
  })) << "the next resident inherited bigger text";
  EXPECT_FALSE(tree_.find("aid:large-print")->selected);
}

}  // namespace
}  // namespace wk::test
