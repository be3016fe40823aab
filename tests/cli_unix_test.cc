// `doro` by Unix conventions: help with examples, --version, exit codes
// (0 ok, 1 runtime, 2 usage, 3 refine without any answer), the demo note,
// `index build --out DIR`, `index info`, and the man page.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "cli/answer_columns.h"
#include "cli_test_util.h"
#include "db/index_file.h"
#include "match/engine.h"
#include "server/handlers.h"
#include "shared_data.h"

namespace doro::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunDoro;
using testing::TempDir;

const std::string kDemoDir = std::string(DORO_SOURCE_DIR) + "/data/demo";
constexpr const char* kLabel = "\"B 93, Wangsan-ro, Dongdaemun-gu, Seoul\"";

TEST(CliHelpTest, NoArgumentsAndHelpPrintTheHelpWithExamples) {
  for (const std::string args : {"", "--help", "-h"}) {
    const auto r = RunDoro(args);
    EXPECT_EQ(r.exit_code, 0) << args;
    EXPECT_THAT(r.out, HasSubstr("Usage: doro")) << args;
    EXPECT_THAT(r.out, HasSubstr("Examples:")) << args;
    EXPECT_THAT(r.out, HasSubstr("doro batch --db")) << args;
    EXPECT_THAT(r.out, HasSubstr("Exit codes:")) << args;
  }
}

// Each command's help names its output fields, reasons and exit codes, read
// from the answer writer and the reason table (no second list).
TEST(CliHelpTest, CommandHelpListsFieldsReasonsAndExitCodes) {
  for (const std::string cmd : {"refine", "batch"}) {
    const auto r = RunDoro(cmd + " --help");
    EXPECT_EQ(r.exit_code, 0) << cmd;
    for (const auto& f : AnswerFieldNames()) EXPECT_THAT(r.out, HasSubstr(f)) << cmd;
    for (const auto& n : ReasonNames()) EXPECT_THAT(r.out, HasSubstr(n)) << cmd;
    for (const auto& n : WarningNames()) EXPECT_THAT(r.out, HasSubstr(n)) << cmd;
    EXPECT_THAT(r.out, HasSubstr("Exit codes: 0 success; 1 runtime error")) << cmd;
    EXPECT_THAT(r.out, HasSubstr("Examples:")) << cmd;
  }
  EXPECT_THAT(RunDoro("refine --help").out, HasSubstr("3 when not one label got an answer"));
  for (const std::string cmd : {"index build", "index info", "serve"}) {
    const auto r = RunDoro(cmd + " --help");
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_THAT(r.out, HasSubstr("Exit codes:")) << cmd;
  }
  EXPECT_THAT(AnswerFieldNames(), ::testing::Contains("status"));
}

TEST(CliHelpTest, VersionNamesIndexFormatAndBuildDate) {
  const auto r = RunDoro("--version");
  EXPECT_EQ(r.exit_code, 0);
  const std::regex shape(R"(doro \d+\.\d+\.\d+ \(index format (\d+), built \d{4}-\d\d-\d\d\)\n)");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(r.out, m, shape)) << r.out;
  EXPECT_EQ(m[1].str(), std::to_string(db::IndexFile::FormatVersion()));
}

// CLI11's own codes (106, 109, 114, ...) never leak out: every usage error is 2.
TEST(CliExitCodeTest, UsageErrorsAre2) {
  for (const std::string args :
       {"frobnicate", "--no-such-flag", "refine", "refine --no-such-flag x", "batch --format xml",
        "batch --encoding latin1", "batch --threads many", "index", "index build --db x", "index info",
        "serve --port 70000"}) {
    const auto r = RunDoro(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_FALSE(r.err.empty()) << args;
    EXPECT_EQ(r.out, "") << args;
  }
}

TEST(CliExitCodeTest, RuntimeErrorsAre1) {
  TempDir tmp;
  std::ofstream(tmp.path / "text.txt") << "not an index\n";
  for (const std::string& args : std::vector<std::string>{"refine --db /nonexistent/doro x", "batch --db /nonexistent/doro", "index info /nonexistent/doro.idx",
        "index info " + (tmp.path / "text.txt").string(),
        "index build --db /nonexistent/doro --out " + (tmp.path / "x.idx").string()}) {
    const auto r = RunDoro(args);
    EXPECT_EQ(r.exit_code, 1) << args;
    EXPECT_THAT(r.err, HasSubstr("doro: ")) << args;
  }
}

TEST(CliExitCodeTest, RefineIs3OnlyWhenNoLabelGotAnAnswer) {
  auto r = RunDoro("refine \"nowhere at all\" \"no road here\"");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.out, HasSubstr("답 없음"));
  r = RunDoro(std::string("refine \"nowhere at all\" ") + kLabel);
  EXPECT_EQ(r.exit_code, 0);
  r = RunDoro(std::string("refine --json ") + kLabel);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("\"status\":\"ok\""));
}

