// A release on trial, seen from the real kiosk (docs/updates.md): started by the updater on trial, it marks
// itself good once its first frame is on the glass and it has run [update] good_after_s with its outbox
// reading; not on trial, it leaves no note. The updater's report goes to IT with the heartbeat.
#include <sys/stat.h>

#include <filesystem>

#include "core/update_trial.hpp"
#include "e2e/kiosk_fixture.hpp"

namespace wk::test {
namespace {

class KioskTrialE2E : public KioskE2E {
 protected:
  // As the updater leaves it in a data folder when it starts a new release on trial.
  void put_on_trial(const std::string& data_dir) {
    std::filesystem::create_directories(data_dir + "/update");
    TrialRecord trial;
    trial.version = "1.5.0";
    trial.previous = "1.4.0";
    trial.serial = 15;
    trial.tries_left = 3;
    write_file(data_dir + "/update/trial.json", trial_to_json(trial));
  }
  std::string good_of(const std::string& data_dir) { return data_dir + "/update/good"; }
  // The kiosk's last heartbeat as IT sees it; null until there is one.
  nlohmann::json kiosk_heartbeat() {
    const auto r = http_request("GET", service_.url("/v1/fleet"), service_.ca_file(), service_.admin_token());
    if (r.status != 200) return nullptr;
    const auto fleet = nlohmann::json::parse(r.body);
    for (const auto& d : fleet["devices"])
      if (d["role"] == "kiosk") return d["heartbeat"];
    return nullptr;
  }
};

TEST_F(KioskTrialE2E, OnTrialItMarksItselfGoodAfterItsFirstFrameAndReportsTheUpdate) {
  write_config(60, {}, "[update]\ngood_after_s = 1\n");
  put_on_trial(dir_.file("data"));
  UpdateReport report;
  report.state = "installed";
  report.release = "/opt/wijkkiosk/releases/1.5.0";
  report.version = "1.5.0";
  report.message = "Versie 1.5.0 is geplaatst en draait op proef.";
  report.at = 1'790'000'000'000;
  write_file(dir_.file("data/update/report.json"), update_report_to_json(report));
  start_kiosk();

  // The log says so once the note is in place.
  ASSERT_TRUE(wait_until([&] {
    return read_file(dir_.file("kiosk.err")).find("marked good") != std::string::npos;
  })) << read_file(dir_.file("kiosk.err"));
  // The real path of the program that runs: through any link, the release's own file.
  EXPECT_EQ(read_file(good_of(dir_.file("data"))),
            std::filesystem::canonical(bin_path("wijkkiosk")).string() + "\n");
  struct stat st {};
  ASSERT_EQ(::stat(good_of(dir_.file("data")).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  const std::string log = read_file(dir_.file("kiosk.err"));
  const auto first_frame = log.find("first frame after");
  const auto marked = log.find("marked good");
  ASSERT_NE(marked, std::string::npos) << log;
  EXPECT_LT(first_frame, marked) << "marked good before the first frame was on the glass:\n" << log;
  EXPECT_EQ(log.find("marked good", marked + 1), std::string::npos) << "at most once per run:\n" << log;

  nlohmann::json hb;
  EXPECT_TRUE(wait_until([&] {
    hb = kiosk_heartbeat();
    return hb.is_object() && hb.contains("update") && hb["update"].is_object();
  })) << hb.dump();
  EXPECT_EQ(hb["update"], nlohmann::json::parse(update_report_to_json(report)));
}

TEST_F(KioskTrialE2E, NotOnTrialItLeavesNoNote) {
  write_config(60, {}, "[update]\ngood_after_s = 1\n");
  start_kiosk();  // no trial.json in its data folder

  // A second kiosk, started on trial after the first one's first frame: once it marked itself good, the
  // first has run longer than good_after_s past its own first frame, so it would have written by now.
  std::string toml = read_file(dir_.file("kiosk.toml"));
  toml.replace(toml.find("data_dir = \"data\""), 17, "data_dir = \"data2\"");
  write_file(dir_.file("kiosk2.toml"), toml);
  put_on_trial(dir_.file("data2"));
  UiTreeFile tree2(dir_.file("tree2.json"));
  Process trial_kiosk = Process::start(app_args({"--role", "kiosk", "--config", dir_.file("kiosk2.toml"),
                                                 "--ui-tree", dir_.file("tree2.json")}),
                                       dir_.file("kiosk2.out"), dir_.file("kiosk2.err"), x_.env());
  ASSERT_TRUE(tree2.wait_for_screen("welcome")) << read_file(dir_.file("kiosk2.err"));
  ASSERT_TRUE(wait_until([&] { return std::filesystem::exists(good_of(dir_.file("data2"))); }))
      << read_file(dir_.file("kiosk2.err"));

  EXPECT_FALSE(std::filesystem::exists(dir_.file("data/update"))) << "not even its folder";
  EXPECT_EQ(read_file(dir_.file("kiosk.err")).find("marked good"), std::string::npos);
  EXPECT_EQ(tree_.screen(), "welcome") << "the kiosk without a trial is still up";
  trial_kiosk.kill(SIGTERM);
  EXPECT_EQ(trial_kiosk.wait_for(std::chrono::seconds(10)).value_or(-1), 0);
}

}  // namespace
}  // namespace wk::test
