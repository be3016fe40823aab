// `doro batch`: streaming from pipes, CSV/TSV with columns passed through,
// CP949 and BOM input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <streambuf>

#include "cli/answer_columns.h"
#include "cli/batch.h"
#include "cli/csv.h"
#include "cli_test_util.h"
#include "match/engine.h"
#include "text/encoding.h"

namespace doro::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::PipedDoro;
using testing::RunDoro;
using testing::TempDir;

// A label of the demo database and the address it answers.
constexpr const char* kLabel = "B 93, Wangsan-ro, Dongdaemun-gu, Seoul";
constexpr const char* kAddress = "서울특별시 동대문구 왕산로 지하 93";

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

// Hands out one line per read and notes how many answers had been written
// when the next line was asked for.
class LineByLineInput : public std::streambuf {
 public:
  LineByLineInput(std::vector<std::string> lines, const std::ostringstream* out)
      : lines_(std::move(lines)), out_(out) {}
  std::vector<size_t> answers_seen;

 protected:
  int_type underflow() override {
    const std::string s = out_->str();
    answers_seen.push_back(static_cast<size_t>(std::count(s.begin(), s.end(), '\n')));
    if (next_ == lines_.size()) return traits_type::eof();
    current_ = lines_[next_++];
    setg(current_.data(), current_.data(), current_.data() + current_.size());
    return traits_type::to_int_type(current_[0]);
  }

 private:
  std::vector<std::string> lines_;
  const std::ostringstream* out_;
  std::string current_;
  size_t next_ = 0;
};

TEST(RunBatchStreamingTest, EachLineIsAnsweredBeforeTheNextIsRead) {
  const auto engine = Demo();
  std::ostringstream out;
  LineByLineInput buf({"one\n", "two\n", "three\n"}, &out);
  std::istream in(&buf);
  BatchOptions options;
  options.threads = 1;
  options.streaming = true;
  const BatchStats stats = RunBatch(*engine, in, out, options);
  EXPECT_EQ(stats.lines, 3u);
  EXPECT_THAT(buf.answers_seen, ::testing::ElementsAre(0, 1, 2, 3));
}

TEST(RunBatchStreamingTest, TheFastPathReadsAheadAndGivesTheSameAnswers) {
  const auto engine = Demo();
  std::ostringstream streamed, blocked;
  LineByLineInput buf({"one\n", std::string(kLabel) + "\n", "three"}, &streamed);
  std::istream in(&buf);
  RunBatch(*engine, in, streamed, Options(1, true));
  std::istringstream whole("one\n" + std::string(kLabel) + "\nthree");
  RunBatch(*engine, whole, blocked, Options(2));
  EXPECT_EQ(streamed.str(), blocked.str());
}

// The real thing: a pipe kept open, the answer read before it is closed.
TEST(CliBatchStreamingTest, AnswersLeaveWhileThePipeIsStillOpen) {
  PipedDoro doro({"batch"});
  doro.Write(std::string(kLabel) + "\n");
  EXPECT_THAT(doro.ReadLine(), HasSubstr(kAddress));
  doro.Write("no such place\n");
  EXPECT_THAT(doro.ReadLine(), HasSubstr("\"no_answer\""));
  doro.CloseInput();
  EXPECT_EQ(doro.ReadLine(), "");
  EXPECT_EQ(doro.Wait(), 0);
  EXPECT_THAT(doro.Err(), HasSubstr("2 labels"));
}

TEST(CliBatchFormatTest, CsvKeepsEveryOtherColumnAndAddsTheAnswers) {
  PipedDoro doro({"batch", "--format", "csv", "--column", "배송지"});
  doro.Write("order_id,배송지,memo\n");
  doro.Write("A-0017,\"" + std::string(kLabel) + "\",\"fragile, \"\"glass\"\"\"\n");
  doro.Write("A-0018,nowhere,\n");
  doro.Write("A-0019\n");  // a short row: its answer still lands under the answer's header
  doro.CloseInput();
  std::string text;
  for (std::string line; !(line = doro.ReadLine()).empty();) text += line + "\n";
  EXPECT_EQ(doro.Wait(), 0) << doro.Err();
  CsvReader reader(',');
  std::vector<CsvRecord> rows;
  reader.Feed(text, &rows);
  reader.Finish(&rows);
  ASSERT_EQ(rows.size(), 4u) << text;
  const auto& fields = AnswerFieldNames();
  ASSERT_EQ(rows[0].size(), 3 + fields.size());
  EXPECT_EQ(rows[0][0], "order_id");
  EXPECT_EQ(rows[0][1], "배송지");
  EXPECT_EQ(rows[0][2], "memo");
  for (size_t i = 0; i < fields.size(); ++i) EXPECT_EQ(rows[0][3 + i], fields[i]);
  EXPECT_EQ(rows[1][0], "A-0017");
  EXPECT_EQ(rows[1][1], kLabel);
  EXPECT_EQ(rows[1][2], "fragile, \"glass\"");
  EXPECT_EQ(rows[2][0], "A-0018");
  EXPECT_EQ(rows[2][2], "");
  const size_t status = 3 + static_cast<size_t>(std::find(fields.begin(), fields.end(), "status") - fields.begin());
  EXPECT_EQ(rows[1][status], "ok");
  EXPECT_EQ(rows[2][status], "no_answer");
  ASSERT_EQ(rows[3].size(), rows[0].size());
  EXPECT_EQ(rows[3][0], "A-0019");
  EXPECT_EQ(rows[3][status], "no_answer");
  EXPECT_THAT(text, HasSubstr(kAddress));
}