TEST(CliDemoNoteTest, OnlyWithoutDb) {
  TempDir tmp;
  auto r = RunDoro(std::string("refine ") + kLabel);
  EXPECT_THAT(r.err, HasSubstr("built-in demo database"));
  EXPECT_THAT(r.out, Not(HasSubstr("demo")));
  ASSERT_EQ(RunDoro("index build --db " + kDemoDir + " --out " + tmp.path.string()).exit_code, 0);
  r = RunDoro("refine --db " + (tmp.path / "doro.idx").string() + " " + kLabel);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr("demo")));
}

std::vector<std::string> Listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(CliIndexTest, BuildIntoADirectoryWritesDoroIdxAndNoTemporary) {
  TempDir tmp;
  const auto r = RunDoro("index build --db " + kDemoDir + " --out " + tmp.path.string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("-> " + (tmp.path / "doro.idx").string()));
  EXPECT_THAT(Listing(tmp.path), ::testing::ElementsAre("doro.idx"));
}

TEST(CliIndexTest, AFailedBuildSaysWhyAndLeavesNothing) {
  TempDir tmp;
  fs::create_directories(tmp.path / "d" / "doro.idx");  // DIR/doro.idx is itself a directory
  auto r = RunDoro("index build --db " + kDemoDir + " --out " + (tmp.path / "d").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("is a directory"));
  r = RunDoro("index build --db " + kDemoDir + " --out " + (tmp.path / "missing" / "x.idx").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("No such file or directory"));
  fs::permissions(tmp.path / "d", fs::perms::owner_read | fs::perms::owner_exec);
  r = RunDoro("index build --db " + kDemoDir + " --out " + (tmp.path / "d" / "x.idx").string());
  fs::permissions(tmp.path / "d", fs::perms::owner_all);
  if (getuid() != 0) {  // root writes anyway
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.err, HasSubstr("cannot write"));
    EXPECT_THAT(Listing(tmp.path), ::testing::ElementsAre("d", "doro.idx"));
  }
  for (const auto& name : Listing(tmp.path)) EXPECT_FALSE(name.ends_with(".tmp")) << name;
}

TEST(CliIndexTest, InfoDescribesTheIndex) {
  TempDir tmp;
  ASSERT_EQ(RunDoro("index build --db " + kDemoDir + " --out " + (tmp.path / "demo.idx").string()).exit_code, 0);
  const auto r = RunDoro("index info " + (tmp.path / "demo.idx").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("format version: " + std::to_string(db::IndexFile::FormatVersion()) + "\n"));
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(built: +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n)"))) << r.out;
  std::string error;
  const auto text = Engine::Open(kDemoDir, &error);
  ASSERT_TRUE(text) << error;
  EXPECT_THAT(r.out, HasSubstr("rows:           " + std::to_string(text->report().rows) + "\n"));
  EXPECT_THAT(r.out, HasSubstr("roads:          " + std::to_string(text->report().roads) + "\n"));
  EXPECT_THAT(r.out, HasSubstr("official English names: no\n"));
  EXPECT_THAT(r.out, HasSubstr("source files:   1\n"));
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\n  \d{4}-\d\d-\d\dT\S+Z  )" + std::to_string(text->report().rows) +
                                                  R"( rows  \S*rnaddrkor_demo.txt\n)")))
      << r.out;
}

