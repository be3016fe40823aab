// The README's examples are real: every ```console block is run, command by
// command, and its output compared byte for byte. In such a block a line
// "$ CMD" is a command (run by bash in the source directory, with the built
// `doro` first on PATH, stdin from /dev/null, stderr dropped) and the lines
// after it, up to the next "$ " line, are exactly what it prints on stdout.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_test_util.h"

namespace doro::cli {
namespace {

struct Example {
  int line = 0;  // of the command in README.md
  std::string command;
  std::string expected;
};

std::vector<Example> ReadExamples(const std::string& path) {
  std::ifstream in(path);
  std::vector<Example> out;
  std::string line;
  bool in_block = false;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!in_block) {
      in_block = line == "```console";
      continue;
    }
    if (line.starts_with("```")) {
      in_block = false;
    } else if (line.starts_with("$ ")) {
      out.push_back({n, line.substr(2), ""});
    } else if (!out.empty()) {
      out.back().expected += line + "\n";
    }
  }
  return out;
}

std::string RunExample(const std::string& command) {
  testing::TempDir tmp;
  const auto script = tmp.path / "example.sh";
  std::ofstream(script) << "set -o pipefail\n" << command << "\n";
  const std::string cmd = "cd '" + std::string(DORO_SOURCE_DIR) + "' && PATH='" + std::string(DORO_BINARY_DIR) +
                          "':\"$PATH\" bash " + script.string() + " </dev/null 2>/dev/null";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return "(popen failed)";
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return out;
}

TEST(ReadmeExamplesTest, EveryConsoleBlockPrintsWhatItShows) {
  const auto examples = ReadExamples(std::string(DORO_SOURCE_DIR) + "/README.md");
  ASSERT_GE(examples.size(), 5u) << "README.md lost its ```console examples";
  for (const auto& e : examples) {
    EXPECT_EQ(RunExample(e.command), e.expected) << "README.md:" << e.line << ": $ " << e.command;
  }
}

// The checker itself: a block that does not match is caught.
TEST(ReadmeExamplesTest, AWrongExampleIsCaught) {
  EXPECT_EQ(RunExample("echo hello"), "hello\n");
  EXPECT_NE(RunExample("echo hello"), "hullo\n");
  EXPECT_EQ(RunExample("doro refine nowhere >/dev/null; echo $?"), "3\n");
}

}  // namespace
}  // namespace doro::cli
