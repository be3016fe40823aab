// Building names: Korean with spacing and endings free, English through the
// translation table; one building of the name answers, several are
// ambiguous, and a road the label states is never overruled.
#include <gtest/gtest.h>

#include "match/engine.h"
#include "match_test_util.h"

namespace doro {
namespace {

db::AddressRow Named(db::AddressRow r, std::string name) {
  r.building_name = std::move(name);
  return r;
}

class NameTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::WriteOfficialFiles(
        dir_.path,
        {
            Named(testing::MakeRow("세종특별자치시", "", "반곡동", "3611011500", "361104000100", "달빛1로", 251), "세종국제고등학교"),
            Named(testing::MakeRow("세종특별자치시", "", "조치원읍", "3611025032", "361103000189", "세종로", 2439), "조치원소방서"),
            Named(testing::MakeRow("세종특별자치시", "", "조치원읍", "3611025032", "361103000189", "세종로", 2639), "홍익대학교세종캠퍼스"),
            Named(testing::MakeRow("대전광역시", "동구", "판암동", "3011011300", "301104000010", "판암로", 12), "한신아파트"),
            Named(testing::MakeRow("대전광역시", "서구", "둔산동", "3017011200", "301704000020", "둔산로", 40), "한신아파트"),
        });
    std::string error;
    engine_ = Engine::Open(dir_.path.string(), &error);
    ASSERT_NE(engine_, nullptr) << error;
  }
  testing::TempDir dir_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(NameTest, KoreanAndEnglishNamesFindTheirBuilding) {
  const struct {
    const char* label;
    const char* address;
  } cases[] = {
      {"세종국제고등학교", "세종특별자치시 달빛1로 251"},
      {"세종 국제고등학교, 세종시", "세종특별자치시 달빛1로 251"},
      {"Sejong International High School, Sejong", "세종특별자치시 달빛1로 251"},
      {"홍익대학교 세종캠퍼스", "세종특별자치시 조치원읍 세종로 2639"},
      {"Hongik University Sejong Campus", "세종특별자치시 조치원읍 세종로 2639"},
      {"Jochiwon Fire Station, Sejong", "세종특별자치시 조치원읍 세종로 2439"},
      {"대전 동구 한신 APT", "대전광역시 동구 판암로 12"},
      {"Hansin Apartment, Dong-gu, Daejeon", "대전광역시 동구 판암로 12"},
  };
  for (const auto& c : cases) {
    const Answer a = engine_->Refine(c.label);
    ASSERT_TRUE(a.ok()) << c.label << ": " << ReasonName(a.reason) << " " << a.why;
    EXPECT_EQ(a.address, c.address) << c.label;
    EXPECT_FALSE(a.parts.building_name.empty()) << c.label;
  }
}

TEST_F(NameTest, ANameOfSeveralBuildingsIsAmbiguousUnlessTheRegionPicksOne) {
  EXPECT_EQ(engine_->Refine("한신아파트, 대전").reason, Reason::kAmbiguous);
  EXPECT_TRUE(engine_->Refine("한신아파트, 대전 서구").ok());
  // A name of another region is not this one's.
  EXPECT_FALSE(engine_->Refine("한신아파트, 부산").ok());
}

TEST_F(NameTest, ARoadTheLabelStatesIsNeverOverruled) {
  // 세종로 exists, 100 does not: no_building, whatever the name says.
  EXPECT_EQ(engine_->Refine("세종로 100, 조치원소방서, 세종").reason, Reason::kNoBuilding);
  const Answer a = engine_->Refine("세종로 2639, 조치원소방서, 세종");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.address, "세종특별자치시 조치원읍 세종로 2639");
}

TEST_F(NameTest, PlaceNamesAreNotBuildingNames) {
  EXPECT_EQ(engine_->Refine("Jochiwon-eup, Sejong").reason, Reason::kNoRoad);
}

}  // namespace
}  // namespace doro
