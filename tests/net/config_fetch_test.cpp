// The sync worker keeps the location config fresh against the real wijkqueue: the first look hands the
// service's config on, an unchanged config (304 on the ETag) is not handed on again, a changed one is, and
// a service that is away hands on nothing until it is back.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <regex>
#include <vector>

#include "net/sync_worker.hpp"
#include "net_test_util.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace wk::net {
namespace {

class ConfigFetchTest : public ::testing::Test {
 protected:
  test::Wijkqueue service_;
  test::TempDir dir_{"config-fetch"};
  std::mutex mu_;
  std::vector<LocationConfig> received_;

  std::size_t count() {
    std::lock_guard lock(mu_);
    return received_.size();
  }
  LocationConfig last() {
    std::lock_guard lock(mu_);
    return received_.back();
  }
  std::unique_ptr<SyncWorker> worker() {
    SyncWorker::Options o;
    o.outbox_path = dir_.file("outbox.db");
    o.client = testing::client_options(service_, service_.kiosk_token());
    o.heartbeat_interval_ms = 0;
    o.config_interval_ms = 100;
    o.on_config = [this](const LocationConfig& c) {
      std::lock_guard lock(mu_);
      received_.push_back(c);
      return true;
    };
    return std::make_unique<SyncWorker>(std::move(o));
  }
  void set_config(const std::string& toml) {
    test::write_file(dir_.file("config.toml"), toml);
    const auto r = service_.cli({"location", "set-config", "--dir", service_.dir(), "--id",
                                 service_.location(), "--file", dir_.file("config.toml")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
};

TEST_F(ConfigFetchTest, TheServicesConfigIsHandedOnOnceAndAgainOnlyWhenItChanges) {
  auto w = worker();
  w->start();
  ASSERT_TRUE(test::wait_until([&] { return count() == 1; }));
  EXPECT_EQ(last().topics.size(), 3u);
  EXPECT_EQ(last().topic("werk")->names.at("nl"), "Werk en inkomen");

  // Several looks later (every 100 ms), nothing new: the ETag made each a 304.
  EXPECT_FALSE(test::wait_until([&] { return count() > 1; }, std::chrono::milliseconds(600)));

  set_config(std::regex_replace(test::test_location_toml(service_.location()), std::regex("Werk en inkomen"),
                                "Werk, geld en inkomen"));
  ASSERT_TRUE(test::wait_until([&] { return count() == 2; }));
  EXPECT_EQ(last().topic("werk")->names.at("nl"), "Werk, geld en inkomen");
}

TEST_F(ConfigFetchTest, WithoutTheServiceNothingIsHandedOnAndItComesWhenTheServiceIsBack) {
  service_.stop();
  auto w = worker();
  w->start();
  EXPECT_FALSE(test::wait_until([&] { return count() > 0; }, std::chrono::milliseconds(500)));
  service_.start();
  EXPECT_TRUE(test::wait_until([&] { return count() == 1; }, std::chrono::seconds(15)));
}

}  // namespace
}  // namespace wk::net
