// `doro batch`: every I/O error is exit code 1 with a message on stderr,
// never an empty-looking success.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <streambuf>

#include "cli/batch.h"
#include "cli_test_util.h"
#include "match/engine.h"

namespace doro::cli {
namespace {

using ::testing::HasSubstr;
using testing::RunDoro;
using testing::TempDir;

TEST(CliBatchTest, GoodRunExits0) {
  TempDir tmp;
  std::ofstream(tmp.path / "in.txt") << "label one\nlabel two\n";
  const auto r = RunDoro("batch --input " + (tmp.path / "in.txt").string() + " --output " +
                         (tmp.path / "out.jsonl").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("2 labels"));
}

TEST(CliBatchTest, InputDirectoryExits1) {
  TempDir tmp;
  const auto r = RunDoro("batch --input " + tmp.path.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot read input " + tmp.path.string() + ": is a directory"));
  EXPECT_EQ(r.out, "");
}

TEST(CliBatchTest, MissingInputExits1) {
  TempDir tmp;
  const auto r = RunDoro("batch --input " + (tmp.path / "missing.txt").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot open input"));
}

TEST(CliBatchTest, OutputInMissingDirectoryExits1) {
  TempDir tmp;
  const auto r = RunDoro("batch --output " + (tmp.path / "no" / "out.jsonl").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot open output"));
}

TEST(CliBatchTest, OutputWriteFailureExits1) {
  TempDir tmp;
  std::ofstream(tmp.path / "in.txt") << "label one\n";
  const auto r = RunDoro("batch --input " + (tmp.path / "in.txt").string() + " --output /dev/full");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot write output /dev/full"));
}

// Gives one line, then fails the way a device does.
class FailingInput : public std::streambuf {
 public:
  FailingInput() { setg(text_, text_, text_ + 8); }

 protected:
  int_type underflow() override { throw std::runtime_error("I/O error"); }

 private:
  char text_[9] = "a label\n";
};

// Accepts nothing.
class FailingOutput : public std::streambuf {
 protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
};

BatchOptions Options(unsigned threads, bool streaming = false) {
  BatchOptions o;
  o.threads = threads;
  o.streaming = streaming;
  return o;
}

std::unique_ptr<Engine> Demo() {
  std::string error;
  auto engine = Engine::Open("", &error);
  EXPECT_TRUE(engine) << error;
  return engine;
}

TEST(RunBatchTest, ReadErrorIsAFailureNotTheEnd) {
  const auto engine = Demo();
  FailingInput buf;
  std::istream in(&buf);
  std::ostringstream out;
  const BatchStats stats = RunBatch(*engine, in, out, Options(1));
  EXPECT_EQ(stats.failure, BatchFailure::kRead);
}

TEST(RunBatchTest, WriteErrorIsAFailure) {
  const auto engine = Demo();
  std::istringstream in("a label\n");
  FailingOutput buf;
  std::ostream out(&buf);
  const BatchStats stats = RunBatch(*engine, in, out, Options(1));
  EXPECT_EQ(stats.failure, BatchFailure::kWrite);
}

TEST(RunBatchTest, CleanRunHasNoFailure) {
  const auto engine = Demo();
  std::istringstream in("a label\nanother\n");
  std::ostringstream out;
  const BatchStats stats = RunBatch(*engine, in, out, Options(1));
  EXPECT_EQ(stats.failure, BatchFailure::kNone);
  EXPECT_EQ(stats.lines, 2u);
}

}  // namespace
}  // namespace doro::cli
