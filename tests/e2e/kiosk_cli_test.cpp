// wijkkiosk's command lines: anything it cannot take is one line saying what, the usage, and exit 2,
// never an exception (before: `wijkkiosk issue --count abc` ended in an uncaught std::stoi).
#include <gtest/gtest.h>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace wk::test {
namespace {

TEST(KioskCli, BadArgumentsExit2WithOneLineAndTheUsage) {
  TempDir tmp;
  const std::string config = tmp.file("kiosk.toml");  // never read: the arguments are refused first
  for (const auto& [args, says] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{}, "a command or --role is needed"},
           {{"frobnicate"}, "unknown command 'frobnicate'"},
           {{"issue", "--config", config, "--topic", "werk", "--count", "abc"}, "--count must be a number"},
           {{"issue", "--config", config, "--topic", "werk", "--count", "0"}, "--count must be a number"},
           {{"issue", "--config", config}, "--topic is required"},
           {{"issue", "--config", config, "--topic", "werk", "--topic", "schulden"},
            "--topic is given twice"},
           {{"sync", "--config", config, "--colour", "blue"}, "unknown option --colour"},
           {{"sync", "--config", config, "--until-empty=yes"}, "--until-empty takes no value"},
           {{"outbox", "--config"}, "--config needs a value"},
           {{"print-test", "--printer", "tcp://127.0.0.1:9", "--paper", "70"},
            "--paper must be one of 58, 80"},
           {{"pin-hash", "extra"}, "unexpected argument 'extra'"},
           {{"--role", "clerk", "--config", config}, "--role must be one of counter, display, kiosk"}}) {
    std::vector<std::string> argv = {bin_path("wijkkiosk")};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_command(argv);
    EXPECT_EQ(r.exit_code, 2) << says;
    EXPECT_TRUE(r.err.starts_with("wijkkiosk: " + says)) << r.err;
    EXPECT_NE(r.err.find("usage: wijkkiosk"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace wk::test
