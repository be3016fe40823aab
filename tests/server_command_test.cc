// `doro serve` flag handling and its failure exits (the serving path itself
// is covered over sockets by server_http_test / server_demo_test).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "cli/serve_command.h"
#include "cli_test_util.h"

namespace doro::cli {
namespace {

int ExitCodeOf(std::vector<std::string> args) {
  CLI::App app{"doro"};
  app.require_subcommand(1);
  AddServeCommand(app);
  std::reverse(args.begin(), args.end());  // CLI11 takes them back to front
  try {
    app.parse(args);
  } catch (const CLI::Error& e) {
    return e.get_exit_code();
  }
  return 0;
}

// Runtime failures are exit code 1 (2 is kept for usage errors).
TEST(ServeCommandTest, UnreadableDatabaseExits1) {
  EXPECT_EQ(ExitCodeOf({"serve", "--db", "/nonexistent/doro/db", "--port", "0"}), 1);
}

TEST(ServeCommandTest, ErrorsGoToStderrNotStdout) {
  const auto r = testing::RunDoro("serve --db /nonexistent/doro/db --port 0");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, ::testing::HasSubstr("cannot open database /nonexistent/doro/db"));
  EXPECT_EQ(r.out, "");
}

TEST(ServeCommandTest, UnbindableHostExits1) {
  EXPECT_EQ(ExitCodeOf({"serve", "--host", "not-an-address", "--port", "0"}), 1);
}

TEST(ServeCommandTest, BadFlagsAreRejectedBeforeServing) {
  EXPECT_NE(ExitCodeOf({"serve", "--idle-timeout", "0"}), 0);
  EXPECT_NE(ExitCodeOf({"serve", "--port", "70000"}), 0);
  EXPECT_NE(ExitCodeOf({"serve", "--max-items", "many"}), 0);
  EXPECT_NE(ExitCodeOf({"serve", "--no-such-flag"}), 0);
}

}  // namespace
}  // namespace doro::cli