// /healthz, the startup log and `index build` count the same files, whether
// the database is read from text or from the index built from that text.
TEST(CliIndexTest, TextAndIndexReportTheSameFacts) {
  TempDir tmp;
  ASSERT_EQ(RunDoro("index build --db " + kDemoDir + " --out " + tmp.path.string()).exit_code, 0);
  std::string error;
  std::shared_ptr<const Engine> text = Engine::Open(kDemoDir, &error);
  std::shared_ptr<const Engine> index = Engine::Open((tmp.path / "doro.idx").string(), &error);
  ASSERT_TRUE(text && index) << error;
  EXPECT_EQ(text->report().files.size(), index->report().files.size());
  EXPECT_EQ(text->report().rows, index->report().rows);
  EXPECT_EQ(text->report().roads, index->report().roads);
  EXPECT_EQ(text->report().official_english(), index->report().official_english());
  auto health = [](std::shared_ptr<const Engine> e) {
    server::Handlers h(server::Limits{}, std::move(e), nullptr, nullptr);
    return h.Handle(server::Request{"GET", "/healthz", "", true}).body;
  };
  const std::string from_text = health(text), from_index = health(index);
  EXPECT_THAT(from_text, HasSubstr("\"files\":1,"));
  EXPECT_THAT(from_index, HasSubstr("\"files\":1,"));
  EXPECT_THAT(from_text, HasSubstr("\"index_built_at\":null"));
  EXPECT_TRUE(std::regex_search(from_index, std::regex(R"("index_built_at":"\d{4}-\d\d-\d\dT[\d:]+Z")"))) << from_index;
  // The data's date: the latest 효력발생일 of the rows, the same from text and index.
  EXPECT_FALSE(text->report().data_date.empty());
  EXPECT_EQ(text->report().data_date, index->report().data_date);
  const std::string date = "\"data_date\":\"" + DataDate(text->report().data_date) + "\"";
  EXPECT_THAT(from_text, HasSubstr(date));
  EXPECT_THAT(from_index, HasSubstr(date));
  // The summary line both print.
  EXPECT_EQ(LoadSummary(text->report()) + ", index built " + UtcTime(index->report().built_at),
            LoadSummary(index->report()));
}

TEST(CliIndexTest, OfficialEnglishNamesAreRecorded) {
  const std::string dir = doro::testing::SharedPath("data/koreapost2013/sejong");
  if (!fs::exists(dir + "/TN_SPRD_RDNM.txt")) GTEST_SKIP() << "../shared/data not present: " << dir;
  TempDir tmp;
  ASSERT_EQ(RunDoro("index build --db " + dir + " --out " + tmp.path.string()).exit_code, 0);
  const auto r = RunDoro("index info " + (tmp.path / "doro.idx").string());
  EXPECT_THAT(r.out, HasSubstr("official English names: yes\n"));
  EXPECT_THAT(r.out, HasSubstr("source files:   2\n"));
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(  [1-9]\d* English road names  \S*TN_SPRD_RDNM.txt\n)"))) << r.out;
}

TEST(CliManPageTest, NamesEveryCommandFieldReasonAndExitCode) {
  const std::string man = testing::ReadAll(std::string(DORO_SOURCE_DIR) + "/docs/doro.1");
  for (const std::string cmd : {"doro refine", "doro batch", "doro index build", "doro index info", "doro serve"})
    EXPECT_THAT(man, HasSubstr(".B " + cmd + "\n")) << cmd;
  for (const auto& f : AnswerFieldNames()) EXPECT_THAT(man, HasSubstr(f)) << "field " << f << " is not in doro.1";
  for (const auto& n : ReasonNames()) EXPECT_THAT(man, HasSubstr(".B " + n + "\n")) << "reason " << n;
  for (const auto& n : WarningNames()) EXPECT_THAT(man, HasSubstr(".B " + n + "\n")) << "warning " << n;
  const std::string exits = man.substr(man.find(".SH EXIT STATUS"));
  for (const std::string code : {"0", "1", "2", "3"}) EXPECT_THAT(exits, HasSubstr(".B " + code + "\n")) << code;
  const auto version = RunDoro("--version").out;
  const std::string number = version.substr(5, version.find(' ', 5) - 5);
  EXPECT_THAT(man, HasSubstr("\"doro " + number + "\"")) << "the .TH line names another version";
  // groff, when installed, must render it without a warning.
  if (std::system("command -v groff >/dev/null 2>&1") == 0) {
    TempDir tmp;
    const std::string cmd = "groff -man -ww -z -Tutf8 " + std::string(DORO_SOURCE_DIR) + "/docs/doro.1 2>" +
                            (tmp.path / "warnings").string();
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    EXPECT_EQ(testing::ReadAll(tmp.path / "warnings"), "");
  }
}

TEST(CliInstallTest, InstallsTheBinaryAndTheManPage) {
  TempDir tmp;
  const std::string cmd = "cmake --install " + std::string(DORO_BINARY_DIR) + " --prefix " + tmp.path.string() +
                          " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_TRUE(fs::exists(tmp.path / "bin" / "doro"));
  EXPECT_TRUE(fs::exists(tmp.path / "share" / "man" / "man1" / "doro.1"));
}

}  // namespace
}  // namespace doro::cli
