// District changes as region evidence (data/district_changes.tsv), on small
// hand-made databases: each test states the rows it needs.
#include <gtest/gtest.h>

#include <algorithm>

#include "match/engine.h"
#include "match_test_util.h"

namespace doro {
namespace {

bool Warned(const Answer& a) {
  return std::find(a.warnings.begin(), a.warnings.end(), Warning::kRenamedDistrict) != a.warnings.end();
}

std::unique_ptr<Engine> OpenRows(const testing::TempDir& dir, const std::vector<db::AddressRow>& rows) {
  testing::WriteOfficialFiles(dir.path, rows);
  std::string error;
  auto engine = Engine::Open(dir.path.string(), &error);
  EXPECT_NE(engine, nullptr) << error;
  return engine;
}

// 인천 미추홀구 (남구 until 2018) beside 대구 남구, with one road name and
// number in both.
class NamGuTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = OpenRows(dir_, {
        testing::MakeRow("인천광역시", "미추홀구", "주안동", "2817710100", "281774100001", "주안로", 10),
        testing::MakeRow("대구광역시", "남구", "대명동", "2720010100", "272004100001", "주안로", 10),
        testing::MakeRow("대구광역시", "남구", "대명동", "2720010100", "272004100002", "대명로", 20),
    });
    ASSERT_NE(engine_, nullptr);
  }
  testing::TempDir dir_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(NamGuTest, OldNameBesideItsSidoIsTheNewArea) {
  for (const char* label : {"10, Juan-ro, Nam-gu, Incheon", "인천광역시 남구 주안로 10", "인천 남구 주안로 10",
                            "인천광역시남구 주안로 10"}) {
    const Answer a = engine_->Refine(label);
    ASSERT_TRUE(a.ok()) << label << ": " << a.why;
    EXPECT_EQ(a.address, "인천광역시 미추홀구 주안로 10") << label;
    EXPECT_TRUE(Warned(a)) << label;
  }
}

TEST_F(NamGuTest, ACurrentNamGuKeepsItsAnswerAndNoWarning) {
  for (const char* label : {"10, Juan-ro, Nam-gu, Daegu", "대구 남구 주안로 10", "인천 미추홀구 주안로 10"}) {
    const Answer a = engine_->Refine(label);
    ASSERT_TRUE(a.ok()) << label << ": " << a.why;
    EXPECT_FALSE(Warned(a)) << label;
  }
  EXPECT_EQ(engine_->Refine("대구 남구 주안로 10").address, "대구광역시 남구 주안로 10");
  // A bare 남구 is the 남구 that exists, not the one renamed.
  EXPECT_EQ(engine_->Refine("주안로 10, Nam-gu").address, "대구광역시 남구 주안로 10");
}

TEST_F(NamGuTest, IncheonNamGuNeverAnswersInDaegu) {
  // 대명로 is only in 대구 남구.
  for (const char* label : {"20, Daemyeong-ro, Nam-gu, Incheon", "인천 남구 대명로 20"}) {
    const Answer a = engine_->Refine(label);
    EXPECT_FALSE(a.ok()) << label << " -> " << a.address;
  }
}

// The split of 2026-07-01 seen from an older database: 제물포구 is 인천 중구
// (inland) and 동구, so a label naming it is evidence for both, and the
// road decides; a road and number in both stay ambiguous.
TEST(DistrictSplitTest, NewNameOnAnOlderDatabaseMeansEachPredecessor) {
  testing::TempDir dir;
  auto engine = OpenRows(dir, {
      testing::MakeRow("인천광역시", "중구", "신포동", "2811010100", "281104100001", "신포로", 5),
      testing::MakeRow("인천광역시", "동구", "송현동", "2814010100", "281404100001", "송현로", 7),
      testing::MakeRow("인천광역시", "중구", "신포동", "2811010100", "281104100002", "제물량로", 9),
      testing::MakeRow("인천광역시", "동구", "송현동", "2814010100", "281404100002", "제물량로", 9),
      testing::MakeRow("인천광역시", "서구", "검단동", "2826010100", "282604100001", "검단로", 3),
  });
  ASSERT_NE(engine, nullptr);
  struct Case {
    const char* label;
    const char* address;
  } cases[] = {
      {"인천 제물포구 신포로 5", "인천광역시 중구 신포로 5"},
      {"7, Songhyeon-ro, Jemulpo-gu, Incheon", "인천광역시 동구 송현로 7"},
      {"인천광역시 검단구 검단로 3", "인천광역시 서구 검단로 3"},
  };
  for (const auto& c : cases) {
    const Answer a = engine->Refine(c.label);
    ASSERT_TRUE(a.ok()) << c.label << ": " << a.why;
    EXPECT_EQ(a.address, c.address) << c.label;
    EXPECT_TRUE(Warned(a)) << c.label;
  }
  const Answer both = engine->Refine("인천 제물포구 제물량로 9");
  EXPECT_FALSE(both.ok()) << both.address;
  EXPECT_EQ(both.reason, Reason::kAmbiguous);
  // 검단구 was made of 서구 only: not 중구's road.
  EXPECT_FALSE(engine->Refine("인천 검단구 신포로 5").ok());
}

// 청원군 (merged into 청주시 in 2014; 부용면 into 세종 in 2012) on a database
// of today: evidence for each of the areas that took it over.
TEST(DistrictSplitTest, MergedCountyMeansEachSuccessor) {
  testing::TempDir dir;
  auto engine = OpenRows(dir, {
      testing::MakeRow("충청북도", "청주시 청원구", "오창읍", "4311425300", "431144100001", "오창대로", 11),
      testing::MakeRow("충청북도", "청주시 서원구", "현도면", "4311235000", "431124100001", "현도로", 12),
      testing::MakeRow("세종특별자치시", "", "부강면", "3611035000", "361104100001", "부강로", 13),
      testing::MakeRow("충청북도", "충주시", "성내동", "4313010100", "431304100001", "오창대로", 11),
  });
  ASSERT_NE(engine, nullptr);
  struct Case {
    const char* label;
    const char* address;
  } cases[] = {
      {"충북 청원군 오창읍 오창대로 11", "충청북도 청주시 청원구 오창읍 오창대로 11"},
      {"12, Hyeondo-ro, Cheongwon-gun, Chungcheongbuk-do", "충청북도 청주시 서원구 현도면 현도로 12"},
      {"청원군 부강면 부강로 13", "세종특별자치시 부강면 부강로 13"},
  };
  for (const auto& c : cases) {
    const Answer a = engine->Refine(c.label);
    ASSERT_TRUE(a.ok()) << c.label << ": " << a.why;
    EXPECT_EQ(a.address, c.address) << c.label;
    EXPECT_TRUE(Warned(a)) << c.label;
  }
  // 충주시 was never 청원군.
  const Answer a = engine->Refine("청원군 오창대로 11");
  ASSERT_TRUE(a.ok()) << a.why;
  EXPECT_EQ(a.address, "충청북도 청주시 청원구 오창읍 오창대로 11");
}

// 시도 renamed: 전라북도 -> 전북특별자치도 (2024); the English of 2024's admin
// tables ("Gangwon-do") is no old name.
TEST(DistrictSplitTest, RenamedProvinceWarnsOnItsOldNameOnly) {
  testing::TempDir dir;
  auto engine = OpenRows(dir, {
      testing::MakeRow("전북특별자치도", "전주시 완산구", "중앙동1가", "5211110100", "521114100001", "팔달로", 1),
      testing::MakeRow("강원특별자치도", "춘천시", "중앙로1가", "5111010100", "511104100001", "중앙로", 2),
  });
  ASSERT_NE(engine, nullptr);
  const Answer old_ko = engine->Refine("전라북도 전주시 완산구 팔달로 1");
  ASSERT_TRUE(old_ko.ok()) << old_ko.why;
  EXPECT_TRUE(Warned(old_ko));
  const Answer old_en = engine->Refine("1, Paldal-ro, Wansan-gu, Jeonju-si, Jeollabuk-do");
  ASSERT_TRUE(old_en.ok()) << old_en.why;
  EXPECT_TRUE(Warned(old_en));
  EXPECT_FALSE(Warned(engine->Refine("전북특별자치도 전주시 완산구 팔달로 1")));
  EXPECT_FALSE(Warned(engine->Refine("1, Paldal-ro, Wansan-gu, Jeonju-si, Jeonbuk-do")));
  EXPECT_TRUE(Warned(engine->Refine("강원도 춘천시 중앙로 2")));
  const Answer gangwon = engine->Refine("2, Jungang-ro, Chuncheon-si, Gangwon-do");
  ASSERT_TRUE(gangwon.ok()) << gangwon.why;
  EXPECT_FALSE(Warned(gangwon));
}

}  // namespace
}  // namespace doro
