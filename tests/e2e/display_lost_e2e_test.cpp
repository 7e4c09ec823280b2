// The display goes away under the running kiosk (the X server ends, as when `make demo` is stopped or a
// compositor restarts): the app says so, stops its workers, closes its outbox and exits with status 3,
// never through std::terminate (before: "XIO: fatal IO error" and "terminate called", status 134).
#include "kiosk_fixture.hpp"

namespace wk::test {
namespace {

TEST_F(KioskE2E, ALostDisplayEndsTheAppCleanlyWithStatusThree) {
  write_config();
  std::optional<Xvfb> screen;
  screen.emplace(1080, 1920);
  kiosk_.emplace(Process::start(
      app_args({"--role", "kiosk", "--config", dir_.file("kiosk.toml"), "--ui-tree", dir_.file("tree.json")}),
      dir_.file("kiosk.out"), dir_.file("kiosk.err"), screen->env()));
  ASSERT_TRUE(tree_.wait_for_screen("welcome")) << read_file(dir_.file("kiosk.err"));
  screen.reset();  // the X server ends under the kiosk
  const auto status = kiosk_->wait_for(std::chrono::seconds(30));
  ASSERT_TRUE(status) << "the kiosk did not end";
  const std::string err = read_file(dir_.file("kiosk.err"));
  EXPECT_EQ(*status, 3) << err;
  EXPECT_NE(err.find("the connection to the display was lost"), std::string::npos) << err;
  EXPECT_NE(err.find("stopped (display lost)"), std::string::npos) << err;
  EXPECT_EQ(err.find("terminate"), std::string::npos) << err;
}

}  // namespace
}  // namespace wk::test
