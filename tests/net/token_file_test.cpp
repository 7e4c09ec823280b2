// The bearer token file: read when only the app may read it, refused otherwise.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "net/queue_client.hpp"

namespace wk::net {
namespace {

class TokenFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "wk-token-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& text, mode_t mode) {
    const auto path = (dir_ / "kiosk.token").string();
    std::ofstream(path) << text;
    EXPECT_EQ(chmod(path.c_str(), mode), 0);
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(TokenFileTest, AnOwnerOnlyFileGivesTheTokenWithoutItsNewline) {
  auto token = read_token_file(write("wk_kiosk_abc123\n", 0600));
  ASSERT_TRUE(token.ok()) << to_string(token.error());
  EXPECT_EQ(*token, "wk_kiosk_abc123");
  EXPECT_TRUE(read_token_file(write("wk_kiosk_abc123", 0400)).ok());
}

TEST_F(TokenFileTest, AFileOthersMayReadIsRefusedWithAClearMessage) {
  const auto path = write("wk_kiosk_abc123\n", 0644);
  auto token = read_token_file(path);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().code, "token_file_permissions");
  EXPECT_NE(token.error().message.find("0644"), std::string::npos) << token.error().message;
  EXPECT_NE(token.error().message.find("chmod 600 " + path), std::string::npos) << token.error().message;
  EXPECT_EQ(token.error().message.find("wk_kiosk_abc123"), std::string::npos);  // never the secret itself
  EXPECT_FALSE(read_token_file(write("t", 0640)).ok());
  EXPECT_FALSE(read_token_file(write("t", 0604)).ok());
}

TEST_F(TokenFileTest, MissingEmptyOrOddFilesAreErrors) {
  EXPECT_EQ(read_token_file((dir_ / "none").string()).error().code, "token_file");
  EXPECT_EQ(read_token_file(write("\n", 0600)).error().code, "token_file");
  EXPECT_EQ(read_token_file(write("two\ntokens\n", 0600)).error().code, "token_file");
  EXPECT_EQ(read_token_file(dir_.string()).error().code, "token_file");
}

}  // namespace
}  // namespace wk::net
