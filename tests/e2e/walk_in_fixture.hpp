#pragma once
// The walk-in end to end, shared by its suites: the kiosk fixture plus the counter and the waiting-room
// display, each in its own X server, as on its own screen.
#include "e2e/kiosk_fixture.hpp"
#include "support/test_printer.hpp"

namespace wk::test {

class WalkInE2E : public KioskE2E {
 protected:
  // A device config for the counter or the display, beside the kiosk's.
  void write_role_config(const std::string& role, const std::string& token) {
    write_file(dir_.file(role + ".token"), token);
    ::chmod(dir_.file(role + ".token").c_str(), 0600);
    write_file(dir_.file(role + ".toml"),
               "role = \"" + role + "\"\nlocation = \"centrum\"\ndata_dir = \"data-" + role +
                   "\"\nlocation_config = \"location.toml\"\n[service]\nurl = \"" + service_.base_url() +
                   "\"\nca_file = \"" + service_.ca_file() + "\"\ntoken_file = \"" + role +
                   ".token\"\n[counter]\ndesk = 2\n"
                   "[display]\nspeak = false\n[screen]\ndpi = 96\n");
  }
  Process start_role(const std::string& role, const Xvfb& x, const std::map<std::string, std::string>& env) {
    auto e = x.env();
    e.insert(env.begin(), env.end());
    e["SDL_AUDIODRIVER"] = "dummy";
    return Process::start(app_args({"--role", role, "--config", dir_.file(role + ".toml"), "--ui-tree",
                                    dir_.file(role + "-tree.json")}),
                          dir_.file(role + ".out"), dir_.file(role + ".err"), e);
  }
  void click(const Xvfb& x, const UiTreeFile& tree, const std::string& id) {
    ASSERT_TRUE(tree.wait_for_element(id)) << id;
    tap(x, *tree.find(id));
  }
  void type(const Xvfb& x, const std::string& text) {
    const auto r = run_command({"/usr/bin/xdotool", "type", "--delay", "20", text}, x.env());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // A key pressed with the pointer resting on the counter's window (keyboard first).
  void key(const Xvfb& x, const std::string& name) {
    const auto r = run_command({"/usr/bin/xdotool", "mousemove", "640", "400", "key", name}, x.env());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // The staff user logs in at the counter's screen.
  void log_in(const Xvfb& x, const UiTreeFile& tree) {
    click(x, tree, "login-user");
    type(x, service_.staff_user());
    click(x, tree, "login-password");
    type(x, service_.staff_password());
    click(x, tree, "login");
    ASSERT_TRUE(tree.wait_for_screen("counter")) << tree.all_labels() << read_file(dir_.file("counter.err"));
  }
  // The waiting-room display and the counter, each in its own X server, up and showing their first
  // screens (the board; the login).
  void start_display_and_counter() {
    display_x_.emplace(1920, 1080);
    counter_x_.emplace(1280, 800);
    write_role_config("display", service_.display_token());
    write_role_config("counter", "unused: staff log in at the screen");
    display_.emplace(start_role("display", *display_x_, {}));
    counter_.emplace(start_role("counter", *counter_x_, {{"COUNTER_WINDOW", "1280x800"}}));
    ASSERT_TRUE(display_tree_.wait_for_screen("display")) << read_file(dir_.file("display.err"));
    ASSERT_TRUE(counter_tree_.wait_for_screen("counter-login")) << read_file(dir_.file("counter.err"));
  }
  TestPrinter printer_;
  // The X servers before the apps, so the apps end first.
  std::optional<Xvfb> display_x_, counter_x_;
  UiTreeFile display_tree_{dir_.file("display-tree.json")}, counter_tree_{dir_.file("counter-tree.json")};
  std::optional<Process> display_, counter_;
};

}  // namespace wk::test
