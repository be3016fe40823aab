// Stage 4: building-number readings.
#include <gtest/gtest.h>

#include <string>

#include "match/numbers.h"
#include "match_test_util.h"

namespace doro::match {
namespace {

// The readings as "main[-sub][B]" joined by spaces, basement as B.
std::string Read(std::string_view label) {
  testing::PreparedLabel p(label);
  NumberReadings r;
  ReadNumbers(p.atoms, RegionEvidence(), &r);
  std::string out;
  for (const auto& n : r.numbers) {
    if (!out.empty()) out += " ";
    out += std::to_string(n.main);
    if (n.sub) out += "-" + std::to_string(n.sub);
    if (n.basement) out += "B";
  }
  return out;
}

TEST(ReadNumbers, PlainSubNumberAndBasement) {
  EXPECT_EQ(Read("93, Wangsan-ro"), "93");
  EXPECT_EQ(Read("15-25 Samil-daero"), "15-25 15") << "both readings; the DB decides";
  EXPECT_EQ(Read("B93 Wangsan-ro"), "93B");
  EXPECT_EQ(Read("B, 93, Wangsan-ro"), "93B");
  EXPECT_EQ(Read("93B Wangsan-ro"), "93B");
  EXPECT_EQ(Read("지하 300 세종대로"), "300B");
  EXPECT_EQ(Read("G/F 160 Sejong-daero"), "160B");
}

TEST(ReadNumbers, UnitsFloorsAndRoadPartsAreNotBuildings) {
  EXPECT_EQ(Read("Apt. 101-dong 1203-ho"), "");
  EXPECT_EQ(Read("Seoul #302"), "");
  EXPECT_EQ(Read("3F"), "");
  EXPECT_EQ(Read("Suite 529"), "");
  EXPECT_EQ(Read("Samil-daero 30-gil"), "");
  EXPECT_EQ(Read("삼일대로 30번길"), "");
  EXPECT_EQ(Read("101동 1203호"), "");
}

TEST(ReadNumbers, AFieldBoundaryEndsAUnitWordsClaim) {
  EXPECT_EQ(Read("12, Dong"), "12");
  EXPECT_EQ(Read("12 Dong-gu"), "12") << "the 구 named 동, not block 12";
}

TEST(ReadNumbers, FiveDigitsAreAlsoPostalCodes) {
  testing::PreparedLabel p("Seoul 04524 110 Sejong-daero");
  NumberReadings r;
  ReadNumbers(p.atoms, RegionEvidence(), &r);
  ASSERT_EQ(r.zips.size(), 1u);
  EXPECT_EQ(r.zips[0], 4524u);
  EXPECT_EQ(r.numbers.size(), 2u) << "and, now and then, a long building number";
  EXPECT_TRUE(r.AdjacentTo(3, 5)) << "110 stands before sejong daero";
  EXPECT_FALSE(r.AdjacentTo(4, 5));
}

TEST(ReadNumbers, OldSixDigitPostcodesAreNotBuildingNumbers) {
  EXPECT_EQ(Read("(700-809) Dalgubeol-daero 851"), "851");
  EXPECT_EQ(Read("700-809 Dalgubeol-daero 851"), "700-809 851") << "700-809 may be a building; 700 is not";
  EXPECT_EQ(Read("Dalgubeol-daero 851, 700809"), "851");
  testing::PreparedLabel p("(151-742) 1, Gwanak-ro");
  NumberReadings r;
  ReadNumbers(p.atoms, RegionEvidence(), &r);
  ASSERT_EQ(r.zips.size(), 1u);
  EXPECT_EQ(r.zips[0], 151742u);
}

TEST(ReadNumbers, ASubNumberIsKeptOrTheReadingIsPartial) {
  testing::PreparedLabel p("113-99 Saenae-ro, 15-1203 Jochiwon-ro");
  NumberReadings r;
  ReadNumbers(p.atoms, RegionEvidence(), &r);
  ASSERT_EQ(r.numbers.size(), 4u);
  EXPECT_TRUE(r.numbers[1].partial) << "113 for 113-99 never makes the answer";
  EXPECT_TRUE(r.numbers[3].dropped_sub);
  EXPECT_FALSE(r.numbers[3].partial) << "1203 reads as a unit: 15 may be the building";
}

TEST(ReadNumbers, AFloorWordTakesOnlyItsOwnNumber) {
  EXPECT_EQ(Read("3rd floor 31-15, Gukchaebosang-ro"), "31-15 31");
  EXPECT_EQ(Read("3 floor 31, Gukchaebosang-ro"), "") << "a bare 3 may be a building's own number";
  EXPECT_EQ(Read("Daehak-ro 100 Apt 201"), "100");
  EXPECT_EQ(Read("floor, 31 Gukchaebosang-ro"), "31") << "a comma ends the claim";
  EXPECT_EQ(Read("floor 31 Gukchaebosang-ro"), "");
}

TEST(ReadNumbers, BasementMarkersBeforeOrAfterTheNumber) {
  EXPECT_EQ(Read("127 지하 Seosomun-ro"), "127B");
  EXPECT_EQ(Read("127 Underground, Seosomun-ro"), "127B");
  EXPECT_EQ(Read("B1 127 Seosomun-ro"), "1B 127B");
  EXPECT_EQ(Read("Seosomun-ro 127, 지하1층"), "127") << "지하1층 is a floor";
}

TEST(ReadNumbers, PostcodeWordsClaimOnlyPostcodes) {
  EXPECT_EQ(Read("Zip 34141, 291 Daehak-ro"), "291");
  EXPECT_EQ(Read("Zip | 60-10, Gyebaek-ro"), "60-10 60");
  EXPECT_EQ(Read("postal 189 Cheongsa-ro"), "189");
}

TEST(ReadNumbers, PartsAfterAHyphenBelongToTheNumberBefore) {
  EXPECT_EQ(Read("Tel 042-869-2114, 291 Daehak-ro"), "291");
  EXPECT_EQ(Read("Daehak-ro 291, 042-869-2114"), "291") << "three groups: a phone number";
  EXPECT_EQ(Read("Daehak-ro 291, 03-123-4567"), "291");
  EXPECT_EQ(Read("Daehak-ro 99, 101-302호"), "99") << "a 동 and a 호";
}

TEST(ReadNumbers, DigitsOfARegionNameAreNotBuildingNumbers) {
  auto db = testing::SmallDatabase();
  RegionFinder finder(*db);
  RegionFinder::Scratch scratch;
  testing::PreparedLabel p("Suite 529, 449, Toegye-ro, Hoehyeon-dong 1(il)-ga, Jung-gu");
  RegionEvidence ev;
  finder.Find(p.atoms, &scratch, &ev);
  NumberReadings r;
  ReadNumbers(p.atoms, ev, &r);
  ASSERT_EQ(r.numbers.size(), 1u);
  EXPECT_EQ(r.numbers[0].main, 449u);
}

}  // namespace
}  // namespace doro::match
