// The RFC 4180 reader and writer behind `doro batch --format csv|tsv`.
#include "cli/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace doro::cli {
namespace {

using ::testing::ElementsAre;

std::vector<CsvRecord> Read(std::string_view bytes, char delimiter = ',') {
  CsvReader r(delimiter);
  std::vector<CsvRecord> out;
  r.Feed(bytes, &out);
  r.Finish(&out);
  return out;
}

TEST(CsvReaderTest, PlainFieldsAndLineEndings) {
  EXPECT_THAT(Read("a,b,c\r\n1,2,3\n4,5,6"),
              ElementsAre(ElementsAre("a", "b", "c"), ElementsAre("1", "2", "3"), ElementsAre("4", "5", "6")));
}

TEST(CsvReaderTest, QuotedFieldsHoldDelimitersQuotesAndLineBreaks) {
  EXPECT_THAT(Read("id,address\n17,\"B 93, Wangsan-ro\"\n18,\"say \"\"hi\"\"\"\n19,\"two\r\nlines\"\n"),
              ElementsAre(ElementsAre("id", "address"), ElementsAre("17", "B 93, Wangsan-ro"),
                          ElementsAre("18", "say \"hi\""), ElementsAre("19", "two\r\nlines")));
}

TEST(CsvReaderTest, EmptyFieldsAreKept) {
  EXPECT_THAT(Read(",x,\n\"\",,\n"), ElementsAre(ElementsAre("", "x", ""), ElementsAre("", "", "")));
}

TEST(CsvReaderTest, BlankLinesAreNoRecords) {
  EXPECT_THAT(Read("a\n\n\nb\n\n"), ElementsAre(ElementsAre("a"), ElementsAre("b")));
}

TEST(CsvReaderTest, TabDelimited) {
  EXPECT_THAT(Read("a\tb,c\t\"d\te\"\n", '\t'), ElementsAre(ElementsAre("a", "b,c", "d\te")));
}

// A pipe hands bytes over in pieces: a record is complete only at its end,
// wherever the pieces are cut.
TEST(CsvReaderTest, FedByteByByteGivesTheSameRecords) {
  const std::string text = "id,address\r\n17,\"B 93, \"\"x\"\"\r\nWangsan-ro\"\r\n18,y\r\n";
  CsvReader r(',');
  std::vector<CsvRecord> out;
  std::vector<size_t> counts;
  for (const char c : text) {
    r.Feed(std::string_view(&c, 1), &out);
    counts.push_back(out.size());
  }
  r.Finish(&out);
  EXPECT_EQ(out, Read(text));
  // The first record is handed out at its CR, not before.
  EXPECT_EQ(counts[9], 0u);
  EXPECT_EQ(counts[10], 1u);
}

TEST(CsvReaderTest, UnterminatedQuoteIsReportedAndKept) {
  CsvReader r(',');
  std::vector<CsvRecord> out;
  r.Feed("a,\"open\nstill", &out);
  EXPECT_TRUE(out.empty());
  r.Finish(&out);
  EXPECT_TRUE(r.unterminated_quote());
  EXPECT_THAT(out, ElementsAre(ElementsAre("a", "open\nstill")));
}

TEST(CsvReaderTest, TextAfterAClosingQuoteIsKept) {
  EXPECT_THAT(Read("\"ab\"c,d\n"), ElementsAre(ElementsAre("abc", "d")));
}

TEST(CsvWriterTest, QuotesOnlyWhatNeedsIt) {
  std::string out;
  AppendCsvRecord({"17", "B 93, Wangsan-ro", "say \"hi\"", "two\nlines", " spaced "}, ',', &out);
  EXPECT_EQ(out, "17,\"B 93, Wangsan-ro\",\"say \"\"hi\"\"\",\"two\nlines\", spaced \n");
  out.clear();
  AppendCsvRecord({"a,b", "c\td"}, '\t', &out);
  EXPECT_EQ(out, "a,b\t\"c\td\"\n");
}

TEST(CsvWriterTest, WhatIsWrittenReadsBackTheSame) {
  const CsvRecord record = {"", "x,y", "\"", "\r\n", "plain", "서울특별시 동대문구"};
  for (const char d : {',', '\t'}) {
    std::string out;
    AppendCsvRecord(record, d, &out);
    EXPECT_THAT(Read(out, d), ElementsAre(record));
  }
}

}  // namespace
}  // namespace doro::cli
