// Lot (지번) labels: a 법정동 or 리 beside a lot number, in Korean or English,
// with the related-lot file read beside the address file, through the
// compiled index too.
#include <gtest/gtest.h>

#include "db/database.h"
#include "db/index_file.h"
#include "match/engine.h"
#include "match_test_util.h"

namespace doro {
namespace {

using testing::MakeRow;
using testing::WithLot;

std::vector<db::AddressRow> LotRows() {
  return {
      // 대전 동구 판암동 15-3: one building; 판암동 20: two addresses.
      WithLot(MakeRow("대전광역시", "동구", "판암동", "3011011300", "301104000010", "판암로", 12), "", false, 15, 3),
      WithLot(MakeRow("대전광역시", "동구", "판암동", "3011011300", "301104000010", "판암로", 20), "", false, 20),
      WithLot(MakeRow("대전광역시", "동구", "판암동", "3011011300", "301104000011", "판암동로", 5), "", false, 20),
      // The same 동 name in another district: never read for 동구.
      WithLot(MakeRow("대전광역시", "서구", "판암동", "3017011300", "301704000010", "서판암로", 7), "", false, 15, 3),
      // 신안리 in two 읍/면 of 세종, a mountain lot, and a lot of a campus.
      WithLot(MakeRow("세종특별자치시", "", "조치원읍", "3611025032", "361103000189", "세종로", 2639), "신안리", false, 300),
      WithLot(MakeRow("세종특별자치시", "", "전의면", "3611034021", "361103000300", "전의로", 55), "신안리", false, 300),
      WithLot(MakeRow("세종특별자치시", "", "조치원읍", "3611025032", "361103000190", "신안길", 9), "신안리", true, 12, 1),
  };
}

class LotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::RelatedLotRow related;
    related.mgmt_no = "x";
    related.legal_code = "3611025032";
    related.sido = "세종특별자치시";
    related.emd = "조치원읍";
    related.ri = "신안리";
    related.jibun_main = 301;
    related.road_code = "361103000189";
    related.main = 2639;
    testing::WriteOfficialFiles(dir_.path, LotRows(), {related});
    std::string error;
    engine_ = Engine::Open(dir_.path.string(), &error);
    ASSERT_NE(engine_, nullptr) << error;
  }
  testing::TempDir dir_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(LotTest, LotWithOneBuildingIsItsRoadAddress) {
  for (const char* label : {"15-3 Panam-dong, Dong-gu, Daejeon", "대전 동구 판암동 15-3", "대전광역시 동구 판암동 15-3번지",
                            "Panam-dong 15-3 Dong-gu Daejeon Korea"}) {
    const Answer a = engine_->Refine(label);
    ASSERT_TRUE(a.ok()) << label << ": " << a.why;
    EXPECT_EQ(a.address, "대전광역시 동구 판암로 12") << label;
    EXPECT_EQ(a.parts.jibun, "대전광역시 동구 판암동 15-3") << label;
    EXPECT_EQ(a.parts.lot_main, 15u);
    EXPECT_EQ(a.parts.lot_sub, 3u);
    EXPECT_EQ(a.parts.legal_code, "3011011300");
  }
}

TEST_F(LotTest, SeveralAddressesOnALotAreAmbiguousAndAMissingLotIsNoBuilding) {
  const Answer several = engine_->Refine("대전 동구 판암동 20");
  EXPECT_EQ(several.reason, Reason::kAmbiguous);
  EXPECT_EQ(several.candidates.size(), 2u);
  EXPECT_EQ(engine_->Refine("대전 동구 판암동 99").reason, Reason::kNoBuilding);
  // A 동 the named district lacks: nothing.
  EXPECT_FALSE(engine_->Refine("대전 중구 판암동 15-3").ok());
}

TEST_F(LotTest, RiLotsByTheirEupMyeonAndMountainLots) {
  Answer a = engine_->Refine("300 Sinan-ri, Jochiwon-eup, Sejong");
  ASSERT_TRUE(a.ok()) << a.why;
  EXPECT_EQ(a.address, "세종특별자치시 조치원읍 세종로 2639");
  EXPECT_EQ(a.parts.ri, "신안리");
  EXPECT_EQ(a.parts.jibun, "세종특별자치시 조치원읍 신안리 300");
  EXPECT_EQ(a.parts.legal_code, "3611025032");
  // Without the 읍/면, 신안리 300 is two places.
  EXPECT_EQ(engine_->Refine("세종 신안리 300").reason, Reason::kAmbiguous);
  a = engine_->Refine("세종 조치원읍 신안리 산 12-1");
  ASSERT_TRUE(a.ok()) << a.why;
  EXPECT_EQ(a.address, "세종특별자치시 조치원읍 신안길 9");
  EXPECT_TRUE(a.parts.mountain);
  EXPECT_EQ(a.parts.jibun, "세종특별자치시 조치원읍 신안리 산 12-1");
  // Not a mountain lot: 12-1 without 산 does not exist.
  EXPECT_EQ(engine_->Refine("세종 조치원읍 신안리 12-1").reason, Reason::kNoBuilding);
}

TEST_F(LotTest, RelatedLotFileIsRead) {
  const Answer a = engine_->Refine("세종 조치원읍 신안리 301");
  ASSERT_TRUE(a.ok()) << a.why;
  EXPECT_EQ(a.address, "세종특별자치시 조치원읍 세종로 2639");
  // The answer's own lot stays the representative one.
  EXPECT_EQ(a.parts.jibun, "세종특별자치시 조치원읍 신안리 300");
  EXPECT_EQ(engine_->report().related_lots, 1u);
}

TEST_F(LotTest, RoadAndLotOnOneLabel) {
  // Both agree: the road answers, no warning.
  Answer a = engine_->Refine("세종로 2639 (신안리 300), 조치원읍, 세종");
  ASSERT_TRUE(a.ok()) << a.why;
  EXPECT_TRUE(a.warnings.empty());
  // They disagree: the road stated stands, and the label is flagged.
  a = engine_->Refine("세종로 2639 (신안리 301-5), 조치원읍, 세종");
  ASSERT_TRUE(a.ok()) << a.why;
  EXPECT_EQ(a.address, "세종특별자치시 조치원읍 세종로 2639");
  ASSERT_EQ(a.warnings.size(), 1u);
  EXPECT_EQ(a.warnings[0], Warning::kLotMismatch);
  // A 동 name inside a road's name is the road's: no lot read from it.
  EXPECT_FALSE(engine_->Refine("15-3, Panamdong-ro, Dong-gu, Daejeon").ok());
}

TEST_F(LotTest, LotsSurviveTheCompiledIndex) {
  LoadReport report;
  std::string error;
  auto db = db::Database::Load(dir_.path.string(), &report, &error);
  ASSERT_NE(db, nullptr) << error;
  const std::string index = (dir_.path / "lots.doroidx").string();
  ASSERT_TRUE(db::IndexFile::Write(*db, report, index, &error)) << error;
  auto mapped = Engine::Open(index, &error);
  ASSERT_NE(mapped, nullptr) << error;
  for (const char* label : {"15-3 Panam-dong, Dong-gu, Daejeon", "세종 조치원읍 신안리 301", "대전 동구 판암동 20"}) {
    const Answer x = engine_->Refine(label), y = mapped->Refine(label);
    EXPECT_EQ(x.reason, y.reason) << label;
    EXPECT_EQ(x.address, y.address) << label;
    EXPECT_EQ(x.parts.jibun, y.parts.jibun) << label;
  }
}

TEST(RelatedLotRow, ParsesTheOfficialLayoutAndRefusesOthers) {
  db::RelatedLotRow r;
  std::string why;
  ASSERT_TRUE(db::ParseRelatedLotRow(
      "36110250300018900263900000|3611025032|세종특별자치시||조치원읍|신안리|0|301|2|361103000189|0|2639|0|31", &r, &why))
      << why;
  EXPECT_EQ(r.ri, "신안리");
  EXPECT_EQ(r.jibun_main, 301);
  EXPECT_EQ(r.jibun_sub, 2);
  EXPECT_EQ(r.main, 2639);
  EXPECT_EQ(db::FormatRelatedLotRow(r),
            "36110250300018900263900000|3611025032|세종특별자치시||조치원읍|신안리|0|301|2|361103000189|0|2639|0|31");
  EXPECT_FALSE(db::ParseRelatedLotRow("a|b|c", &r, &why));
  EXPECT_EQ(why, "expected 14 fields, got 3");
  EXPECT_FALSE(db::ParseRelatedLotRow("x|1|세종특별자치시||조치원읍||0|0|0|361103000189|0|2639|0|31", &r, &why));
}

}  // namespace
}  // namespace doro