TEST(CliBatchFormatTest, TsvColumnByNumberFromAFile) {
  TempDir tmp;
  std::ofstream(tmp.path / "in.tsv") << "id\tlabel\n7\t" << kLabel << "\n";
  const auto r = RunDoro("batch --format tsv --column 2 --input " + (tmp.path / "in.tsv").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("id\tlabel\tinput\t"));
  EXPECT_THAT(r.out, HasSubstr("\n7\t" + std::string(kLabel) + "\t" + kLabel + "\tok\t"));
}

TEST(CliBatchFormatTest, AMissingColumnIsAUsageErrorNamingTheColumns) {
  TempDir tmp;
  std::ofstream(tmp.path / "in.csv") << "id,where\n1,x\n";
  auto r = RunDoro("batch --format csv --column address --input " + (tmp.path / "in.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no such column"));
  EXPECT_THAT(r.err, HasSubstr("2 \"where\""));
  r = RunDoro("batch --format csv --input " + (tmp.path / "in.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--column"));
  r = RunDoro("batch --format csv --column 3 --input " + (tmp.path / "in.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  r = RunDoro("batch --column 1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--format csv or tsv"));
}

TEST(CliBatchFormatTest, AnAnswerColumnNamedLikeAnInputOneIsPrefixed) {
  TempDir tmp;
  std::ofstream(tmp.path / "in.csv") << "input,status\nx,y\n";
  const auto r = RunDoro("batch --format csv --column input --input " + (tmp.path / "in.csv").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("input,status,doro_input,doro_status,"));
}

// The usual Korean Excel export: CP949, told from UTF-8 without a flag.
TEST(CliBatchEncodingTest, Cp949IsDetectedAndConvertedColumnsIncluded) {
  const std::string utf8 = "메모,주소\n경비실,서울 동대문구 왕산로 지하 93\n";
  const auto cp949 = text::Utf8ToCp949(utf8);
  ASSERT_TRUE(cp949);
  TempDir tmp;
  std::ofstream(tmp.path / "in.csv", std::ios::binary) << *cp949;
  for (const std::string flag : {"", "--encoding cp949 "}) {
    const auto r = RunDoro("batch --format csv " + flag + "--input " + (tmp.path / "in.csv").string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, StartsWith("메모,주소,"));
    EXPECT_THAT(r.out, HasSubstr("\n경비실,서울 동대문구 왕산로 지하 93,"));
    EXPECT_THAT(r.out, HasSubstr(",ok,"));
  }
  // Forced UTF-8: the bytes are not, so the label is bad_input (not a crash).
  const auto r = RunDoro("batch --format csv --encoding utf-8 --column 2 --input " + (tmp.path / "in.csv").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("bad_input"));
}

TEST(CliBatchEncodingTest, Cp949LinesAreAnswered) {
  const auto cp949 = text::Utf8ToCp949("서울 동대문구 왕산로 지하 93\n");
  ASSERT_TRUE(cp949);
  TempDir tmp;
  std::ofstream(tmp.path / "in.txt", std::ios::binary) << *cp949;
  const auto r = RunDoro("batch --input " + (tmp.path / "in.txt").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(kAddress));
  EXPECT_THAT(r.out, HasSubstr("\"input\":\"서울 동대문구 왕산로 지하 93\""));
}

TEST(CliBatchEncodingTest, AByteOrderMarkIsSkipped) {
  TempDir tmp;
  std::ofstream(tmp.path / "in.csv", std::ios::binary) << "\xEF\xBB\xBF" << "address,n\n" << "\"" << kLabel << "\",1\n";
  auto r = RunDoro("batch --format csv --input " + (tmp.path / "in.csv").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("address,n,"));  // found by name: the BOM is not part of it
  std::ofstream(tmp.path / "in.txt", std::ios::binary) << "\xEF\xBB\xBF" << kLabel << "\n";
  r = RunDoro("batch --input " + (tmp.path / "in.txt").string());
  EXPECT_THAT(r.out, StartsWith("{\"input\":\"B 93,"));
  EXPECT_THAT(r.out, HasSubstr("\"ok\""));
}

TEST(CliBatchEncodingTest, EmptyLinesKeepTheirPlace) {
  TempDir tmp;
  std::ofstream(tmp.path / "in.txt") << "a\n\n" << kLabel << "\r\n";
  const auto r = RunDoro("batch --input " + (tmp.path / "in.txt").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3);
  EXPECT_THAT(r.out.substr(r.out.rfind("{\"input\"")), HasSubstr(kAddress));
}

}  // namespace
}  // namespace doro::cli
